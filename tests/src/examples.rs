//! SuperOffice's published examples as the conformance test walks them: every service's
//! operations with their example files, the envelope fix-up for the examples' header quirk,
//! and the list of known exceptions (`tests/conformance/exceptions.toml`).

use std::collections::BTreeMap;
use std::path::PathBuf;

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;

use crate::shared;

/// The directions of an operation, each with its own example.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// The request, decoded as the server does.
    Request,
    /// The response, decoded as the client does.
    Response,
}

impl Direction {
    /// `request` or `response`, as in file names and the exceptions file.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Request => "request",
            Direction::Response => "response",
        }
    }
}

/// The example files of one operation, as its service's `manifest.json` lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFiles {
    /// The request example's file name.
    pub request: String,
    /// The response example's file name.
    pub response: String,
}

impl ExampleFiles {
    /// The file of `direction`.
    pub fn of(&self, direction: Direction) -> &str {
        match direction {
            Direction::Request => &self.request,
            Direction::Response => &self.response,
        }
    }
}

/// The directory holding one folder of examples per service.
fn services_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("conformance/Services87")
}

/// Every service with examples (the folders under `tests/conformance/Services87`), sorted.
pub fn services() -> Vec<String> {
    let dir = services_dir();
    let entries =
        std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    let mut services: Vec<String> = entries
        .map(|entry| entry.unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display())))
        .filter(|entry| entry.path().join("manifest.json").is_file())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    services.sort_unstable();
    services
}

/// The operations a service's `manifest.json` lists, with their example files; an error
/// names an operation listed without both files.
pub fn operations(service: &str) -> Result<BTreeMap<String, ExampleFiles>, String> {
    let path = shared::conformance_dir(service).join("manifest.json");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let manifest: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{} is not JSON: {e}", path.display()))?;
    let listed = manifest["operations"]
        .as_array()
        .ok_or_else(|| format!("{} has no operations array", path.display()))?;
    let mut operations = BTreeMap::new();
    for operation in listed {
        let name = operation["name"]
            .as_str()
            .ok_or_else(|| format!("{}: an operation without a name", path.display()))?;
        let file = |direction: &str| {
            operation["files"][direction]
                .as_str()
                .map(str::to_owned)
                .ok_or_else(|| format!("{service}.{name}: no {direction} example listed"))
        };
        let files = ExampleFiles {
            request: file("request")?,
            response: file("response")?,
        };
        if operations.insert(name.to_owned(), files).is_some() {
            return Err(format!("{service}.{name} is listed twice"));
        }
    }
    Ok(operations)
}

/// Fixes the examples' header quirk: elements they place directly under `Envelope`, before
/// `Body`, are wrapped in a `Header` element of the envelope's namespace, written with the
/// envelope's own prefix so that every namespace binding stays as it was. An envelope that
/// has a `Header`, or nothing before its `Body`, is returned unchanged.
pub fn move_headers_into_header(xml: &[u8]) -> Result<Vec<u8>, String> {
    let text = std::str::from_utf8(xml).map_err(|e| e.to_string())?;
    let mut reader = quick_xml::NsReader::from_str(text);
    let mut envelope: Option<(String, String, usize)> = None;
    let mut first_header = None;
    loop {
        let before = offset(reader.buffer_position());
        let (ns, event) = reader.read_resolved_event().map_err(|e| e.to_string())?;
        let ns = match ns {
            ResolveResult::Bound(ns) => ns.0.to_owned(),
            _ => String::new(),
        };
        let (start, empty) = match event {
            Event::Start(start) => (start, false),
            Event::Empty(start) => (start, true),
            Event::End(_) | Event::Eof => return Err("the envelope has no Body".to_owned()),
            _ => continue,
        };
        let qname = start.name().0.to_owned();
        let local = start.local_name().into_inner().to_owned();
        let Some((envelope_name, envelope_ns, content_at)) = &envelope else {
            if empty || local != "Envelope" {
                return Err(format!("the root is <{qname}>, not a SOAP envelope"));
            }
            envelope = Some((qname, ns, offset(reader.buffer_position())));
            continue;
        };
        if ns == *envelope_ns && local == "Header" {
            return Ok(xml.to_vec());
        }
        if ns == *envelope_ns && local == "Body" {
            let Some(_) = first_header else {
                return Ok(xml.to_vec());
            };
            let header = match envelope_name.split_once(':') {
                Some((prefix, _)) => format!("{prefix}:Header"),
                None => "Header".to_owned(),
            };
            let (head, rest) = text.split_at(*content_at);
            let (headers, body) = rest.split_at(before - content_at);
            return Ok(format!("{head}<{header}>{headers}</{header}>{body}").into_bytes());
        }
        first_header.get_or_insert(before);
        if !empty {
            reader
                .read_to_end(start.name())
                .map_err(|e| e.to_string())?;
        }
    }
}

fn offset(position: u64) -> usize {
    usize::try_from(position).unwrap_or(usize::MAX)
}

/// The file listing the examples that break their own WSDL in a way the reader does not
/// tolerate.
pub fn exceptions_file() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("conformance/exceptions.toml")
}

/// One example that does not decode, and why that is right.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exception {
    /// The service (its folder under `tests/conformance/Services87`).
    pub service: String,
    /// The operation.
    pub operation: String,
    /// Which of its examples.
    pub direction: Direction,
    /// The element path decoding stops at, as the decode error names it.
    pub path: String,
    /// The kind of the decode error (`DecodeErrorKind` variant name).
    pub kind: String,
    /// The rule of the WSDL the example breaks.
    pub rule: String,
}

/// The exceptions file: a list of `[[exception]]` tables.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ExceptionsFile {
    #[serde(default)]
    exception: Vec<Exception>,
}

/// Reads the exceptions file.
pub fn exceptions() -> Result<Vec<Exception>, String> {
    let path = exceptions_file();
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    parse_exceptions(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Parses the exceptions file; an unknown or missing key is an error rather than silently
/// misread.
pub fn parse_exceptions(text: &str) -> Result<Vec<Exception>, String> {
    toml::from_str::<ExceptionsFile>(text)
        .map(|file| file.exception)
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_directly_under_the_envelope_move_into_a_header() {
        let xml =
            br#"<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" xmlns:s="urn:s">
  <s:Token>t</s:Token>
  <s:Credentials><s:Ticket>x</s:Ticket></s:Credentials>
 <e:Body><s:Op/></e:Body></e:Envelope>"#;
        let moved = String::from_utf8(move_headers_into_header(xml).unwrap()).unwrap();
        assert_eq!(
            moved,
            r#"<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" xmlns:s="urn:s"><e:Header>
  <s:Token>t</s:Token>
  <s:Credentials><s:Ticket>x</s:Ticket></s:Credentials>
 </e:Header><e:Body><s:Op/></e:Body></e:Envelope>"#
        );
        for unchanged in [
            &br#"<e:Envelope xmlns:e="urn:e"><e:Header><t/></e:Header><e:Body/></e:Envelope>"#[..],
            br#"<Envelope xmlns="urn:e"> <Body><x/></Body></Envelope>"#,
        ] {
            assert_eq!(move_headers_into_header(unchanged).unwrap(), unchanged);
        }
        assert!(move_headers_into_header(b"<html/>").is_err());
    }

    #[test]
    fn exceptions_parse_strictly() {
        let text = r#"# comment
[[exception]]
service = "S"
operation = "Op"
direction = "response"
path = "/Envelope/Body/OpResponse/Response/int"
kind = "NilNotAllowed"
rule = "a \"quoted\" rule"
"#;
        let parsed = parse_exceptions(text).unwrap();
        assert_eq!(parsed.len(), 1);
        assert_eq!(parsed[0].direction, Direction::Response);
        assert_eq!(parsed[0].rule, r#"a "quoted" rule"#);
        assert!(parse_exceptions("service = \"S\"").is_err());
        assert!(parse_exceptions(&text.replace("kind", "sort")).is_err());
        assert!(parse_exceptions(&text.replace("\"response\"", "\"sideways\"")).is_err());
        assert!(parse_exceptions(&text.replace("rule = ", "# rule = ")).is_err());
    }
}
