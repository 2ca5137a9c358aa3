//! Reads `xs:schema` elements into the model: declarations, model and attribute groups,
//! complex and simple types with their derivations, facets and annotations.

use super::{
    Attribute, AttributeGroupDef, AttributeItem, AttributeUse, ComplexContent, ComplexType,
    Element, Enumeration, Group, GroupDef, GroupKind, Import, Include, InlineType, MaxOccurs,
    Particle, Schema, SimpleContent, SimpleType,
};
use crate::error::ModelError;
use crate::model::node::Node;
use crate::model::{QName, SER_NS, WSDL_NS, XS_NS};

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

/// Checks that `child` is in the XML Schema namespace.
fn xs_child(child: Node<'_>, parent: &str) -> Result<(), ModelError> {
    if child.ns() == XS_NS {
        Ok(())
    } else {
        Err(child.invalid(format!("unexpected element in xs:{parent}")))
    }
}

/// Reads an `xs:schema` element read from `file`.
pub(crate) fn read_schema(node: Node<'_>) -> Result<Schema, ModelError> {
    let target_ns = match (node.attr("targetNamespace"), node.chameleon()) {
        (Some(ns), _) => ns.to_owned(),
        (None, Some(chameleon)) => chameleon.to_owned(),
        (None, None) => String::new(),
    };
    let mut schema = Schema {
        target_ns,
        element_form_qualified: node.attr("elementFormDefault") == Some("qualified"),
        attribute_form_qualified: node.attr("attributeFormDefault") == Some("qualified"),
        file: node.file.to_owned(),
        path: node.path().to_owned(),
        ..Schema::default()
    };
    for child in node.children().iter() {
        xs_child(child, "schema")?;
        match child.local() {
            "element" => schema.elements.push(read_element(child)?),
            "complexType" => schema.complex_types.push(read_complex_type(child)?),
            "simpleType" => schema.simple_types.push(read_simple_type(child)?),
            "attribute" => schema.attributes.push(read_global_attribute(child)?),
            "group" => {
                let group = child
                    .children()
                    .iter()
                    .find(|c| c.ns() == XS_NS && matches!(c.local(), "sequence" | "choice" | "all"))
                    .map(read_group)
                    .transpose()?
                    .ok_or_else(|| child.invalid("xs:group needs a sequence, choice or all"))?;
                schema.groups.push(GroupDef {
                    name: child.required_name()?.to_owned(),
                    group,
                });
            }
            "attributeGroup" => {
                let (attributes, any_attribute) = read_attribute_items(child)?;
                schema.attribute_groups.push(AttributeGroupDef {
                    name: child.required_name()?.to_owned(),
                    attributes,
                    any_attribute,
                    path: child.path().to_owned(),
                });
            }
            "import" => schema.imports.push(Import {
                namespace: child.attr("namespace").map(str::to_owned),
                location: child.attr("schemaLocation").map(str::to_owned),
                path: child.path().to_owned(),
            }),
            "include" => schema.includes.push(Include {
                location: child.required_attr("schemaLocation")?.to_owned(),
                path: child.path().to_owned(),
            }),
            "annotation" | "notation" => {}
            _ => {
                child.skip_unsupported(NOT_YET)?;
                continue;
            }
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
        xs_child(child, "element")?;
        match child.local() {
            "complexType" => {
                inline = Some(InlineType::Complex(Box::new(read_complex_type(child)?)))
            }
            "simpleType" => inline = Some(InlineType::Simple(Box::new(read_simple_type(child)?))),
            "annotation" => docs = read_annotation(child)?.docs,
            "unique" | "key" | "keyref" => {}
            _ => {
                child.skip_unsupported(NOT_YET)?;
                continue;
            }
        }
    }
    let element = Element {
        name: node.name_attr()?.map(str::to_owned),
        reference: node.qname_attr("ref")?,
        type_name: node.qname_attr("type")?,
        inline,
        min_occurs,
        max_occurs,
        nillable: node.bool_attr("nillable")?.unwrap_or(false),
        is_abstract: node.bool_attr("abstract")?.unwrap_or(false),
        substitution_group: node.qname_attr("substitutionGroup")?,
        default: node.attr("default").map(str::to_owned),
        fixed: node.attr("fixed").map(str::to_owned),
        form_qualified: node.attr("form").map(|form| form == "qualified"),
        docs,
        path: node.path().to_owned(),
    };
    if element.name.is_none() && element.reference.is_none() {
        return Err(node.invalid("xs:element needs a `name` or a `ref`"));
    }
    Ok(element)
}

/// Reads the attributes, attribute group references and `xs:anyAttribute` among the
/// children of `node`; other children are left to the caller.
fn read_attribute_items(node: Node<'_>) -> Result<(Vec<AttributeItem>, bool), ModelError> {
    let mut items = Vec::new();
    let mut any_attribute = false;
    for child in node.children().iter() {
        if child.ns() != XS_NS {
            continue;
        }
        match child.local() {
            "attribute" => items.push(AttributeItem::Attribute(read_attribute_use(child)?)),
            "attributeGroup" => items.push(AttributeItem::GroupRef {
                name: child.required_qname_attr("ref")?,
                path: child.path().to_owned(),
            }),
            "anyAttribute" => any_attribute = true,
            _ => {}
        }
    }
    Ok((items, any_attribute))
}

fn inline_simple_type(node: Node<'_>) -> Result<Option<Box<SimpleType>>, ModelError> {
    node.children()
        .iter()
        .find(|c| c.is(XS_NS, "simpleType"))
        .map(|c| read_simple_type(c).map(Box::new))
        .transpose()
}

fn read_attribute_use(node: Node<'_>) -> Result<AttributeUse, ModelError> {
    let use_ = node.attr("use").unwrap_or("optional");
    let attribute = AttributeUse {
        name: node.name_attr()?.map(str::to_owned),
        reference: node.qname_attr("ref")?,
        type_name: node.qname_attr("type")?,
        inline: inline_simple_type(node)?,
        required: use_ == "required",
        prohibited: use_ == "prohibited",
        default: node.attr("default").map(str::to_owned),
        fixed: node.attr("fixed").map(str::to_owned),
        form_qualified: node.attr("form").map(|form| form == "qualified"),
        array_type: wsdl_array_type(node)?,
        docs: annotation_of(node)?.docs,
        path: node.path().to_owned(),
    };
    if attribute.name.is_none() && attribute.reference.is_none() {
        return Err(node.invalid("xs:attribute needs a `name` or a `ref`"));
    }
    Ok(attribute)
}

/// The `wsdl:arrayType` of an attribute: `tns:Item[]` as the item type and `[]`.
fn wsdl_array_type(node: Node<'_>) -> Result<Option<Box<(QName, String)>>, ModelError> {
    let Some(value) = node.attr(&format!("{{{WSDL_NS}}}arrayType")) else {
        return Ok(None);
    };
    let value = value.trim();
    let (item, brackets) = value.split_at(value.find('[').unwrap_or(value.len()));
    Ok(Some(Box::new((node.resolve(item)?, brackets.to_owned()))))
}

fn read_global_attribute(node: Node<'_>) -> Result<Attribute, ModelError> {
    Ok(Attribute {
        name: node.required_name()?.to_owned(),
        type_name: node.qname_attr("type")?,
        inline: inline_simple_type(node)?,
        default: node.attr("default").map(str::to_owned),
        fixed: node.attr("fixed").map(str::to_owned),
        path: node.path().to_owned(),
    })
}

fn read_complex_type(node: Node<'_>) -> Result<ComplexType, ModelError> {
    let annotation = annotation_of(node)?;
    let mut content = ComplexContent::Empty;
    let mut mixed = node.bool_attr("mixed")?.unwrap_or(false);
    let (mut attributes, mut any_attribute) = read_attribute_items(node)?;
    for child in node.children().iter() {
        xs_child(child, "complexType")?;
        match child.local() {
            "annotation" | "attribute" | "attributeGroup" | "anyAttribute" => {}
            "sequence" | "choice" | "all" => content = ComplexContent::Group(read_group(child)?),
            "group" => content = ComplexContent::Group(group_of_ref(child)?),
            "complexContent" => {
                mixed |= child.bool_attr("mixed")?.unwrap_or(false);
                let (derived, extra, any) = read_derivation(child, false)?;
                content = derived;
                attributes.extend(extra);
                any_attribute |= any;
            }
            "simpleContent" => {
                let (derived, extra, any) = read_derivation(child, true)?;
                content = derived;
                attributes.extend(extra);
                any_attribute |= any;
            }
            _ => {
                child.skip_unsupported(NOT_YET)?;
                continue;
            }
        }
    }
    Ok(ComplexType {
        name: node.name_attr()?.map(str::to_owned),
        is_dictionary: annotation.is_dictionary,
        mixed,
        is_abstract: node.bool_attr("abstract")?.unwrap_or(false),
        content,
        attributes,
        any_attribute,
        docs: annotation.docs,
        path: node.path().to_owned(),
    })
}

/// A `xs:group ref` used directly as a type's content: a sequence of that one group.
fn group_of_ref(node: Node<'_>) -> Result<Group, ModelError> {
    let (min_occurs, max_occurs) = read_occurs(node)?;
    Ok(Group {
        kind: GroupKind::Sequence,
        min_occurs: 1,
        max_occurs: MaxOccurs::Bounded(1),
        particles: vec![Particle::GroupRef {
            name: node.required_qname_attr("ref")?,
            min_occurs,
            max_occurs,
            path: node.path().to_owned(),
        }],
        path: node.path().to_owned(),
    })
}

/// Reads `xs:complexContent` or `xs:simpleContent`: the derivation, and the attributes it
/// declares.
fn read_derivation(
    node: Node<'_>,
    simple: bool,
) -> Result<(ComplexContent, Vec<AttributeItem>, bool), ModelError> {
    for child in node.children().iter() {
        xs_child(child, node.local())?;
        if child.local() == "annotation" {
            continue;
        }
        let extension = match child.local() {
            "extension" => true,
            "restriction" => false,
            _ => {
                child.skip_unsupported(NOT_YET)?;
                continue;
            }
        };
        let base = child.required_qname_attr("base")?;
        let (attributes, any_attribute) = read_attribute_items(child)?;
        let path = child.path().to_owned();
        if simple {
            for part in child.children().iter() {
                let local = part.local();
                let allowed = matches!(
                    local,
                    "annotation" | "attribute" | "attributeGroup" | "anyAttribute" | "enumeration"
                ) || IGNORED_FACETS.contains(&local);
                if part.ns() != XS_NS || !allowed {
                    {
                        part.skip_unsupported(NOT_YET)?;
                        continue;
                    };
                }
            }
            return Ok((
                ComplexContent::Simple { base, path },
                attributes,
                any_attribute,
            ));
        }
        let mut group = None;
        for part in child.children().iter() {
            xs_child(part, child.local())?;
            match part.local() {
                "annotation" | "attribute" | "attributeGroup" | "anyAttribute" => {}
                "sequence" | "choice" | "all" => group = Some(read_group(part)?),
                "group" => group = Some(group_of_ref(part)?),
                _ => {
                    part.skip_unsupported(NOT_YET)?;
                    continue;
                }
            }
        }
        let content = if extension {
            ComplexContent::Extension { base, group, path }
        } else {
            ComplexContent::Restriction { base, group, path }
        };
        return Ok((content, attributes, any_attribute));
    }
    Err(node.invalid("expected xs:extension or xs:restriction"))
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
        xs_child(child, node.local())?;
        match child.local() {
            "element" => particles.push(Particle::Element(read_element(child)?)),
            "sequence" | "choice" | "all" => particles.push(Particle::Group(read_group(child)?)),
            "group" => {
                let (min_occurs, max_occurs) = read_occurs(child)?;
                particles.push(Particle::GroupRef {
                    name: child.required_qname_attr("ref")?,
                    min_occurs,
                    max_occurs,
                    path: child.path().to_owned(),
                });
            }
            "any" => {
                let (min_occurs, max_occurs) = read_occurs(child)?;
                particles.push(Particle::Any {
                    min_occurs,
                    max_occurs,
                    path: child.path().to_owned(),
                });
            }
            "annotation" => {}
            _ => {
                child.skip_unsupported(NOT_YET)?;
                continue;
            }
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
        xs_child(child, "simpleType")?;
        match child.local() {
            "annotation" => {}
            "restriction" => content = Some(read_restriction(child)?),
            "list" => {
                content = Some(SimpleContent::List {
                    item_type: child.qname_attr("itemType")?,
                    inline_item: inline_simple_type(child)?,
                });
            }
            "union" => {
                let member_types = child
                    .attr("memberTypes")
                    .unwrap_or("")
                    .split_whitespace()
                    .map(|name| child.resolve(name))
                    .collect::<Result<Vec<_>, _>>()?;
                let inline_members = child
                    .children()
                    .iter()
                    .filter(|c| c.is(XS_NS, "simpleType"))
                    .map(read_simple_type)
                    .collect::<Result<Vec<_>, _>>()?;
                content = Some(SimpleContent::Union {
                    member_types,
                    inline_members,
                });
            }
            _ => {
                child.skip_unsupported(NOT_YET)?;
                continue;
            }
        }
    }
    let content = content.ok_or_else(|| {
        node.invalid("xs:simpleType needs an xs:restriction, xs:list or xs:union")
    })?;
    Ok(SimpleType {
        name: node.name_attr()?.map(str::to_owned),
        content,
        docs: annotation.docs,
        path: node.path().to_owned(),
    })
}

fn read_restriction(node: Node<'_>) -> Result<SimpleContent, ModelError> {
    let mut enumerations = Vec::new();
    let mut inline_base = None;
    for child in node.children().iter() {
        xs_child(child, "restriction")?;
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
            _ => {
                child.skip_unsupported(NOT_YET)?;
                continue;
            }
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
