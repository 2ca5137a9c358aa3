//! SOAP calls end to end, one test binary: every operation through the generated clients and
//! servers over HTTP and in-process, every error kind a call can end in, how the client
//! meets a failing network, and the client's HTTP settings (mutual TLS, authentication,
//! proxies, a reqwest client of one's own), and both sides in axum and under tower layers.
//!
//! One binary links the large generated crate once for all of them; filter by module, e.g.
//! `cargo test -p tests --test calls call_errors::`.

mod call_errors;
mod call_layer;
mod client_config;
mod client_resilience;
mod tower_stack;
