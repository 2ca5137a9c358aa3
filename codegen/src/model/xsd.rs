//! XML Schema as the model holds it: elements, complex and simple types, with annotations
//! (documentation and WCF's DataContract appinfo) kept.

use super::node::Node;
use super::{QName, SER_NS, XS_NS};
use crate::error::ModelError;

/// One `xs:schema`.
#[derive(Debug, Clone, PartialEq)]
pub struct Schema {
    /// `targetNamespace`, empty when absent.
    pub target_ns: String,
    /// `elementFormDefault="qualified"`.
    pub element_form_qualified: bool,
    /// `attributeFormDefault="qualified"`.
    pub attribute_form_qualified: bool,
    /// Global element declarations.
    pub elements: Vec<Element>,
    /// Named complex types.
    pub complex_types: Vec<ComplexType>,
    /// Named simple types.
    pub simple_types: Vec<SimpleType>,
    /// Global attribute declarations.
    pub attributes: Vec<Attribute>,
    /// `xs:import`s.
    pub imports: Vec<Import>,
    /// Element path of the schema.
    pub path: String,
}

/// An `xs:import`.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    /// The imported namespace.
    pub namespace: Option<String>,
    /// `schemaLocation`.
    pub location: Option<String>,
}

/// `maxOccurs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaxOccurs {
    /// A number.
    Bounded(u32),
    /// `unbounded`.
    Unbounded,
}

impl MaxOccurs {
    /// Whether more than one occurrence is allowed.
    pub fn is_many(self) -> bool {
        !matches!(self, MaxOccurs::Bounded(0 | 1))
    }
}

/// An element declaration or reference.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    /// `name` (absent for a `ref`).
    pub name: Option<String>,
    /// `ref`.
    pub reference: Option<QName>,
    /// `type`.
    pub type_name: Option<QName>,
    /// An anonymous type declared inside the element.
    pub inline: Option<InlineType>,
    /// `minOccurs` (default 1).
    pub min_occurs: u32,
    /// `maxOccurs` (default 1).
    pub max_occurs: MaxOccurs,
    /// `nillable="true"`.
    pub nillable: bool,
    /// `form`: `Some(true)` for qualified.
    pub form_qualified: Option<bool>,
    /// Documentation.
    pub docs: Option<String>,
    /// Element path.
    pub path: String,
}

/// An anonymous type.
#[derive(Debug, Clone, PartialEq)]
pub enum InlineType {
    /// `xs:complexType` without a name.
    Complex(Box<ComplexType>),
    /// `xs:simpleType` without a name.
    Simple(Box<SimpleType>),
}

/// An `xs:complexType`.
#[derive(Debug, Clone, PartialEq)]
pub struct ComplexType {
    /// `name` (absent for an anonymous type).
    pub name: Option<String>,
    /// WCF's `IsDictionary` appinfo is `true`.
    pub is_dictionary: bool,
    /// `mixed="true"`.
    pub mixed: bool,
    /// The content model.
    pub content: ComplexContent,
    /// Documentation.
    pub docs: Option<String>,
    /// Element path.
    pub path: String,
}

/// What a complex type contains.
#[derive(Debug, Clone, PartialEq)]
pub enum ComplexContent {
    /// Nothing.
    Empty,
    /// A model group.
    Group(Group),
    /// `xs:complexContent/xs:extension`: the base's content, then `group`.
    Extension {
        /// The base type.
        base: QName,
        /// Content added to the base's.
        group: Option<Group>,
        /// Element path of the extension.
        path: String,
    },
}

/// `xs:sequence`, `xs:choice` or `xs:all`.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Which compositor.
    pub kind: GroupKind,
    /// `minOccurs` of the group.
    pub min_occurs: u32,
    /// `maxOccurs` of the group.
    pub max_occurs: MaxOccurs,
    /// The particles, in order.
    pub particles: Vec<Particle>,
    /// Element path.
    pub path: String,
}

/// A compositor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKind {
    /// `xs:sequence`.
    Sequence,
    /// `xs:choice`.
    Choice,
    /// `xs:all`.
    All,
}

/// A particle of a model group.
#[derive(Debug, Clone, PartialEq)]
pub enum Particle {
    /// An element.
    Element(Element),
    /// A nested group.
    Group(Group),
}

/// An `xs:simpleType`.
#[derive(Debug, Clone, PartialEq)]
pub struct SimpleType {
    /// `name` (absent for an anonymous type).
    pub name: Option<String>,
    /// Restriction or list.
    pub content: SimpleContent,
    /// Documentation.
    pub docs: Option<String>,
    /// Element path.
    pub path: String,
}

/// What a simple type is.
#[derive(Debug, Clone, PartialEq)]
pub enum SimpleContent {
    /// `xs:restriction`; facets other than enumerations are accepted and not enforced.
    Restriction {
        /// `base`.
        base: Option<QName>,
        /// An anonymous base type.
        inline_base: Option<Box<SimpleType>>,
        /// The enumerated values, in order.
        enumerations: Vec<Enumeration>,
    },
    /// `xs:list`.
    List {
        /// `itemType`.
        item_type: Option<QName>,
        /// An anonymous item type.
        inline_item: Option<Box<SimpleType>>,
    },
}

/// One `xs:enumeration`.
#[derive(Debug, Clone, PartialEq)]
pub struct Enumeration {
    /// The lexical value.
    pub value: String,
    /// WCF's `EnumerationValue` appinfo: the number behind the name.
    pub numeric_value: Option<i64>,
    /// Documentation.
    pub docs: Option<String>,
}

/// A global `xs:attribute` declaration.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    /// `name`.
    pub name: String,
    /// `type`.
    pub type_name: Option<QName>,
    /// Element path.
    pub path: String,
}

/// Facets that restrict values without changing their Rust type.
const IGNORED_FACETS: &[&str] = &[
    "pattern",
    "minInclusive",
    "maxInclusive",
    "minExclusive",
    "maxExclusive",
    "length",
    "minLength",
    "maxLength",
    "totalDigits",
    "fractionDigits",
    "whiteSpace",
];

const NOT_YET: &str = "not supported by the generator yet";

/// What an `xs:annotation` says.
#[derive(Default)]
struct Annotation {
    docs: Option<String>,
    is_dictionary: bool,
    enumeration_value: Option<i64>,
}

fn read_annotation(node: Node<'_>) -> Result<Annotation, ModelError> {
    let mut annotation = Annotation::default();
    for child in node.children().iter() {
        if child.is(XS_NS, "documentation") {
            let text = child.text();
            if !text.trim().is_empty() {
                annotation.docs = Some(text);
            }
        } else if child.is(XS_NS, "appinfo") {
            for info in child.children().iter() {
                if info.is(SER_NS, "IsDictionary") {
                    annotation.is_dictionary = info.text().trim() == "true";
                } else if info.is(SER_NS, "EnumerationValue") {
                    let text = info.text();
                    let value = text.trim().parse().map_err(|_| {
                        info.invalid(format!(
                            "EnumerationValue `{}` is not an integer",
                            text.trim()
                        ))
                    })?;
                    annotation.enumeration_value = Some(value);
                }
            }
        }
    }
    Ok(annotation)
}

fn annotation_of(node: Node<'_>) -> Result<Annotation, ModelError> {
    for child in node.children().iter() {
        if child.is(XS_NS, "annotation") {
            return read_annotation(child);
        }
    }
    Ok(Annotation::default())
}

/// Reads an `xs:schema` element.
pub(crate) fn read_schema(node: Node<'_>) -> Result<Schema, ModelError> {
    let mut schema = Schema {
        target_ns: node.attr("targetNamespace").unwrap_or("").to_owned(),
        element_form_qualified: node.attr("elementFormDefault") == Some("qualified"),
        attribute_form_qualified: node.attr("attributeFormDefault") == Some("qualified"),
        elements: Vec::new(),
        complex_types: Vec::new(),
        simple_types: Vec::new(),
        attributes: Vec::new(),
        imports: Vec::new(),
        path: node.path().to_owned(),
    };
    for child in node.children().iter() {
        if child.ns() != XS_NS {
            return Err(child.invalid("unexpected element in xs:schema"));
        }
        match child.local() {
            "element" => schema.elements.push(read_element(child)?),
            "complexType" => schema.complex_types.push(read_complex_type(child)?),
            "simpleType" => schema.simple_types.push(read_simple_type(child)?),
            "attribute" => schema.attributes.push(Attribute {
                name: child.required_attr("name")?.to_owned(),
                type_name: child.qname_attr("type")?,
                path: child.path().to_owned(),
            }),
            "import" => schema.imports.push(Import {
                namespace: child.attr("namespace").map(str::to_owned),
                location: child.attr("schemaLocation").map(str::to_owned),
            }),
            "annotation" | "notation" => {}
            _ => return Err(child.unsupported(NOT_YET)),
        }
    }
    Ok(schema)
}

fn read_occurs(node: Node<'_>) -> Result<(u32, MaxOccurs), ModelError> {
    let min = match node.attr("minOccurs") {
        None => 1,
        Some(text) => text
            .trim()
            .parse()
            .map_err(|_| node.invalid(format!("minOccurs `{text}` is not a number")))?,
    };
    let max = match node.attr("maxOccurs").map(str::trim) {
        None => MaxOccurs::Bounded(1),
        Some("unbounded") => MaxOccurs::Unbounded,
        Some(text) => MaxOccurs::Bounded(
            text.parse()
                .map_err(|_| node.invalid(format!("maxOccurs `{text}` is not a number")))?,
        ),
    };
    Ok((min, max))
}

fn read_element(node: Node<'_>) -> Result<Element, ModelError> {
    let (min_occurs, max_occurs) = read_occurs(node)?;
    let mut inline = None;
    let mut docs = None;
    for child in node.children().iter() {
        if child.ns() != XS_NS {
            return Err(child.invalid("unexpected element in xs:element"));
        }
        match child.local() {
            "complexType" => {
                inline = Some(InlineType::Complex(Box::new(read_complex_type(child)?)))
            }
            "simpleType" => inline = Some(InlineType::Simple(Box::new(read_simple_type(child)?))),
            "annotation" => docs = read_annotation(child)?.docs,
            "unique" | "key" | "keyref" => {}
            _ => return Err(child.unsupported(NOT_YET)),
        }
    }
    for unsupported in ["substitutionGroup", "abstract", "default", "fixed"] {
        let present = match node.attr(unsupported) {
            Some(value) if unsupported == "abstract" => value.trim() == "true",
            other => other.is_some(),
        };
        if present {
            return Err(ModelError::Unsupported {
                file: node.file.to_owned(),
                path: node.path().to_owned(),
                construct: format!("xs:element/@{unsupported}"),
                hint: NOT_YET.to_owned(),
            });
        }
    }
    let element = Element {
        name: node.attr("name").map(str::to_owned),
        reference: node.qname_attr("ref")?,
        type_name: node.qname_attr("type")?,
        inline,
        min_occurs,
        max_occurs,
        nillable: node.bool_attr("nillable")?.unwrap_or(false),
        form_qualified: node.attr("form").map(|form| form == "qualified"),
        docs,
        path: node.path().to_owned(),
    };
    if element.name.is_none() && element.reference.is_none() {
        return Err(node.invalid("xs:element needs a `name` or a `ref`"));
    }
    Ok(element)
}

fn read_complex_type(node: Node<'_>) -> Result<ComplexType, ModelError> {
    let annotation = annotation_of(node)?;
    let mut content = ComplexContent::Empty;
    for child in node.children().iter() {
        if child.ns() != XS_NS {
            return Err(child.invalid("unexpected element in xs:complexType"));
        }
        match child.local() {
            "annotation" => {}
            "sequence" | "choice" | "all" => content = ComplexContent::Group(read_group(child)?),
            "complexContent" => content = read_complex_content(child)?,
            _ => return Err(child.unsupported(NOT_YET)),
        }
    }
    if node.attr("abstract").is_some_and(|a| a == "true") {
        return Err(ModelError::Unsupported {
            file: node.file.to_owned(),
            path: node.path().to_owned(),
            construct: "xs:complexType/@abstract".to_owned(),
            hint: NOT_YET.to_owned(),
        });
    }
    Ok(ComplexType {
        name: node.attr("name").map(str::to_owned),
        is_dictionary: annotation.is_dictionary,
        mixed: node.bool_attr("mixed")?.unwrap_or(false),
        content,
        docs: annotation.docs,
        path: node.path().to_owned(),
    })
}

fn read_complex_content(node: Node<'_>) -> Result<ComplexContent, ModelError> {
    if node.bool_attr("mixed")? == Some(true) {
        return Err(node.unsupported("mixed content is not supported by the generator yet"));
    }
    for child in node.children().iter() {
        if child.is(XS_NS, "annotation") {
            continue;
        }
        if !child.is(XS_NS, "extension") {
            return Err(child.unsupported(NOT_YET));
        }
        let base = child.required_qname_attr("base")?;
        let mut group = None;
        for part in child.children().iter() {
            if part.ns() != XS_NS {
                return Err(part.invalid("unexpected element in xs:extension"));
            }
            match part.local() {
                "annotation" => {}
                "sequence" | "choice" | "all" => group = Some(read_group(part)?),
                _ => return Err(part.unsupported(NOT_YET)),
            }
        }
        return Ok(ComplexContent::Extension {
            base,
            group,
            path: child.path().to_owned(),
        });
    }
    Err(node.invalid("xs:complexContent needs an xs:extension or xs:restriction"))
}

fn read_group(node: Node<'_>) -> Result<Group, ModelError> {
    let kind = match node.local() {
        "sequence" => GroupKind::Sequence,
        "choice" => GroupKind::Choice,
        _ => GroupKind::All,
    };
    let (min_occurs, max_occurs) = read_occurs(node)?;
    let mut particles = Vec::new();
    for child in node.children().iter() {
        if child.ns() != XS_NS {
            return Err(child.invalid("unexpected element in a model group"));
        }
        match child.local() {
            "element" => particles.push(Particle::Element(read_element(child)?)),
            "sequence" | "choice" | "all" => particles.push(Particle::Group(read_group(child)?)),
            "annotation" => {}
            _ => return Err(child.unsupported(NOT_YET)),
        }
    }
    Ok(Group {
        kind,
        min_occurs,
        max_occurs,
        particles,
        path: node.path().to_owned(),
    })
}

fn read_simple_type(node: Node<'_>) -> Result<SimpleType, ModelError> {
    let annotation = annotation_of(node)?;
    let mut content = None;
    for child in node.children().iter() {
        if child.ns() != XS_NS {
            return Err(child.invalid("unexpected element in xs:simpleType"));
        }
        match child.local() {
            "annotation" => {}
            "restriction" => content = Some(read_restriction(child)?),
            "list" => {
                let mut inline_item = None;
                for item in child.children().iter() {
                    if item.is(XS_NS, "simpleType") {
                        inline_item = Some(Box::new(read_simple_type(item)?));
                    } else if !item.is(XS_NS, "annotation") {
                        return Err(item.unsupported(NOT_YET));
                    }
                }
                content = Some(SimpleContent::List {
                    item_type: child.qname_attr("itemType")?,
                    inline_item,
                });
            }
            _ => return Err(child.unsupported(NOT_YET)),
        }
    }
    let content =
        content.ok_or_else(|| node.invalid("xs:simpleType needs an xs:restriction or xs:list"))?;
    Ok(SimpleType {
        name: node.attr("name").map(str::to_owned),
        content,
        docs: annotation.docs,
        path: node.path().to_owned(),
    })
}

fn read_restriction(node: Node<'_>) -> Result<SimpleContent, ModelError> {
    let mut enumerations = Vec::new();
    let mut inline_base = None;
    for child in node.children().iter() {
        if child.ns() != XS_NS {
            return Err(child.invalid("unexpected element in xs:restriction"));
        }
        match child.local() {
            "enumeration" => {
                let annotation = annotation_of(child)?;
                enumerations.push(Enumeration {
                    value: child.required_attr("value")?.to_owned(),
                    numeric_value: annotation.enumeration_value,
                    docs: annotation.docs,
                });
            }
            "simpleType" => inline_base = Some(Box::new(read_simple_type(child)?)),
            "annotation" => {}
            facet if IGNORED_FACETS.contains(&facet) => {}
            _ => return Err(child.unsupported(NOT_YET)),
        }
    }
    let base = node.qname_attr("base")?;
    if base.is_none() && inline_base.is_none() {
        return Err(node.invalid("xs:restriction needs a `base` or an inline xs:simpleType"));
    }
    Ok(SimpleContent::Restriction {
        base,
        inline_base,
        enumerations,
    })
}
