//! The generator's fixtures compiled and exercised, and bad input to the reader, one test
//! binary; filter by module, e.g. `cargo test -p tests --test codec fixtures::`.

mod bad_input;
pub mod fixtures;
