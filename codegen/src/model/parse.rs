//! Parsing a WSDL or schema document into an `xmltree` tree. quick-xml does the parsing:
//! `xmltree`'s own parser (xml-rs) copies every namespace binding into every event and
//! took most of the generator's reading time.
//!
//! The tree is what `xmltree::Element::parse` builds (elements with their resolved
//! namespace, text without whitespace-only runs; no comments or processing instructions)
//! with two differences: only an element that declares namespaces carries `namespaces`,
//! the full set in scope there; the others share their parent's (`Node` keeps track of
//! it); and attributes are keyed by local name only when unprefixed, a prefixed one by
//! `{uri}local` (only unqualified attributes of an XSD or WSDL element are its own). The document
//! must be well-formed XML 1.0 with namespaces; entities other than the predefined ones
//! and character references are refused, so a DOCTYPE cannot expand anything.

use std::borrow::Cow;

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use xml::common::is_xml10_char;
use xml::namespace::{NS_XML_PREFIX, NS_XML_URI, NS_XMLNS_PREFIX, NS_XMLNS_URI};
use xmltree::{AttributeMap, Element, Namespace, XMLNode};

use super::node::is_ncname;
use crate::error::ModelError;

/// The deepest element nesting a WSDL or schema document may have. Real ones stay within a
/// few dozen levels; the limit keeps the recursive walks over the tree (and the tree's own
/// recursive drop) from overflowing the stack.
pub(crate) const MAX_NESTING: usize = 256;

/// Parses `bytes` (UTF-8, or UTF-16 with a byte order mark, or ISO-8859-1 when declared) as
/// XML, naming `file` and the line and column of the first error.
pub fn parse_document(file: &str, bytes: &[u8]) -> Result<Element, ModelError> {
    let text = decode(bytes).map_err(|message| ModelError::Xml {
        file: file.to_owned(),
        message,
    })?;
    let parser = Parser {
        file,
        text: &text,
        reader: Reader::from_str(&text),
        open: Vec::new(),
        scopes: Vec::new(),
        in_scope: default_namespaces(),
        text_run: String::new(),
        root: None,
    };
    parser.run()
}

/// The document as text: byte order marks removed, UTF-16 and ISO-8859-1 converted,
/// UTF-8 validated, characters XML 1.0 forbids refused.
fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, String> {
    let text = match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => utf8(rest)?,
        [0xFF, 0xFE, rest @ ..] => Cow::Owned(utf16(rest, u16::from_le_bytes)?),
        [0xFE, 0xFF, rest @ ..] => Cow::Owned(utf16(rest, u16::from_be_bytes)?),
        _ => match declared_encoding(bytes).as_deref() {
            None | Some("utf-8" | "utf8" | "us-ascii" | "ascii") => utf8(bytes)?,
            Some("iso-8859-1" | "latin1" | "latin-1") => {
                Cow::Owned(bytes.iter().map(|&b| char::from(b)).collect())
            }
            Some(other) => {
                return Err(format!(
                    "the document declares encoding `{other}`; only UTF-8, UTF-16 and \
                     ISO-8859-1 are read (save it as UTF-8)"
                ));
            }
        },
    };
    if let Some((at, ch)) = text.char_indices().find(|&(_, ch)| !is_xml10_char(ch)) {
        return Err(format!(
            "character U+{:04X}, which XML 1.0 does not allow, {}",
            u32::from(ch),
            line_and_column(&text, at)
        ));
    }
    Ok(text)
}

fn utf8(bytes: &[u8]) -> Result<Cow<'_, str>, String> {
    std::str::from_utf8(bytes).map(Cow::Borrowed).map_err(|e| {
        let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
        let before = String::from_utf8_lossy(valid);
        format!(
            "invalid UTF-8 {} (byte offset {})",
            line_and_column(&before, before.len()),
            e.valid_up_to()
        )
    })
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, String> {
    let (pairs, odd) = bytes.as_chunks::<2>();
    if !odd.is_empty() {
        return Err("UTF-16 document with an odd number of bytes".to_owned());
    }
    char::decode_utf16(pairs.iter().map(|&pair| unit(pair)))
        .enumerate()
        .map(|(index, ch)| {
            ch.map_err(|_| format!("invalid UTF-16 at byte offset {}", 2 + index * 2))
        })
        .collect()
}

/// The encoding named in the XML declaration, lowercased, if there is one.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let mut reader = Reader::from_reader(bytes);
    match reader.read_event() {
        Ok(Event::Decl(decl)) => match decl.encoding() {
            Some(Ok(encoding)) => Some(encoding.to_ascii_lowercase()),
            _ => None,
        },
        _ => None,
    }
}

/// `at line L, column C` for byte offset `at` of `text` (columns count characters).
fn line_and_column(text: &str, at: usize) -> String {
    let before = text.get(..at).unwrap_or(text);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |nl| nl + 1);
    let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    format!("at line {line}, column {column}")
}

/// The bindings every element has: `xml`, `xmlns` and no default namespace.
fn default_namespaces() -> Namespace {
    let mut namespaces = Namespace::empty();
    namespaces.put(NS_XML_PREFIX, NS_XML_URI);
    namespaces.put(NS_XMLNS_PREFIX, NS_XMLNS_URI);
    namespaces.put("", "");
    namespaces
}

/// Whether `name` is an XML name with at most one colon, not first or last.
fn is_qname(name: &str) -> bool {
    match name.split_once(':') {
        Some((prefix, local)) => is_ncname(prefix) && is_ncname(local),
        None => is_ncname(name),
    }
}

/// Whether `key`, a name within the attributes `raw` of a start tag, has white space before
/// it, as XML requires; quick-xml reads `a="1"b="2"` as two attributes.
fn follows_space(raw: &str, key: &str) -> bool {
    let offset = (key.as_ptr() as usize).wrapping_sub(raw.as_ptr() as usize);
    offset
        .checked_sub(1)
        .and_then(|at| raw.as_bytes().get(at))
        .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

struct Parser<'t> {
    file: &'t str,
    text: &'t str,
    reader: Reader<&'t [u8]>,
    /// The elements not yet closed, outermost first.
    open: Vec<Element>,
    /// For each open element that declared namespaces, the bindings in scope before it.
    scopes: Vec<Option<Namespace>>,
    in_scope: Namespace,
    /// Text since the last element boundary, with references replaced.
    text_run: String,
    root: Option<Element>,
}

impl Parser<'_> {
    fn run(mut self) -> Result<Element, ModelError> {
        loop {
            let event = self.reader.read_event().map_err(|e| {
                let at = self.reader.error_position();
                self.error_at(e.to_string(), at)
            })?;
            match event {
                Event::Start(start) => {
                    let element = self.open_element(&start)?;
                    self.open.push(element);
                }
                Event::Empty(start) => {
                    let element = self.open_element(&start)?;
                    self.close_element(element);
                }
                Event::End(_) => {
                    self.flush_text()?;
                    match self.open.pop() {
                        Some(element) => self.close_element(element),
                        None => return Err(self.error("an end tag without a start tag")),
                    }
                }
                Event::Text(text) => self.text_run.push_str(&text.xml10_content()),
                Event::GeneralRef(reference) => {
                    let replacement = self.reference(&reference)?;
                    self.text_run.push_str(&replacement);
                }
                Event::CData(cdata) => {
                    self.flush_text()?;
                    let content = cdata.xml10_content().into_owned();
                    self.open_or_error("a CDATA section")?
                        .children
                        .push(XMLNode::CData(content));
                }
                Event::Comment(_) | Event::PI(_) | Event::Decl(_) | Event::DocType(_) => {}
                Event::Eof => return self.finish(),
            }
        }
    }

    fn error(&self, message: impl AsRef<str>) -> ModelError {
        self.error_at(message, self.reader.buffer_position())
    }

    fn error_at(&self, message: impl AsRef<str>, at: u64) -> ModelError {
        let at = usize::try_from(at).unwrap_or(usize::MAX);
        ModelError::Xml {
            file: self.file.to_owned(),
            message: format!("{} {}", message.as_ref(), line_and_column(self.text, at)),
        }
    }

    fn open_or_error(&mut self, what: &str) -> Result<&mut Element, ModelError> {
        if self.open.is_empty() {
            return Err(self.error(format!("{what} outside the root element")));
        }
        let last = self.open.len() - 1;
        Ok(&mut self.open[last])
    }

    /// Builds the element `start` opens, entering its namespace scope.
    fn open_element(&mut self, start: &BytesStart<'_>) -> Result<Element, ModelError> {
        self.flush_text()?;
        if self.open.len() >= MAX_NESTING {
            return Err(self.error(format!(
                "elements nested deeper than the limit of {MAX_NESTING}"
            )));
        }
        if self.open.is_empty() && self.root.is_some() {
            return Err(self.error("a second root element"));
        }
        let qname = start.name();
        let name = qname.into_inner();
        if !is_qname(name) {
            return Err(self.error(format!("`{name}` is not a valid element name")));
        }
        let mut attributes = Vec::new();
        let mut declared = false;
        for attribute in start.attributes() {
            let attribute = attribute.map_err(|e| self.error(e.to_string()))?;
            let key = attribute.key.into_inner();
            if !is_qname(key) {
                return Err(self.error(format!("`{key}` is not a valid attribute name")));
            }
            if !follows_space(start.attributes_raw(), key) {
                return Err(self.error(format!("no white space before attribute `{key}`")));
            }
            let value = attribute
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|e| self.error(e.to_string()))?;
            if let Some(ch) = value.chars().find(|&ch| !is_xml10_char(ch)) {
                return Err(self.error(format!(
                    "attribute `{key}` refers to character U+{:04X}, which XML 1.0 does not allow",
                    u32::from(ch)
                )));
            }
            let prefix = match key.split_once(':') {
                None if key == "xmlns" => Some(""),
                Some(("xmlns", prefix)) => Some(prefix),
                _ => None,
            };
            match prefix {
                Some(prefix) => {
                    if !prefix.is_empty() && value.is_empty() {
                        return Err(self.error(format!("`{key}` cannot be empty")));
                    }
                    if !declared {
                        self.scopes.push(Some(self.in_scope.clone()));
                        declared = true;
                    }
                    self.in_scope.force_put(prefix, value.into_owned());
                }
                None => attributes.push((key, value.into_owned())),
            }
        }
        if !declared {
            self.scopes.push(None);
        }
        let (prefix, local) = match name.split_once(':') {
            Some((prefix, local)) => (Some(prefix), local),
            None => (None, name),
        };
        let namespace = self.namespace_of(prefix, name)?;
        let mut map = AttributeMap::new();
        for (key, value) in attributes {
            // An unprefixed attribute is in no namespace and keeps its local name as key;
            // a prefixed one is keyed `{uri}local`, so `vendor:fixed` is never `fixed`.
            let key = match key.split_once(':') {
                Some((prefix, local)) => {
                    let uri = self.namespace_of(Some(prefix), key)?.unwrap_or_default();
                    format!("{{{uri}}}{local}")
                }
                None => key.to_owned(),
            };
            map.insert(key, value);
        }
        Ok(Element {
            prefix: prefix.map(str::to_owned),
            namespace,
            namespaces: declared.then(|| self.in_scope.clone()),
            name: local.to_owned(),
            attributes: map,
            children: Vec::new(),
        })
    }

    /// The namespace `prefix` is bound to; `None` for no prefix and no default namespace.
    fn namespace_of(&self, prefix: Option<&str>, name: &str) -> Result<Option<String>, ModelError> {
        let uri = self.in_scope.get(prefix.unwrap_or(""));
        match (prefix, uri) {
            (_, Some(uri)) if !uri.is_empty() => Ok(Some(uri.to_owned())),
            (None, _) => Ok(None),
            (Some(prefix), _) => {
                Err(self.error(format!("the prefix `{prefix}` of `{name}` is not declared")))
            }
        }
    }

    /// Leaves the element's namespace scope and attaches it to its parent (or makes it the
    /// root).
    fn close_element(&mut self, element: Element) {
        if let Some(Some(outer)) = self.scopes.pop() {
            self.in_scope = outer;
        }
        match self.open.last_mut() {
            Some(parent) => parent.children.push(XMLNode::Element(element)),
            None => self.root = Some(element),
        }
    }

    /// Adds the text gathered since the last boundary to the open element, unless it is
    /// only whitespace.
    fn flush_text(&mut self) -> Result<(), ModelError> {
        if self.text_run.is_empty() {
            return Ok(());
        }
        let text = std::mem::take(&mut self.text_run);
        if text.chars().all(char::is_whitespace) {
            return Ok(());
        }
        self.open_or_error("text")?
            .children
            .push(XMLNode::Text(text));
        Ok(())
    }

    /// The text a character or predefined entity reference stands for.
    fn reference(&self, reference: &BytesRef<'_>) -> Result<Cow<'static, str>, ModelError> {
        let name: &str = reference;
        if reference.is_char_ref() {
            return match reference.resolve_char_ref() {
                Ok(Some(ch)) if is_xml10_char(ch) => Ok(Cow::Owned(ch.to_string())),
                _ => Err(self.error(format!("invalid character reference `&{name};`"))),
            };
        }
        match resolve_predefined_entity(name) {
            Some(text) => Ok(Cow::Borrowed(text)),
            None => Err(self.error(format!(
                "unknown entity `&{name};` (only XML's predefined entities are read)"
            ))),
        }
    }

    fn finish(mut self) -> Result<Element, ModelError> {
        self.flush_text()?;
        if let Some(element) = self.open.last() {
            let name = match &element.prefix {
                Some(prefix) => format!("{prefix}:{}", element.name),
                None => element.name.clone(),
            };
            return Err(self.error(format!("the document ends inside element `{name}`")));
        }
        match self.root.take() {
            Some(root) => Ok(root),
            None => Err(self.error("no root element")),
        }
    }
}
