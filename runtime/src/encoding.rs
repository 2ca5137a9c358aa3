//! SOAP 1.1 section 5 encoding (rpc/encoded bindings): `soapenc:Array`s written with their
//! `soapenc:arrayType` and read whatever their items are called, and multi-reference values
//! (`href="#id"` pointing at an element with `id="id"`) put in place before decoding.

use std::collections::HashMap;

use crate::types::{AnyAttribute, AnyElement, AnyNode};
use crate::xml::{DecodeError, DecodeErrorKind, EncodeError, ReaderConfig, XmlReader, XmlWriter};

/// The namespace of the SOAP 1.1 encoding (`soapenc:`), also its `encodingStyle` URI.
pub const SOAPENC_NS: &str = "http://schemas.xmlsoap.org/soap/encoding/";

/// How deep references may lead into references; a cycle ends here.
const MAX_REFERENCE_DEPTH: usize = 64;

/// How many elements and text nodes putting references in place may copy: this many times
/// the document's own, plus [`COPY_ALLOWANCE`], against a document whose references point at
/// one large value again and again. A message that refers to each value once copies it once.
const COPY_FACTOR: usize = 4;
const COPY_ALLOWANCE: usize = 10_000;

/// Writes `items` as `soapenc:Array` element `{ns}local` of items of schema type
/// `item_type` (`xsi:type="soapenc:Array" soapenc:arrayType="t:Item[n]"`), each written by
/// `write_item`.
pub fn write_encoded_array<T>(
    w: &mut XmlWriter,
    (ns, local): (&str, &str),
    (item_ns, item_local): (&str, &str),
    items: &[T],
    mut write_item: impl FnMut(&mut XmlWriter, &T) -> Result<(), EncodeError>,
) -> Result<(), EncodeError> {
    w.start(ns, local)?;
    w.xsi_type(SOAPENC_NS, "Array")?;
    let item_type = if item_ns.is_empty() {
        item_local.to_owned()
    } else {
        format!("{}:{item_local}", w.prefix_for(item_ns)?)
    };
    w.attribute(
        SOAPENC_NS,
        "arrayType",
        &format!("{item_type}[{}]", items.len()),
    )?;
    for item in items {
        write_item(w, item)?;
    }
    w.end()
}

/// Reads the items of the `soapenc:Array` `r` has just opened, each with `item`, whatever
/// their element names (the encoding leaves them to the sender). Partially transmitted and
/// sparse arrays (`soapenc:offset`, `soapenc:position`) are refused.
pub fn read_encoded_array<'a, T>(
    r: &mut XmlReader<'a>,
    mut item: impl FnMut(&mut XmlReader<'a>) -> Result<T, DecodeError>,
) -> Result<Vec<T>, DecodeError> {
    if has_encoding_attribute(r, "offset")? {
        return Err(r.error(DecodeErrorKind::Other(
            "a partially transmitted soapenc:Array (soapenc:offset) is not supported".to_owned(),
        )));
    }
    let mut items = Vec::new();
    while r.next_child()?.is_some() {
        if has_encoding_attribute(r, "position")? {
            return Err(r.error(DecodeErrorKind::Other(
                "a sparse soapenc:Array (soapenc:position) is not supported".to_owned(),
            )));
        }
        items.push(item(r)?);
    }
    Ok(items)
}

fn has_encoding_attribute(r: &XmlReader<'_>, local: &str) -> Result<bool, DecodeError> {
    Ok(r.attributes()?
        .iter()
        .any(|(ns, name, _)| ns == SOAPENC_NS && *name == local))
}

/// `xml` with every multi-reference value put in place: an element with `href="#x"` gets
/// the attributes (but `id`) and content of the element with `id="x"`. `None` when there is
/// no reference, so the document is read as it is. A reference to no element, a cycle, and
/// copying more than a bounded number of nodes are errors.
pub fn inline_references(
    xml: &[u8],
    config: &ReaderConfig,
) -> Result<Option<Vec<u8>>, DecodeError> {
    if !xml.windows(5).any(|w| w == b"href=") {
        return Ok(None);
    }
    let mut r = XmlReader::with_config(xml, config.clone())?;
    let Some(root) = r.next_child()? else {
        return Ok(None);
    };
    let mut document = AnyElement::read_current(&mut r, root)?;
    r.finish()?;
    // Targets are found by their place in a copy of the document as it arrived, and copied
    // only when referred to, so that memory stays within the copy bound whatever ids nest.
    let original = document.clone();
    let mut targets = HashMap::new();
    collect_targets(&original, &mut Vec::new(), &mut targets);
    let limit = node_count(&document)
        .saturating_mul(COPY_FACTOR)
        .saturating_add(COPY_ALLOWANCE);
    let mut resolver = References {
        original: &original,
        targets,
        copied: 0,
        limit,
        found: false,
    };
    let path = format!("/{}", document.name.local_name);
    resolver.put_in_place(&mut document, &path, 0)?;
    if !resolver.found {
        return Ok(None);
    }
    let mut w = XmlWriter::with_buffer(Vec::with_capacity(xml.len()));
    w.declaration();
    document
        .write(&mut w)
        .map_err(|e| DecodeError::new(DecodeErrorKind::Other(e.to_string()), path, None))?;
    Ok(Some(w.into_inner()))
}

/// The value of the unqualified attribute `local`.
fn attribute<'e>(element: &'e AnyElement, local: &str) -> Option<&'e str> {
    element
        .content
        .attributes
        .iter()
        .find(|a| a.name.namespace.is_empty() && a.name.local_name == local)
        .map(|a| a.value.as_str())
}

/// Records, for each `id`, the place of its (first) element below `element`, which is at
/// `place`: the indices of the children leading to it.
fn collect_targets(
    element: &AnyElement,
    place: &mut Vec<usize>,
    targets: &mut HashMap<String, Vec<usize>>,
) {
    if let Some(id) = attribute(element, "id") {
        targets
            .entry(id.to_owned())
            .or_insert_with(|| place.clone());
    }
    for (index, child) in element.content.children.iter().enumerate() {
        if let AnyNode::Element(child) = child {
            place.push(index);
            collect_targets(child, place, targets);
            place.pop();
        }
    }
}

/// The element at `place` below `root` (see [`collect_targets`]).
fn element_at<'e>(root: &'e AnyElement, place: &[usize]) -> Option<&'e AnyElement> {
    place.iter().try_fold(root, |element, &index| {
        match element.content.children.get(index) {
            Some(AnyNode::Element(child)) => Some(child),
            _ => None,
        }
    })
}

fn node_count(element: &AnyElement) -> usize {
    1 + element
        .content
        .children
        .iter()
        .map(|child| match child {
            AnyNode::Element(element) => node_count(element),
            AnyNode::Text(_) => 1,
        })
        .sum::<usize>()
}

struct References<'d> {
    /// The document as it arrived, where targets are copied from.
    original: &'d AnyElement,
    targets: HashMap<String, Vec<usize>>,
    copied: usize,
    limit: usize,
    found: bool,
}

impl References<'_> {
    fn put_in_place(
        &mut self,
        element: &mut AnyElement,
        path: &str,
        depth: usize,
    ) -> Result<(), DecodeError> {
        let error = |message: String| {
            DecodeError::new(DecodeErrorKind::Other(message), path.to_owned(), None)
        };
        let mut depth = depth;
        if let Some(href) = attribute(element, "href").map(str::to_owned) {
            let id = href.strip_prefix('#').ok_or_else(|| {
                error(format!(
                    "href=\"{href}\" is not a reference within the message (#id)"
                ))
            })?;
            let target = self
                .targets
                .get(id)
                .and_then(|place| element_at(self.original, place))
                .ok_or_else(|| error(format!("href=\"{href}\" names no element with that id")))?;
            depth += 1;
            if depth > MAX_REFERENCE_DEPTH {
                return Err(error(format!(
                    "references lead more than {MAX_REFERENCE_DEPTH} deep (a cycle?)"
                )));
            }
            self.copied += node_count(target);
            if self.copied > self.limit {
                return Err(error(format!(
                    "multi-reference values copy more than {} nodes ({COPY_FACTOR} times the \
                     message's own, plus {COPY_ALLOWANCE})",
                    self.limit
                )));
            }
            self.found = true;
            let target = target.content.clone();
            let content = &mut element.content;
            content
                .attributes
                .retain(|a| !(a.name.namespace.is_empty() && a.name.local_name == "href"));
            content
                .attributes
                .extend(target.attributes.into_iter().filter(|a: &AnyAttribute| {
                    !(a.name.namespace.is_empty() && a.name.local_name == "id")
                }));
            if content.xsi_type.is_none() {
                content.xsi_type = target.xsi_type;
            }
            content.children = target.children;
        }
        for child in &mut element.content.children {
            if let AnyNode::Element(child) = child {
                let path = format!("{path}/{}", child.name.local_name);
                self.put_in_place(child, &path, depth)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inline(xml: &str) -> Result<Option<String>, DecodeError> {
        inline_references(xml.as_bytes(), &ReaderConfig::default())
            .map(|out| out.map(|bytes| String::from_utf8(bytes).unwrap_or_default()))
    }

    #[test]
    fn a_reference_takes_the_attributes_and_content_of_its_target() {
        let out = inline(
            r##"<r xmlns:x="urn:x"><a href="#1" k="v"/><m id="1" x:t="2"><b>text</b></m></r>"##,
        )
        .unwrap()
        .unwrap();
        assert!(out.contains(r#"<a k="v" "#), "{out}");
        assert!(out.contains(r#":t="2"><b>text</b></a>"#), "{out}");
        assert!(!out.contains("href"), "{out}");
    }

    #[test]
    fn a_target_inside_another_is_found_by_its_place() {
        let out = inline(
            r##"<r><a href="#outer"/><m id="outer"><n id="inner">x</n></m><b href="#inner"/></r>"##,
        )
        .unwrap()
        .unwrap();
        assert!(out.contains(r#"<a><n id="inner">x</n></a>"#), "{out}");
        assert!(out.contains("<b>x</b>"), "{out}");
    }

    #[test]
    fn references_that_multiply_are_stopped_by_the_copy_bound() {
        // Each level refers to the next twice: 2^40 copies if nothing stopped it.
        let mut xml = String::from(r##"<r><top href="#0"/>"##);
        for level in 0..40 {
            let next = level + 1;
            xml.push_str(&format!(
                r##"<m id="{level}"><a href="#{next}"/><b href="#{next}"/></m>"##
            ));
        }
        xml.push_str(r#"<m id="40">leaf</m></r>"#);
        let error = inline(&xml).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("multi-reference values copy more than"),
            "{error}"
        );
    }

    #[test]
    fn a_reference_outside_the_message_is_refused() {
        let error = inline(r#"<r><a href="http://example.com/x"/></r>"#).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("is not a reference within the message"),
            "{error}"
        );
        assert_eq!(error.path(), "/r/a");
    }

    #[test]
    fn arrays_are_written_with_their_array_type_and_read_whatever_their_items_are_called() {
        let mut w = XmlWriter::new();
        write_encoded_array(
            &mut w,
            ("urn:x", "list"),
            ("http://www.w3.org/2001/XMLSchema", "int"),
            &[4, 5],
            |w, item| w.element("", "item", item),
        )
        .unwrap();
        let xml = String::from_utf8(w.into_inner()).unwrap();
        assert!(xml.contains(r#":arrayType=""#), "{xml}");
        assert!(xml.contains(r#":int[2]""#), "{xml}");
        let other = r#"<list xmlns="urn:x"><a>4</a><b>5</b></list>"#;
        let mut r = XmlReader::new(other.as_bytes()).unwrap();
        r.next_child().unwrap();
        let items = read_encoded_array(&mut r, |r| r.read::<i32>()).unwrap();
        assert_eq!(items, [4, 5]);
    }
}
