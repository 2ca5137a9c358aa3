//! The generated code and the codec, one test binary: the generator's fixtures compiled and
//! exercised, SuperOffice's published examples of every operation, random round trips of
//! every generated type, and bad input to the reader.
//!
//! One binary links the large generated crate once for all of them; filter by module, e.g.
//! `cargo test -p tests --test codec fixtures::`.

mod bad_input;
mod conformance;
pub mod fixtures;
mod roundtrip;
