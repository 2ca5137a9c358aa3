//! The nesting limit of WSDL and schema documents: documents just inside it generate code
//! on a test thread's small stack; deeper ones are refused with the limit and the position.
//! Chains of derivations, restrictions, group references and `ArrayOfX` wrappers of wrappers
//! generate within 64 links and are refused beyond; types that contain themselves (through
//! repeated elements, element references, named groups, each other, a wrapper or a
//! dictionary of themselves) generate, never overflowing the stack.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use wsdl_codegen::{Options, Source};

const LIMIT: usize = 256;

/// A WSDL with one operation whose input is the global element `Root` of `schema`.
fn wsdl_around(schema: &str) -> String {
    format!(
        concat!(
            r#"<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="urn:deep" targetNamespace="urn:deep"><types>"#,
            r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:deep" targetNamespace="urn:deep" elementFormDefault="qualified">{}</xs:schema></types>"#,
            r#"<message name="In"><part name="parameters" element="tns:Root"/></message>"#,
            r#"<portType name="Deep"><operation name="Send"><input message="tns:In"/></operation></portType>"#,
            r#"<binding name="DeepSoap" type="tns:Deep"><soap:binding transport="http://schemas.xmlsoap.org/soap/http" style="document"/>"#,
            r#"<operation name="Send"><soap:operation soapAction="urn:deep:Send"/><input><soap:body use="literal"/></input></operation></binding>"#,
            r#"<service name="DeepService"><port name="DeepSoap" binding="tns:DeepSoap"><soap:address location="http://localhost/deep"/></port></service>"#,
            "</definitions>"
        ),
        schema
    )
}

/// A WSDL whose schema nests `levels` anonymous complex types (three elements per level)
/// inside one global element; its deepest element is at depth `4 + 3 * levels`.
fn nested_types(levels: usize) -> String {
    let mut schema = String::from(r#"<xs:element name="Root">"#);
    for level in 0..levels {
        schema.push_str(&format!(
            r#"<xs:complexType><xs:sequence><xs:element name="Level{level}" minOccurs="0">"#
        ));
    }
    schema.push_str(r#"<xs:complexType><xs:sequence/></xs:complexType>"#);
    for _ in 0..levels {
        schema.push_str("</xs:element></xs:sequence></xs:complexType>");
    }
    schema.push_str("</xs:element>");
    wsdl_around(&schema)
}

/// Chains of `length` named definitions, each referring to the next: `(what the error calls
/// them, schema)`.
fn chains(length: usize) -> Vec<(&'static str, String)> {
    let mut derivations = String::from(r#"<xs:element name="Root" type="tns:T0"/>"#);
    let mut restrictions = String::from(r#"<xs:element name="Root" type="tns:S0"/>"#);
    let mut groups = String::from(
        r#"<xs:element name="Root"><xs:complexType><xs:group ref="tns:G0"/></xs:complexType></xs:element>"#,
    );
    let mut attribute_groups = String::from(
        r#"<xs:element name="Root"><xs:complexType><xs:attributeGroup ref="tns:A0"/></xs:complexType></xs:element>"#,
    );
    // `ArrayOfX` wrappers of wrappers, each inlined as a `Vec` of the next.
    let mut wrappers = String::from(
        r#"<xs:element name="Root"><xs:complexType><xs:sequence><xs:element name="W" type="tns:W0"/></xs:sequence></xs:complexType></xs:element>"#,
    );
    for i in 0..length {
        let next = i + 1;
        if next < length {
            derivations.push_str(&format!(
                r#"<xs:complexType name="T{i}"><xs:complexContent><xs:extension base="tns:T{next}"><xs:sequence><xs:element name="F{i}" type="xs:int"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>"#
            ));
            restrictions.push_str(&format!(
                r#"<xs:simpleType name="S{i}"><xs:restriction base="tns:S{next}"/></xs:simpleType>"#
            ));
            groups.push_str(&format!(
                r#"<xs:group name="G{i}"><xs:sequence><xs:element name="F{i}" type="xs:int"/><xs:group ref="tns:G{next}"/></xs:sequence></xs:group>"#
            ));
            attribute_groups.push_str(&format!(
                r#"<xs:attributeGroup name="A{i}"><xs:attribute name="a{i}" type="xs:int"/><xs:attributeGroup ref="tns:A{next}"/></xs:attributeGroup>"#
            ));
            wrappers.push_str(&format!(
                r#"<xs:complexType name="W{i}"><xs:sequence><xs:element name="I{i}" type="tns:W{next}" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType>"#
            ));
        } else {
            derivations.push_str(&format!(
                r#"<xs:complexType name="T{i}"><xs:sequence/></xs:complexType>"#
            ));
            restrictions.push_str(&format!(
                r#"<xs:simpleType name="S{i}"><xs:restriction base="xs:string"/></xs:simpleType>"#
            ));
            groups.push_str(&format!(
                r#"<xs:group name="G{i}"><xs:sequence><xs:element name="F{i}" type="xs:int"/></xs:sequence></xs:group>"#
            ));
            attribute_groups.push_str(&format!(
                r#"<xs:attributeGroup name="A{i}"><xs:attribute name="a{i}" type="xs:int"/></xs:attributeGroup>"#
            ));
            wrappers.push_str(&format!(
                r#"<xs:complexType name="W{i}"><xs:sequence><xs:element name="I{i}" type="xs:int" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType>"#
            ));
        }
    }
    vec![
        ("derivations", derivations),
        ("restrictions", restrictions),
        ("group references", groups),
        ("attribute group references", attribute_groups),
        ("array or dictionary wrappers", wrappers),
    ]
}

fn generate(text: String) -> Result<String, wsdl_codegen::Error> {
    let source = Source {
        module: "deep".to_owned(),
        file: "deep.wsdl".to_owned(),
        text: text.into_bytes(),
    };
    wsdl_codegen::generate_module(&source, &Options::default())
}

#[test]
fn types_nested_up_to_the_limit_generate() {
    let levels = (LIMIT - 5) / 3;
    let code = generate(nested_types(levels)).unwrap();
    assert!(
        code.contains(&format!("Level{}", levels - 1)),
        "the innermost type is emitted"
    );
}

#[test]
fn nesting_beyond_the_limit_is_refused_with_its_position() {
    let levels = (LIMIT - 5) / 3 + 1;
    let message = generate(nested_types(levels)).unwrap_err().to_string();
    assert!(message.contains("deep.wsdl"), "{message}");
    assert!(
        message.contains("nested deeper than the limit of 256"),
        "{message}"
    );
    assert!(message.contains("line 1, column "), "{message}");
}

#[test]
fn reference_chains_within_the_limit_generate() {
    for (what, schema) in chains(60) {
        let code = generate(wsdl_around(&schema)).unwrap_or_else(|e| panic!("{what}: {e}"));
        // What the far end of each chain contributes to the generated code.
        let far_end = match what {
            "derivations" => "pub f58: i32",
            "restrictions" => "pub value: ::std::string::String",
            "group references" => "pub f59: i32",
            "array or dictionary wrappers" => "\"I59\"",
            _ => "pub a59: ::core::option::Option<i32>",
        };
        assert!(code.contains(far_end), "{what}: no `{far_end}` in\n{code}");
    }
}

#[test]
fn long_reference_chains_are_refused_not_a_stack_overflow() {
    for (what, schema) in chains(5_000) {
        let message = generate(wsdl_around(&schema)).unwrap_err().to_string();
        assert!(
            message.contains(&format!("more than 64 {what} in a chain")),
            "{what}: {message}"
        );
    }
}

/// Types that contain themselves through repeated elements, each as `(case, schema, what the
/// generated code must hold)`. The first three repeat their only child, which looks like an
/// `ArrayOfX` wrapper: inlining one as a `Vec` of its items recursed without end.
fn recursive_types() -> Vec<(&'static str, &'static str, &'static str)> {
    vec![
        (
            "a type repeating itself",
            r#"<xs:element name="Root" type="tns:Tree"/>
            <xs:complexType name="Tree"><xs:sequence>
              <xs:element name="Tree" type="tns:Tree" minOccurs="0" maxOccurs="unbounded"/>
            </xs:sequence></xs:complexType>"#,
            "pub tree: ::std::vec::Vec<Tree>",
        ),
        (
            "through an element reference",
            r#"<xs:element name="Root" type="tns:Node"/>
            <xs:element name="Node" type="tns:Node"/>
            <xs:complexType name="Node"><xs:sequence>
              <xs:element ref="tns:Node" minOccurs="0" maxOccurs="unbounded"/>
            </xs:sequence></xs:complexType>"#,
            "pub node: ::std::vec::Vec<Node>",
        ),
        (
            "an ArrayOf wrapper of itself with nillable items",
            r#"<xs:element name="Root" type="tns:ArrayOfLoop"/>
            <xs:complexType name="ArrayOfLoop"><xs:sequence>
              <xs:element name="Loop" type="tns:ArrayOfLoop" nillable="true" minOccurs="0" maxOccurs="unbounded"/>
            </xs:sequence></xs:complexType>"#,
            "pub r#loop: ::std::vec::Vec<::core::option::Option<ArrayOfLoop>>",
        ),
        (
            "through a named group",
            r#"<xs:element name="Root" type="tns:Branch"/>
            <xs:group name="Branches"><xs:sequence>
              <xs:element name="Branch" type="tns:Branch" minOccurs="0" maxOccurs="unbounded"/>
            </xs:sequence></xs:group>
            <xs:complexType name="Branch"><xs:group ref="tns:Branches"/></xs:complexType>"#,
            "pub branch: ::std::vec::Vec<Branch>",
        ),
        (
            "two types repeating each other",
            r#"<xs:element name="Root" type="tns:A"/>
            <xs:complexType name="A"><xs:sequence>
              <xs:element name="B" type="tns:B" minOccurs="0" maxOccurs="unbounded"/>
            </xs:sequence></xs:complexType>
            <xs:complexType name="B"><xs:sequence>
              <xs:element name="A" type="tns:A" minOccurs="0" maxOccurs="unbounded"/>
            </xs:sequence></xs:complexType>"#,
            "pub a: ::std::vec::Vec<A>",
        ),
        (
            "a dictionary of itself",
            r#"<xs:element name="Root" type="tns:Map"/>
            <xs:complexType name="Map">
              <xs:annotation><xs:appinfo>
                <IsDictionary xmlns="http://schemas.microsoft.com/2003/10/Serialization/">true</IsDictionary>
              </xs:appinfo></xs:annotation>
              <xs:sequence>
                <xs:element name="Entry" minOccurs="0" maxOccurs="unbounded"><xs:complexType><xs:sequence>
                  <xs:element name="Key" type="xs:string"/>
                  <xs:element name="Value" type="tns:Map"/>
                </xs:sequence></xs:complexType></xs:element>
              </xs:sequence>
            </xs:complexType>"#,
            "pub value: Map",
        ),
    ]
}

#[test]
fn types_containing_themselves_generate_not_a_stack_overflow() {
    for (case, schema, expected) in recursive_types() {
        let code = generate(wsdl_around(schema)).unwrap_or_else(|e| panic!("{case}: {e}"));
        assert!(
            code.contains(expected),
            "{case}: no `{expected}` in\n{code}"
        );
    }
}
