//! Property test: every generated type survives write → read unchanged.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail by panicking.

use proptest::prelude::any;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use soap_runtime::codec::{from_xml_as, to_xml_as};

const NS: &str = "urn:roundtrip";

/// Runs `cases` random values of `T` through the real writer and reader.
fn round_trips<T>(name: &str, cases: u32) -> Result<(), String>
where
    T: soap_runtime::XmlType + proptest::arbitrary::Arbitrary + PartialEq + std::fmt::Debug,
{
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&any::<T>(), |value| {
            let xml = to_xml_as(&value, NS, "value")
                .map_err(|e| TestCaseError::fail(format!("write: {e}")))?;
            let back: T = from_xml_as(&xml, NS, "value").map_err(|e| {
                TestCaseError::fail(format!("read: {e}\n{}", String::from_utf8_lossy(&xml)))
            })?;
            if back != value {
                return Err(TestCaseError::fail(format!(
                    "read back differs:\n{value:?}\n{back:?}\n{}",
                    String::from_utf8_lossy(&xml)
                )));
            }
            Ok(())
        })
        .map_err(|e| format!("{name}: {e}"))
}

/// Round-trips every type it is shown.
#[derive(Default)]
struct RoundTrips {
    types: usize,
    failures: Vec<String>,
}

impl soap_runtime::visit::TypeVisitor for RoundTrips {
    fn visit<T>(&mut self, path: &'static str)
    where
        T: soap_runtime::XmlType + proptest::arbitrary::Arbitrary + PartialEq + std::fmt::Debug,
    {
        self.types += 1;
        if let Err(e) = round_trips::<T>(path, 48) {
            self.failures.push(e);
        }
    }
}

#[test]
fn every_generated_type_round_trips() {
    let mut check = RoundTrips::default();
    superoffice_services87::__visit_types(&mut check);
    let RoundTrips { types, failures } = check;
    assert!(types >= 3000, "only {types} generated types were listed");
    assert!(
        failures.is_empty(),
        "{} of {types} types failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
