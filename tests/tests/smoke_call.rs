//! Smoke test of the call layer (to be replaced by the full suite).
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail by panicking.

use soap_runtime::{HttpServer, Request, Response, ServerConfig};
use superoffice_services87::customer_service as cs;
use superoffice_services87::common::SoCredentials;

struct Fake;

impl cs::CustomerService for Fake {
    async fn session_is_valid(&self, request: Request<cs::SessionIsValid, cs::CustomerServiceRequestHeaders>) -> Result<Response<cs::SessionIsValidResponse, cs::CustomerServiceResponseHeaders>, soap_runtime::Error> {
        let ticket = request.headers().credentials.as_ref().and_then(|c| c.ticket.clone());
        let ok = ticket.as_deref() == Some("T1") && request.body().cs_session_key.as_deref() == Some("k");
        Ok(Response::new(cs::SessionIsValidResponse { response: Some(ok) }))
    }
}

#[tokio::test]
async fn session_is_valid_over_http_and_in_process() {
    use cs::CustomerService as _;
    let server = HttpServer::bind("127.0.0.1:0", cs::CustomerServiceServer::new(Fake), ServerConfig::default())
        .await
        .unwrap();
    let mut client = cs::CustomerServiceClient::new(server.url("/Remote/Services87/CustomerService.svc")).unwrap();
    client.default_headers_mut().credentials = Some(SoCredentials { ticket: Some("T1".into()) });
    let response = client
        .session_is_valid(Request::new(cs::SessionIsValid { cs_session_key: Some("k".into()) }))
        .await
        .unwrap();
    assert_eq!(response.body().response, Some(true));
    let error = client
        .get_mailboxes(Request::new(cs::GetMailboxes {}))
        .await
        .unwrap_err();
    assert!(error.to_string().contains("not implemented"), "{error}");

    let local = cs::CustomerServiceClient::with_transport("inproc:", soap_runtime::InProcessTransport::new(cs::CustomerServiceServer::new(Fake)));
    let response = local
        .session_is_valid(Request::new(cs::SessionIsValid { cs_session_key: Some("k".into()) }))
        .await
        .unwrap();
    assert_eq!(response.body().response, Some(false));
    server.shutdown().await;
}
