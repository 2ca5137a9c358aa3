//! Moving through the document: to the next child or node, through text, past a
//! skipped element, and out of the root.

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};

use super::names::same_name;
use super::{Child, Node, XmlReader};
use crate::xml::chars::is_qname;
use crate::xml::error::{DecodeError, DecodeErrorKind};

impl<'a> XmlReader<'a> {
    pub(super) fn apply_pending_pop(&mut self) {
        if self.pending_pop {
            let depth = self.frames.len();
            self.namespaces.unbind_from(depth);
            self.frames.pop();
            self.pending_pop = false;
        }
    }

    /// Checks an end tag against the innermost open element and marks it closed.
    pub(super) fn close(
        &mut self,
        end: &quick_xml::events::BytesEnd<'_>,
    ) -> Result<(), DecodeError> {
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

    pub(super) fn check_decl(
        &self,
        decl: &quick_xml::events::BytesDecl<'_>,
    ) -> Result<(), DecodeError> {
        if let Some(encoding) = decl.encoding() {
            let encoding = encoding.map_err(|e| self.parse_error("the encoding declaration", e))?;
            if !encoding.eq_ignore_ascii_case("utf-8") && !encoding.eq_ignore_ascii_case("utf8") {
                return Err(self.error(DecodeErrorKind::UnsupportedEncoding(encoding.into_owned())));
            }
        }
        Ok(())
    }

    pub(super) fn ensure_open(&self) -> Result<(), DecodeError> {
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
    pub(super) fn join(&self, joined: &mut Cow<'a, str>, piece: &str) {
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
    pub(super) fn check_skipped(&self, start: &BytesStart<'_>) -> Result<(), DecodeError> {
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
    pub(super) fn check_separated(
        &self,
        start: &BytesStart<'_>,
        key: &str,
    ) -> Result<(), DecodeError> {
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

    pub(super) fn skip_to_parent(&mut self) -> Result<(), DecodeError> {
        if self.pending_pop {
            self.apply_pending_pop();
        }
        self.skip()
    }
}
