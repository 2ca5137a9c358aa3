//! SuperOffice's published request and response examples for every operation of the 56
//! Services87 services decode through the paths real calls take: each request through the
//! server's request path and each response through the client's response path (both
//! `envelope::read_envelope` with the default `ReaderConfig`), headers included. Each decoded
//! value is written back with `envelope::write_envelope` and must decode to an equal value;
//! how many written bodies are also canonically the example's XML is counted and printed.
//!
//! One test walks every manifest and every generated operation (`visit_operations`): an
//! operation missing on either side, or an example that fails and is not listed in
//! `tests/conformance/exceptions.toml` with the path and kind of its error, fails it; so does
//! a listed exception that passes now. It prints the counts.
//!
//! The examples are documentation, not captured traffic: SOAP 1.2 envelopes (read as such)
//! and request headers directly under `Envelope`, which the test moves into a `Header`
//! element before decoding; the runtime is not bent to accept them.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail by panicking.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;

use soap_runtime::codec::to_xml_as;
use soap_runtime::envelope::{Body, read_envelope, write_envelope};
use soap_runtime::operation::{ElementName, OperationInfo};
use soap_runtime::types::{DateTime, FlagSet};
use soap_runtime::xml::{DecodeError, ReaderConfig};
use soap_runtime::{HeaderSet, OperationVisitor, XmlType};
use superoffice_services87::common::SoCredentials;
use superoffice_services87::customer_service as cs;
use superoffice_services87::so_principal as sp;
use tests::canonical::{self, Node};
use tests::examples::{self, Direction, ExampleFiles, Exception};
use tests::shared;

mod field_by_field;

/// The start of every Services87 SOAP action; the service and the operation follow.
const ACTION_PREFIX: &str = "http://www.superoffice.net/ws/crm/NetServer/Services87/";

/// Why an example does not pass.
#[derive(Debug, Clone)]
struct Failure {
    /// The decode error's element path and kind, when decoding the example failed.
    decode: Option<(String, String)>,
    message: String,
}

impl Failure {
    fn new(message: impl Into<String>) -> Self {
        Failure {
            decode: None,
            message: message.into(),
        }
    }

    fn decode(error: &DecodeError) -> Self {
        Failure {
            decode: Some((error.path().to_owned(), kind_name(error))),
            message: format!("does not decode: {error}"),
        }
    }
}

/// The name of a decode error's kind, such as `InvalidValue`.
fn kind_name(error: &DecodeError) -> String {
    format!("{:?}", error.kind())
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect()
}

/// An example that decoded and survived its round trip.
struct Checked<H, B> {
    headers: H,
    body: B,
    /// How what was written back compares with the example.
    written: Written,
}

/// How the XML written back from a decoded example compares with the example, canonically.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Written {
    /// The same.
    Same,
    /// The same once elements with `xsi:nil` or without content are left out of both: the
    /// example spells an optional element without a value, which is not written back.
    SameButEmpty(String),
    /// Different; the first difference.
    Different(String),
}

/// The canonical `xsi:nil="true"` attribute.
const XSI_NIL: &str = "{http://www.w3.org/2001/XMLSchema-instance}nil=\"true\"";

/// `node` without the descendants that carry `xsi:nil="true"` or have no content (once
/// their own such descendants are left out): the ways the examples spell an optional
/// element without a value.
fn without_empty(node: &Node) -> Node {
    let children = node
        .children
        .iter()
        .filter_map(|child| match child {
            canonical::Child::Element(element) => {
                let element = without_empty(element);
                let empty = element.attributes.iter().any(|a| a == XSI_NIL)
                    || (element.children.is_empty() && element.attributes.is_empty());
                (!empty).then_some(canonical::Child::Element(element))
            }
            text => Some(text.clone()),
        })
        .collect();
    Node {
        name: node.name.clone(),
        attributes: node.attributes.clone(),
        children,
    }
}

/// The canonical `Header` children and `Body` element of an envelope.
fn envelope_parts(xml: &[u8]) -> Result<(Vec<Node>, Node), String> {
    let envelope = canonical::parse(xml)?;
    let headers = envelope
        .child("Header")
        .map(|header| header.elements().cloned().collect())
        .unwrap_or_default();
    let body = envelope
        .child("Body")
        .and_then(|body| body.elements().next())
        .cloned()
        .ok_or("no body element")?;
    Ok((headers, body))
}

/// A canonical element holding `children`, to compare lists of elements.
fn holder(children: &[Node]) -> Node {
    Node {
        name: "envelope".to_owned(),
        attributes: Vec::new(),
        children: children
            .iter()
            .cloned()
            .map(canonical::Child::Element)
            .collect(),
    }
}

/// The first line where the pretty `Debug` forms of `a` and `b` differ, with its neighbours.
fn first_difference(a: &impl Debug, b: &impl Debug) -> String {
    let (a, b) = (format!("{a:#?}"), format!("{b:#?}"));
    let (a, b): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let at = a
        .iter()
        .zip(&b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    let around = |lines: &[&str]| lines[at.saturating_sub(3)..(at + 2).min(lines.len())].join("\n");
    format!(
        "line {}:\n{}\n--- became ---\n{}",
        at + 1,
        around(&a),
        around(&b)
    )
}

/// Decodes one example as `element` with headers `H` and body `B` exactly as the server (for
/// a request) or the client (for a response) does, writes the value back, decodes that and
/// compares. Every header element of the example must have been read.
fn check_example<H, B>(raw: &[u8], element: &ElementName) -> Result<Checked<H, B>, Failure>
where
    H: HeaderSet + PartialEq + Debug,
    B: XmlType + PartialEq + Debug,
{
    let config = ReaderConfig::default();
    let xml = examples::move_headers_into_header(raw)
        .map_err(|e| Failure::new(format!("is not an envelope: {e}")))?;
    let envelope =
        read_envelope::<H, B>(&xml, element, &config).map_err(|e| Failure::decode(&e))?;
    let Body::Element(body) = envelope.body else {
        return Err(Failure::new("is a fault"));
    };
    let headers = envelope.headers;
    let written = write_envelope(envelope.version, &headers, element, &body)
        .map_err(|e| Failure::new(format!("cannot be written back: {e}")))?;
    let again = read_envelope::<H, B>(&written, element, &config).map_err(|e| {
        Failure::new(format!(
            "written back, does not decode: {e}\n{}",
            String::from_utf8_lossy(&written)
        ))
    })?;
    let Body::Element(body_again) = again.body else {
        return Err(Failure::new("written back, reads as a fault"));
    };
    if body_again != body {
        return Err(Failure::new(format!(
            "the body changes on a round trip: {}",
            first_difference(&body, &body_again)
        )));
    }
    if again.headers != headers {
        return Err(Failure::new(format!(
            "the headers change on a round trip: {}",
            first_difference(&headers, &again.headers)
        )));
    }

    let (example_headers, example_body) =
        envelope_parts(&xml).map_err(|e| Failure::new(format!("canonical form: {e}")))?;
    let (written_headers, written_body) = envelope_parts(&written)
        .map_err(|e| Failure::new(format!("canonical form of what was written: {e}")))?;
    let written_names: BTreeSet<&str> = written_headers.iter().map(|h| h.name.as_str()).collect();
    if let Some(unread) = example_headers
        .iter()
        .find(|h| !written_names.contains(h.name.as_str()))
    {
        return Err(Failure::new(format!("header {} was not read", unread.name)));
    }
    let (example, written) = (
        holder(&[&example_headers[..], &[example_body]].concat()),
        holder(&[&written_headers[..], &[written_body]].concat()),
    );
    let written = match canonical::difference(&example, &written) {
        None => Written::Same,
        Some(difference) => {
            match canonical::difference(&without_empty(&example), &without_empty(&written)) {
                None => Written::SameButEmpty(difference),
                Some(difference) => Written::Different(difference),
            }
        }
    };
    Ok(Checked {
        headers,
        body,
        written,
    })
}

/// The service (its examples' folder) and operation a SOAP action names.
fn service_of(op: &OperationInfo) -> Result<&'static str, String> {
    let rest = op
        .soap_action
        .strip_prefix(ACTION_PREFIX)
        .ok_or_else(|| format!("{}: SOAP action {:?}", op.name, op.soap_action))?;
    match rest.split_once('/') {
        Some((service, name)) if name == op.name => Ok(service),
        _ => Err(format!(
            "{}: SOAP action {:?} names another operation",
            op.name, op.soap_action
        )),
    }
}

/// What happened to one example.
struct Outcome {
    service: String,
    operation: String,
    direction: Direction,
    /// How what was written back compares, when it passed.
    result: Result<Written, Failure>,
}

/// Checks every operation `visit_operations` reports against its service's examples.
struct Walk {
    manifests: BTreeMap<String, BTreeMap<String, ExampleFiles>>,
    visited: BTreeSet<(String, String)>,
    outcomes: Vec<Outcome>,
    problems: Vec<String>,
}

impl Walk {
    fn check<H, B>(
        &mut self,
        service: &str,
        op: &OperationInfo,
        files: &ExampleFiles,
        direction: Direction,
        element: &ElementName,
    ) where
        H: HeaderSet + PartialEq + Debug,
        B: XmlType + PartialEq + Debug,
    {
        let raw = shared::example(service, files.of(direction));
        let result = check_example::<H, B>(&raw, element).map(|checked| checked.written);
        self.outcomes.push(Outcome {
            service: service.to_owned(),
            operation: op.name.to_owned(),
            direction,
            result,
        });
    }
}

impl OperationVisitor for Walk {
    fn visit<Req, ReqH, Resp, RespH>(&mut self, op: &'static OperationInfo)
    where
        Req: XmlType + PartialEq + Debug + 'static,
        ReqH: HeaderSet + PartialEq + Debug + 'static,
        Resp: XmlType + PartialEq + Debug + 'static,
        RespH: HeaderSet + PartialEq + Debug + 'static,
    {
        let service = match service_of(op) {
            Ok(service) => service,
            Err(problem) => {
                self.problems.push(problem);
                return;
            }
        };
        if !self
            .visited
            .insert((service.to_owned(), op.name.to_owned()))
        {
            self.problems
                .push(format!("{service}.{}: generated twice", op.name));
            return;
        }
        let Some(files) = self
            .manifests
            .get(service)
            .and_then(|operations| operations.get(op.name))
            .cloned()
        else {
            self.problems.push(format!(
                "{service}.{}: generated but in no manifest",
                op.name
            ));
            return;
        };
        self.check::<ReqH, Req>(service, op, &files, Direction::Request, &op.input);
        match &op.output {
            Some(output) => {
                self.check::<RespH, Resp>(service, op, &files, Direction::Response, output)
            }
            None => self.outcomes.push(Outcome {
                service: service.to_owned(),
                operation: op.name.to_owned(),
                direction: Direction::Response,
                result: Err(Failure::new(
                    "the operation is one-way, but its manifest lists a response example",
                )),
            }),
        }
    }
}

#[test]
fn every_operation_has_passing_examples() {
    let mut problems = Vec::new();
    let mut manifests = BTreeMap::new();
    for service in examples::services() {
        match examples::operations(&service) {
            Ok(operations) => {
                manifests.insert(service, operations);
            }
            Err(problem) => problems.push(problem),
        }
    }
    let mut walk = Walk {
        manifests,
        visited: BTreeSet::new(),
        outcomes: Vec::new(),
        problems,
    };
    superoffice_services87::visit_operations(&mut walk);
    let Walk {
        manifests,
        visited,
        outcomes,
        mut problems,
    } = walk;
    for (service, operations) in &manifests {
        for operation in operations.keys() {
            if !visited.contains(&(service.clone(), operation.clone())) {
                problems.push(format!(
                    "{service}.{operation}: in the manifest but not generated"
                ));
            }
        }
    }

    let exceptions = examples::exceptions().unwrap_or_else(|e| panic!("{e}"));
    let mut listed: BTreeMap<(&str, &str, Direction), &Exception> = BTreeMap::new();
    for exception in &exceptions {
        let key = (
            exception.service.as_str(),
            exception.operation.as_str(),
            exception.direction,
        );
        if listed.insert(key, exception).is_some() {
            problems.push(format!(
                "{}.{} {}: listed twice in the exceptions",
                key.0,
                key.1,
                key.2.as_str()
            ));
        }
    }

    let mut passed: BTreeMap<Direction, usize> = BTreeMap::new();
    let mut canonical_equal: BTreeMap<Direction, usize> = BTreeMap::new();
    let mut equal_but_empty: BTreeMap<Direction, usize> = BTreeMap::new();
    let mut differences = Vec::new();
    let mut known = 0;
    for outcome in &outcomes {
        let name = format!(
            "{}.{} {}",
            outcome.service,
            outcome.operation,
            outcome.direction.as_str()
        );
        let exception = listed.remove(&(
            outcome.service.as_str(),
            outcome.operation.as_str(),
            outcome.direction,
        ));
        match (&outcome.result, exception) {
            (Ok(written), None) => {
                *passed.entry(outcome.direction).or_default() += 1;
                match written {
                    Written::Same => *canonical_equal.entry(outcome.direction).or_default() += 1,
                    Written::SameButEmpty(difference) => {
                        *equal_but_empty.entry(outcome.direction).or_default() += 1;
                        differences.push(format!("{name}: {difference}"));
                    }
                    Written::Different(difference) => {
                        differences.push(format!("{name}: {difference} (beyond empty elements)"));
                    }
                }
            }
            (Ok(_), Some(_)) => problems.push(format!(
                "{name}: passes now; remove it from {}",
                examples::exceptions_file().display()
            )),
            (Err(failure), Some(exception)) => match &failure.decode {
                Some((path, kind)) if *path == exception.path && *kind == exception.kind => {
                    known += 1;
                }
                _ => problems.push(format!(
                    "{name}: listed as failing with {} at {}, but {}",
                    exception.kind, exception.path, failure.message
                )),
            },
            (Err(failure), None) => problems.push(format!("{name}: {}", failure.message)),
        }
    }
    for ((service, operation, direction), _) in listed {
        problems.push(format!(
            "{service}.{operation} {}: listed in the exceptions, but no such example was checked",
            direction.as_str()
        ));
    }

    let operations = visited.len();
    let count = |counts: &BTreeMap<Direction, usize>, direction| {
        counts.get(&direction).copied().unwrap_or(0)
    };
    let summary = format!(
        "conformance: {operations} operations, requests {}/{operations}, responses {}/{operations} \
         ({known} known exceptions listed in tests/conformance/exceptions.toml); written back \
         canonically equal to the example: requests {}/{operations}, responses {}/{operations}; \
         equal but for optional elements with xsi:nil or no content, which are not written \
         back: requests {}, responses {}",
        count(&passed, Direction::Request),
        count(&passed, Direction::Response),
        count(&canonical_equal, Direction::Request),
        count(&canonical_equal, Direction::Response),
        count(&equal_but_empty, Direction::Request),
        count(&equal_but_empty, Direction::Response),
    );
    println!("{summary}");
    if std::env::var_os("CONFORMANCE_DIFFERENCES").is_some() {
        for difference in &differences {
            println!("{difference}");
        }
    }
    assert!(
        problems.is_empty(),
        "{summary}\n{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
