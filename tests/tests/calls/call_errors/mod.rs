//! Every error kind of a SOAP call, produced for real over HTTP on 127.0.0.1 (ephemeral
//! ports) and checked by its variant and content: transport failures (closed port, timeout),
//! HTTP errors without a SOAP body, SOAP 1.1 and 1.2 faults, service-reported failures
//! (`Succeeded = false` with an `ExceptionInfo`), decode errors, the server's answers to
//! oversized, misrouted and malformed requests and to failing implementations; and that
//! secrets stay out of `Debug` output, error messages and `tracing` logs.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail by panicking.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use soap_runtime::envelope::{Body, read_envelope};
use soap_runtime::fault::{FaultBlame, SOAP11_ENV_NS, SOAP12_ENV_NS};
use soap_runtime::operation::SoapVersion;
use soap_runtime::types::{AnyElement, AnyNode, AnyXml, QName};
use soap_runtime::xml::ReaderConfig;
use soap_runtime::{
    Error, Fault, HttpConfig, HttpServer, HttpTransport, Request, Response, ServerConfig,
    TransportErrorKind,
};
use superoffice_services87::common::{SoCredentials, SoExceptionInfo};
use superoffice_services87::customer_service::{self as cs, CustomerService as _};
use superoffice_services87::so_principal::{self as sp, SoPrincipal as _};
use tests::net::{
    CS_PATH, SP_PATH, closed_port, content_type, post, read_message, serve, soap11_post_head,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const APP_NS: &str = "urn:example:app";

const TICKET: &str = "TICKET-7f3c9e21-SECRET";
const APP_TOKEN: &str = "APPTOKEN-55aa0c-SECRET";
const PASSWORD: &str = "PASSWORD-hunter2-SECRET";
const SECRETS: [&str; 3] = [TICKET, APP_TOKEN, PASSWORD];

type CsResult<T> = Result<Response<T, cs::CustomerServiceResponseHeaders>, Error>;
type SpResult<T> = Result<Response<T, sp::SoPrincipalResponseHeaders>, Error>;

mod client_side;
mod decode_errors;
mod secrets;
mod server_side;
mod servers;

use servers::*;
