//! The writer's namespace declarations: each namespace declared once, on the root, however
//! many elements use it; prefixes that never collide with one in scope and never leak out of
//! the element that declares them; and any tree of elements, attributes and text in a few
//! namespaces written and read back equal.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail by panicking.

use proptest::prelude::*;
use soap_runtime::codec::from_xml_as;
use soap_runtime::types::{AnyAttribute, AnyElement, AnyNode, AnyXml, QName};
use soap_runtime::xml::{XSI_NS, XmlWriter};

const ARRAYS: &str = "http://schemas.microsoft.com/2003/10/Serialization/Arrays";

fn text(w: XmlWriter) -> String {
    String::from_utf8(w.into_inner()).unwrap()
}

/// How many times `needle` occurs in `haystack`.
fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// An element with `children`, in `ns`.
fn element(ns: &str, local: &str, children: Vec<AnyNode>) -> AnyElement {
    AnyElement {
        name: QName::new(ns, local),
        content: AnyXml {
            children,
            ..AnyXml::default()
        },
    }
}

/// Writes `element` as a document and reads it back.
fn round_trip(element: &AnyElement) -> (String, AnyElement) {
    let xml = element.write_standalone().unwrap();
    let content = from_xml_as::<AnyXml>(&xml, &element.name.namespace, &element.name.local_name)
        .unwrap_or_else(|e| panic!("{e}\n{}", String::from_utf8_lossy(&xml)));
    let text = String::from_utf8(xml).unwrap();
    (
        text,
        AnyElement {
            name: element.name.clone(),
            content,
        },
    )
}

#[test]
fn repeated_items_of_another_namespace_share_one_declaration() {
    let mut w = XmlWriter::new();
    w.start("urn:svc", "Response").unwrap();
    w.start("urn:svc", "Ids").unwrap();
    for i in 0..100 {
        w.start(ARRAYS, "int").unwrap();
        w.text(&i.to_string()).unwrap();
        w.end().unwrap();
    }
    w.end().unwrap();
    w.start("urn:svc", "More").unwrap();
    w.start(ARRAYS, "int").unwrap();
    w.text("7").unwrap();
    w.end().unwrap();
    w.end().unwrap();
    w.end().unwrap();
    let xml = text(w);
    assert_eq!(count(&xml, ARRAYS), 1, "{xml}");
    assert_eq!(count(&xml, "xmlns:"), 2, "{xml}");
    assert!(
        xml.starts_with(&format!(
            r#"<ns0:Response xmlns:ns0="urn:svc" xmlns:ns1="{ARRAYS}"><ns0:Ids><ns1:int>0</ns1:int><ns1:int>1</ns1:int>"#
        )),
        "{xml}"
    );
    assert!(
        xml.ends_with("<ns0:More><ns1:int>7</ns1:int></ns0:More></ns0:Response>"),
        "{xml}"
    );
}

#[test]
fn xsi_is_declared_once_for_every_nil() {
    let mut w = XmlWriter::new();
    w.start("urn:svc", "List").unwrap();
    for _ in 0..3 {
        w.start("urn:svc", "Item").unwrap();
        w.nil().unwrap();
        w.end().unwrap();
    }
    w.end().unwrap();
    let xml = text(w);
    assert_eq!(
        xml,
        format!(
            r#"<ns0:List xmlns:ns0="urn:svc" xmlns:xsi="{XSI_NS}"><ns0:Item xsi:nil="true"/><ns0:Item xsi:nil="true"/><ns0:Item xsi:nil="true"/></ns0:List>"#
        )
    );
}

#[test]
fn declarations_made_by_the_caller_stay_where_they_were_made() {
    // The envelope declares its prefix before the root; the writer's own go after it.
    let mut w = XmlWriter::new();
    w.declare("s", "urn:env").unwrap();
    w.start("urn:env", "Envelope").unwrap();
    w.start("urn:env", "Body").unwrap();
    w.start("urn:svc", "Op").unwrap();
    w.start("urn:svc", "X").unwrap();
    w.end().unwrap();
    w.end().unwrap();
    w.end().unwrap();
    w.end().unwrap();
    assert_eq!(
        text(w),
        r#"<s:Envelope xmlns:s="urn:env" xmlns:ns0="urn:svc"><s:Body><ns0:Op><ns0:X/></ns0:Op></s:Body></s:Envelope>"#
    );
}

#[test]
fn a_prefix_declared_below_the_root_never_leaks_to_its_siblings() {
    // A caller's declaration on an inner element binds `ns0` there only; a sibling written
    // after it that needs a namespace gets a prefix valid where it is.
    let mut w = XmlWriter::new();
    w.start("", "root").unwrap();
    w.start("", "a").unwrap();
    w.declare("ns0", "urn:inner").unwrap();
    w.start("urn:inner", "x").unwrap();
    w.end().unwrap();
    w.end().unwrap();
    w.start("urn:other", "b").unwrap();
    w.end().unwrap();
    w.start("urn:inner", "c").unwrap();
    w.end().unwrap();
    w.end().unwrap();
    let xml = text(w);
    let content = from_xml_as::<AnyXml>(xml.as_bytes(), "", "root").unwrap();
    let names: Vec<QName> = content
        .children
        .iter()
        .map(|node| match node {
            AnyNode::Element(e) => e.name.clone(),
            AnyNode::Text(t) => panic!("unexpected text {t:?}"),
        })
        .collect();
    assert_eq!(
        names,
        [
            QName::new("", "a"),
            QName::new("urn:other", "b"),
            QName::new("urn:inner", "c"),
        ],
        "{xml}"
    );
}

#[test]
fn an_inner_rebinding_of_a_root_prefix_is_not_used_for_the_root_namespace() {
    // `ns0` is bound to urn:a on the root; an inner element rebinds `ns0` to urn:b. Inside
    // it, an element of urn:a must not be written with `ns0`.
    let mut w = XmlWriter::new();
    w.start("urn:a", "root").unwrap();
    w.start("", "inner").unwrap();
    w.declare("ns0", "urn:b").unwrap();
    w.start("urn:a", "x").unwrap();
    w.end().unwrap();
    w.start("urn:b", "y").unwrap();
    w.end().unwrap();
    w.end().unwrap();
    w.start("urn:a", "z").unwrap();
    w.end().unwrap();
    w.end().unwrap();
    let xml = text(w);
    let content = from_xml_as::<AnyXml>(xml.as_bytes(), "urn:a", "root").unwrap();
    let AnyNode::Element(inner) = &content.children[0] else {
        panic!("{xml}");
    };
    let names: Vec<&QName> = inner
        .content
        .children
        .iter()
        .filter_map(|node| match node {
            AnyNode::Element(e) => Some(&e.name),
            AnyNode::Text(_) => None,
        })
        .collect();
    assert_eq!(
        names,
        [&QName::new("urn:a", "x"), &QName::new("urn:b", "y")],
        "{xml}"
    );
    let AnyNode::Element(z) = &content.children[1] else {
        panic!("{xml}");
    };
    assert_eq!(z.name, QName::new("urn:a", "z"), "{xml}");
}

#[test]
fn unqualified_elements_under_qualified_ones_stay_unqualified() {
    // The writer never declares a default namespace, so an unqualified child stays in no
    // namespace wherever it is.
    let tree = element(
        "urn:a",
        "root",
        vec![AnyNode::Element(element(
            "urn:b",
            "b",
            vec![AnyNode::Element(element(
                "",
                "plain",
                vec![AnyNode::Element(element("urn:b", "again", Vec::new()))],
            ))],
        ))],
    );
    let (xml, read) = round_trip(&tree);
    assert_eq!(read, tree, "{xml}");
    assert!(!xml.contains("xmlns="), "{xml}");
    assert_eq!(count(&xml, "xmlns:"), 2, "{xml}");
}

#[test]
fn many_namespaces_are_declared_on_the_root_up_to_a_limit_then_where_used() {
    let mut w = XmlWriter::new();
    w.start("urn:root", "root").unwrap();
    for i in 0..100 {
        for _ in 0..2 {
            w.start(&format!("urn:n{i}"), "x").unwrap();
            w.end().unwrap();
        }
    }
    w.end().unwrap();
    let xml = text(w);
    let content = from_xml_as::<AnyXml>(xml.as_bytes(), "urn:root", "root").unwrap();
    let namespaces: Vec<String> = content
        .children
        .iter()
        .filter_map(|node| match node {
            AnyNode::Element(e) => Some(e.name.namespace.clone()),
            AnyNode::Text(_) => None,
        })
        .collect();
    let expected: Vec<String> = (0..100)
        .flat_map(|i| [format!("urn:n{i}"), format!("urn:n{i}")])
        .collect();
    assert_eq!(namespaces, expected);
    let root_tag = &xml[..xml.find('>').unwrap()];
    let limit = soap_runtime::xml::ROOT_DECLARATIONS;
    assert_eq!(count(root_tag, "xmlns:"), 1 + limit, "{root_tag}");
    // Beyond the limit each element declares its own: twice per namespace.
    assert_eq!(
        count(&xml, "xmlns:"),
        1 + limit + 2 * (100 - limit),
        "{xml}"
    );
}

/// Names from a small pool, so that siblings and nested elements share namespaces.
fn namespace() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("urn:a".to_owned()),
        Just("urn:b".to_owned()),
        Just(ARRAYS.to_owned()),
    ]
}

fn attributes() -> impl Strategy<Value = Vec<AnyAttribute>> {
    proptest::collection::btree_map((namespace(), "[a-c]{1,2}"), "[ -~]{0,6}", 0..3).prop_map(
        |attributes| {
            attributes
                .into_iter()
                .map(|((namespace, local), value)| AnyAttribute {
                    name: QName::new(namespace, local),
                    value,
                })
                .collect()
        },
    )
}

fn tree() -> impl Strategy<Value = AnyElement> {
    let leaf = (namespace(), "[a-d]{1,3}", attributes(), "[a-z0-9]{0,4}").prop_map(
        |(ns, local, attributes, text)| AnyElement {
            name: QName::new(ns, local),
            content: AnyXml {
                xsi_type: None,
                attributes,
                children: if text.is_empty() {
                    Vec::new()
                } else {
                    vec![AnyNode::Text(text)]
                },
            },
        },
    );
    leaf.prop_recursive(5, 48, 6, |inner| {
        (
            namespace(),
            "[a-d]{1,3}",
            attributes(),
            proptest::option::of((namespace(), "[A-D]{1,3}")),
            proptest::collection::vec(
                prop_oneof![
                    3 => inner.prop_map(AnyNode::Element),
                    1 => "[a-z]{1,4}".prop_map(AnyNode::Text),
                ],
                0..6,
            ),
        )
            .prop_map(|(ns, local, attributes, xsi_type, children)| AnyElement {
                name: QName::new(ns, local),
                content: AnyXml {
                    xsi_type: xsi_type.map(|(ns, local)| QName::new(ns, local)),
                    attributes,
                    children: join_texts(children),
                },
            })
    })
}

/// Adjacent text nodes read back as one.
fn join_texts(children: Vec<AnyNode>) -> Vec<AnyNode> {
    let mut joined: Vec<AnyNode> = Vec::new();
    for child in children {
        match (joined.last_mut(), child) {
            (Some(AnyNode::Text(last)), AnyNode::Text(text)) => last.push_str(&text),
            (_, child) => joined.push(child),
        }
    }
    joined
}

proptest! {
    #[test]
    fn written_documents_read_back_equal(tree in tree()) {
        let (xml, read) = round_trip(&tree);
        prop_assert_eq!(&read, &tree, "{}", xml);
        // No namespace is declared twice on one start tag, nor more than once in all unless
        // the writer had to (it never has to here: a handful of namespaces).
        for uri in ["urn:a", "urn:b", ARRAYS, XSI_NS] {
            prop_assert!(count(&xml, &format!("=\"{uri}\"")) <= 1, "{} twice: {}", uri, xml);
        }
    }
}
