//! The reader's unit tests: namespaces, names, text, limits, nil and `xsi:type`.

use super::names::{NameCache, same_name};
use super::namespaces::LINEAR_SEARCH_LIMIT;
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
    let xml =
        r#"<r xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><w i:type="first class"/></r>"#;
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
    fn write_content(&self, _w: &mut crate::xml::XmlWriter) -> Result<(), crate::xml::EncodeError> {
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
