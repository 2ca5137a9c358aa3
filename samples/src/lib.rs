//! The SuperOffice sample values, built by hand, in one place: what the integration tests,
//! the fuzz targets, the benchmarks and the interop suite send and expect.
//!
//! Each consumer keeps its own value set, so its tests keep their meaning; the sets share
//! the building blocks of [`builders`] where they build the same things.
//!
//! - [`builders`]: date-times from their parts, text that needs escaping, and values of
//!   the generated types the call-layer and interop tests both use.
//! - [`call_layer`]: every operation's request and response, and the headers, of the
//!   call-layer tests.
//! - [`interop`]: the two value sets (`A` rich, `B` sparse) of the interop suite.
//! - [`fuzz`]: the fuzzed server's fixed answers and the seeds of the fuzz corpora.
//! - [`bench`](mod@bench): the benchmarks' payloads.

pub mod bench;
pub mod builders;
pub mod call_layer;
pub mod fuzz;
pub mod interop;
