//! rpc/encoded: zeep and node `soap` call the generated server of the `rpc_encoded` fixture
//! (wsdl/fixtures/rpc_encoded) over HTTP. Our server reads their requests (the encoded
//! header, unqualified as both write it) and answers a SOAP-encoded response: `xsi:type` on
//! every element, `soapenc:Array`s of structs, strings and ints, a nil; they print what they
//! read of it.

use std::process::Command;

use super::*;
use soap_runtime::HttpServer;

// Generated code, of which this test uses the server side.
#[allow(dead_code, unreachable_pub)]
mod inventory {
    include!("../../../wsdl/fixtures/rpc_encoded/expected.rs");
}

use inventory::{
    FindItemsRequest, FindItemsResponse, InventoryPortType, InventoryPortTypeRequestHeaders,
    InventoryPortTypeServer, Item, Status, Summary,
};

/// Answers two items and a summary; fails the call unless the request is the one both
/// peers send.
struct Shop;

impl InventoryPortType for Shop {
    async fn find_items(
        &self,
        request: Request<FindItemsRequest, InventoryPortTypeRequestHeaders>,
    ) -> Result<Response<FindItemsResponse, ()>, Error> {
        let ticket = request.headers().ticket.clone();
        let body = request.into_inner();
        if (body.query.as_str(), body.limit, ticket.as_deref()) != ("red & small", 2, Some("t-7")) {
            return Err(Error::Fault(Box::new(soap_runtime::Fault::new(
                soap_runtime::operation::SoapVersion::Soap11,
                soap_runtime::fault::FaultBlame::Sender,
                format!("unexpected request {body:?} with ticket {ticket:?}"),
            ))));
        }
        Ok(Response::new(answer(None)))
    }
}

/// The fixture's WSDL, which the peers read.
fn fixture_wsdl() -> std::path::PathBuf {
    peers::interop_dir().join("../../wsdl/fixtures/rpc_encoded/service.wsdl")
}

/// What both sides answer: two items and a summary with `note`.
fn answer(note: Option<&str>) -> FindItemsResponse {
    let tags = vec!["red".to_owned(), "small".to_owned()];
    FindItemsResponse {
        items: vec![
            Item {
                sku: "A-1".into(),
                quantity: 3,
                price: 9.5,
                tags: tags.clone(),
            },
            Item {
                sku: "B-2".into(),
                quantity: 0,
                price: 12.25,
                tags,
            },
        ],
        summary: Summary {
            status: Status::Partial,
            counts: vec![1, 2, 3],
            note: note.map(str::to_owned),
        },
    }
}

/// Runs `command` with the fixture's WSDL and our server's endpoint; what it printed.
async fn call_with(mut command: Command, peer: &str) -> Vec<String> {
    let server = HttpServer::bind(
        "127.0.0.1:0",
        InventoryPortTypeServer::new(Shop),
        ServerConfig::default(),
    )
    .await
    .unwrap();
    let wsdl = fixture_wsdl();
    command.arg(wsdl).arg(server.url("/inventory.php"));
    let finished =
        tokio::task::spawn_blocking(move || peers::run(command, Duration::from_secs(60)))
            .await
            .unwrap();
    finished.assert_success(peer);
    server.shutdown().await;
    finished.stdout.lines().map(str::to_owned).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zeep_calls_our_rpc_encoded_server() {
    let mut command = Command::new(peers::python());
    command.arg(peers::interop_dir().join("encoded_client.py"));
    let lines = call_with(command, "zeep").await;
    assert_eq!(
        lines,
        [
            "item A-1 3 9.5 red,small",
            "item B-2 0 12.25 red,small",
            "summary partial 1,2,3 nil",
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn node_soap_calls_our_rpc_encoded_server() {
    let mut command = Command::new(peers::node());
    command.arg(peers::interop_dir().join("encoded_client.js"));
    let lines = call_with(command, "node soap").await;
    assert_eq!(
        lines,
        [
            "item A-1 3 9.5 red,small",
            "item B-2 0 12.25 red,small",
            // node `soap` leaves out an element with xsi:nil="true".
            "summary partial 1,2,3 undefined",
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_rpc_encoded_client_calls_node_soap() {
    let wsdl = fixture_wsdl();
    let server = tokio::task::spawn_blocking(move || {
        peers::NodeServer::start_script("encoded_server.js", &[wsdl.into()])
    })
    .await
    .unwrap();
    let client = inventory::InventoryPortTypeClient::new(format!(
        "http://127.0.0.1:{}/inventory.php",
        server.port
    ))
    .unwrap();
    let mut request: Request<_, InventoryPortTypeRequestHeaders> = Request::new(FindItemsRequest {
        query: "red & small".into(),
        limit: 2,
    });
    request.headers_mut().ticket = Some("t-7".into());
    let outcome = client.find_items(request).await;
    let (_, stderr) = tokio::task::spawn_blocking(move || server.stop())
        .await
        .unwrap();
    let got = outcome
        .unwrap_or_else(|e| panic!("node soap answered {e}; its stderr:\n{stderr}"))
        .into_inner();
    assert_eq!(got, answer(Some("from node")));
}
