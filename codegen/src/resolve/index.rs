//! Lookup of the global schema components of one WSDL document (and the schemas it
//! imports) by QName, plus the derivation and substitution relations between them.

use std::collections::HashMap;

use crate::error::ResolveError;
use crate::model::xsd::{
    Attribute, AttributeGroupDef, ComplexContent, ComplexType, Element, GroupDef, Schema,
    SimpleType,
};
use crate::model::{Definitions, QName, XML_NS};

/// A component together with the schema that declares it.
pub(crate) type InSchema<'m, T> = (&'m Schema, &'m T);

/// Global components of one document, by name.
pub(crate) struct SchemaIndex<'m> {
    pub(crate) def: &'m Definitions,
    elements: HashMap<QName, InSchema<'m, Element>>,
    complex_types: HashMap<QName, InSchema<'m, ComplexType>>,
    simple_types: HashMap<QName, InSchema<'m, SimpleType>>,
    attributes: HashMap<QName, InSchema<'m, Attribute>>,
    groups: HashMap<QName, InSchema<'m, GroupDef>>,
    attribute_groups: HashMap<QName, InSchema<'m, AttributeGroupDef>>,
    /// Complex types by the base they extend or restrict, in document order.
    derived: HashMap<QName, Vec<QName>>,
    /// Elements by the head of their substitution group, in document order.
    substitutes: HashMap<QName, Vec<QName>>,
}

impl<'m> SchemaIndex<'m> {
    /// Indexes every schema of `def`; a name declared twice is an error.
    pub(crate) fn new(def: &'m Definitions) -> Result<Self, ResolveError> {
        let mut index = SchemaIndex {
            def,
            elements: HashMap::new(),
            complex_types: HashMap::new(),
            simple_types: HashMap::new(),
            attributes: HashMap::new(),
            groups: HashMap::new(),
            attribute_groups: HashMap::new(),
            derived: HashMap::new(),
            substitutes: HashMap::new(),
        };
        // The XML namespace is built in, unless a document brings its own schema of it.
        let built_in = crate::model::xml_namespace_schema()
            .filter(|_| !def.schemas.iter().any(|s| s.target_ns == XML_NS));
        for schema in def.schemas.iter().chain(built_in) {
            let key = |name: &str| QName::new(&schema.target_ns, name);
            for element in &schema.elements {
                let name = key(element.name.as_deref().unwrap_or_default());
                if let Some(head) = &element.substitution_group {
                    index
                        .substitutes
                        .entry(head.clone())
                        .or_default()
                        .push(name.clone());
                }
                insert(
                    &mut index.elements,
                    name,
                    (schema, element),
                    |element| &element.path,
                    "element",
                )?;
            }
            for complex in &schema.complex_types {
                let name = key(complex.name.as_deref().unwrap_or_default());
                if let Some((first, simple)) = index.simple_types.get(&name) {
                    return Err(duplicate(
                        (first, &simple.path),
                        (schema, &complex.path),
                        "type",
                        &name,
                    ));
                }
                if let ComplexContent::Extension { base, .. }
                | ComplexContent::Restriction { base, .. } = &complex.content
                {
                    index
                        .derived
                        .entry(base.clone())
                        .or_default()
                        .push(name.clone());
                }
                insert(
                    &mut index.complex_types,
                    name,
                    (schema, complex),
                    |complex| &complex.path,
                    "type",
                )?;
            }
            for simple in &schema.simple_types {
                let name = key(simple.name.as_deref().unwrap_or_default());
                if let Some((first, complex)) = index.complex_types.get(&name) {
                    return Err(duplicate(
                        (first, &complex.path),
                        (schema, &simple.path),
                        "type",
                        &name,
                    ));
                }
                insert(
                    &mut index.simple_types,
                    name,
                    (schema, simple),
                    |simple| &simple.path,
                    "type",
                )?;
            }
            for attribute in &schema.attributes {
                insert(
                    &mut index.attributes,
                    key(&attribute.name),
                    (schema, attribute),
                    |attribute| &attribute.path,
                    "attribute",
                )?;
            }
            for group in &schema.groups {
                insert(
                    &mut index.groups,
                    key(&group.name),
                    (schema, group),
                    |group| &group.group.path,
                    "group",
                )?;
            }
            for group in &schema.attribute_groups {
                insert(
                    &mut index.attribute_groups,
                    key(&group.name),
                    (schema, group),
                    |group| &group.path,
                    "attribute group",
                )?;
            }
        }
        Ok(index)
    }

    pub(crate) fn element(&self, name: &QName) -> Option<InSchema<'m, Element>> {
        self.elements.get(name).copied()
    }

    pub(crate) fn complex_type(&self, name: &QName) -> Option<InSchema<'m, ComplexType>> {
        self.complex_types.get(name).copied()
    }

    pub(crate) fn simple_type(&self, name: &QName) -> Option<InSchema<'m, SimpleType>> {
        self.simple_types.get(name).copied()
    }

    pub(crate) fn attribute(&self, name: &QName) -> Option<InSchema<'m, Attribute>> {
        self.attributes.get(name).copied()
    }

    pub(crate) fn group(&self, name: &QName) -> Option<InSchema<'m, GroupDef>> {
        self.groups.get(name).copied()
    }

    pub(crate) fn attribute_group(&self, name: &QName) -> Option<InSchema<'m, AttributeGroupDef>> {
        self.attribute_groups.get(name).copied()
    }

    /// Every complex type derived from `base` by extension, directly or not, in document
    /// order (depth first).
    pub(crate) fn extensions_of(&self, base: &QName) -> Vec<QName> {
        let mut out = Vec::new();
        let mut stack: Vec<QName> = self
            .derived
            .get(base)
            .into_iter()
            .flatten()
            .rev()
            .cloned()
            .collect();
        let mut seen = std::collections::HashSet::new();
        while let Some(name) = stack.pop() {
            if &name == base || !seen.insert(name.clone()) {
                continue;
            }
            let is_extension = self
                .complex_type(&name)
                .is_some_and(|(_, c)| matches!(c.content, ComplexContent::Extension { .. }));
            if is_extension {
                out.push(name.clone());
                stack.extend(self.derived.get(&name).into_iter().flatten().rev().cloned());
            }
        }
        out
    }

    /// Every element that may substitute for `head`, directly or not, in document order.
    pub(crate) fn substitutes_of(&self, head: &QName) -> Vec<QName> {
        let mut out: Vec<QName> = Vec::new();
        let mut stack: Vec<QName> = self
            .substitutes
            .get(head)
            .into_iter()
            .flatten()
            .rev()
            .cloned()
            .collect();
        let mut seen = std::collections::HashSet::new();
        while let Some(name) = stack.pop() {
            if &name == head || !seen.insert(name.clone()) {
                continue;
            }
            stack.extend(
                self.substitutes
                    .get(&name)
                    .into_iter()
                    .flatten()
                    .rev()
                    .cloned(),
            );
            out.push(name);
        }
        out
    }
}

/// Adds a component; one of the same name already there is an error naming both
/// declarations. `path` gives a component's element path.
fn insert<'m, T>(
    map: &mut HashMap<QName, InSchema<'m, T>>,
    key: QName,
    value: InSchema<'m, T>,
    path: impl Fn(&T) -> &str,
    kind: &str,
) -> Result<(), ResolveError> {
    if let Some((first_schema, first)) = map.get(&key) {
        let (schema, component) = value;
        return Err(duplicate(
            (first_schema, path(first)),
            (schema, path(component)),
            kind,
            &key,
        ));
    }
    map.insert(key, value);
    Ok(())
}

/// The error for a name declared twice: reported at the second declaration (`again`), and
/// naming the first; each is the schema declaring it and its element path. Two declarations
/// of one name in one schema have the same path (`xs:element[@name='Pay']`), so there the
/// paths also say which of the two is meant (`[1]`, `[2]`).
fn duplicate(
    first: (&Schema, &str),
    again: (&Schema, &str),
    kind: &str,
    key: &QName,
) -> ResolveError {
    let ((first_schema, first_path), (schema, path)) = (first, again);
    let (first_path, path) = if std::ptr::eq(first_schema, schema) && first_path == path {
        (format!("{first_path}[1]"), format!("{path}[2]"))
    } else {
        (first_path.to_owned(), path.to_owned())
    };
    ResolveError::Invalid {
        file: schema.file.clone(),
        path,
        message: format!(
            "{kind} {key} is declared more than once (first declared at {}: {first_path})",
            first_schema.file
        ),
    }
}
