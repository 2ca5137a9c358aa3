//! XML writer for generated encoders: namespaces by URI with prefixes chosen on the fly,
//! escaping, and a check that every character can be carried by XML 1.0.
//!
//! A namespace is declared once, on the root element, when the first element or attribute
//! that needs it is written (as WCF declares its namespaces near the root): the declaration
//! is inserted into the root's start tag, so it is in scope for the rest of the document and
//! repeated items of another namespace (`<a:int>` in an `ArrayOfint`) reuse it. Past
//! [`ROOT_DECLARATIONS`] such namespaces, each further one is declared on the element that
//! needs it, in scope for that element's subtree, so a document of many namespaces is not
//! moved once per namespace. Start tags stay open until content arrives, so empty elements
//! are written as `<p:x/>` and attributes can be added after [`XmlWriter::start`].

use super::chars::is_ncname;
use super::error::{EncodeError, EncodeErrorKind};
use super::reader::XSI_NS;

/// The namespace bound to the `xml` prefix in every document.
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// How many namespaces the writer declares on the root element after its start tag was
/// closed; each such declaration moves what was written after that tag.
pub const ROOT_DECLARATIONS: usize = 32;

#[derive(Debug, Clone)]
struct Binding {
    uri: String,
    prefix: String,
    /// Depth of the element that declared it.
    depth: usize,
    /// Whether the `xmlns` attribute has been written (declarations made before the root
    /// element wait for it).
    written: bool,
}

#[derive(Debug, Clone, Copy)]
struct OpenElement {
    /// Offset of this element's qualified name in `names`.
    name_start: usize,
}

/// Writes an XML document into a byte buffer.
#[derive(Debug, Clone, Default)]
pub struct XmlWriter {
    out: Vec<u8>,
    bindings: Vec<Binding>,
    open: Vec<OpenElement>,
    /// Qualified names of the open elements, back to back.
    names: String,
    start_tag_open: bool,
    next_prefix: usize,
    has_unwritten: bool,
    /// Where the root element's start tag ends in `out` (the offset of its `>`), once it
    /// is closed: declarations hoisted to the root are inserted there.
    root_tag_end: Option<usize>,
    /// How many declarations were inserted into the root's closed start tag.
    hoisted: usize,
    /// Whether [`XmlWriter::declare`] has bound a prefix that was already bound: only then
    /// can a binding be shadowed, since the writer's own prefixes are fresh.
    prefix_rebound: bool,
    /// Elements carry the `xsi:type` of their value's schema type (SOAP encoding).
    xsi_types: bool,
}

impl XmlWriter {
    /// Creates a writer with an empty buffer.
    pub fn new() -> Self {
        Self::default()
    }

    /// From now on, every element written with [`XmlWriter::element`] whose type has a
    /// schema name ([`crate::XmlType::XSI_TYPE`]) carries it as `xsi:type`, as SOAP
    /// section 5 encoding wants.
    pub fn write_xsi_types(&mut self, on: bool) {
        self.xsi_types = on;
    }

    /// Whether elements carry `xsi:type` (see [`XmlWriter::write_xsi_types`]).
    pub fn writes_xsi_types(&self) -> bool {
        self.xsi_types
    }

    /// Creates a writer that appends to `out`.
    pub fn with_buffer(out: Vec<u8>) -> Self {
        XmlWriter {
            out,
            ..Self::default()
        }
    }

    /// Writes the `<?xml version="1.0" encoding="utf-8"?>` declaration.
    pub fn declaration(&mut self) {
        self.out
            .extend_from_slice(b"<?xml version=\"1.0\" encoding=\"utf-8\"?>");
    }

    /// The bytes written so far.
    pub fn as_bytes(&self) -> &[u8] {
        &self.out
    }

    /// Returns the buffer; all elements should be closed.
    pub fn into_inner(self) -> Vec<u8> {
        self.out
    }

    /// The path of the element being written, for error messages.
    pub fn path(&self) -> String {
        let mut path = String::new();
        for (i, element) in self.open.iter().enumerate() {
            let end = self
                .open
                .get(i + 1)
                .map_or(self.names.len(), |e| e.name_start);
            let qualified = self.names.get(element.name_start..end).unwrap_or("");
            path.push('/');
            path.push_str(qualified.rsplit(':').next().unwrap_or(qualified));
        }
        path
    }

    fn error(&self, kind: EncodeErrorKind) -> EncodeError {
        EncodeError::new(kind, self.path())
    }

    /// Declares `prefix` for `uri` on the element whose start tag is open or, before the root
    /// element, on the root. Use it to choose prefixes, as an envelope does.
    pub fn declare(&mut self, prefix: &str, uri: &str) -> Result<(), EncodeError> {
        let before_root = self.open.is_empty();
        if !self.start_tag_open && !before_root {
            return Err(self.error(EncodeErrorKind::Misuse(
                "namespace declared after the start tag was closed",
            )));
        }
        self.prefix_rebound |= self.bindings.iter().any(|b| b.prefix == prefix);
        self.bindings.push(Binding {
            uri: uri.to_owned(),
            prefix: prefix.to_owned(),
            depth: self.open.len().max(1),
            written: !before_root,
        });
        self.has_unwritten |= before_root;
        if !before_root {
            self.write_xmlns(prefix, uri)?;
        }
        Ok(())
    }

    fn write_xmlns(&mut self, prefix: &str, uri: &str) -> Result<(), EncodeError> {
        self.out.extend_from_slice(b" xmlns:");
        self.out.extend_from_slice(prefix.as_bytes());
        self.out.extend_from_slice(b"=\"");
        self.escape(uri, true)?;
        self.out.push(b'"');
        Ok(())
    }

    /// The innermost binding of `uri` whose prefix no inner binding rebinds.
    #[inline]
    fn find_prefix(&self, uri: &str) -> Option<usize> {
        let i = self.bindings.iter().rposition(|b| b.uri == uri)?;
        if self.prefix_rebound {
            self.unshadowed_binding(uri, i)
        } else {
            Some(i)
        }
    }

    /// The innermost binding of `uri`, at or before `innermost`, whose prefix no inner binding
    /// rebinds.
    #[cold]
    fn unshadowed_binding(&self, uri: &str, innermost: usize) -> Option<usize> {
        let shadowed = |i: usize| {
            let prefix = &self.bindings[i].prefix;
            self.bindings[i + 1..].iter().any(|b| &b.prefix == prefix)
        };
        (0..=innermost)
            .rev()
            .find(|&j| self.bindings[j].uri == uri && !shadowed(j))
    }

    /// Binds a fresh prefix to `uri` for an element or attribute about to be written inside
    /// the root element: declared on the root when its start tag is the open one or can take
    /// one more inserted declaration, else on the open start tag (`start` has just written
    /// it, or an attribute is about to be added to it).
    fn bind_new(&mut self, uri: &str) -> Result<String, EncodeError> {
        let prefix = self.fresh_prefix(uri);
        match self.root_tag_end {
            Some(at) if self.hoisted < ROOT_DECLARATIONS => {
                let end = self.out.len();
                self.write_xmlns(&prefix, uri)?;
                let length = self.out.len() - end;
                self.out[at..].rotate_right(length);
                self.root_tag_end = Some(at + length);
                self.hoisted += 1;
                let index = self.bindings.partition_point(|b| b.depth <= 1);
                self.bindings.insert(
                    index,
                    Binding {
                        uri: uri.to_owned(),
                        prefix: prefix.clone(),
                        depth: 1,
                        written: true,
                    },
                );
            }
            _ => self.declare(&prefix, uri)?,
        }
        Ok(prefix)
    }

    /// The prefix bound to `uri`, declaring a new one on the open start tag when needed.
    pub fn prefix_for(&mut self, uri: &str) -> Result<String, EncodeError> {
        if let Some(i) = self.find_prefix(uri) {
            return Ok(self.bindings[i].prefix.clone());
        }
        if !self.start_tag_open {
            return Err(self.error(EncodeErrorKind::Misuse(
                "a namespace needs declaring but no start tag is open",
            )));
        }
        self.bind_new(uri)
    }

    fn fresh_prefix(&mut self, uri: &str) -> String {
        if uri == XSI_NS && !self.bindings.iter().any(|b| b.prefix == "xsi") {
            return "xsi".to_owned();
        }
        loop {
            let candidate = format!("ns{}", self.next_prefix);
            self.next_prefix += 1;
            if !self.bindings.iter().any(|b| b.prefix == candidate) {
                return candidate;
            }
        }
    }

    fn close_start_tag(&mut self) {
        if self.start_tag_open {
            if self.open.len() == 1 {
                self.root_tag_end = Some(self.out.len());
            }
            self.out.push(b'>');
            self.start_tag_open = false;
        }
    }

    /// Opens element `{ns}local` (`ns` empty for an unqualified name); its start tag stays
    /// open for attributes until content or [`XmlWriter::end`] follows.
    pub fn start(&mut self, ns: &str, local: &str) -> Result<(), EncodeError> {
        self.close_start_tag();
        let name_start = self.names.len();
        let mut declare_new = None;
        if !ns.is_empty() {
            match self.find_prefix(ns) {
                Some(i) => self.names.push_str(&self.bindings[i].prefix),
                None if self.root_tag_end.is_some() && self.hoisted < ROOT_DECLARATIONS => {
                    let prefix = self.bind_new(ns)?;
                    self.names.push_str(&prefix);
                }
                None => {
                    let prefix = self.fresh_prefix(ns);
                    self.names.push_str(&prefix);
                    declare_new = Some(prefix);
                }
            }
            self.names.push(':');
        }
        self.names.push_str(local);
        self.open.push(OpenElement { name_start });
        self.out.push(b'<');
        self.out
            .extend_from_slice(&self.names.as_bytes()[name_start..]);
        self.start_tag_open = true;
        if self.has_unwritten {
            self.has_unwritten = false;
            let unwritten: Vec<(String, String)> = self
                .bindings
                .iter_mut()
                .filter(|b| !b.written)
                .map(|b| {
                    b.written = true;
                    (b.prefix.clone(), b.uri.clone())
                })
                .collect();
            for (prefix, uri) in unwritten {
                self.write_xmlns(&prefix, &uri)?;
            }
        }
        if let Some(prefix) = declare_new {
            self.declare(&prefix, ns)?;
        }
        Ok(())
    }

    /// Adds attribute `{ns}local="value"` to the open start tag.
    pub fn attribute(&mut self, ns: &str, local: &str, value: &str) -> Result<(), EncodeError> {
        if !self.start_tag_open {
            return Err(self.error(EncodeErrorKind::Misuse(
                "attribute written after the start tag was closed",
            )));
        }
        // Declaring a prefix writes an `xmlns` attribute, so it must come before the space.
        let prefix = match ns {
            XML_NS => Some("xml".to_owned()),
            "" => None,
            _ => Some(self.prefix_for(ns)?),
        };
        self.out.push(b' ');
        if let Some(prefix) = prefix {
            self.out.extend_from_slice(prefix.as_bytes());
            self.out.push(b':');
        }
        self.out.extend_from_slice(local.as_bytes());
        self.out.extend_from_slice(b"=\"");
        self.escape(value, true)?;
        self.out.push(b'"');
        Ok(())
    }

    /// Fails unless `name` is an XML name without a colon, as element and attribute local
    /// names built at run time (rather than by the generator) must be.
    pub fn check_name(&self, name: &str) -> Result<(), EncodeError> {
        if is_ncname(name) {
            Ok(())
        } else {
            Err(self.error(EncodeErrorKind::InvalidValue(format!(
                "{name:?} is not a valid XML name"
            ))))
        }
    }

    /// Marks the open element `xsi:nil="true"`.
    pub fn nil(&mut self) -> Result<(), EncodeError> {
        self.attribute(XSI_NS, "nil", "true")
    }

    /// Writes escaped text content.
    pub fn text(&mut self, text: &str) -> Result<(), EncodeError> {
        self.close_start_tag();
        self.escape(text, false)
    }

    /// Writes text known to need no escaping (digits, signs, letters of a lexical form).
    pub fn trusted_text(&mut self, text: &str) {
        self.close_start_tag();
        self.out.extend_from_slice(text.as_bytes());
    }

    /// Closes the innermost open element.
    pub fn end(&mut self) -> Result<(), EncodeError> {
        let Some(element) = self.open.pop() else {
            return Err(self.error(EncodeErrorKind::Misuse("end() without an open element")));
        };
        if self.start_tag_open {
            self.out.extend_from_slice(b"/>");
            self.start_tag_open = false;
        } else {
            self.out.extend_from_slice(b"</");
            self.out
                .extend_from_slice(&self.names.as_bytes()[element.name_start..]);
            self.out.push(b'>');
        }
        self.names.truncate(element.name_start);
        if self.open.is_empty() {
            self.root_tag_end = None;
            self.hoisted = 0;
        }
        let depth = self.open.len() + 1;
        while self.bindings.last().is_some_and(|b| b.depth >= depth) {
            self.bindings.pop();
        }
        Ok(())
    }

    /// Writes `text` escaped for element content (`attribute == false`) or for a quoted
    /// attribute value, refusing characters XML 1.0 cannot carry.
    fn escape(&mut self, text: &str, attribute: bool) -> Result<(), EncodeError> {
        let bytes = text.as_bytes();
        let special = if attribute {
            &SPECIAL_IN_ATTRIBUTES
        } else {
            &SPECIAL_IN_TEXT
        };
        let mut clean_from = 0;
        let mut from = 0;
        while let Some(offset) = bytes
            .get(from..)
            .and_then(|rest| rest.iter().position(|&b| special[usize::from(b)]))
        {
            let i = from + offset;
            from = i + 1;
            let b = bytes[i];
            let replacement: &[u8] = match b {
                b'<' => b"&lt;",
                b'>' => b"&gt;",
                b'&' => b"&amp;",
                b'\r' => b"&#xD;",
                b'"' => b"&quot;",
                b'\n' => b"&#xA;",
                b'\t' => b"&#x9;",
                0..=0x1F => {
                    let ch = char::from(b);
                    return Err(self.error(EncodeErrorKind::InvalidChar(ch)));
                }
                0xEF if bytes.get(i + 1) == Some(&0xBF)
                    && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)) =>
                {
                    let ch = text[i..].chars().next().unwrap_or('\u{FFFF}');
                    return Err(self.error(EncodeErrorKind::InvalidChar(ch)));
                }
                _ => continue,
            };
            self.out.extend_from_slice(&bytes[clean_from..i]);
            self.out.extend_from_slice(replacement);
            clean_from = from;
        }
        self.out.extend_from_slice(&bytes[clean_from..]);
        Ok(())
    }
}

/// The bytes [`XmlWriter::escape`] must look at in element content: markup, `\r` (which a
/// reader would turn into `\n`), the control characters XML 1.0 cannot carry, and the first
/// byte of U+FFFE and U+FFFF.
static SPECIAL_IN_TEXT: [bool; 256] = special_bytes(false);
/// As [`SPECIAL_IN_TEXT`], and the quote, tab and line feed, which attribute values escape.
static SPECIAL_IN_ATTRIBUTES: [bool; 256] = special_bytes(true);

const fn special_bytes(attribute: bool) -> [bool; 256] {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = !matches!(b as u8, b'\t' | b'\n') || attribute;
        b += 1;
    }
    table[b'<' as usize] = true;
    table[b'>' as usize] = true;
    table[b'&' as usize] = true;
    table[b'"' as usize] = attribute;
    table[0xEF] = true;
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declares_each_namespace_once_per_scope() {
        let mut w = XmlWriter::new();
        w.start("urn:a", "root").unwrap();
        w.start("urn:a", "x").unwrap();
        w.text("1").unwrap();
        w.end().unwrap();
        w.start("urn:b", "y").unwrap();
        w.end().unwrap();
        w.start("urn:b", "y").unwrap();
        w.end().unwrap();
        w.end().unwrap();
        assert_eq!(
            String::from_utf8(w.into_inner()).unwrap(),
            r#"<ns0:root xmlns:ns0="urn:a" xmlns:ns1="urn:b"><ns0:x>1</ns0:x><ns1:y/><ns1:y/></ns0:root>"#
        );
    }

    #[test]
    fn declarations_before_the_root_go_on_the_root() {
        let mut w = XmlWriter::new();
        w.declare("s", "urn:env").unwrap();
        w.start("urn:env", "Envelope").unwrap();
        w.start("", "plain").unwrap();
        w.end().unwrap();
        w.end().unwrap();
        assert_eq!(
            String::from_utf8(w.into_inner()).unwrap(),
            r#"<s:Envelope xmlns:s="urn:env"><plain/></s:Envelope>"#
        );
    }

    #[test]
    fn escapes_text_and_attributes() {
        let mut w = XmlWriter::new();
        w.start("", "r").unwrap();
        w.attribute("", "a", "\"x\"\n<&").unwrap();
        w.attribute("", "b", "\t\u{FEFF}\u{FFFD}>").unwrap();
        w.text("a<b>&c\r\n\"\t\u{FEFF}\u{EFFF}").unwrap();
        w.end().unwrap();
        assert_eq!(
            String::from_utf8(w.into_inner()).unwrap(),
            "<r a=\"&quot;x&quot;&#xA;&lt;&amp;\" b=\"&#x9;\u{FEFF}\u{FFFD}&gt;\">\
             a&lt;b&gt;&amp;c&#xD;\n\"\t\u{FEFF}\u{EFFF}</r>"
        );
    }

    #[test]
    fn separates_a_new_declaration_from_the_attribute_it_serves() {
        let mut w = XmlWriter::new();
        w.start("urn:a", "r").unwrap();
        w.nil().unwrap();
        w.end().unwrap();
        assert_eq!(
            String::from_utf8(w.into_inner()).unwrap(),
            r#"<ns0:r xmlns:ns0="urn:a" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>"#
        );
    }

    #[test]
    fn refuses_characters_xml_cannot_carry() {
        let mut w = XmlWriter::new();
        w.start("", "r").unwrap();
        w.start("", "s").unwrap();
        let err = w.text("a\u{1}b").unwrap_err();
        assert_eq!(err.kind(), &EncodeErrorKind::InvalidChar('\u{1}'));
        assert_eq!(err.path(), "/r/s");
        assert!(w.text("\u{FFFE}").is_err());
        assert!(w.text("\u{FFFF}").is_err());
        w.start("", "t").unwrap();
        let err = w.attribute("", "a", "x\u{1F}").unwrap_err();
        assert_eq!(err.kind(), &EncodeErrorKind::InvalidChar('\u{1F}'));
        assert!(w.text("\u{FFFD}").is_ok());
    }
}
