//! The call layer end to end, over real HTTP on 127.0.0.1 with ephemeral ports.
//!
//! - Every one of the 33 operations (28 of `CustomerService`, 5 of `SoPrincipal`) goes
//!   through the generated client to a server implementation that checks the body and the
//!   headers it received (default headers set once on the client, overridden per call for some
//!   operations) and answers with nested types, arrays with nil items, dictionaries, flag sets,
//!   unknown enumeration values, dates with fractions and offsets, doubles and bytes, plus
//!   response headers; the caller checks all of it.
//! - The in-process transport gives the same responses, and the same faults, as HTTP.
//! - The implementation sees the HTTP request: peer address, headers, extensions.
//! - 100 concurrent calls through one client all get their own answers.
//! - SOAP 1.2 requests are answered in SOAP 1.2; requests without a SOAP action are routed by
//!   their body element; the generated client sends SOAP 1.1 with a quoted `SOAPAction`.
//!
//! Expected values are spelled out by the functions of `values` (`samples::call_layer`). A
//! fake server builds the value it answers with the same function the test uses for the value
//! it expects, so every comparison is between a value that crossed the wire and a freshly
//! built one.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail by panicking.

use std::fmt::Debug;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use soap_runtime::envelope::{Body, Envelope, read_envelope};
use soap_runtime::error::TransportError;
use soap_runtime::fault::{FaultBlame, SOAP11_ENV_NS, SOAP12_ENV_NS};
use soap_runtime::operation::{OperationInfo, SoapVersion};
use soap_runtime::types::QName;
use soap_runtime::xml::ReaderConfig;
use soap_runtime::{
    Client, Error, Fault, HttpServer, HttpTransport, InProcessTransport, Request, Response,
    ServerConfig, Transport, XmlType,
};
use superoffice_services87::common::{SoCredentials, SoTimeZone};
use superoffice_services87::customer_service::{self as cs, CustomerService as _};
use superoffice_services87::namespaces::SERVICES87 as NS;
use superoffice_services87::so_principal::{self as sp, SoPrincipal as _};
use tests::canonical;
use tests::fakes::{self, BodyFormat, show_cs_headers, show_sp_headers};
use tests::net::{CS_PATH, SP_PATH, content_type, post, serve};
use tokio::task::JoinSet;

use samples::call_layer as values;

type CsRequest<T> = Request<T, cs::CustomerServiceRequestHeaders>;
type CsResult<T> = Result<Response<T, cs::CustomerServiceResponseHeaders>, Error>;
type CsClient<T> = cs::CustomerServiceClient<T>;
type SpClient<T> = sp::SoPrincipalClient<T>;

mod concurrency;
mod http_context;
mod operations;
mod protocol;
mod servers;
mod wire;

use servers::*;
use wire::*;

// ---- Clients and servers the tests share ----

fn cs_http_client(server: &HttpServer) -> CsClient<HttpTransport> {
    let mut client = CsClient::new(server.url(CS_PATH)).unwrap();
    let defaults = values::cs_default_headers();
    client.default_headers_mut().application_token = defaults.application_token;
    client.default_headers_mut().credentials = defaults.credentials;
    client.default_headers_mut().time_zone = defaults.time_zone;
    client
}

fn sp_http_client(server: &HttpServer) -> SpClient<HttpTransport> {
    let mut client = SpClient::new(server.url(SP_PATH)).unwrap();
    client.default_headers_mut().application_token = Some(values::SP_DEFAULT_TOKEN.to_owned());
    client
}

async fn serve_cs(service: impl cs::CustomerService + 'static) -> HttpServer {
    serve(
        cs::CustomerServiceServer::new(service),
        ServerConfig::default(),
    )
    .await
}

async fn serve_sp(service: impl sp::SoPrincipal + 'static) -> HttpServer {
    serve(sp::SoPrincipalServer::new(service), ServerConfig::default()).await
}
