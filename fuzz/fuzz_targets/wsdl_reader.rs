//! Fuzz target `wsdl_reader`: see `soap_fuzz::wsdl`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| soap_fuzz::wsdl::run(data));
