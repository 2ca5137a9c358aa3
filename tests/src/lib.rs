//! Helpers for the integration tests: a canonical XML comparison, access to the published
//! SuperOffice examples in `tests/conformance` (and how the conformance test walks them),
//! values built by hand, what the fake servers share, and the network side of the HTTP
//! tests.

pub mod canonical;
pub mod examples;
pub mod fakes;
pub mod net;
pub mod shared;

/// Values built by hand, shared with fuzzing, the benchmarks and the interop suite.
pub use samples::builders;

#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
