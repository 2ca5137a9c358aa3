//! Interoperability with SOAP stacks nobody here wrote: Python zeep and node `soap`, on all
//! 33 operations (28 of `CustomerService`, 5 of `SoPrincipal`), in both directions, with two
//! value sets each (`samples::interop`; `tests/interop/values.json` spells the same values
//! for the peers).
//!
//! - zeep calls our generated servers (`tests/interop/zeep_client.py call`): our
//!   implementations check every request (body and headers) and answer rich values, which
//!   zeep checks.
//! - Our generated clients call node `soap` (`tests/interop/soap_server.js`), which checks
//!   every request and answers known values; we check every field of every response.
//! - The request envelopes we write equal zeep's for the same values, and the responses we
//!   write equal node `soap`'s, after canonicalization and the adjustments listed in
//!   `tests/interop/DIVERGENCES.md`.
//! - zeep and node `soap` load the WSDL from our server's `?wsdl` URL and call it.
//! - rpc/encoded: zeep and node `soap` call our generated server of the `rpc_encoded`
//!   fixture, and our generated client calls node `soap` serving it.
//!
//! Needs `bash tests/interop/run.sh` (a venv with zeep, `npm ci`); without them every test
//! fails saying so. Run with `cargo test -p tests --features interop --test interop`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail by panicking.

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use soap_runtime::envelope::write_envelope;
use soap_runtime::error::TransportError;
use soap_runtime::operation::OperationInfo;
use soap_runtime::{
    Error, HttpTransport, Request, Response, ServerConfig, SimpleValue as _, Transport,
};
use superoffice_services87::customer_service::{self as cs, CustomerService as _};
use superoffice_services87::so_principal::{self as sp, SoPrincipal as _};
use tests::canonical::{self, Child, Node};
use tests::fakes::{self, BodyFormat, show_cs_headers, show_sp_headers};
use tests::net::{CS_PATH, SP_PATH, serve};

use samples::interop as values;

use values::Set;

type CsRequestHeaders = cs::CustomerServiceRequestHeaders;
type CsResponseHeaders = cs::CustomerServiceResponseHeaders;
type SpRequestHeaders = sp::SoPrincipalRequestHeaders;
type SpResponseHeaders = sp::SoPrincipalResponseHeaders;

const WSA: &str = "http://www.w3.org/2005/08/addressing";

mod calls;
mod encoded;
mod peers;
mod servers;
mod writing;
mod wsdl_url;

use calls::*;
use servers::*;
