//! Opening an element: its frame, its namespace declarations, its resolved name, and
//! `xsi:nil` and `xsi:type` told apart from a schema's own attributes of those names.

use std::borrow::Cow;

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::BytesStart;

use super::names::{same_name, split_qname};
use super::{Child, Frame, NsId, XSI_NS, XmlReader, XsiCandidates};
use crate::xml::chars::{is_ncname, is_qname, is_xml_char};
use crate::xml::error::{DecodeError, DecodeErrorKind};

impl<'a> XmlReader<'a> {
    /// Opens the element `start`: pushes its frame, takes its namespace declarations,
    /// resolves its name, and notes `xsi:nil` and `xsi:type`.
    #[inline]
    pub(super) fn open(&mut self, start: BytesStart<'a>) -> Result<Child<'a>, DecodeError> {
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
    pub(super) fn too_deep(&self) -> DecodeError {
        self.error(DecodeErrorKind::TooDeep {
            limit: self.config.max_depth,
        })
    }

    /// Counts a child named `local` of the current element among its same-named siblings;
    /// returns its position among them, from 1.
    pub(super) fn count_child(&mut self, local: &'a str) -> u32 {
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
    pub(super) fn resolve_prefix(&self, prefix: Option<&str>) -> Result<NsId, DecodeError> {
        match prefix {
            Some(prefix) => self
                .lookup(prefix)
                .ok_or_else(|| self.error(DecodeErrorKind::UnknownPrefix(prefix.to_owned()))),
            None => Ok(self.lookup("").unwrap_or(NsId::NONE)),
        }
    }

    /// Takes the namespace declarations of `start`, opened at `depth`, and returns its
    /// `*:nil` and `*:type` attributes.
    pub(super) fn declare(
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
    pub(super) fn xsi_among_several(
        &self,
        start: &BytesStart<'a>,
    ) -> Result<XsiCandidates<'a>, DecodeError> {
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
    pub(super) fn note_xsi(&mut self, found: XsiCandidates<'a>) -> Result<(), DecodeError> {
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
    pub(super) fn attribute_value<'v>(
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

    pub(super) fn resolve_reference(
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
}
