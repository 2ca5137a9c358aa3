//! Lookup of the global schema components of one WSDL document by QName.

use std::collections::HashMap;

use crate::error::ResolveError;
use crate::model::xsd::{ComplexType, Element, Schema, SimpleType};
use crate::model::{Definitions, QName};

/// A component together with the schema that declares it.
pub(crate) type InSchema<'m, T> = (&'m Schema, &'m T);

/// Global elements and types of one document, by name.
pub(crate) struct SchemaIndex<'m> {
    pub(crate) def: &'m Definitions,
    elements: HashMap<QName, InSchema<'m, Element>>,
    complex_types: HashMap<QName, InSchema<'m, ComplexType>>,
    simple_types: HashMap<QName, InSchema<'m, SimpleType>>,
}

impl<'m> SchemaIndex<'m> {
    /// Indexes every schema of `def`; a name declared twice is an error.
    pub(crate) fn new(def: &'m Definitions) -> Result<Self, ResolveError> {
        let mut index = SchemaIndex {
            def,
            elements: HashMap::new(),
            complex_types: HashMap::new(),
            simple_types: HashMap::new(),
        };
        for schema in &def.schemas {
            for element in &schema.elements {
                let name = element.name.clone().unwrap_or_default();
                let key = QName::new(&schema.target_ns, name);
                insert(
                    &mut index.elements,
                    key,
                    (schema, element),
                    def,
                    &element.path,
                    "element",
                )?;
            }
            for complex in &schema.complex_types {
                let key = QName::new(&schema.target_ns, complex.name.clone().unwrap_or_default());
                if index.simple_types.contains_key(&key) {
                    return Err(duplicate(def, &complex.path, "type", &key));
                }
                insert(
                    &mut index.complex_types,
                    key,
                    (schema, complex),
                    def,
                    &complex.path,
                    "type",
                )?;
            }
            for simple in &schema.simple_types {
                let key = QName::new(&schema.target_ns, simple.name.clone().unwrap_or_default());
                if index.complex_types.contains_key(&key) {
                    return Err(duplicate(def, &simple.path, "type", &key));
                }
                insert(
                    &mut index.simple_types,
                    key,
                    (schema, simple),
                    def,
                    &simple.path,
                    "type",
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
}

fn insert<'m, T>(
    map: &mut HashMap<QName, InSchema<'m, T>>,
    key: QName,
    value: InSchema<'m, T>,
    def: &Definitions,
    path: &str,
    kind: &str,
) -> Result<(), ResolveError> {
    if map.contains_key(&key) {
        return Err(duplicate(def, path, kind, &key));
    }
    map.insert(key, value);
    Ok(())
}

fn duplicate(def: &Definitions, path: &str, kind: &str, key: &QName) -> ResolveError {
    ResolveError::Invalid {
        file: def.file.clone(),
        path: path.to_owned(),
        message: format!("{kind} {key} is declared more than once"),
    }
}
