//! Schemas the generator knows without reading them: the XML namespace's attributes
//! (`xml:lang`, `xml:space`, `xml:base`, `xml:id` and the `xml:specialAttrs` group), which
//! WSDLs refer to after an `xs:import` without a location (or with the W3C's URL, which is
//! never fetched).

use std::sync::LazyLock;

use super::node::Node;
use super::xsd::{self, Schema};

/// The file name built-in schemas are reported under.
const FILE: &str = "(built-in schema of the XML namespace)";

/// The XML namespace's schema, reduced to what types refer to. `xml:space` is kept as its
/// lexical form (`default` or `preserve`).
const XML_XSD: &str = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/XML/1998/namespace">
  <xs:attribute name="lang" type="xs:language"/>
  <xs:attribute name="space" type="xs:NCName"/>
  <xs:attribute name="base" type="xs:anyURI"/>
  <xs:attribute name="id" type="xs:ID"/>
  <xs:attributeGroup name="specialAttrs">
    <xs:attribute ref="xml:base"/>
    <xs:attribute ref="xml:lang"/>
    <xs:attribute ref="xml:space"/>
    <xs:attribute ref="xml:id"/>
  </xs:attributeGroup>
</xs:schema>"#;

static XML_SCHEMA: LazyLock<Option<Schema>> = LazyLock::new(|| {
    let root = super::parse_document(FILE, XML_XSD.as_bytes()).ok()?;
    xsd::read_schema(Node::root(&root, FILE, "/xs:schema")).ok()
});

/// The built-in schema of the XML namespace.
pub(crate) fn xml_namespace_schema() -> Option<&'static Schema> {
    XML_SCHEMA.as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_xml_namespace_schema_reads() {
        let schema = xml_namespace_schema().expect("the built-in schema reads");
        assert_eq!(schema.target_ns, crate::model::XML_NS);
        let names: Vec<&str> = schema.attributes.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["lang", "space", "base", "id"]);
        assert_eq!(schema.attribute_groups.len(), 1);
    }
}
