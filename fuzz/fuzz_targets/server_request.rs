//! Fuzz target `server_request`: see `soap_fuzz::server`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| soap_fuzz::server::run(data));
