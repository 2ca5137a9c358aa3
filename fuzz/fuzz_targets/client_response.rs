//! Fuzz target `client_response`: see `soap_fuzz::client`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| soap_fuzz::client::run(data));
