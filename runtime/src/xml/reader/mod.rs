//! Pull reader over a whole XML document: namespace-resolved child elements, joined text
//! content, and the element path of every error.
//!
//! Generated decoders drive it: [`XmlReader::next_child`] yields each child of the current
//! element (matched by namespace URI and local name, never by prefix), and the decoder of the
//! child consumes it through its end tag with [`XmlReader::read_text`], [`XmlReader::skip`] or
//! another decoder. DTDs are refused, nesting is limited and invalid UTF-8 is an error.

mod cursor;
mod names;
mod namespaces;
mod start_tag;
#[cfg(test)]
mod tests;

use std::borrow::Cow;

use quick_xml::Reader;
use quick_xml::events::BytesStart;

use super::chars::{find_forbidden_char, is_qname};
use super::error::{DecodeError, DecodeErrorKind, Position};
use crate::codec::XmlType;
use names::NameCache;
use namespaces::{Namespaces, XML_NS_ID};

/// The XML Schema instance namespace (`xsi:nil`, `xsi:type`).
pub const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// Limits applied while reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderConfig {
    /// The deepest element nesting accepted; deeper input is an error. Default 128.
    pub max_depth: usize,
}

impl Default for ReaderConfig {
    fn default() -> Self {
        ReaderConfig { max_depth: 128 }
    }
}

/// A namespace URI as interned by one [`XmlReader`]; `NsId::NONE` is "no namespace".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NsId(u32);

impl NsId {
    /// The absent namespace of unqualified names.
    pub const NONE: NsId = NsId(0);
}

/// A child element that [`XmlReader::next_child`] has just opened.
#[derive(Debug, Clone, Copy)]
pub struct Child<'a> {
    /// The local name, without prefix.
    pub local_name: &'a str,
    /// The namespace the name resolved to.
    pub ns: NsId,
}

/// An attribute as [`XmlReader::attributes`] returns it: namespace, local name and value.
pub type Attribute<'a> = (String, &'a str, Cow<'a, str>);

/// A node of mixed content, as [`XmlReader::next_node`] yields it.
#[derive(Debug, Clone)]
pub enum Node<'a> {
    /// A child element, now open.
    Element(Child<'a>),
    /// A piece of text.
    Text(Cow<'a, str>),
}

#[derive(Debug, Clone, Copy)]
struct Frame<'a> {
    /// The tag name as written (with prefix), to match the end tag.
    qname: &'a str,
    local: &'a str,
    ns: NsId,
    /// Position among consecutive same-named siblings, from 1.
    index: u32,
    nil: bool,
    /// The start tag has attributes other than namespace declarations, `xsi:nil` and
    /// `xsi:type`: content that an empty value must not be read as absent without.
    attributes: bool,
    xsi_type: Option<(NsId, &'a str)>,
    last_child: &'a str,
    last_child_count: u32,
}

/// The `(prefix, value)` of a start tag's `*:nil` and `*:type` attributes, which are
/// `xsi:nil` and `xsi:type` if their prefix turns out to be bound to [`XSI_NS`], and whether
/// it has any other attribute (namespace declarations aside).
#[derive(Debug, Default, Clone, Copy)]
struct XsiCandidates<'a> {
    nil: Option<(&'a str, &'a str)>,
    xsi_type: Option<(&'a str, &'a str)>,
    others: bool,
    /// The start tag has several `*:nil` or several `*:type` attributes (an `xsi:type`
    /// beside a schema's own qualified `type`): the candidates are only the last of each,
    /// so the tag is scanned again once its namespaces are known.
    several: bool,
}

/// A namespace-aware pull reader over a complete document held in memory.
///
/// Namespaces are resolved here rather than by quick-xml's `NsReader`: each declaration is
/// interned once, so resolving an element is a prefix comparison and matching a namespace
/// is comparing two ids.
pub struct XmlReader<'a> {
    input: &'a str,
    reader: Reader<&'a [u8]>,
    namespaces: Namespaces<'a>,
    names: NameCache<'a>,
    frames: Vec<Frame<'a>>,
    /// The innermost frame's end tag has been read; it is popped on the next move.
    pending_pop: bool,
    /// Attributes of the innermost element, kept until the next event is read.
    start: Option<BytesStart<'a>>,
    /// Names of the elements open inside a skipped element, to check their end tags.
    skipped: Vec<&'a str>,
    /// Recent answers of [`XmlReader::is_ns`]: (address, length) of a static URI and its id.
    ns_memo: std::cell::Cell<[((usize, usize), u32); 4]>,
    config: ReaderConfig,
}

impl<'a> XmlReader<'a> {
    /// Starts reading `input` with default limits; fails if it is not UTF-8.
    pub fn new(input: &'a [u8]) -> Result<Self, DecodeError> {
        Self::with_config(input, ReaderConfig::default())
    }

    /// Starts reading `input` with the given limits; fails if it is not UTF-8.
    pub fn with_config(input: &'a [u8], config: ReaderConfig) -> Result<Self, DecodeError> {
        let text = simdutf8::compat::from_utf8(input).map_err(|e| {
            let byte = e.valid_up_to() as u64;
            DecodeError::new(
                DecodeErrorKind::InvalidUtf8,
                "",
                Some(Position::locate(input, byte)),
            )
        })?;
        if let Some(at) = find_forbidden_char(text) {
            let ch = text
                .get(at..)
                .and_then(|rest| rest.chars().next())
                .unwrap_or('\0');
            return Err(DecodeError::new(
                DecodeErrorKind::ForbiddenChar(ch),
                "",
                Some(Position::locate(input, at as u64)),
            ));
        }
        let mut reader = Reader::from_str(text);
        let reader_config = reader.config_mut();
        reader_config.expand_empty_elements = true;
        // End tags are checked against the open frames here, without quick-xml's copies.
        reader_config.check_end_names = false;
        reader_config.check_comments = true;
        Ok(XmlReader {
            input: text,
            reader,
            namespaces: Namespaces::new(),
            names: NameCache::for_document(text.len()),
            frames: Vec::with_capacity(16),
            pending_pop: false,
            start: None,
            skipped: Vec::new(),
            ns_memo: std::cell::Cell::new([((0, usize::MAX), u32::MAX); 4]),
            config,
        })
    }

    /// The whole document being read.
    pub fn input(&self) -> &'a str {
        self.input
    }

    /// Byte offset just after the last event read.
    pub fn position(&self) -> u64 {
        self.reader.buffer_position()
    }

    /// The namespace URI behind `id`.
    pub fn namespace(&self, id: NsId) -> &str {
        self.namespaces
            .uris
            .get(id.0 as usize)
            .map_or("", String::as_str)
    }

    /// Whether `id` is the namespace `uri` (`""` for no namespace).
    #[inline]
    pub fn ns_is(&self, id: NsId, uri: &str) -> bool {
        self.namespaces
            .uris
            .get(id.0 as usize)
            .is_some_and(|ns| ns.len() == uri.len() && ns == uri)
    }

    /// [`XmlReader::ns_is`] for the namespace constants of generated code: a static string
    /// always has the same contents at the same address, so after the first comparison the
    /// answer is remembered by address.
    #[inline]
    pub fn is_ns(&self, id: NsId, uri: &'static str) -> bool {
        let key = (uri.as_ptr() as usize, uri.len());
        let memo = self.ns_memo.get();
        if let Some((_, known)) = memo.iter().find(|(k, _)| *k == key) {
            return *known == id.0;
        }
        let known = self.namespaces.find(uri).unwrap_or(u32::MAX);
        if known != u32::MAX {
            let mut memo = memo;
            memo.rotate_right(1);
            memo[0] = (key, known);
            self.ns_memo.set(memo);
        }
        known == id.0
    }

    /// Depth of the current element (the root is 1; 0 before the root).
    pub fn depth(&self) -> usize {
        self.frames.len()
    }

    /// Local name of the current element.
    pub fn local_name(&self) -> &'a str {
        self.frames.last().map_or("", |f| f.local)
    }

    /// Namespace of the current element.
    pub fn current_ns(&self) -> NsId {
        self.frames.last().map_or(NsId::NONE, |f| f.ns)
    }

    /// Whether the current element carries `xsi:nil="true"`.
    pub fn is_nil(&self) -> bool {
        self.frames.last().is_some_and(|f| f.nil)
    }

    /// The resolved `xsi:type` of the current element, if it has one.
    pub fn xsi_type(&self) -> Option<(&str, &'a str)> {
        let (ns, local) = self.frames.last()?.xsi_type?;
        Some((self.namespace(ns), local))
    }

    /// The namespace bound to `prefix` in scope (the default namespace for `""`).
    fn lookup(&self, prefix: &str) -> Option<NsId> {
        if prefix == "xml" {
            return Some(XML_NS_ID);
        }
        match self.namespaces.lookup(prefix) {
            Some(ns) => Some(ns),
            None if prefix.is_empty() => Some(NsId::NONE),
            None => None,
        }
    }

    /// Resolves a prefixed name; `use_default` applies the default namespace to an
    /// unprefixed one (elements and QName values do, attributes do not).
    fn resolve_name<'t>(
        &self,
        name: &'t str,
        use_default: bool,
    ) -> Result<(NsId, &'t str), DecodeError> {
        match name.split_once(':') {
            Some((prefix, local)) => match self.lookup(prefix) {
                Some(ns) => Ok((ns, local)),
                None => Err(self.error(DecodeErrorKind::UnknownPrefix(prefix.to_owned()))),
            },
            None if use_default => Ok((self.lookup("").unwrap_or(NsId::NONE), name)),
            None => Ok((NsId::NONE, name)),
        }
    }

    /// The attributes of the current element as `(namespace, local name, value)`, excluding
    /// namespace declarations. Only available right after the element was opened.
    pub fn attributes(&self) -> Result<Vec<Attribute<'a>>, DecodeError> {
        let Some(start) = self.start.as_ref() else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for attr in start.attributes() {
            let attr = attr.map_err(|e| self.parse_error("an attribute", e))?;
            if attr.key.as_namespace_binding().is_some() {
                continue;
            }
            let name = self.in_input(attr.key.0);
            if !is_qname(name) {
                return Err(self.error(DecodeErrorKind::InvalidName(name.to_owned())));
            }
            let (ns, local) = self.resolve_name(name, false)?;
            let value = self.attribute_value(&attr)?;
            let value = match value {
                Cow::Borrowed(v) => Cow::Borrowed(self.in_input(v)),
                Cow::Owned(v) => Cow::Owned(v),
            };
            out.push((self.namespace(ns).to_owned(), local, value));
        }
        Ok(out)
    }

    /// Resolves a `prefix:local` name written in text content (as in `xs:QName` values)
    /// against the namespaces in scope at the current element. Returns `(namespace, local)`.
    pub fn resolve_qname<'t>(&self, text: &'t str) -> Result<(String, &'t str), DecodeError> {
        if !is_qname(text) {
            return Err(self.error(DecodeErrorKind::invalid_value(
                "xs:QName",
                text,
                "not a qualified XML name",
            )));
        }
        let (ns, local) = self.resolve_name(text, true)?;
        Ok((self.namespace(ns).to_owned(), local))
    }

    /// Maps a slice of an event back to the input so it lives as long as the input.
    fn in_input(&self, part: &str) -> &'a str {
        let base = self.input.as_ptr() as usize;
        let at = part.as_ptr() as usize;
        if at >= base && at + part.len() <= base + self.input.len() {
            let offset = at - base;
            self.input.get(offset..offset + part.len()).unwrap_or("")
        } else {
            // Events of a reader over a `&str` always borrow the input; this is unreachable.
            ""
        }
    }

    /// Builds an error at the current element path and reader position.
    pub fn error(&self, kind: DecodeErrorKind) -> DecodeError {
        self.error_at(kind, self.reader.buffer_position())
    }

    fn error_at(&self, kind: DecodeErrorKind, position: u64) -> DecodeError {
        DecodeError::new(
            kind,
            self.path(),
            Some(Position::locate(self.input.as_bytes(), position)),
        )
    }

    /// The path of the current element, such as `/Envelope/Body/Op/Items/Item[3]`.
    pub fn path(&self) -> String {
        let mut path = String::new();
        for frame in &self.frames {
            path.push('/');
            path.push_str(frame.local);
            if frame.index > 1 {
                path.push('[');
                path.push_str(itoa::Buffer::new().format(frame.index));
                path.push(']');
            }
        }
        path
    }

    fn syntax(&self, error: quick_xml::Error) -> DecodeError {
        self.error_at(
            DecodeErrorKind::Parse("the document"),
            self.reader.error_position(),
        )
        .with_source(error)
    }

    /// quick-xml's `error` reading `what` (an attribute, …), as its source.
    fn parse_error(
        &self,
        what: &'static str,
        error: impl std::error::Error + Send + Sync + 'static,
    ) -> DecodeError {
        self.error(DecodeErrorKind::Parse(what)).with_source(error)
    }

    /// `text` rejected by `T`'s parser, with the parser's error as the cause.
    pub(crate) fn value_error<T: crate::codec::SimpleValue>(
        &self,
        text: &str,
        error: crate::xml::ValueError,
    ) -> DecodeError {
        self.error(DecodeErrorKind::invalid_value(
            T::TYPE_NAME,
            text,
            error.reason(),
        ))
        .caused_by(error)
    }
}

impl<'a> XmlReader<'a> {
    /// Decodes the current element as `T`; `xsi:nil` is an error.
    #[inline]
    pub fn read<T: XmlType>(&mut self) -> Result<T, DecodeError> {
        if self.is_nil() {
            return Err(self.error(DecodeErrorKind::NilNotAllowed));
        }
        T::read_content(self)
    }

    /// Decodes the current element as `T`, or `None` when it carries `xsi:nil="true"` or is
    /// an empty value of a type that has none: empty (`<X/>`, `<X></X>`, or only white space)
    /// where `T`, a number, boolean, date or other simple type, has no empty lexical form.
    #[inline]
    pub fn read_nillable<T: XmlType>(&mut self) -> Result<Option<T>, DecodeError> {
        self.read_nillable_with(T::read_content)
    }

    /// Decodes the current element with `read`, or gives `None` when it has no value: when
    /// it carries `xsi:nil="true"`, or when it is empty (`<X/>`, `<X></X>`, or only white
    /// space) and `read` refuses the empty text as a value of its type, as it does for
    /// numbers, booleans, dates, durations and other simple types without an empty lexical
    /// form. Every optional or nillable element is read through here, where "no value" can
    /// be represented, so nothing is invented and nothing the element holds is dropped: an empty element whose type accepts empty text (a string, a list, a struct)
    /// keeps that value, and one with attributes other than `xsi:nil` and `xsi:type` stays an
    /// error. A required element is read with [`XmlReader::read`], where empty text of such a
    /// type remains an error.
    #[inline]
    pub(crate) fn read_nillable_with<T>(
        &mut self,
        read: impl FnOnce(&mut Self) -> Result<T, DecodeError>,
    ) -> Result<Option<T>, DecodeError> {
        if self.is_nil() {
            self.skip()?;
            return Ok(None);
        }
        let depth = self.frames.len();
        match read(self) {
            Ok(value) => Ok(Some(value)),
            Err(error) if self.was_empty_value(depth, &error) => Ok(None),
            Err(error) => Err(error),
        }
    }

    /// Whether `error` is the refusal of the empty text of the element opened at `depth`:
    /// an invalid value whose text is empty or white space, found when that element, without
    /// child elements or attributes other than `xsi:type`, has been read through its end tag.
    #[cold]
    fn was_empty_value(&self, depth: usize, error: &DecodeError) -> bool {
        let DecodeErrorKind::InvalidValue { found, .. } = error.kind() else {
            return false;
        };
        self.pending_pop
            && self.frames.len() == depth
            && self
                .frames
                .last()
                .is_some_and(|frame| frame.last_child_count == 0 && !frame.attributes)
            && found.trim_matches([' ', '\t', '\r', '\n']).is_empty()
    }
}
