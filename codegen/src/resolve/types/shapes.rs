//! The shape of an element or a type as a field holds it: built-ins, named and anonymous
//! types, polymorphic families (a base type and the types that extend it), arrays and
//! dictionaries in their wrappers, and the body type of a message element.

use super::{
    MAX_REFERENCE_CHAIN, NOT_YET, array_item, chain_too_long, dictionary_entry, is_simple,
    is_wrapper, local_element_ns, ser_builtin, soapenc_builtin, type_label, wraps_itself,
    xs_builtin,
};
use crate::error::ResolveError;
use crate::ir::{Array, Builtin, Dictionary, ElementName, Shape, TypeId};
use crate::model::xsd::{
    AttributeItem, ComplexContent, ComplexType, Element, InlineType, Particle, Schema,
};
use crate::model::{QName, SER_NS, SOAP12ENC_NS, SOAPENC_NS, XS_NS};
use crate::resolve::index::{InSchema, SchemaIndex};
use crate::resolve::{Draft, DraftKind, DraftStruct, Resolver, Source, TypeKey};

impl<'m> Resolver<'m> {
    /// What one occurrence of `element` holds: its type's shape, wrapped in `Nillable` when
    /// the element is nillable. `owner` names anonymous types after their parent and field.
    pub(in crate::resolve) fn element_shape(
        &mut self,
        idx: &SchemaIndex<'m>,
        owner: Option<(TypeId, &str)>,
        schema: &'m Schema,
        element: &'m Element,
    ) -> Result<(Shape, String), ResolveError> {
        let (shape, label) = match (&element.type_name, &element.inline) {
            (Some(name), _) => (
                self.type_shape(idx, schema, name, &element.path)?,
                type_label(name),
            ),
            (None, Some(InlineType::Complex(complex)))
                if let Some(array) = self.encoded_array_shape(idx, schema, complex)? =>
            {
                (array, "anonymous soapenc:Array".to_owned())
            }
            (None, Some(InlineType::Complex(complex))) => {
                let key = match owner {
                    Some((parent, field)) => TypeKey::Anonymous {
                        parent,
                        field: field.to_owned(),
                    },
                    None => {
                        let local = element.name.clone().unwrap_or_default();
                        TypeKey::Element(QName::new(&schema.target_ns, local))
                    }
                };
                let id = self.intern(key);
                self.enqueue(id, Source::Complex(schema, complex, None));
                (Shape::Named(id), "anonymous complex type".to_owned())
            }
            (None, Some(InlineType::Simple(simple))) => {
                let local = element.name.clone().unwrap_or_default();
                let shape = match owner {
                    Some(owner) => self.simple_shape(idx, Some(owner), schema, simple, false)?,
                    None => {
                        let id =
                            self.intern(TypeKey::Element(QName::new(&schema.target_ns, &local)));
                        self.enqueue(id, Source::Simple(schema, simple));
                        Shape::Named(id)
                    }
                };
                (shape, "anonymous simple type".to_owned())
            }
            (None, None) => (Shape::Builtin(Builtin::AnyType), "xs:anyType".to_owned()),
        };
        if element.nillable {
            Ok((Shape::Nillable(Box::new(shape)), label))
        } else {
            Ok((shape, label))
        }
    }

    /// The shape of the named type `name`, referenced at `path` in `schema`.
    pub(in crate::resolve) fn type_shape(
        &mut self,
        idx: &SchemaIndex<'m>,
        schema: &'m Schema,
        name: &QName,
        path: &str,
    ) -> Result<Shape, ResolveError> {
        self.type_shape_in(idx, &schema.file, name, path)
    }

    /// [`Resolver::type_shape`] for a reference at `path` in `file` (a schema or, for an
    /// rpc part, the WSDL: an rpc WSDL of built-in part types needs no schema).
    pub(in crate::resolve) fn type_shape_in(
        &mut self,
        idx: &SchemaIndex<'m>,
        file: &str,
        name: &QName,
        path: &str,
    ) -> Result<Shape, ResolveError> {
        if name.ns == XS_NS {
            return xs_builtin(&name.local).map(Shape::Builtin).ok_or_else(|| {
                Self::unsupported(
                    file,
                    path,
                    &format!("built-in type xs:{}", name.local),
                    NOT_YET,
                )
            });
        }
        if name.ns == SER_NS
            && let Some(builtin) = ser_builtin(&name.local)
        {
            return Ok(Shape::Builtin(builtin));
        }
        if matches!(name.ns.as_str(), SOAPENC_NS | SOAP12ENC_NS)
            && idx.complex_type(name).is_none()
            && idx.simple_type(name).is_none()
        {
            if let Some(builtin) = soapenc_builtin(&name.local) {
                return Ok(Shape::Builtin(builtin));
            }
            if is_soapenc_array(name) {
                let any = QName::new(XS_NS, "anyType");
                return Ok(encoded_array(Shape::Builtin(Builtin::AnyType), &any));
            }
        }
        if let Some((type_schema, complex)) = idx.complex_type(name) {
            return self.complex_shape(idx, name, type_schema, complex);
        }
        if let Some((type_schema, simple)) = idx.simple_type(name) {
            return self.named_simple_shape(idx, name, type_schema, simple);
        }
        Err(Self::dangling(file, path, "type", name))
    }

    pub(super) fn complex_shape(
        &mut self,
        idx: &SchemaIndex<'m>,
        name: &QName,
        schema: &'m Schema,
        complex: &'m ComplexType,
    ) -> Result<Shape, ResolveError> {
        if let Some(shape) = self.encoded_array_shape(idx, schema, complex)? {
            return Ok(shape);
        }
        if is_wrapper(complex) && !wraps_itself(idx, name) {
            // Inlining a wrapper inlines the wrappers it holds, recursively: their chain
            // counts towards the expansions in progress, so a long one is an error, not a
            // deep recursion. `wraps_itself` ruled out an endless one.
            if self.groups_in_progress.len() >= MAX_REFERENCE_CHAIN {
                return Err(chain_too_long(
                    &schema.file,
                    &complex.path,
                    "array or dictionary wrappers",
                ));
            }
            self.groups_in_progress.push(name.clone());
            let shape = self.wrapper_shape(idx, schema, complex);
            self.groups_in_progress.pop();
            return shape;
        }
        let id = self.intern(TypeKey::Type(name.clone()));
        self.enqueue(id, Source::Complex(schema, complex, None));
        let extensions = idx.extensions_of(name);
        if extensions.is_empty() {
            return Ok(Shape::Named(id));
        }
        let mut variants = Vec::new();
        if !complex.is_abstract {
            variants.push((
                id,
                ElementName {
                    ns: name.ns.clone(),
                    local: name.local.clone(),
                },
            ));
        }
        for extension in extensions {
            let Some((ext_schema, ext_type)) = idx.complex_type(&extension) else {
                continue;
            };
            if ext_type.is_abstract {
                continue;
            }
            let ext_id = self.intern(TypeKey::Type(extension.clone()));
            self.enqueue(ext_id, Source::Complex(ext_schema, ext_type, None));
            variants.push((
                ext_id,
                ElementName {
                    ns: extension.ns,
                    local: extension.local,
                },
            ));
        }
        let poly = self.intern(TypeKey::Polymorphic(name.clone()));
        self.define(
            poly,
            Draft {
                origin: format!("complex type {name} and the types extending it"),
                docs: None,
                kind: DraftKind::Polymorphic { base: id, variants },
            },
        );
        Ok(Shape::Named(poly))
    }

    /// The inlined shape of an array or dictionary wrapper.
    pub(super) fn wrapper_shape(
        &mut self,
        idx: &SchemaIndex<'m>,
        schema: &'m Schema,
        complex: &'m ComplexType,
    ) -> Result<Shape, ResolveError> {
        let Some(item) = array_item(complex) else {
            return self.dictionary_shape(idx, schema, complex);
        };
        let (item_schema, item_decl, item_ns) = self.declaration(idx, schema, item)?;
        let (item_shape, _) = self.element_shape(idx, None, item_schema, item_decl)?;
        Ok(Shape::Array(Box::new(Array {
            item: ElementName {
                ns: item_ns,
                local: item_decl.name.clone().unwrap_or_default(),
            },
            item_shape,
            encoded_item_type: None,
        })))
    }

    /// The shape of a `soapenc:Array` restriction: its items' type from `wsdl:arrayType`,
    /// or from the one element its content declares. `None` for another type.
    fn encoded_array_shape(
        &mut self,
        idx: &SchemaIndex<'m>,
        schema: &'m Schema,
        complex: &'m ComplexType,
    ) -> Result<Option<Shape>, ResolveError> {
        let ComplexContent::Restriction { base, group, path } = &complex.content else {
            return Ok(None);
        };
        if !is_soapenc_array(base) {
            return Ok(None);
        }
        let declared = complex.attributes.iter().find_map(|item| match item {
            AttributeItem::Attribute(attribute) => attribute.array_type.as_deref(),
            AttributeItem::GroupRef { .. } => None,
        });
        let item_type = match (declared, group.as_ref().map(|g| g.particles.as_slice())) {
            (Some((item_type, brackets)), _) if brackets == "[]" => item_type.clone(),
            (Some((item_type, brackets)), _) => {
                return Err(Self::unsupported(
                    &schema.file,
                    path,
                    &format!("a soapenc:Array of {item_type}{brackets}"),
                    "arrays of one dimension are supported (an array of arrays is an array of an array type)",
                ));
            }
            (None, Some([Particle::Element(item)])) if item.type_name.is_some() => item
                .type_name
                .clone()
                .unwrap_or_else(|| QName::new(XS_NS, "anyType")),
            (None, _) => QName::new(XS_NS, "anyType"),
        };
        let item_shape = if item_type.ns == XS_NS && item_type.local == "anyType" {
            Shape::Builtin(Builtin::AnyType)
        } else {
            self.type_shape(idx, schema, &item_type, path)?
        };
        Ok(Some(encoded_array(item_shape, &item_type)))
    }

    pub(super) fn dictionary_shape(
        &mut self,
        idx: &SchemaIndex<'m>,
        schema: &'m Schema,
        complex: &'m ComplexType,
    ) -> Result<Shape, ResolveError> {
        let Some((entry, key, value)) = dictionary_entry(complex) else {
            return Err(Self::unsupported(
                &schema.file,
                &complex.path,
                "IsDictionary type of this shape",
                "expected a sequence of one repeated entry element holding Key and Value",
            ));
        };
        let (key_shape, _) = self.element_shape(idx, None, schema, key)?;
        let key_shape = match key_shape {
            Shape::Nillable(inner) => *inner,
            other => other,
        };
        let (value_shape, _) = self.element_shape(idx, None, schema, value)?;
        Ok(Shape::Dictionary(Box::new(Dictionary {
            entry: ElementName {
                ns: local_element_ns(schema, entry),
                local: entry.name.clone().unwrap_or_default(),
            },
            key: ElementName {
                ns: local_element_ns(schema, key),
                local: key.name.clone().unwrap_or_default(),
            },
            key_shape,
            value: ElementName {
                ns: local_element_ns(schema, value),
                local: value.name.clone().unwrap_or_default(),
            },
            value_shape,
        })))
    }

    /// The type of a message's body element: a struct of the element's anonymous type, of
    /// the named complex type it refers to, or wrapping its simple content.
    pub(in crate::resolve) fn body_type(
        &mut self,
        idx: &SchemaIndex<'m>,
        element: InSchema<'m, Element>,
        name: &QName,
    ) -> Result<TypeId, ResolveError> {
        let (schema, decl) = element;
        let element_name = ElementName {
            ns: name.ns.clone(),
            local: name.local.clone(),
        };
        match (&decl.type_name, &decl.inline) {
            (None, Some(InlineType::Complex(complex))) => {
                let id = self.intern(TypeKey::Element(name.clone()));
                self.enqueue(id, Source::Complex(schema, complex, Some(element_name)));
                Ok(id)
            }
            (Some(type_name), _) if idx.complex_type(type_name).is_some() => {
                let Some((type_schema, complex)) = idx.complex_type(type_name) else {
                    return Err(Self::dangling(&schema.file, &decl.path, "type", type_name));
                };
                let id = self.intern(TypeKey::Type(type_name.clone()));
                self.enqueue(id, Source::Complex(type_schema, complex, None));
                Ok(id)
            }
            _ => {
                // The wrapper struct takes the element's key; an anonymous simple type of
                // the element is named after the wrapper's `value` field.
                let id = self.intern(TypeKey::Element(name.clone()));
                let (shape, _) = self.element_shape(idx, Some((id, "value")), schema, decl)?;
                let shape = match shape {
                    Shape::Nillable(inner) => *inner,
                    other => other,
                };
                if !is_simple(&shape, self)
                    && !matches!(shape, Shape::Builtin(Builtin::AnyType | Builtin::QName))
                {
                    return Err(Self::unsupported(
                        &schema.file,
                        &decl.path,
                        "message element of this type",
                        NOT_YET,
                    ));
                }
                let draft = DraftStruct {
                    text: Some(shape),
                    element: Some(element_name),
                    ..DraftStruct::default()
                };
                self.define(
                    id,
                    Draft {
                        origin: format!("element {name}"),
                        docs: decl.docs.clone(),
                        kind: DraftKind::Struct(draft),
                    },
                );
                Ok(id)
            }
        }
    }
}

/// Whether `name` is the SOAP encoding's `Array`.
fn is_soapenc_array(name: &QName) -> bool {
    matches!(name.ns.as_str(), SOAPENC_NS | SOAP12ENC_NS) && name.local == "Array"
}

/// A `soapenc:Array` of `item_shape`, items of schema type `item_type` named `item`.
fn encoded_array(item_shape: Shape, item_type: &QName) -> Shape {
    Shape::Array(Box::new(Array {
        item: ElementName {
            ns: String::new(),
            local: "item".to_owned(),
        },
        item_shape,
        encoded_item_type: Some(ElementName {
            ns: item_type.ns.clone(),
            local: item_type.local.clone(),
        }),
    }))
}
