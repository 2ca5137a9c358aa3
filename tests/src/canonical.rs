//! Compares XML documents up to prefixes, whitespace-only text, attribute order,
//! namespace declarations and `xsi:type`: the differences that carry no meaning for us.

use std::fmt::Write as _;

use quick_xml::NsReader;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// An element in canonical form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// `{namespace}local`.
    pub name: String,
    /// Attributes as `{namespace}local="value"`, sorted, without `xsi:type` and `xmlns`.
    pub attributes: Vec<String>,
    /// Child elements and non-whitespace text, in order.
    pub children: Vec<Child>,
}

/// A child of a canonical element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Child {
    /// An element.
    Element(Node),
    /// Text that is not only whitespace (adjacent pieces joined).
    Text(String),
}

fn resolved(result: ResolveResult<'_>) -> String {
    match result {
        ResolveResult::Bound(ns) => ns.0.to_owned(),
        ResolveResult::Unbound => String::new(),
        ResolveResult::Unknown(prefix) => format!("?{prefix}"),
    }
}

/// Parses `xml` into the canonical form of its root element.
pub fn parse(xml: &[u8]) -> Result<Node, String> {
    let text = std::str::from_utf8(xml).map_err(|e| e.to_string())?;
    let mut reader = NsReader::from_str(text);
    reader.config_mut().expand_empty_elements = true;
    let mut stack: Vec<Node> = Vec::new();
    let mut pending_text = String::new();
    loop {
        let (ns, event) = reader.read_resolved_event().map_err(|e| e.to_string())?;
        match event {
            Event::Start(start) => {
                flush_text(&mut stack, &mut pending_text);
                let name = format!("{{{}}}{}", resolved(ns), start.local_name().into_inner());
                let mut attributes = Vec::new();
                for attr in start.attributes() {
                    let attr = attr.map_err(|e| e.to_string())?;
                    if attr.key.as_namespace_binding().is_some() {
                        continue;
                    }
                    let (attr_ns, local) = reader.resolver().resolve_attribute(attr.key);
                    let attr_ns = resolved(attr_ns);
                    if attr_ns == XSI && local.into_inner() == "type" {
                        continue;
                    }
                    let value = attr
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map_err(|e| e.to_string())?;
                    attributes.push(format!("{{{attr_ns}}}{}={value:?}", local.into_inner()));
                }
                attributes.sort();
                stack.push(Node {
                    name,
                    attributes,
                    children: Vec::new(),
                });
            }
            Event::End(_) => {
                flush_text(&mut stack, &mut pending_text);
                let node = stack.pop().ok_or("unbalanced end tag")?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Child::Element(node)),
                    None => return Ok(node),
                }
            }
            Event::Text(t) => pending_text.push_str(&t.xml10_content()),
            Event::CData(c) => pending_text.push_str(&c.xml10_content()),
            Event::GeneralRef(r) => {
                if let Ok(Some(ch)) = r.resolve_char_ref() {
                    pending_text.push(ch);
                } else {
                    let entity = quick_xml::escape::resolve_predefined_entity(&r)
                        .ok_or_else(|| format!("unknown entity {}", &*r))?;
                    pending_text.push_str(entity);
                }
            }
            Event::Eof => return Err("document ended before the root element closed".to_owned()),
            _ => {}
        }
    }
}

fn flush_text(stack: &mut [Node], text: &mut String) {
    if !text.trim().is_empty()
        && let Some(parent) = stack.last_mut()
    {
        parent.children.push(Child::Text(std::mem::take(text)));
    }
    text.clear();
}

impl Node {
    /// The child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Node> {
        self.children.iter().filter_map(|c| match c {
            Child::Element(e) => Some(e),
            Child::Text(_) => None,
        })
    }

    /// The first child element with local name `local` (any namespace).
    pub fn child(&self, local: &str) -> Option<&Node> {
        self.elements().find(|e| e.local_name() == local)
    }

    /// The local name.
    pub fn local_name(&self) -> &str {
        self.name.rsplit('}').next().unwrap_or(&self.name)
    }
}

/// The first difference between two canonical trees, as a path and a description.
pub fn difference(expected: &Node, actual: &Node) -> Option<String> {
    fn walk(path: &str, e: &Node, a: &Node, out: &mut String) -> bool {
        let here = format!("{path}/{}", e.local_name());
        if e.name != a.name {
            let _ = write!(out, "{here}: expected element {}, found {}", e.name, a.name);
            return true;
        }
        if e.attributes != a.attributes {
            let _ = write!(
                out,
                "{here}: attributes {:?} != {:?}",
                e.attributes, a.attributes
            );
            return true;
        }
        for (i, pair) in e.children.iter().zip(&a.children).enumerate() {
            match pair {
                (Child::Element(x), Child::Element(y)) => {
                    if walk(&here, x, y, out) {
                        return true;
                    }
                }
                (Child::Text(x), Child::Text(y)) if x == y => {}
                (x, y) => {
                    let _ = write!(out, "{here}: child {i}: expected {x:?}, found {y:?}");
                    return true;
                }
            }
        }
        if e.children.len() != a.children.len() {
            let _ = write!(
                out,
                "{here}: expected {} children, found {}: {:?}",
                e.children.len(),
                a.children.len(),
                if e.children.len() > a.children.len() {
                    &e.children[a.children.len()..]
                } else {
                    &a.children[e.children.len()..]
                }
            );
            return true;
        }
        false
    }
    let mut out = String::new();
    walk("", expected, actual, &mut out).then_some(out)
}

/// Panics with the first difference unless `actual` equals `expected` canonically.
pub fn assert_same_xml(expected: &Node, actual: &[u8]) {
    let actual_node = match parse(actual) {
        Ok(node) => node,
        Err(error) => panic!(
            "written XML does not parse: {error}\n{}",
            String::from_utf8_lossy(actual)
        ),
    };
    if let Some(diff) = difference(expected, &actual_node) {
        panic!(
            "XML differs: {diff}\nwritten: {}",
            String::from_utf8_lossy(actual)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_prefixes_whitespace_attribute_order_and_xsi_type() {
        let a = parse(br#"<a:r xmlns:a="urn:x" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" q="1" p="2">
            <a:v i:type="a:T">1</a:v> <a:e></a:e></a:r>"#)
        .unwrap();
        let b = parse(br#"<r xmlns="urn:x" p="2" q="1"><v>1</v><e/></r>"#).unwrap();
        assert_eq!(difference(&a, &b), None);
    }

    #[test]
    fn finds_differences() {
        let a = parse(br#"<r xmlns="urn:x"><v>1</v></r>"#).unwrap();
        let b = parse(br#"<r xmlns="urn:y"><v>1</v></r>"#).unwrap();
        assert!(
            difference(&a, &b)
                .unwrap()
                .contains("expected element {urn:x}r")
        );
        let c = parse(br#"<r xmlns="urn:x"><v>2</v></r>"#).unwrap();
        assert!(difference(&a, &c).unwrap().starts_with("/r/v"));
        let d = parse(br#"<r xmlns="urn:x"><v>1</v><w/></r>"#).unwrap();
        assert!(
            difference(&a, &d)
                .unwrap()
                .contains("expected 1 children, found 2")
        );
    }
}
