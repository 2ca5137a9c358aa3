//! `GET <path>?wsdl`: zeep and node `soap` load the WSDL from our server's URL, find our
//! address in it (not the one the WSDL was published with), and call an operation there.
//! The server is the generated `SoPrincipal` adapter mounted in an axum router at its path.

use std::net::SocketAddr;
use std::process::Command;

use tokio::net::TcpListener;

use super::*;

/// A `SoPrincipal` whose `GetSystemInfo` answers a known warning text.
struct Info;

const WARNING: &str = "served by the generated adapter";

impl sp::SoPrincipal for Info {
    async fn get_system_info(
        &self,
        _request: Request<sp::GetSystemInfo, SpRequestHeaders>,
    ) -> Result<Response<sp::GetSystemInfoResponse, SpResponseHeaders>, Error> {
        Ok(Response::new(sp::GetSystemInfoResponse {
            system_info: Some(sp::SoSystemInfoCarrier {
                warning_english: Some(WARNING.to_owned()),
                ..Default::default()
            }),
        }))
    }
}

/// Serves `SoPrincipal` in an axum router; its endpoint URL.
async fn serve_in_axum() -> String {
    let server = sp::SoPrincipalServer::new(Info);
    let path = server.path();
    let app = axum::Router::new().route_service(path, server);
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{addr}{path}")
}

/// Runs `command` (a peer given `{endpoint}?wsdl`) and checks that it called `endpoint`
/// and read the answer.
async fn check_peer(mut command: Command, endpoint: String, peer: &str) {
    command.arg(format!("{endpoint}?wsdl"));
    let finished =
        tokio::task::spawn_blocking(move || peers::run(command, Duration::from_secs(60)))
            .await
            .unwrap();
    finished.assert_success(peer);
    let lines: Vec<&str> = finished.stdout.lines().collect();
    assert_eq!(
        lines,
        [format!("address {endpoint}"), format!("warning {WARNING}")],
        "{peer} said:\n{}\n{}",
        finished.stdout,
        finished.stderr
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zeep_loads_the_wsdl_from_our_server_and_calls_it() {
    let mut command = Command::new(peers::python());
    command.arg(peers::interop_dir().join("wsdl_from_url.py"));
    check_peer(command, serve_in_axum().await, "zeep").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn node_soap_loads_the_wsdl_from_our_server_and_calls_it() {
    let mut command = Command::new(peers::node());
    command.arg(peers::interop_dir().join("wsdl_from_url.js"));
    check_peer(command, serve_in_axum().await, "node soap").await;
}
