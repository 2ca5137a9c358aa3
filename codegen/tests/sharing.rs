//! Which types several WSDLs share, through the public API: `generate_crate` over small inline
//! documents of one target namespace, and where each type lands in the files it returns.
//!
//! The rules (`resolve/share.rs`): a type every document that reaches it defines the same way
//! (documentation and prefixes aside), and whose referenced types are all shared too, is
//! emitted once: in `common.rs` when several modules reach it, gated by their features unless
//! all do, else in the one module that does. A name two documents define differently is
//! emitted in each module, and so is every type that refers to it, directly or not.
//! Recursive and mutually recursive types are compared as a whole (partition refinement).
//!
//! Longer than 600 lines: most of it is the small inline WSDL documents each rule is shown
//! with, next to the assertion that reads it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail by panicking.

use std::collections::BTreeMap;

use wsdl_codegen::{Arbitrary, Options, Source, generate_crate};

const NS: &str = "http://example.com/sharing";

/// A WSDL whose port type `{Module}Service` has one operation per entry of `operations`
/// (operation `Op` takes element `Op` and returns `OpResponse`, both declared in `schema`),
/// with `prefix` for the XML Schema namespace and `tns` for the target namespace; `more`
/// holds further `xs:schema` elements.
fn wsdl_with(
    prefix: &str,
    tns: &str,
    module: &str,
    schema: &str,
    more: &str,
    operations: &[&str],
) -> String {
    let service = format!("{}Service", capitalized(module));
    let mut text = format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions targetNamespace="{NS}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:{tns}="{NS}">
  <wsdl:documentation>The {module} service.</wsdl:documentation>
  <wsdl:types>
    <{prefix}:schema elementFormDefault="qualified" targetNamespace="{NS}" xmlns:{prefix}="http://www.w3.org/2001/XMLSchema">
{schema}
    </{prefix}:schema>
{more}
  </wsdl:types>
"#
    );
    for op in operations {
        text.push_str(&format!(
            r#"  <wsdl:message name="{op}In"><wsdl:part name="parameters" element="{tns}:{op}" /></wsdl:message>
  <wsdl:message name="{op}Out"><wsdl:part name="parameters" element="{tns}:{op}Response" /></wsdl:message>
"#
        ));
    }
    text.push_str(&format!("  <wsdl:portType name=\"{service}\">\n"));
    for op in operations {
        text.push_str(&format!(
            r#"    <wsdl:operation name="{op}"><wsdl:input message="{tns}:{op}In" /><wsdl:output message="{tns}:{op}Out" /></wsdl:operation>
"#
        ));
    }
    text.push_str(&format!(
        r#"  </wsdl:portType>
  <wsdl:binding name="{service}Soap" type="{tns}:{service}">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http" />
"#
    ));
    for op in operations {
        text.push_str(&format!(
            r#"    <wsdl:operation name="{op}">
      <soap:operation soapAction="{NS}/{service}/{op}" />
      <wsdl:input><soap:body use="literal" /></wsdl:input>
      <wsdl:output><soap:body use="literal" /></wsdl:output>
    </wsdl:operation>
"#
        ));
    }
    text.push_str(&format!(
        r#"  </wsdl:binding>
  <wsdl:service name="{service}">
    <wsdl:port name="{service}Soap" binding="{tns}:{service}Soap"><soap:address location="http://localhost/{service}" /></wsdl:port>
  </wsdl:service>
</wsdl:definitions>
"#
    ));
    text
}

fn capitalized(module: &str) -> String {
    module
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// One document (prefixes `xs` and `tns`), named `<module>.wsdl`.
fn doc(module: &str, schema: &str, operations: &[&str]) -> Source {
    doc_with("xs", "tns", module, schema, operations)
}

fn doc_with(prefix: &str, tns: &str, module: &str, schema: &str, operations: &[&str]) -> Source {
    let schema = schema
        .replace("xs:", &format!("{prefix}:"))
        .replace("tns:", &format!("{tns}:"));
    Source {
        module: module.to_owned(),
        file: format!("{module}.wsdl"),
        text: wsdl_with(prefix, tns, module, &schema, "", operations).into_bytes(),
    }
}

/// `<xs:complexType name>` with a sequence of `fields`.
fn complex(name: &str, fields: &str) -> String {
    format!(
        "<xs:complexType name=\"{name}\"><xs:sequence>{fields}</xs:sequence></xs:complexType>\n"
    )
}

/// A global element with an anonymous complex type: an operation's wrapper.
fn wrapper(name: &str, fields: &str) -> String {
    format!(
        "<xs:element name=\"{name}\"><xs:complexType><xs:sequence>{fields}</xs:sequence></xs:complexType></xs:element>\n"
    )
}

/// A required element field.
fn field(name: &str, ty: &str) -> String {
    format!("<xs:element name=\"{name}\" type=\"{ty}\" />")
}

/// An optional element field.
fn optional(name: &str, ty: &str) -> String {
    format!("<xs:element minOccurs=\"0\" name=\"{name}\" type=\"{ty}\" />")
}

/// Operation `op`: its request holds `request`, its response a `Result` of type `result`.
fn operation(op: &str, request: &str, result: &str) -> String {
    wrapper(op, request) + &wrapper(&format!("{op}Response"), &field("Result", result))
}

fn options() -> Options {
    Options {
        arbitrary: Arbitrary::Off,
        ..Options::default()
    }
}

/// The crate's files by path.
fn generate(sources: &[Source]) -> BTreeMap<String, String> {
    let generated = generate_crate(sources, "Test crate.", &options())
        .unwrap_or_else(|e| panic!("generation failed: {e}"));
    generated
        .files
        .into_iter()
        .map(|file| (file.path, file.contents))
        .collect()
}

/// The files that define `item` (a line such as `pub struct Money {`), each once.
fn homes_of(files: &BTreeMap<String, String>, item: &str) -> Vec<String> {
    let mut homes = Vec::new();
    for (path, code) in files {
        match code.lines().filter(|line| *line == item).count() {
            0 => {}
            1 => homes.push(path.clone()),
            n => panic!("`{item}` {n} times in {path}:\n{code}"),
        }
    }
    homes
}

/// The `#[cfg(…)]` line right above `item` in `file`, if any.
fn gate(files: &BTreeMap<String, String>, file: &str, item: &str) -> Option<String> {
    let code = &files[file];
    let lines: Vec<&str> = code.lines().collect();
    let at = lines
        .iter()
        .position(|line| *line == item)
        .unwrap_or_else(|| panic!("`{item}` not in {file}:\n{code}"));
    lines[..at]
        .iter()
        .rev()
        .take_while(|line| line.starts_with("#[") || line.starts_with("///"))
        .find(|line| line.starts_with("#[cfg("))
        .map(|line| (*line).to_owned())
}

fn paths(list: &[&str]) -> Vec<String> {
    list.iter().map(|&p| p.to_owned()).collect()
}

fn money() -> String {
    complex(
        "Money",
        &(field("Amount", "xs:decimal") + &field("Currency", "xs:string")),
    )
}

#[test]
fn a_type_every_document_defines_alike_is_emitted_once_in_common_ungated() {
    let schema = money() + &operation("Pay", &field("Price", "tns:Money"), "xs:boolean");
    let files = generate(&[
        doc("first", &schema, &["Pay"]),
        doc("second", &schema, &["Pay"]),
    ]);
    assert_eq!(
        homes_of(&files, "pub struct Money {"),
        paths(&["common.rs"])
    );
    assert_eq!(gate(&files, "common.rs", "pub struct Money {"), None);
    // The wrappers are alike too.
    assert_eq!(homes_of(&files, "pub struct Pay {"), paths(&["common.rs"]));
    for module in ["first.rs", "second.rs"] {
        assert!(
            files[module].contains("pub use crate::common::{Pay, PayResponse, Money};"),
            "{module}:\n{}",
            files[module]
        );
    }
}

#[test]
fn documentation_and_prefixes_do_not_prevent_sharing() {
    let documented = |type_doc: &str, field_doc: &str, value_doc: &str| {
        format!(
            "<xs:complexType name=\"Money\">\
               <xs:annotation><xs:documentation>{type_doc}</xs:documentation></xs:annotation>\
               <xs:sequence>\
                 <xs:element name=\"Amount\" type=\"xs:decimal\">\
                   <xs:annotation><xs:documentation>{field_doc}</xs:documentation></xs:annotation>\
                 </xs:element>\
                 <xs:element name=\"Currency\" type=\"tns:Currency\" />\
               </xs:sequence>\
             </xs:complexType>\n\
             <xs:simpleType name=\"Currency\"><xs:restriction base=\"xs:string\">\
               <xs:enumeration value=\"EUR\">\
                 <xs:annotation><xs:documentation>{value_doc}</xs:documentation></xs:annotation>\
               </xs:enumeration>\
               <xs:enumeration value=\"NOK\" />\
             </xs:restriction></xs:simpleType>\n"
        ) + &operation("Pay", &field("Price", "tns:Money"), "xs:boolean")
    };
    let first = documented("An amount of money.", "How much.", "Euro.");
    let second = documented("Money, differently put.", "The sum.", "The euro.");
    let files = generate(&[
        doc("first", &first, &["Pay"]),
        doc_with("xsd", "t", "second", &second, &["Pay"]),
    ]);
    assert_eq!(
        homes_of(&files, "pub struct Money {"),
        paths(&["common.rs"])
    );
    assert_eq!(
        homes_of(&files, "pub enum Currency {"),
        paths(&["common.rs"])
    );
    let common = &files["common.rs"];
    assert!(
        common.contains("/// An amount of money.")
            != common.contains("/// Money, differently put."),
        "one document's documentation:\n{common}"
    );
}

#[test]
fn a_type_defined_differently_is_emitted_in_each_module() {
    // The same check as above, with the field's type changed instead of its documentation.
    let first = money() + &operation("Pay", &field("Price", "tns:Money"), "xs:boolean");
    let second = complex(
        "Money",
        &(field("Amount", "xs:long") + &field("Currency", "xs:string")),
    ) + &operation("Pay", &field("Price", "tns:Money"), "xs:boolean");
    let files = generate(&[
        doc("first", &first, &["Pay"]),
        doc("second", &second, &["Pay"]),
    ]);
    assert_eq!(
        homes_of(&files, "pub struct Money {"),
        paths(&["first.rs", "second.rs"])
    );
    assert!(files["first.rs"].contains("pub amount: __rt::Decimal,"));
    assert!(files["second.rs"].contains("pub amount: i64,"));
    // The wrapper refers to the conflicting Money: it cannot be shared either.
    assert_eq!(
        homes_of(&files, "pub struct Pay {"),
        paths(&["first.rs", "second.rs"])
    );
    // The response refers to nothing that conflicts: it is shared.
    assert_eq!(
        homes_of(&files, "pub struct PayResponse {"),
        paths(&["common.rs"])
    );
}

#[test]
fn a_conflicting_wrapper_stays_in_each_module_with_everything_that_refers_to_it() {
    // `Delete` means different things; `Batch` and `Job` are the same text in all three
    // documents, but `Batch` holds a `Delete` and `Job` a `Batch`. `Page` conflicts with
    // nothing. The third document agrees with the first about `Delete`, and still gets its own:
    // a name is shared only when every document that has it agrees.
    let common = |delete: &str| {
        wrapper("Delete", delete)
            + &wrapper("DeleteResponse", &field("Result", "xs:boolean"))
            + &complex(
                "Batch",
                "<xs:element minOccurs=\"0\" maxOccurs=\"unbounded\" ref=\"tns:Delete\" /><xs:element name=\"Note\" type=\"xs:string\" />",
            )
            + &complex("Page", &field("Size", "xs:int"))
            + &complex(
                "Job",
                &(field("Batch", "tns:Batch") + &field("Page", "tns:Page")),
            )
            + &operation("Run", &field("Job", "tns:Job"), "xs:int")
    };
    let by_id = common(&field("Id", "xs:int"));
    let by_key = common(&(field("Key", "xs:string") + &field("Force", "xs:boolean")));
    let files = generate(&[
        doc("first", &by_id, &["Delete", "Run"]),
        doc("second", &by_key, &["Delete", "Run"]),
        doc("third", &by_id, &["Delete", "Run"]),
    ]);
    let everywhere = paths(&["first.rs", "second.rs", "third.rs"]);
    for item in [
        "pub struct Delete {",
        "pub struct Batch {",
        "pub struct Job {",
        "pub struct Run {",
    ] {
        assert_eq!(homes_of(&files, item), everywhere, "{item}");
    }
    for item in [
        "pub struct Page {",
        "pub struct DeleteResponse {",
        "pub struct RunResponse {",
    ] {
        assert_eq!(homes_of(&files, item), paths(&["common.rs"]), "{item}");
        assert_eq!(gate(&files, "common.rs", item), None, "{item}");
    }
    assert!(files["first.rs"].contains("pub id: i32,"));
    assert!(files["second.rs"].contains("pub force: bool,"));
    assert!(files["third.rs"].contains("pub id: i32,"));
}

#[test]
fn a_type_referring_to_a_conflicting_one_is_not_shared_even_where_its_documents_agree() {
    // `Target` is alike in the first two documents and different in the third; `Holder`,
    // which holds a `Target`, is only in the first two, alike. Their `Holder`s agree and so
    // do their `Target`s, but `Target` is not shared (the third disagrees), so a shared
    // `Holder` would refer to a type that is not in `common`.
    let holder = complex("Holder", &field("Target", "tns:Target"));
    let target = |ty: &str| complex("Target", &field("Value", ty));
    let first =
        target("xs:int") + &holder + &operation("Hold", &field("Holder", "tns:Holder"), "xs:int");
    let third = target("xs:long") + &operation("Aim", &field("Target", "tns:Target"), "xs:int");
    let files = generate(&[
        doc("first", &first, &["Hold"]),
        doc("second", &first, &["Hold"]),
        doc("third", &third, &["Aim"]),
    ]);
    assert_eq!(
        homes_of(&files, "pub struct Target {"),
        paths(&["first.rs", "second.rs", "third.rs"])
    );
    assert_eq!(
        homes_of(&files, "pub struct Holder {"),
        paths(&["first.rs", "second.rs"])
    );
    assert_eq!(
        homes_of(&files, "pub struct Hold {"),
        paths(&["first.rs", "second.rs"])
    );
    assert_eq!(
        gate(&files, "common.rs", "pub struct HoldResponse {").as_deref(),
        Some("#[cfg(any(feature = \"first\", feature = \"second\"))]")
    );
}

#[test]
fn a_type_some_modules_reach_is_gated_by_exactly_their_features() {
    // `Tag` is used by the first and third documents, `Note` by the second and third; the
    // second does not declare `Tag` at all, the first not `Note`.
    let tag = complex("Tag", &field("Label", "xs:string"));
    let note = complex("Note", &field("Text", "xs:string"));
    let first = money() + &tag + &operation("Pay", &field("Tag", "tns:Tag"), "tns:Money");
    let second = money() + &note + &operation("Ask", &field("Note", "tns:Note"), "tns:Money");
    let third = money()
        + &tag
        + &note
        + &operation(
            "Log",
            &(field("Tag", "tns:Tag") + &field("Note", "tns:Note")),
            "tns:Money",
        );
    let files = generate(&[
        doc("first_service", &first, &["Pay"]),
        doc("second", &second, &["Ask"]),
        doc("third", &third, &["Log"]),
    ]);
    assert_eq!(homes_of(&files, "pub struct Tag {"), paths(&["common.rs"]));
    assert_eq!(
        gate(&files, "common.rs", "pub struct Tag {").as_deref(),
        Some("#[cfg(any(feature = \"first-service\", feature = \"third\"))]")
    );
    assert_eq!(
        gate(&files, "common.rs", "pub struct Note {").as_deref(),
        Some("#[cfg(any(feature = \"second\", feature = \"third\"))]")
    );
    assert_eq!(gate(&files, "common.rs", "pub struct Money {"), None);
    // Every item of a gated type carries the gate, not only its definition.
    assert!(
        files["common.rs"].contains(
            "#[cfg(any(feature = \"second\", feature = \"third\"))]\nimpl __rt::XmlType for Note {"
        ),
        "{}",
        files["common.rs"]
    );
    // Each module behind its feature; `_` becomes `-`.
    let lib = &files["lib.rs"];
    for (module, feature) in [
        ("first_service", "first-service"),
        ("second", "second"),
        ("third", "third"),
    ] {
        assert!(
            lib.contains(&format!(
                "#[cfg(feature = \"{feature}\")]\n#[rustfmt::skip]\npub mod {module};\n"
            )),
            "{lib}"
        );
        let flat = lib.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains(&format!("#[cfg(feature = \"{feature}\")] {module}::visit_")),
            "the operation visitor calls {module}'s under its feature:\n{lib}"
        );
    }
}

#[test]
fn a_shared_type_only_one_module_reaches_lives_in_that_module() {
    // Both declare `Extra` alike, but only the first's operations reach it.
    let extra = complex("Extra", &field("Value", "xs:string"));
    let first = money() + &extra + &operation("Pay", &field("Extra", "tns:Extra"), "tns:Money");
    let second = money() + &extra + &operation("Ask", &field("Text", "xs:string"), "tns:Money");
    let files = generate(&[
        doc("first", &first, &["Pay"]),
        doc("second", &second, &["Ask"]),
    ]);
    assert_eq!(homes_of(&files, "pub struct Extra {"), paths(&["first.rs"]));
    assert_eq!(
        homes_of(&files, "pub struct Money {"),
        paths(&["common.rs"])
    );
}

#[test]
fn a_recursive_type_defined_alike_is_shared() {
    let tree = complex(
        "TreeNode",
        &(field("Name", "xs:string")
            + &optional("Parent", "tns:TreeNode")
            + "<xs:element minOccurs=\"0\" maxOccurs=\"unbounded\" name=\"Children\" type=\"tns:TreeNode\" />"),
    );
    let schema = tree + &operation("Get", &field("Root", "xs:string"), "tns:TreeNode");
    let files = generate(&[
        doc("first", &schema, &["Get"]),
        doc("second", &schema, &["Get"]),
    ]);
    assert_eq!(
        homes_of(&files, "pub struct TreeNode {"),
        paths(&["common.rs"])
    );
    let common = &files["common.rs"];
    assert!(
        common.contains("pub children: ::std::vec::Vec<TreeNode>,"),
        "{common}"
    );
    assert!(
        common.contains("Box<TreeNode>"),
        "the parent is boxed:\n{common}"
    );
}

#[test]
fn a_recursive_type_defined_differently_is_not_shared() {
    let tree = |name_type: &str| {
        complex(
            "TreeNode",
            &(field("Name", name_type)
                + "<xs:element minOccurs=\"0\" maxOccurs=\"unbounded\" name=\"Children\" type=\"tns:TreeNode\" />"),
        ) + &operation("Get", &field("Root", "xs:string"), "tns:TreeNode")
    };
    let files = generate(&[
        doc("first", &tree("xs:string"), &["Get"]),
        doc("second", &tree("xs:int"), &["Get"]),
    ]);
    assert_eq!(
        homes_of(&files, "pub struct TreeNode {"),
        paths(&["first.rs", "second.rs"])
    );
    // Each module's TreeNode has children of its own TreeNode.
    for module in ["first.rs", "second.rs"] {
        assert!(
            files[module].contains("pub children: ::std::vec::Vec<TreeNode>,"),
            "{module}"
        );
    }
}

/// A cycle `A → B → C → A` of optional fields; `weight` is the type of C's own field.
fn cycle(weight: &str) -> String {
    complex(
        "A",
        &(field("Name", "xs:string") + &optional("Next", "tns:B")),
    ) + &complex(
        "B",
        &(field("Name", "xs:string") + &optional("Next", "tns:C")),
    ) + &complex("C", &(field("Weight", weight) + &optional("Next", "tns:A")))
        + &operation("Walk", &field("Start", "tns:A"), "xs:int")
}

#[test]
fn mutually_recursive_types_defined_alike_are_shared() {
    let files = generate(&[
        doc("first", &cycle("xs:int"), &["Walk"]),
        doc("second", &cycle("xs:int"), &["Walk"]),
    ]);
    for item in ["pub struct A {", "pub struct B {", "pub struct C {"] {
        assert_eq!(homes_of(&files, item), paths(&["common.rs"]), "{item}");
    }
    assert_eq!(homes_of(&files, "pub struct Walk {"), paths(&["common.rs"]));
}

#[test]
fn a_difference_anywhere_in_a_cycle_splits_the_whole_cycle() {
    // A and B are the same text in both documents; only C differs, two steps away, through
    // the cycle. A, B and C each refer to the conflicting C, directly or not.
    let files = generate(&[
        doc("first", &cycle("xs:int"), &["Walk"]),
        doc("second", &cycle("xs:long"), &["Walk"]),
    ]);
    for item in [
        "pub struct A {",
        "pub struct B {",
        "pub struct C {",
        "pub struct Walk {",
    ] {
        assert_eq!(
            homes_of(&files, item),
            paths(&["first.rs", "second.rs"]),
            "{item}"
        );
    }
    assert_eq!(
        homes_of(&files, "pub struct WalkResponse {"),
        paths(&["common.rs"])
    );
}

#[test]
fn a_cycle_closed_differently_is_not_shared() {
    // In the second document B's field leads back to B instead of to A. A is the same text
    // in both, but the B it refers to is not: neither is shared.
    let first = complex("A", &optional("Next", "tns:B"))
        + &complex("B", &optional("Next", "tns:A"))
        + &operation("Walk", &field("Start", "tns:A"), "xs:int");
    let second = complex("A", &optional("Next", "tns:B"))
        + &complex("B", &optional("Next", "tns:B"))
        + &operation("Walk", &field("Start", "tns:A"), "xs:int");
    let files = generate(&[
        doc("first", &first, &["Walk"]),
        doc("second", &second, &["Walk"]),
    ]);
    for item in ["pub struct A {", "pub struct B {"] {
        assert_eq!(
            homes_of(&files, item),
            paths(&["first.rs", "second.rs"]),
            "{item}"
        );
    }
}

#[test]
fn types_are_compared_by_what_they_refer_to_not_by_its_name() {
    // Two namespaces each declare an `Item`, alike. The first document's request holds the
    // one of `urn:one`, the second's the one of `urn:two`: the requests are the same text
    // but for a prefix, and every `Item` is defined alike wherever it is, yet the requests
    // are not the same type. Only comparing what the references lead to tells them apart.
    let items = ["urn:one", "urn:two"]
        .map(|ns| {
            format!(
                "<xs:schema elementFormDefault=\"qualified\" targetNamespace=\"{ns}\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\
                   <xs:complexType name=\"Item\"><xs:sequence><xs:element name=\"Value\" type=\"xs:string\" /></xs:sequence></xs:complexType>\
                 </xs:schema>"
            )
        })
        .concat();
    let source = |module: &str, ns: &str| {
        let schema = format!(
            "<xs:import namespace=\"{ns}\" />\n{}",
            operation("Use", &field("Item", "o:Item"), "xs:int")
        );
        let text = wsdl_with("xs", "tns", module, &schema, &items, &["Use"]).replace(
            "xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">",
            &format!("xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns:o=\"{ns}\">"),
        );
        Source {
            module: module.to_owned(),
            file: format!("{module}.wsdl"),
            text: text.into_bytes(),
        }
    };
    let files = generate(&[source("first", "urn:one"), source("second", "urn:two")]);
    assert_eq!(
        homes_of(&files, "pub struct Use {"),
        paths(&["first.rs", "second.rs"])
    );
    assert_eq!(
        homes_of(&files, "pub struct UseResponse {"),
        paths(&["common.rs"])
    );
    // Each `Item` is reached by one module only.
    assert_eq!(
        homes_of(&files, "pub struct Item {"),
        paths(&["first.rs", "second.rs"])
    );
    assert!(
        files["first.rs"].contains("urn:one"),
        "{}",
        files["first.rs"]
    );
    assert!(
        files["second.rs"].contains("urn:two"),
        "{}",
        files["second.rs"]
    );

    // The same documents with both requests holding `urn:one`'s `Item`: all shared.
    let files = generate(&[source("first", "urn:one"), source("second", "urn:one")]);
    assert_eq!(homes_of(&files, "pub struct Use {"), paths(&["common.rs"]));
}

#[test]
fn anonymous_types_are_shared_with_the_type_around_them() {
    let order = |line: &str| {
        format!(
            "<xs:complexType name=\"Order\"><xs:sequence>\
               <xs:element name=\"Line\"><xs:complexType><xs:sequence>{line}</xs:sequence></xs:complexType></xs:element>\
             </xs:sequence></xs:complexType>\n"
        ) + &complex("Customer", &field("Name", "xs:string"))
            + &operation(
                "Place",
                &(field("Order", "tns:Order") + &field("Customer", "tns:Customer")),
                "xs:int",
            )
    };
    let alike = order(&field("Sku", "xs:string"));
    let files = generate(&[
        doc("first", &alike, &["Place"]),
        doc("second", &alike, &["Place"]),
    ]);
    assert_eq!(
        homes_of(&files, "pub struct Order {"),
        paths(&["common.rs"])
    );
    assert_eq!(
        homes_of(&files, "pub struct OrderLine {"),
        paths(&["common.rs"])
    );

    // The anonymous line differs: the order around it is not shared; the customer is.
    let files = generate(&[
        doc("first", &alike, &["Place"]),
        doc("second", &order(&field("Sku", "xs:int")), &["Place"]),
    ]);
    let both = paths(&["first.rs", "second.rs"]);
    assert_eq!(homes_of(&files, "pub struct Order {"), both);
    assert_eq!(homes_of(&files, "pub struct OrderLine {"), both);
    assert_eq!(
        homes_of(&files, "pub struct Customer {"),
        paths(&["common.rs"])
    );
}

#[test]
fn the_output_is_the_same_every_time() {
    let sources = [
        doc("first", &cycle("xs:int"), &["Walk"]),
        doc("second", &cycle("xs:long"), &["Walk"]),
        doc("third", &cycle("xs:int"), &["Walk"]),
    ];
    let once = generate(&sources);
    for _ in 0..3 {
        assert_eq!(generate(&sources), once);
    }
}

#[test]
fn a_name_declared_twice_in_one_document_is_an_error_naming_both_declarations() {
    let operations = operation("Pay", &field("Price", "tns:Money"), "xs:boolean");
    let good = doc("first", &(money() + &operations), &["Pay"]);
    // A complex and a simple type of one name, in one schema.
    let twice = money()
        + "<xs:simpleType name=\"Money\"><xs:restriction base=\"xs:string\" /></xs:simpleType>\n"
        + &operations;
    let error = generate_crate(
        &[good.clone(), doc("second", &twice, &["Pay"])],
        "",
        &options(),
    )
    .unwrap_err()
    .to_string();
    assert_eq!(
        error,
        format!(
            "second.wsdl: /wsdl:definitions/wsdl:types/xs:schema/xs:simpleType[@name='Money']: \
             type {{{NS}}}Money is declared more than once (first declared at second.wsdl: \
             /wsdl:definitions/wsdl:types/xs:schema/xs:complexType[@name='Money'])"
        )
    );
    // Two elements of one name, in one schema: the same path, told apart by position.
    let twice = money() + &operations + &wrapper("Pay", &field("Other", "xs:int"));
    let error = generate_crate(&[good, doc("second", &twice, &["Pay"])], "", &options())
        .unwrap_err()
        .to_string();
    assert_eq!(
        error,
        format!(
            "second.wsdl: /wsdl:definitions/wsdl:types/xs:schema/xs:element[@name='Pay'][2]: \
             element {{{NS}}}Pay is declared more than once (first declared at second.wsdl: \
             /wsdl:definitions/wsdl:types/xs:schema/xs:element[@name='Pay'][1])"
        )
    );
}
