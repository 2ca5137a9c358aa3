//! The generated Services87 crate, one test binary: SuperOffice's published examples of
//! every operation, and random round trips of every generated type. Apart from the
//! fixtures' binary (`codec`) so the two compile side by side; filter by module, e.g.
//! `cargo test -p tests --test services87 conformance::`.

mod conformance;
mod roundtrip;
