//! Pull reader over a whole XML document: namespace-resolved child elements, joined text
//! content, and the element path of every error.
//!
//! Generated decoders drive it: [`XmlReader::next_child`] yields each child of the current
//! element (matched by namespace URI and local name, never by prefix), and the decoder of the
//! child consumes it through its end tag with [`XmlReader::read_text`], [`XmlReader::skip`] or
//! another decoder. DTDs are refused, nesting is limited and invalid UTF-8 is an error.

use std::borrow::Cow;

use quick_xml::Reader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};

use super::chars::{find_forbidden_char, is_ncname, is_qname, is_xml_char};
use super::error::{DecodeError, DecodeErrorKind, Position};
use crate::codec::XmlType;

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

/// A namespace declaration in scope.
#[derive(Debug, Clone, Copy)]
struct Binding<'a> {
    /// The prefix; empty for the default namespace.
    prefix: &'a str,
    ns: NsId,
    /// Depth of the element that declared it.
    depth: usize,
    /// Index of the binding of the same prefix this one hides, kept once
    /// [`Namespaces::prefixes`] is in use.
    hides: Option<u32>,
}

/// Up to this many interned URIs or bindings in scope are searched one by one; beyond it, a
/// hash map is built and kept, so that documents declaring many namespaces decode in linear
/// time.
const LINEAR_SEARCH_LIMIT: usize = 16;

/// The namespaces of a document: every URI declared so far, interned, and the prefixes in
/// scope at the current element.
struct Namespaces<'a> {
    uris: Vec<String>,
    /// URI to id, once `uris` outgrows [`LINEAR_SEARCH_LIMIT`].
    ids: std::collections::HashMap<String, u32>,
    bindings: Vec<Binding<'a>>,
    /// Prefix to the index of its innermost binding, once `bindings` outgrows
    /// [`LINEAR_SEARCH_LIMIT`].
    prefixes: std::collections::HashMap<&'a str, u32>,
    /// Changes whenever `bindings` does: a prefix resolves the same while it stays put.
    scope: u64,
}

impl<'a> Namespaces<'a> {
    fn new() -> Self {
        Namespaces {
            uris: vec![String::new(), XML_NS.to_owned()],
            ids: std::collections::HashMap::new(),
            bindings: Vec::with_capacity(8),
            prefixes: std::collections::HashMap::new(),
            scope: 0,
        }
    }

    fn find(&self, uri: &str) -> Option<u32> {
        if self.ids.is_empty() {
            self.uris.iter().position(|ns| ns == uri).map(|i| i as u32)
        } else {
            self.ids.get(uri).copied()
        }
    }

    fn intern(&mut self, uri: &str) -> NsId {
        if let Some(id) = self.find(uri) {
            return NsId(id);
        }
        let id = self.uris.len() as u32;
        self.uris.push(uri.to_owned());
        if !self.ids.is_empty() {
            self.ids.insert(uri.to_owned(), id);
        } else if self.uris.len() > LINEAR_SEARCH_LIMIT {
            self.ids = self
                .uris
                .iter()
                .enumerate()
                .map(|(i, ns)| (ns.clone(), i as u32))
                .collect();
        }
        NsId(id)
    }

    fn bind(&mut self, prefix: &'a str, ns: NsId, depth: usize) {
        let index = self.bindings.len() as u32;
        let mut binding = Binding {
            prefix,
            ns,
            depth,
            hides: None,
        };
        if !self.prefixes.is_empty() {
            binding.hides = self.prefixes.insert(prefix, index);
        }
        self.bindings.push(binding);
        self.scope += 1;
        if self.prefixes.is_empty() && self.bindings.len() > LINEAR_SEARCH_LIMIT {
            for (i, binding) in self.bindings.iter_mut().enumerate() {
                binding.hides = self.prefixes.insert(binding.prefix, i as u32);
            }
        }
    }

    /// Drops the bindings declared at `depth` or deeper.
    fn unbind_from(&mut self, depth: usize) {
        while let Some(binding) = self.bindings.last().filter(|b| b.depth >= depth).copied() {
            self.bindings.pop();
            self.scope += 1;
            if !self.prefixes.is_empty() {
                match binding.hides {
                    Some(hidden) => self.prefixes.insert(binding.prefix, hidden),
                    None => self.prefixes.remove(binding.prefix),
                };
            }
        }
    }

    /// The namespace bound to `prefix` in scope, if any.
    fn lookup(&self, prefix: &str) -> Option<NsId> {
        if self.prefixes.is_empty() {
            self.bindings
                .iter()
                .rev()
                .find(|b| b.prefix == prefix)
                .map(|b| b.ns)
        } else {
            let index = *self.prefixes.get(prefix)?;
            self.bindings.get(index as usize).map(|b| b.ns)
        }
    }
}

/// The namespace bound to the `xml` prefix in every document.
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
/// The interned id of [`XML_NS`].
const XML_NS_ID: NsId = NsId(1);

/// Start-tag names met recently, so that the names a document repeats at every element are
/// checked and resolved once: each slot holds a valid qualified name, where its colon is, and
/// the namespace it resolved to while [`Namespaces::scope`] was `scope`. Two slots per hash of
/// the name, the newest first.
struct NameCache<'a> {
    slots: Vec<NameSlot<'a>>,
    /// The number of pairs of slots less one (a power of two less one).
    mask: usize,
}

#[derive(Debug, Clone, Copy)]
struct NameSlot<'a> {
    qname: &'a str,
    /// Byte offset of the colon; 0 when there is none (a name cannot start with one).
    colon: usize,
    ns: NsId,
    /// The scope `ns` was resolved in; [`NameSlot::UNRESOLVED`] before it is.
    scope: u64,
}

impl NameSlot<'_> {
    const UNRESOLVED: u64 = u64::MAX;
    const EMPTY: Self = NameSlot {
        qname: "",
        colon: 0,
        ns: NsId::NONE,
        scope: Self::UNRESOLVED,
    };
}

impl<'a> NameCache<'a> {
    const MAX_SETS: usize = 64;

    /// A cache for a document of `len` bytes: small documents use few names, and filling a
    /// large cache would cost them more than it saves.
    fn for_document(len: usize) -> Self {
        let sets = (len / 1024).clamp(4, Self::MAX_SETS).next_power_of_two();
        NameCache {
            slots: vec![NameSlot::EMPTY; 2 * sets],
            mask: sets - 1,
        }
    }

    /// The index of the slot holding `qname`, which is checked to be a qualified name unless
    /// the cache holds it already; `None` if it is not one.
    fn check(&mut self, qname: &'a str) -> Option<usize> {
        if qname.is_empty() {
            return None;
        }
        let first = 2 * (name_hash(qname.as_bytes()) & self.mask);
        for index in [first, first + 1] {
            if self
                .slots
                .get(index)
                .is_some_and(|s| same_name(s.qname, qname))
            {
                return Some(index);
            }
        }
        if !is_qname(qname) {
            return None;
        }
        let colon = qname.bytes().position(|b| b == b':').unwrap_or(0);
        self.slots.copy_within(first..first + 1, first + 1);
        let slot = self.slots.get_mut(first)?;
        *slot = NameSlot {
            qname,
            colon,
            ..NameSlot::EMPTY
        };
        Some(first)
    }

    fn get(&self, index: usize) -> NameSlot<'a> {
        self.slots.get(index).copied().unwrap_or(NameSlot::EMPTY)
    }

    fn resolved(&mut self, index: usize, ns: NsId, scope: u64) {
        if let Some(slot) = self.slots.get_mut(index) {
            slot.ns = ns;
            slot.scope = scope;
        }
    }
}

/// Splits a qualified name at its colon (at `colon`, 0 for none) into prefix and local name.
fn split_qname(qname: &str, colon: usize) -> (Option<&str>, &str) {
    match (qname.get(..colon), qname.get(colon + 1..)) {
        (Some(prefix), Some(local)) if colon > 0 => (Some(prefix), local),
        _ => (None, qname),
    }
}

/// A hash of a name from its length and last eight bytes (all of a shorter one).
fn name_hash(name: &[u8]) -> usize {
    let last8 = name.len().checked_sub(8).and_then(|at| name.get(at..));
    let word = match last8.and_then(|tail| <[u8; 8]>::try_from(tail).ok()) {
        Some(tail) => u64::from_le_bytes(tail),
        None => name.iter().fold(0, |word, &b| (word << 8) | u64::from(b)),
    };
    let mixed = (word ^ name.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (mixed >> 32) as usize
}

/// Whether two names are the same, compared eight bytes at a time: names are short, and this
/// is quicker than calling `memcmp`.
fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let ((a_words, a_rest), (b_words, b_rest)) = (a.as_chunks::<8>(), b.as_chunks::<8>());
    let words_equal = a_words
        .iter()
        .zip(b_words)
        .all(|(x, y)| u64::from_ne_bytes(*x) == u64::from_ne_bytes(*y));
    words_equal && a_rest.iter().zip(b_rest).all(|(x, y)| x == y)
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

    fn apply_pending_pop(&mut self) {
        if self.pending_pop {
            let depth = self.frames.len();
            self.namespaces.unbind_from(depth);
            self.frames.pop();
            self.pending_pop = false;
        }
    }

    /// Checks an end tag against the innermost open element and marks it closed.
    fn close(&mut self, end: &quick_xml::events::BytesEnd<'_>) -> Result<(), DecodeError> {
        let name = end.name().0;
        match self.frames.last() {
            Some(frame) if same_name(frame.qname, name) => {
                self.pending_pop = true;
                Ok(())
            }
            Some(frame) => Err(self.error(DecodeErrorKind::Syntax(format!(
                "expected </{}>, found </{name}>",
                frame.qname
            )))),
            None => Err(self.error(DecodeErrorKind::Syntax(format!(
                "unmatched end tag </{name}>"
            )))),
        }
    }

    /// Moves to the next child element of the current element and opens it.
    ///
    /// Returns `None` when the current element ends (its end tag is consumed). Text between
    /// child elements, comments and processing instructions are skipped. Before the root,
    /// this yields the root element.
    pub fn next_child(&mut self) -> Result<Option<Child<'a>>, DecodeError> {
        self.apply_pending_pop();
        self.start = None;
        // Matching the result of `read_event` in place, rather than moving the event out of it
        // first, spares a copy the processor stalls on.
        loop {
            match self.reader.read_event() {
                Ok(Event::Start(start)) => return self.open(start).map(Some),
                Ok(Event::End(end)) => {
                    self.close(&end)?;
                    return Ok(None);
                }
                Err(e) => return Err(self.syntax(e)),
                Ok(Event::Eof) => {
                    return if self.frames.is_empty() {
                        Ok(None)
                    } else {
                        Err(self.error(DecodeErrorKind::UnexpectedEof))
                    };
                }
                Ok(Event::DocType(_)) => return Err(self.error(DecodeErrorKind::DocType)),
                Ok(Event::Decl(decl)) => self.check_decl(&decl)?,
                Ok(Event::GeneralRef(reference)) => {
                    self.resolve_reference(&reference)?;
                }
                Ok(
                    Event::Text(_)
                    | Event::CData(_)
                    | Event::Comment(_)
                    | Event::PI(_)
                    | Event::Empty(_),
                ) => {}
            }
        }
    }

    /// Moves to the next node of mixed content: a child element (opened, as with
    /// [`XmlReader::next_child`]) or a piece of text. Returns `None` when the current element
    /// ends. Adjacent pieces of text may arrive separately.
    pub fn next_node(&mut self) -> Result<Option<Node<'a>>, DecodeError> {
        self.apply_pending_pop();
        self.start = None;
        loop {
            let text = match self.reader.read_event() {
                Ok(Event::Start(start)) => {
                    return self.open(start).map(|c| Some(Node::Element(c)));
                }
                Ok(Event::End(end)) => {
                    self.close(&end)?;
                    return Ok(None);
                }
                Ok(Event::Text(t)) => t.xml10_content(),
                Ok(Event::CData(c)) => c.xml10_content(),
                Ok(Event::GeneralRef(reference)) => self.resolve_reference(&reference)?,
                Ok(Event::Eof) => return Err(self.error(DecodeErrorKind::UnexpectedEof)),
                Ok(Event::DocType(_)) => return Err(self.error(DecodeErrorKind::DocType)),
                Ok(Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::Empty(_)) => continue,
                Err(e) => return Err(self.syntax(e)),
            };
            return Ok(Some(Node::Text(text)));
        }
    }

    fn check_decl(&self, decl: &quick_xml::events::BytesDecl<'_>) -> Result<(), DecodeError> {
        if let Some(encoding) = decl.encoding() {
            let encoding = encoding.map_err(|e| self.parse_error("the encoding declaration", e))?;
            if !encoding.eq_ignore_ascii_case("utf-8") && !encoding.eq_ignore_ascii_case("utf8") {
                return Err(self.error(DecodeErrorKind::UnsupportedEncoding(encoding.into_owned())));
            }
        }
        Ok(())
    }

    /// Opens the element `start`: pushes its frame, takes its namespace declarations,
    /// resolves its name, and notes `xsi:nil` and `xsi:type`.
    #[inline]
    fn open(&mut self, start: BytesStart<'a>) -> Result<Child<'a>, DecodeError> {
        let depth = self.frames.len() + 1;
        if depth > self.config.max_depth {
            return Err(self.too_deep());
        }
        let qname = self.in_input(start.name().0);
        let Some(slot) = self.names.check(qname) else {
            return Err(self.error(DecodeErrorKind::InvalidName(qname.to_owned())));
        };
        let name = self.names.get(slot);
        let (prefix, local) = split_qname(qname, name.colon);
        let index = self.count_child(local);
        self.frames.push(Frame {
            qname,
            local,
            ns: NsId::NONE,
            index,
            nil: false,
            attributes: false,
            xsi_type: None,
            last_child: "",
            last_child_count: 0,
        });
        let xsi = if qname.len() < start.len() {
            self.declare(&start, depth)?
        } else {
            XsiCandidates::default()
        };
        let ns = if name.scope == self.namespaces.scope {
            name.ns
        } else {
            let ns = self.resolve_prefix(prefix)?;
            self.names.resolved(slot, ns, self.namespaces.scope);
            ns
        };
        if let Some(frame) = self.frames.last_mut() {
            frame.ns = ns;
        }
        if xsi.several {
            let xsi = self.xsi_among_several(&start)?;
            self.note_xsi(xsi)?;
        } else if xsi.nil.is_some() || xsi.xsi_type.is_some() || xsi.others {
            self.note_xsi(xsi)?;
        }
        self.start = Some(start);
        Ok(Child {
            local_name: local,
            ns,
        })
    }

    #[cold]
    fn too_deep(&self) -> DecodeError {
        self.error(DecodeErrorKind::TooDeep {
            limit: self.config.max_depth,
        })
    }

    /// Counts a child named `local` of the current element among its same-named siblings;
    /// returns its position among them, from 1.
    fn count_child(&mut self, local: &'a str) -> u32 {
        let Some(parent) = self.frames.last_mut() else {
            return 1;
        };
        if parent.last_child_count > 0 && same_name(parent.last_child, local) {
            parent.last_child_count += 1;
        } else {
            parent.last_child = local;
            parent.last_child_count = 1;
        }
        parent.last_child_count
    }

    /// The namespace of an element name with `prefix`; an unprefixed one is in the default
    /// namespace.
    fn resolve_prefix(&self, prefix: Option<&str>) -> Result<NsId, DecodeError> {
        match prefix {
            Some(prefix) => self
                .lookup(prefix)
                .ok_or_else(|| self.error(DecodeErrorKind::UnknownPrefix(prefix.to_owned()))),
            None => Ok(self.lookup("").unwrap_or(NsId::NONE)),
        }
    }

    /// Takes the namespace declarations of `start`, opened at `depth`, and returns its
    /// `*:nil` and `*:type` attributes.
    fn declare(
        &mut self,
        start: &BytesStart<'a>,
        depth: usize,
    ) -> Result<XsiCandidates<'a>, DecodeError> {
        let mut found = XsiCandidates::default();
        for attr in start.attributes() {
            let attr = attr.map_err(|e| self.parse_error("an attribute", e))?;
            let key = self.in_input(attr.key.0);
            self.check_separated(start, key)?;
            if let Some(prefix) = key.strip_prefix("xmlns") {
                let prefix = match prefix.strip_prefix(':') {
                    Some(prefix) if is_ncname(prefix) => prefix,
                    Some(_) => {
                        return Err(self.error(DecodeErrorKind::InvalidName(key.to_owned())));
                    }
                    None if prefix.is_empty() => "",
                    None => continue,
                };
                let value = self.attribute_value(&attr)?;
                if !prefix.is_empty() && value.is_empty() {
                    return Err(self.error(DecodeErrorKind::Syntax(format!(
                        "namespace prefix {prefix:?} cannot be bound to the empty name"
                    ))));
                }
                let ns = self.namespaces.intern(&value);
                self.namespaces.bind(prefix, ns, depth);
            } else if let Some((prefix, name @ ("nil" | "type"))) = key.split_once(':') {
                let value = self.in_input(attr.value.trim());
                let slot = if name == "nil" {
                    &mut found.nil
                } else {
                    &mut found.xsi_type
                };
                // Two `*:nil` (or `*:type`) attributes cannot both be the xsi one.
                found.several |= slot.replace((prefix, value)).is_some();
            } else {
                found.others = true;
            }
        }
        Ok(found)
    }

    /// The `xsi:nil` and `xsi:type` of a start tag with several `*:nil` or `*:type`
    /// attributes, found by their namespace now that its declarations are in scope; every
    /// other attribute counts as other.
    #[cold]
    fn xsi_among_several(&self, start: &BytesStart<'a>) -> Result<XsiCandidates<'a>, DecodeError> {
        let mut found = XsiCandidates::default();
        for attr in start.attributes() {
            let attr = attr.map_err(|e| self.parse_error("an attribute", e))?;
            let key = self.in_input(attr.key.0);
            if key == "xmlns" || key.starts_with("xmlns:") {
                continue;
            }
            let (prefix, name, slot) = match key.split_once(':') {
                Some((prefix, name @ ("nil" | "type")))
                    if self.lookup(prefix).is_some_and(|ns| self.ns_is(ns, XSI_NS)) =>
                {
                    let slot = if name == "nil" {
                        &mut found.nil
                    } else {
                        &mut found.xsi_type
                    };
                    (prefix, name, slot)
                }
                _ => {
                    found.others = true;
                    continue;
                }
            };
            let value = self.in_input(attr.value.trim());
            if slot.replace((prefix, value)).is_some() {
                return Err(self.error(DecodeErrorKind::Syntax(format!(
                    "duplicate attribute {{{XSI_NS}}}{name}"
                ))));
            }
        }
        Ok(found)
    }

    /// Notes on the current frame whether `found.nil` is a true `xsi:nil`, what
    /// `found.xsi_type` resolves to if it is an `xsi:type`, and whether the element has other
    /// attributes.
    fn note_xsi(&mut self, found: XsiCandidates<'a>) -> Result<(), DecodeError> {
        let XsiCandidates {
            nil,
            xsi_type,
            mut others,
            ..
        } = found;
        let xsi = |reader: &Self, prefix: &str| {
            reader
                .lookup(prefix)
                .is_some_and(|ns| reader.ns_is(ns, XSI_NS))
        };
        others |= nil.is_some_and(|(prefix, _)| !xsi(self, prefix))
            || xsi_type.is_some_and(|(prefix, _)| !xsi(self, prefix));
        let nil = nil
            .is_some_and(|(prefix, value)| xsi(self, prefix) && (value == "true" || value == "1"));
        // Only a `*:type` whose prefix is bound to the XSI namespace is an `xsi:type`; any
        // other (a schema's own qualified `type` attribute) is data, whatever its value.
        let xsi_type = match xsi_type {
            Some((prefix, value)) if xsi(self, prefix) => {
                if !is_qname(value) {
                    return Err(self.error(DecodeErrorKind::invalid_value(
                        "xsi:type",
                        value,
                        "not a qualified XML name",
                    )));
                }
                Some(self.resolve_name(value, true)?)
            }
            _ => None,
        };
        if let Some(frame) = self.frames.last_mut() {
            frame.nil = nil;
            frame.attributes = others;
            frame.xsi_type = xsi_type;
        }
        Ok(())
    }

    /// The value of `attr` with references replaced and whitespace normalized; a character
    /// reference to a character XML 1.0 forbids is an error, as it is in text.
    fn attribute_value<'v>(
        &self,
        attr: &quick_xml::events::attributes::Attribute<'v>,
    ) -> Result<Cow<'v, str>, DecodeError> {
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| self.parse_error("an attribute value", e))?;
        if let Cow::Owned(unescaped) = &value
            && let Some(ch) = unescaped.chars().find(|&ch| !is_xml_char(ch))
        {
            return Err(self.error(DecodeErrorKind::ForbiddenChar(ch)));
        }
        Ok(value)
    }

    fn resolve_reference(
        &self,
        reference: &quick_xml::events::BytesRef<'_>,
    ) -> Result<Cow<'static, str>, DecodeError> {
        if reference.is_char_ref() {
            return match reference.resolve_char_ref() {
                Ok(Some(ch)) if is_xml_char(ch) => Ok(Cow::Owned(ch.to_string())),
                _ => Err(self.error(DecodeErrorKind::Syntax(format!(
                    "invalid character reference &{};",
                    &**reference
                )))),
            };
        }
        match resolve_predefined_entity(reference) {
            Some(text) => Ok(Cow::Borrowed(text)),
            None => Err(self.error(DecodeErrorKind::UnknownEntity(reference.to_string()))),
        }
    }

    fn ensure_open(&self) -> Result<(), DecodeError> {
        if self.pending_pop || self.frames.is_empty() {
            return Err(self.error(DecodeErrorKind::Other(
                "reader misuse: no open element to read".to_owned(),
            )));
        }
        Ok(())
    }

    /// Reads the text content of the current element through its end tag, joining text,
    /// CDATA sections and entity references. A child element is an error.
    pub fn read_text(&mut self) -> Result<Cow<'a, str>, DecodeError> {
        self.ensure_open()?;
        self.start = None;
        let mut text: Option<Cow<'a, str>> = None;
        loop {
            let piece: Cow<'a, str> = match self.reader.read_event() {
                Ok(Event::Text(t)) => t.xml10_content(),
                Ok(Event::End(end)) => {
                    self.close(&end)?;
                    return Ok(text.unwrap_or(Cow::Borrowed("")));
                }
                Ok(Event::CData(c)) => c.xml10_content(),
                Ok(Event::GeneralRef(reference)) => self.resolve_reference(&reference)?,
                Ok(Event::Start(start)) => {
                    let found = start.local_name().into_inner().to_owned();
                    return Err(self.error(DecodeErrorKind::ChildInSimpleContent { found }));
                }
                Ok(Event::Eof) => return Err(self.error(DecodeErrorKind::UnexpectedEof)),
                Ok(Event::DocType(_)) => return Err(self.error(DecodeErrorKind::DocType)),
                Ok(Event::Comment(_) | Event::PI(_) | Event::Decl(_) | Event::Empty(_)) => continue,
                Err(e) => return Err(self.syntax(e)),
            };
            match &mut text {
                None => text = Some(piece),
                Some(joined) => self.join(joined, &piece),
            }
        }
    }

    /// Appends `piece` to the text read so far. The first time, room is made for all the raw
    /// text up to the next markup, which the rest of the text cannot outgrow (references
    /// are longer than what they stand for).
    fn join(&self, joined: &mut Cow<'a, str>, piece: &str) {
        if let Cow::Borrowed(first) = joined {
            let at = usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX);
            let rest = self.input.get(at..).unwrap_or("");
            let raw = rest.find('<').unwrap_or(rest.len());
            let mut owned = String::with_capacity(first.len() + piece.len() + raw);
            owned.push_str(first);
            *joined = Cow::Owned(owned);
        }
        joined.to_mut().push_str(piece);
    }

    /// Skips the rest of the current element, through its end tag.
    pub fn skip(&mut self) -> Result<(), DecodeError> {
        self.ensure_open()?;
        self.start = None;
        self.skipped.clear();
        loop {
            match self.reader.read_event() {
                Ok(Event::Start(start)) => {
                    if self.frames.len() + self.skipped.len() + 1 > self.config.max_depth {
                        return Err(self.too_deep());
                    }
                    self.check_skipped(&start)?;
                    let name = self.in_input(start.name().0);
                    self.skipped.push(name);
                }
                Ok(Event::Empty(start)) => self.check_skipped(&start)?,
                Ok(Event::End(end)) => match self.skipped.pop() {
                    None => {
                        self.close(&end)?;
                        return Ok(());
                    }
                    Some(name) if same_name(name, end.name().0) => {}
                    Some(name) => {
                        return Err(self.error(DecodeErrorKind::Syntax(format!(
                            "expected </{name}>, found </{}>",
                            end.name().0
                        ))));
                    }
                },
                Ok(Event::GeneralRef(reference)) => {
                    self.resolve_reference(&reference)?;
                }
                Ok(Event::Eof) => return Err(self.error(DecodeErrorKind::UnexpectedEof)),
                Ok(Event::DocType(_)) => return Err(self.error(DecodeErrorKind::DocType)),
                Ok(_) => {}
                Err(e) => return Err(self.syntax(e)),
            }
        }
    }

    /// Skipped elements are not read, but their names and attributes must still be
    /// well-formed.
    fn check_skipped(&self, start: &BytesStart<'_>) -> Result<(), DecodeError> {
        let name = start.name().0;
        if !is_qname(name) {
            return Err(self.error(DecodeErrorKind::InvalidName(name.to_owned())));
        }
        for attr in start.attributes() {
            let attr = attr.map_err(|e| self.parse_error("an attribute", e))?;
            self.check_separated(start, attr.key.0)?;
        }
        Ok(())
    }

    /// XML requires white space before each attribute; quick-xml reads `a="1"b="2"` as two.
    fn check_separated(&self, start: &BytesStart<'_>, key: &str) -> Result<(), DecodeError> {
        let raw = start.attributes_raw().as_bytes();
        let offset = (key.as_ptr() as usize).wrapping_sub(raw.as_ptr() as usize);
        let before = offset.checked_sub(1).and_then(|at| raw.get(at));
        if matches!(before, Some(b' ' | b'\t' | b'\r' | b'\n')) {
            Ok(())
        } else {
            Err(self.error(DecodeErrorKind::Syntax(format!(
                "no white space before attribute `{key}`"
            ))))
        }
    }

    /// Opens the root element and checks that it is `{ns}local`.
    pub fn expect_root(&mut self, ns: &str, local: &str) -> Result<(), DecodeError> {
        match self.next_child()? {
            Some(child) if child.local_name == local && self.ns_is(child.ns, ns) => Ok(()),
            Some(child) => Err(self.error(DecodeErrorKind::UnexpectedElement {
                expected: format!("{{{ns}}}{local}"),
                found: format!("{{{}}}{}", self.namespace(child.ns), child.local_name),
            })),
            None => Err(self.error(DecodeErrorKind::MissingElement {
                name: local.to_owned(),
            })),
        }
    }

    /// Checks that nothing but comments and whitespace follows the root element.
    pub fn finish(mut self) -> Result<(), DecodeError> {
        while self.frames.len() > 1 || (self.frames.len() == 1 && !self.pending_pop) {
            self.skip_to_parent()?;
        }
        match self.next_child()? {
            None => Ok(()),
            Some(child) => {
                let found = child.local_name.to_owned();
                Err(self.error(DecodeErrorKind::Other(format!(
                    "element <{found}> after the root element"
                ))))
            }
        }
    }

    fn skip_to_parent(&mut self) -> Result<(), DecodeError> {
        if self.pending_pop {
            self.apply_pending_pop();
        }
        self.skip()
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    fn children(xml: &str) -> Result<Vec<(String, String, String)>, DecodeError> {
        let mut r = XmlReader::new(xml.as_bytes())?;
        r.next_child()?;
        let mut out = Vec::new();
        while let Some(child) = r.next_child()? {
            let ns = r.namespace(child.ns).to_owned();
            let text = r.read_text()?.into_owned();
            out.push((ns, child.local_name.to_owned(), text));
        }
        r.finish()?;
        Ok(out)
    }

    #[test]
    fn resolves_namespaces_by_uri_not_prefix() {
        let got = children(
            r#"<a:root xmlns:a="urn:a" xmlns:b="urn:b"><b:x>1</b:x><y xmlns="urn:c">2</y><a:z/></a:root>"#,
        )
        .unwrap();
        assert_eq!(
            got,
            vec![
                ("urn:b".into(), "x".into(), "1".into()),
                ("urn:c".into(), "y".into(), "2".into()),
                ("urn:a".into(), "z".into(), "".into()),
            ]
        );
    }

    #[test]
    fn many_bindings_resolve_and_unbind_like_few() {
        // Enough prefixes that both the URI and the prefix lookups switch to hash maps.
        let many = LINEAR_SEARCH_LIMIT * 2;
        let declarations: String = (0..many)
            .map(|i| format!(r#" xmlns:p{i}="urn:{i}""#))
            .collect();
        let xml = format!(
            r#"<r{declarations}><p0:x>1</p0:x><p0:y xmlns:p0="urn:inner"><p0:z/></p0:y><p0:x>2</p0:x><p{last}:w/><q:v xmlns:q="urn:3"/></r>"#,
            last = many - 1
        );
        let mut r = XmlReader::new(xml.as_bytes()).unwrap();
        r.next_child().unwrap();
        let mut seen = Vec::new();
        while let Some(child) = r.next_child().unwrap() {
            seen.push((
                r.namespace(child.ns).to_owned(),
                child.local_name.to_owned(),
            ));
            if child.local_name == "y" {
                let inner = r.next_child().unwrap().unwrap();
                seen.push((
                    r.namespace(inner.ns).to_owned(),
                    inner.local_name.to_owned(),
                ));
                r.skip().unwrap();
                assert!(r.next_child().unwrap().is_none());
            } else {
                r.skip().unwrap();
            }
        }
        let expected = [
            ("urn:0", "x"),
            ("urn:inner", "y"),
            ("urn:inner", "z"),
            ("urn:0", "x"),
            (&*format!("urn:{}", many - 1), "w"),
            ("urn:3", "v"),
        ];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(ns, l)| (ns.to_string(), l.to_string()))
            .collect();
        assert_eq!(seen, expected);
        assert!(
            r.is_ns(NsId(4), "urn:2"),
            "ids are given in declaration order"
        );
    }

    #[test]
    fn names_met_again_resolve_in_the_scope_of_each_element() {
        let got = children(
            r#"<r xmlns="urn:a" xmlns:p="urn:p"><x/><x xmlns="urn:b"/><x/><p:y/><p:y xmlns:p="urn:q"/><p:y/></r>"#,
        )
        .unwrap();
        let namespaces: Vec<&str> = got.iter().map(|(ns, _, _)| ns.as_str()).collect();
        assert_eq!(
            namespaces,
            ["urn:a", "urn:b", "urn:a", "urn:p", "urn:q", "urn:p"]
        );
    }

    #[test]
    fn more_names_than_the_cache_holds_are_each_checked() {
        let names: Vec<String> = (0..3 * NameCache::MAX_SETS)
            .map(|i| format!("n{i}"))
            .collect();
        let body: String = names
            .iter()
            .chain(&names)
            .map(|n| format!("<{n}/>"))
            .collect();
        let got = children(&format!("<r>{body}<n0/><a:n0/></r>")).unwrap_err();
        assert_eq!(got.kind(), &DecodeErrorKind::UnknownPrefix("a".to_owned()));
        let got = children(&format!("<r>{body}<n0/><n0:/></r>")).unwrap_err();
        assert_eq!(got.kind(), &DecodeErrorKind::InvalidName("n0:".to_owned()));
        let got = children(&format!("<r>{body}</r>")).unwrap();
        let locals: Vec<&str> = got.iter().map(|(_, local, _)| local.as_str()).collect();
        assert_eq!(locals.len(), 2 * names.len());
        assert!(
            locals
                .iter()
                .zip(names.iter().chain(&names))
                .all(|(a, b)| a == b)
        );
    }

    #[test]
    fn same_name_is_equality() {
        let names = [
            "",
            "a",
            "ab",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "abcdefgh1",
            "p:Value",
        ];
        for a in names {
            for b in names {
                assert_eq!(same_name(a, b), a == b, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn refuses_forbidden_characters_with_their_position() {
        let err = XmlReader::new("<r>\n<t>a\u{1}</t></r>".as_bytes())
            .err()
            .unwrap();
        assert_eq!(err.kind(), &DecodeErrorKind::ForbiddenChar('\u{1}'));
        assert_eq!(err.position().map(|p| (p.line, p.column)), Some((2, 5)));
        let err = children("<r><t a=\"&#xFFFE;\"/></r>").err();
        assert!(err.is_none(), "attributes are only read when asked for");
        let mut r = XmlReader::new(b"<r a=\"x&#1;\"/>").unwrap();
        r.next_child().unwrap();
        let err = r.attributes().unwrap_err();
        assert_eq!(err.kind(), &DecodeErrorKind::ForbiddenChar('\u{1}'));
        let err = children(r#"<r xmlns:p="urn:&#xFFFF;"/>"#).unwrap_err();
        assert_eq!(err.kind(), &DecodeErrorKind::ForbiddenChar('\u{FFFF}'));
    }

    #[test]
    fn refuses_names_that_are_not_xml_names() {
        for (xml, name) in [
            ("<r><\t/></r>", ""),
            (r#"<r><:nil="true"/></r>"#, r#":nil="true""#),
            ("<r><1a/></r>", "1a"),
            ("<r><a:b:c xmlns:a='urn:a'/></r>", "a:b:c"),
            ("<r xmlns:='urn:x'/>", "xmlns:"),
            ("<r xmlns:1='urn:x'/>", "xmlns:1"),
        ] {
            let err = children(xml).unwrap_err();
            assert_eq!(
                err.kind(),
                &DecodeErrorKind::InvalidName(name.to_owned()),
                "{xml}"
            );
        }
        for xml in [r#"<r a="1"b="2"/>"#, r#"<r><x><y a='1'b='2'/></y></x></r>"#] {
            let mut r = XmlReader::new(xml.as_bytes()).unwrap();
            let err = r
                .next_child()
                .and_then(|_| r.next_child())
                .and_then(|_| r.skip());
            assert_eq!(
                err.unwrap_err().kind(),
                &DecodeErrorKind::Syntax("no white space before attribute `b`".to_owned()),
                "{xml}"
            );
        }
        for (xml, name) in [
            ("<r><x><y><1a/></y></x></r>", "1a"),
            ("<r><x><2b></2b></x></r>", "2b"),
        ] {
            let mut r = XmlReader::new(xml.as_bytes()).unwrap();
            r.next_child().unwrap();
            r.next_child().unwrap();
            let err = r.skip().unwrap_err();
            assert_eq!(
                err.kind(),
                &DecodeErrorKind::InvalidName(name.to_owned()),
                "{xml}"
            );
        }
        let mut r = XmlReader::new(b"<r 1a=\"1\"/>").unwrap();
        r.next_child().unwrap();
        let err = r.attributes().unwrap_err();
        assert_eq!(err.kind(), &DecodeErrorKind::InvalidName("1a".to_owned()));
    }

    #[test]
    fn joins_text_cdata_and_references() {
        let got = children("<r><t>a &amp; b<![CDATA[<c>]]>&#x41;&lt;\r\nz</t></r>").unwrap();
        assert_eq!(got[0].2, "a & b<c>A<\nz");
    }

    #[test]
    fn refuses_doctype() {
        let err = children("<!DOCTYPE r [<!ENTITY x 'y'>]><r/>").unwrap_err();
        assert_eq!(err.kind(), &DecodeErrorKind::DocType);
    }

    #[test]
    fn unknown_entity_is_an_error() {
        let err = children("<r><t>&bogus;</t></r>").unwrap_err();
        assert_eq!(err.kind(), &DecodeErrorKind::UnknownEntity("bogus".into()));
        assert_eq!(err.path(), "/r/t");
    }

    #[test]
    fn truncated_document_is_an_error() {
        let err = children("<r><t>1</t><t>").unwrap_err();
        assert_eq!(err.kind(), &DecodeErrorKind::UnexpectedEof);
    }

    #[test]
    fn path_counts_repeated_siblings() {
        let mut r = XmlReader::new(b"<r><i/><i/><i><x>bad</x></i></r>").unwrap();
        r.next_child().unwrap();
        for _ in 0..2 {
            r.next_child().unwrap();
            r.skip().unwrap();
        }
        r.next_child().unwrap();
        r.next_child().unwrap();
        assert_eq!(r.path(), "/r/i[3]/x");
    }

    #[test]
    fn depth_limit_applies_while_skipping() {
        let xml = format!("<r>{}{}</r>", "<a>".repeat(300), "</a>".repeat(300));
        let mut r = XmlReader::new(xml.as_bytes()).unwrap();
        r.next_child().unwrap();
        r.next_child().unwrap();
        let err = r.skip().unwrap_err();
        assert_eq!(err.kind(), &DecodeErrorKind::TooDeep { limit: 128 });
    }

    #[test]
    fn invalid_utf8_is_reported_with_position() {
        let err = XmlReader::new(b"<r>\n ab\xFF</r>").err().unwrap();
        assert_eq!(err.kind(), &DecodeErrorKind::InvalidUtf8);
        let pos = err.position().unwrap();
        assert_eq!((pos.byte, pos.line, pos.column), (7, 2, 4));
    }

    #[test]
    fn reads_nil_and_xsi_type() {
        let xml = r#"<r xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns:t="urn:t"><v i:nil="true"/><w i:type="t:Thing">x</w></r>"#;
        let mut r = XmlReader::new(xml.as_bytes()).unwrap();
        r.next_child().unwrap();
        r.next_child().unwrap();
        assert!(r.is_nil());
        r.skip().unwrap();
        r.next_child().unwrap();
        assert!(!r.is_nil());
        assert_eq!(r.xsi_type(), Some(("urn:t", "Thing")));
    }

    #[test]
    fn a_qualified_type_attribute_of_another_namespace_is_data_not_xsi_type() {
        // attributeFormDefault="qualified": a schema's own `type` attribute is `ns0:type`.
        let xml = r#"<r xmlns:ns0="urn:t"><w ns0:type="first class">x</w></r>"#;
        let r = first_child(xml);
        assert_eq!(r.xsi_type(), None);
        let attributes = r.attributes().unwrap();
        assert_eq!(attributes.len(), 1);
        assert_eq!(
            (attributes[0].0.as_str(), attributes[0].1, &*attributes[0].2),
            ("urn:t", "type", "first class")
        );
        // A value that looks like a QName is not taken for a type either.
        let xml = r#"<r xmlns:ns0="urn:t"><w ns0:type="ns0:Thing"/></r>"#;
        assert_eq!(first_child(xml).xsi_type(), None);
        // Beside a real xsi:type, in either order, each keeps its meaning.
        for w in [
            r#"<w ns0:type="plain" i:type="ns0:Thing"/>"#,
            r#"<w i:type="ns0:Thing" ns0:type="plain"/>"#,
        ] {
            let xml = format!(
                r#"<r xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns:ns0="urn:t">{w}</r>"#
            );
            let r = first_child(&xml);
            assert_eq!(r.xsi_type(), Some(("urn:t", "Thing")), "{w}");
            assert!(
                r.attributes()
                    .unwrap()
                    .iter()
                    .any(|a| a.1 == "type" && a.2 == "plain")
            );
        }
        // A real xsi:type must still be a QName.
        let xml = r#"<r xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><w i:type="first class"/></r>"#;
        let mut r = XmlReader::new(xml.as_bytes()).unwrap();
        r.next_child().unwrap();
        let error = r.next_child().unwrap_err();
        assert!(
            error.to_string().contains("not a qualified XML name"),
            "{error}"
        );
    }

    /// Opens `<r>` of `xml` and its first child.
    fn first_child(xml: &str) -> XmlReader<'_> {
        let mut r = XmlReader::new(xml.as_bytes()).unwrap();
        r.next_child().unwrap();
        r.next_child().unwrap();
        r
    }

    #[test]
    fn empty_values_of_types_without_one_read_as_absent_where_absence_is_allowed() {
        use crate::types::{DateTime, Duration};
        let xml = r#"<r xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns:x="urn:x">
            <a></a><b/><c>
            </c><d i:type="x:int" xmlns:y="urn:y"></d><e>1</e></r>"#;
        let mut r = XmlReader::new(xml.as_bytes()).unwrap();
        r.next_child().unwrap();
        for name in ["a", "b", "c", "d"] {
            assert_eq!(r.next_child().unwrap().unwrap().local_name, name);
            assert_eq!(r.read_nillable::<i32>().unwrap(), None, "{name}");
        }
        r.next_child().unwrap();
        assert_eq!(
            r.read_nillable::<i32>().unwrap(),
            Some(1),
            "reading goes on"
        );
        assert!(r.next_child().unwrap().is_none());
        r.finish().unwrap();

        let mut r = first_child("<r><v/></r>");
        assert_eq!(r.read_nillable::<Duration>().unwrap(), None);
        let mut r = first_child("<r><v></v></r>");
        assert_eq!(r.read_nillable::<DateTime>().unwrap(), None);
        let mut r = first_child("<r><v> </v></r>");
        assert_eq!(r.read_nillable::<bool>().unwrap(), None);
        let mut r = first_child("<r><v></v></r>");
        assert_eq!(r.read_nillable::<f64>().unwrap(), None);
    }

    #[test]
    fn empty_values_keep_what_they_hold_and_stay_errors_where_required() {
        // Empty text is a string's value, not its absence.
        let mut r = first_child("<r><v></v></r>");
        assert_eq!(r.read_nillable::<String>().unwrap().as_deref(), Some(""));
        // A required element has no absent value to give.
        let mut r = first_child("<r><v></v></r>");
        let err = r.read::<i32>().unwrap_err();
        assert!(
            matches!(err.kind(), DecodeErrorKind::InvalidValue { .. }),
            "{err}"
        );
        assert_eq!(err.path(), "/r/v");
        // Text that is not empty is not a value to drop.
        let mut r = first_child("<r><v>x</v></r>");
        assert!(r.read_nillable::<i32>().is_err());
        // Attributes are content an absent value would lose.
        for xml in [
            r#"<r><v unit="s"></v></r>"#,
            r#"<r xmlns:p="urn:p"><v p:type="t"/></r>"#,
        ] {
            let mut r = first_child(xml);
            let err = r.read_nillable::<i32>().unwrap_err();
            assert!(
                matches!(err.kind(), DecodeErrorKind::InvalidValue { .. }),
                "{xml}: {err}"
            );
        }
    }

    /// A complex type with one required `xs:int` child `n`.
    #[derive(Debug, PartialEq)]
    struct Holder(i32);

    impl XmlType for Holder {
        fn write_content(
            &self,
            _w: &mut crate::xml::XmlWriter,
        ) -> Result<(), crate::xml::EncodeError> {
            Ok(())
        }

        fn read_content(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
            let mut n = None;
            while let Some(child) = r.next_child()? {
                if child.local_name == "n" {
                    crate::__codegen::fill(r, &mut n, |r| r.read::<i32>())?;
                } else {
                    r.skip()?;
                }
            }
            crate::__codegen::required(r, n, "n").map(Holder)
        }
    }

    #[test]
    fn an_empty_value_inside_an_optional_element_is_still_an_error() {
        let mut r = first_child("<r><h><n></n></h></r>");
        let err = r.read_nillable::<Holder>().unwrap_err();
        assert_eq!(err.path(), "/r/h/n");
        assert!(
            matches!(err.kind(), DecodeErrorKind::InvalidValue { .. }),
            "{err}"
        );
        let mut r = first_child("<r><h><n></n><n>2</n></h></r>");
        assert!(r.read_nillable::<Holder>().is_err());
        // An empty complex element is a value (here one missing its required child).
        let mut r = first_child("<r><h></h></r>");
        let err = r.read_nillable::<Holder>().unwrap_err();
        assert!(
            matches!(err.kind(), DecodeErrorKind::MissingElement { .. }),
            "{err}"
        );
        let mut r = first_child("<r><h><n>3</n></h></r>");
        assert_eq!(r.read_nillable::<Holder>().unwrap(), Some(Holder(3)));
    }

    #[test]
    fn non_utf8_declaration_is_refused() {
        let err = children("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r/>").unwrap_err();
        assert!(matches!(
            err.kind(),
            DecodeErrorKind::UnsupportedEncoding(_)
        ));
    }

    #[test]
    fn content_after_root_is_an_error() {
        let err = children("<r/><s/>").unwrap_err();
        assert!(matches!(
            err.kind(),
            DecodeErrorKind::Other(_) | DecodeErrorKind::Syntax(_) | DecodeErrorKind::Parse(_)
        ));
    }
}
