//! The document parser under the model (`parse_document`): the tree it builds, the
//! encodings it reads, and the errors (with line and column) for what is not well-formed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use wsdl_codegen::model::parse_document;
use xmltree::{Element, XMLNode};

fn parse(text: &str) -> Element {
    parse_document("doc.xml", text.as_bytes()).unwrap_or_else(|e| panic!("{e}"))
}

fn error(bytes: &[u8]) -> String {
    match parse_document("doc.xml", bytes) {
        Ok(root) => panic!("parsed, giving {root:?}"),
        Err(e) => e.to_string(),
    }
}

fn child<'a>(element: &'a Element, name: &str) -> &'a Element {
    element
        .get_child(name)
        .unwrap_or_else(|| panic!("no child `{name}` in {element:?}"))
}

#[test]
fn elements_carry_their_namespace_prefix_and_attributes_by_local_or_qualified_name() {
    let root = parse(concat!(
        r#"<w:definitions xmlns:w="urn:w" xmlns="urn:default" xmlns:x="urn:x" name="Root">"#,
        r#"<types x:flag="yes" plain="a &amp; b"/><w:message/></w:definitions>"#
    ));
    assert_eq!(root.name, "definitions");
    assert_eq!(root.prefix.as_deref(), Some("w"));
    assert_eq!(root.namespace.as_deref(), Some("urn:w"));
    assert_eq!(
        root.attributes.get("name").map(String::as_str),
        Some("Root")
    );
    assert!(!root.attributes.contains_key("xmlns"), "{root:?}");
    let types = child(&root, "types");
    assert_eq!(types.namespace.as_deref(), Some("urn:default"));
    assert_eq!(types.prefix, None);
    // A prefixed attribute is not the element's own `flag`: it is keyed by its namespace.
    assert_eq!(types.attributes.get("flag"), None);
    assert_eq!(
        types.attributes.get("{urn:x}flag").map(String::as_str),
        Some("yes")
    );
    assert_eq!(
        types.attributes.get("plain").map(String::as_str),
        Some("a & b")
    );
    let namespaces = root.namespaces.as_ref().expect("root declares namespaces");
    assert_eq!(namespaces.get("x"), Some("urn:x"));
    assert_eq!(namespaces.get(""), Some("urn:default"));
}

#[test]
fn only_declaring_elements_carry_namespaces_and_theirs_are_complete() {
    let root = parse(r#"<a xmlns:p="urn:p"><b><c xmlns:q="urn:q" xmlns:p="urn:p2"/></b></a>"#);
    let b = child(&root, "b");
    assert!(b.namespaces.is_none(), "{b:?}");
    let c = child(b, "c");
    let namespaces = c.namespaces.as_ref().expect("c declares namespaces");
    assert_eq!(namespaces.get("q"), Some("urn:q"));
    assert_eq!(namespaces.get("p"), Some("urn:p2"));
}

#[test]
fn a_default_namespace_can_be_undeclared() {
    let root = parse(r#"<a xmlns="urn:a"><b xmlns=""><c/></b></a>"#);
    assert_eq!(root.namespace.as_deref(), Some("urn:a"));
    let b = child(&root, "b");
    assert_eq!(b.namespace, None);
    assert_eq!(child(b, "c").namespace, None);
}

#[test]
fn text_is_joined_across_references_and_comments_and_whitespace_runs_are_dropped() {
    let root =
        parse("<a>\n  <b>x &lt; y<!-- note --> &#x41;&#66;</b>\n  <c><![CDATA[<raw>]]></c>\n</a>");
    assert_eq!(root.children.len(), 2, "{root:?}");
    let b = child(&root, "b");
    assert_eq!(b.children, vec![XMLNode::Text("x < y AB".to_owned())]);
    let c = child(&root, "c");
    assert_eq!(c.children, vec![XMLNode::CData("<raw>".to_owned())]);
}

#[test]
fn utf16_with_a_byte_order_mark_and_declared_latin1_are_read() {
    let text = r#"<?xml version="1.0" encoding="utf-16"?><a name="é"/>"#;
    let mut little = vec![0xFF, 0xFE];
    little.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut big = vec![0xFE, 0xFF];
    big.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    for bytes in [little, big] {
        let root = parse_document("doc.xml", &bytes).unwrap();
        assert_eq!(root.attributes.get("name").map(String::as_str), Some("é"));
    }
    let latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a name=\"\xE9\"/>";
    let root = parse_document("doc.xml", latin1).unwrap();
    assert_eq!(root.attributes.get("name").map(String::as_str), Some("é"));
    let bom = b"\xEF\xBB\xBF<a/>";
    assert_eq!(parse_document("doc.xml", bom).unwrap().name, "a");
}

#[test]
fn a_doctype_is_skipped_but_its_entities_are_not_expanded() {
    assert_eq!(parse("<!DOCTYPE html><html/>").name, "html");
    let message = error(
        br#"<!DOCTYPE a [<!ENTITY x "xxxxxxxx"><!ENTITY y "&x;&x;&x;&x;">]>
<a>&y;</a>"#,
    );
    assert!(message.contains("unknown entity `&y;`"), "{message}");
    assert!(message.contains("line 2"), "{message}");
}

#[test]
fn what_is_not_well_formed_is_an_error_naming_file_line_and_column() {
    let cases: &[(&[u8], &str)] = &[
        (b"", "no root element at line 1, column 1"),
        (b"  \n ", "no root element"),
        (b"<a>\n<b></a>", "line 2"),
        (b"<a>\n  <b>", "the document ends inside element `b`"),
        (b"<a/><b/>", "a second root element"),
        (b"<a/>text", "text outside the root element"),
        (
            b"<a>\n\x01</a>",
            "character U+0001, which XML 1.0 does not allow, at line 2, column 1",
        ),
        (
            b"<a>\xFF</a>",
            "invalid UTF-8 at line 1, column 4 (byte offset 3)",
        ),
        (b"<a>&#1;</a>", "invalid character reference `&#1;`"),
        (b"<a b=\"&#1;\"/>", "refers to character U+0001"),
        (b"<p:a/>", "the prefix `p` of `p:a` is not declared"),
        (b"<a p:b=\"1\"/>", "the prefix `p` of `p:b` is not declared"),
        (b"<a b=\"1\" b=\"2\"/>", "line 1"),
        (b"<1a/>", "`1a` is not a valid element name"),
        (b"<a 1b=\"1\"/>", "`1b` is not a valid attribute name"),
        (
            b"<a b=\"1\"c='2'/>",
            "no white space before attribute `c` at line 1",
        ),
        (b"<a xmlns:p=\"\"/>", "`xmlns:p` cannot be empty"),
        (
            b"<?xml version=\"1.0\" encoding=\"shift_jis\"?><a/>",
            "declares encoding `shift_jis`",
        ),
        (b"\xFF\xFE<\x00a", "odd number of bytes"),
    ];
    for (bytes, expected) in cases {
        let message = error(bytes);
        assert!(
            message.starts_with("doc.xml: ") && message.contains(expected),
            "{:?}: expected `{expected}` in `{message}`",
            String::from_utf8_lossy(bytes)
        );
    }
}
