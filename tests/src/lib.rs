//! Helpers for the integration tests: a canonical XML comparison, and access to the
//! published SuperOffice examples in `../shared/conformance`.

pub mod canonical;
pub mod shared;

#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
