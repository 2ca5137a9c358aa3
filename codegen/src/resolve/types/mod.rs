//! Schema types to drafts of IR types: struct fields and attributes with their shapes
//! (arrays, dictionaries, nillable values, choices, wildcards), enumerations, flag sets,
//! polymorphic families and aliases. Named references become [`TypeId`]s shared by every
//! document, so the same type from two documents compares equal.

mod choice;
mod fields;
mod groups;
mod shapes;
mod simple;

use std::collections::HashSet;

use super::index::SchemaIndex;
use super::{Draft, DraftField, DraftKind, DraftStruct, Resolver, Source};
use crate::error::ResolveError;
use crate::ir::{Builtin, FieldKind, Occurs, Shape, TypeId};
use crate::model::xsd::{
    ComplexContent, ComplexType, Element, GroupKind, InlineType, MaxOccurs, Particle, Schema,
};
use crate::model::{QName, SER_NS, SOAP12ENC_NS, SOAPENC_NS, XS_NS};

const NOT_YET: &str = "not supported by the generator yet";

/// The longest chain of derivations, of named group or attribute group references, or of
/// simple types restricting one another that is followed. Real schemas stay within a handful;
/// the limit keeps the recursion that follows them from overflowing the stack.
const MAX_REFERENCE_CHAIN: usize = 64;

/// The error for a chain of `what` longer than [`MAX_REFERENCE_CHAIN`].
fn chain_too_long(file: &str, path: &str, what: &str) -> ResolveError {
    ResolveError::Invalid {
        file: file.to_owned(),
        path: path.to_owned(),
        message: format!("more than {MAX_REFERENCE_CHAIN} {what} in a chain"),
    }
}

/// The built-in type behind an `xs:` name, if the generator maps it.
fn xs_builtin(local: &str) -> Option<Builtin> {
    Some(match local {
        "string" | "normalizedString" | "token" | "language" | "Name" | "NCName" | "NMTOKEN"
        | "ID" | "IDREF" | "ENTITY" | "anySimpleType" | "NMTOKENS" | "IDREFS" | "ENTITIES" => {
            Builtin::String
        }
        // Kept as their lexical form: no Rust type would round-trip them all exactly.
        "date" | "time" | "gYear" | "gYearMonth" | "gMonth" | "gMonthDay" | "gDay"
        | "hexBinary" => Builtin::String,
        "integer" | "negativeInteger" | "nonPositiveInteger" => Builtin::I64,
        "nonNegativeInteger" | "positiveInteger" => Builtin::U64,
        "anyURI" => Builtin::AnyUri,
        "boolean" => Builtin::Boolean,
        "byte" => Builtin::I8,
        "short" => Builtin::I16,
        "int" => Builtin::I32,
        "long" => Builtin::I64,
        "unsignedByte" => Builtin::U8,
        "unsignedShort" => Builtin::U16,
        "unsignedInt" => Builtin::U32,
        "unsignedLong" => Builtin::U64,
        "float" => Builtin::F32,
        "double" => Builtin::F64,
        "decimal" => Builtin::Decimal,
        "dateTime" => Builtin::DateTime,
        "duration" => Builtin::Duration,
        "base64Binary" => Builtin::Bytes,
        "QName" => Builtin::QName,
        "anyType" => Builtin::AnyType,
        _ => return None,
    })
}

/// The WCF serialization types the generator maps to built-ins.
fn ser_builtin(local: &str) -> Option<Builtin> {
    Some(match local {
        "guid" => Builtin::Uuid,
        "char" => Builtin::Char,
        "duration" => Builtin::Duration,
        _ => return None,
    })
}

/// The simple types of the SOAP encoding schema (`soapenc:string`, `soapenc:int`, …): the
/// XML Schema built-in of the same name (each only adds the `id` and `href` attributes of
/// multi-reference values), and `soapenc:base64`, another name of `xs:base64Binary`.
fn soapenc_builtin(local: &str) -> Option<Builtin> {
    match local {
        "base64" => Some(Builtin::Bytes),
        "anyType" | "anySimpleType" => None,
        other => xs_builtin(other),
    }
}

/// The name written in documentation for a referenced type.
fn type_label(name: &QName) -> String {
    if name.ns == XS_NS {
        format!("xs:{}", name.local)
    } else if matches!(name.ns.as_str(), SOAPENC_NS | SOAP12ENC_NS) {
        format!("soapenc:{}", name.local)
    } else if name.ns == SER_NS {
        format!("ser:{}", name.local)
    } else {
        name.local.clone()
    }
}

/// The namespace of a local element declared in `schema`.
fn local_element_ns(schema: &Schema, element: &Element) -> String {
    if element
        .form_qualified
        .unwrap_or(schema.element_form_qualified)
    {
        schema.target_ns.clone()
    } else {
        String::new()
    }
}

/// The single repeated element of an `ArrayOfX`-like type.
fn array_item(complex: &ComplexType) -> Option<&Element> {
    if complex.is_dictionary
        || complex.mixed
        || !complex.attributes.is_empty()
        || complex.any_attribute
    {
        return None;
    }
    let ComplexContent::Group(group) = &complex.content else {
        return None;
    };
    if group.kind != GroupKind::Sequence || group.max_occurs.is_many() {
        return None;
    }
    match group.particles.as_slice() {
        [Particle::Element(item)] if item.max_occurs.is_many() => Some(item),
        _ => None,
    }
}

/// The element declaration behind an element particle: the global element it refers to, or
/// itself. `None` for a dangling reference (resolution reports it).
fn declared<'m>(
    idx: &SchemaIndex<'m>,
    schema: &'m Schema,
    element: &'m Element,
) -> Option<(&'m Schema, &'m Element)> {
    match &element.reference {
        Some(reference) => idx.element(reference),
        None => Some((schema, element)),
    }
}

/// The entry, key and value elements of a well-formed `IsDictionary` type.
fn dictionary_entry(complex: &ComplexType) -> Option<(&Element, &Element, &Element)> {
    let ComplexContent::Group(group) = &complex.content else {
        return None;
    };
    let [Particle::Element(entry)] = group.particles.as_slice() else {
        return None;
    };
    let Some(InlineType::Complex(entry_type)) = &entry.inline else {
        return None;
    };
    let ComplexContent::Group(entry_group) = &entry_type.content else {
        return None;
    };
    match entry_group.particles.as_slice() {
        [Particle::Element(key), Particle::Element(value)] => Some((entry, key, value)),
        _ => None,
    }
}

/// Whether a complex type is inlined where it is used: an `ArrayOfX` wrapper as a `Vec` of its
/// items, a dictionary as a `Vec` of pairs.
fn is_wrapper(complex: &ComplexType) -> bool {
    complex.is_dictionary || array_item(complex).is_some()
}

/// The named wrapper types that inlining the wrapper `complex` of `schema` inlines in turn:
/// the type of its item, or of its key and value, when that is a wrapper too.
fn wrapped<'m>(
    idx: &SchemaIndex<'m>,
    schema: &'m Schema,
    complex: &'m ComplexType,
) -> Vec<&'m QName> {
    let elements: Vec<&'m Element> = if complex.is_dictionary {
        dictionary_entry(complex)
            .map(|(_, key, value)| vec![key, value])
            .unwrap_or_default()
    } else {
        array_item(complex)
            .and_then(|item| declared(idx, schema, item))
            .map(|(_, decl)| decl)
            .into_iter()
            .collect()
    };
    elements
        .into_iter()
        .filter_map(|element| element.type_name.as_ref())
        .filter(|name| idx.complex_type(name).is_some_and(|(_, c)| is_wrapper(c)))
        .collect()
}

/// Whether inlining the wrapper type `name` would inline `name` again, through its items or
/// the items of the wrappers they are (a `Tree` repeating `Tree`, `A` repeating `B` repeating
/// `A`). Such a type is a struct instead: a field of it is a `Vec` of itself, which needs no
/// `Box`. Every type on a cycle is a struct, so the answer does not depend on where the
/// cycle is entered. The walk keeps its own stack: the wrappers can be many.
fn wraps_itself<'m>(idx: &SchemaIndex<'m>, name: &QName) -> bool {
    let mut seen: HashSet<&QName> = HashSet::new();
    let mut stack: Vec<&QName> = Vec::new();
    if let Some((schema, complex)) = idx.complex_type(name) {
        stack.extend(wrapped(idx, schema, complex));
    }
    while let Some(current) = stack.pop() {
        if current == name {
            return true;
        }
        if !seen.insert(current) {
            continue;
        }
        if let Some((schema, complex)) = idx.complex_type(current) {
            stack.extend(wrapped(idx, schema, complex));
        }
    }
    false
}

/// Whether a shape is a single lexical value (usable as an attribute, text or list item).
fn is_simple(shape: &Shape, resolver: &Resolver<'_>) -> bool {
    match shape {
        Shape::Builtin(b) => !matches!(b, Builtin::AnyType | Builtin::AnyElement | Builtin::QName),
        Shape::List(_) => true,
        Shape::Named(id) => resolver.simple_ids.contains(id),
        _ => false,
    }
}

/// How often a particle occurs, within a context that may make it optional.
fn occurs(min: u32, max: MaxOccurs, optional_context: bool) -> Occurs {
    let min = if optional_context { 0 } else { min };
    if max.is_many() {
        Occurs::Repeated {
            min,
            max: match max {
                MaxOccurs::Bounded(n) => Some(n),
                MaxOccurs::Unbounded => None,
            },
        }
    } else if min == 0 {
        Occurs::Optional
    } else {
        Occurs::Required
    }
}

impl<'m> Resolver<'m> {
    pub(in crate::resolve) fn dangling(
        file: &str,
        path: &str,
        kind: &'static str,
        name: &QName,
    ) -> ResolveError {
        ResolveError::Dangling {
            file: file.to_owned(),
            path: path.to_owned(),
            kind,
            name: name.to_string(),
        }
    }

    pub(in crate::resolve) fn unsupported(
        file: &str,
        path: &str,
        construct: &str,
        hint: &str,
    ) -> ResolveError {
        ResolveError::Unsupported {
            file: file.to_owned(),
            path: path.to_owned(),
            construct: construct.to_owned(),
            hint: hint.to_owned(),
        }
    }

    /// Refuses a struct with more than one wildcard among its fields (an `xs:any`, or a
    /// choice with an `xs:any` variant): each takes every element nothing else names, so
    /// which one an element belongs to would be a guess.
    fn check_one_wildcard(
        &self,
        file: &str,
        path: &str,
        draft: &DraftStruct,
    ) -> Result<(), ResolveError> {
        let wildcards = draft
            .fields
            .iter()
            .filter(|field| self.is_wildcard_field(field))
            .count();
        if wildcards > 1 {
            return Err(Self::unsupported(
                file,
                path,
                "xs:any inside xs:choice next to another xs:any of the same type",
                "each would take every element nothing else names",
            ));
        }
        Ok(())
    }

    /// Whether `field` takes elements nothing else names: an `xs:any`, or a choice with an
    /// `xs:any` variant.
    fn is_wildcard_field(&self, field: &DraftField) -> bool {
        match (&field.kind, &field.shape) {
            (FieldKind::Any, _) => true,
            (FieldKind::Choice, Shape::Named(id)) => matches!(
                self.drafts.get(id.0),
                Some(Some(Draft { kind: DraftKind::Choice(variants), .. }))
                    if variants.iter().any(choice::is_wildcard)
            ),
            _ => false,
        }
    }

    /// The draft of the type behind `source`.
    pub(in crate::resolve) fn resolve_source(
        &mut self,
        idx: &SchemaIndex<'m>,
        id: TypeId,
        source: Source<'m>,
    ) -> Result<Draft, ResolveError> {
        match source {
            Source::Complex(schema, complex, element) => {
                let origin = element
                    .as_ref()
                    .map(|e| format!("element {{{}}}{}", e.ns, e.local))
                    .or_else(|| {
                        complex
                            .name
                            .as_ref()
                            .map(|n| format!("complex type {{{}}}{n}", schema.target_ns))
                    })
                    .unwrap_or_else(|| format!("anonymous complex type at {}", complex.path));
                let mut draft = self.struct_draft(idx, id, schema, complex, &mut Vec::new())?;
                draft.element = element;
                self.check_one_wildcard(&schema.file, &complex.path, &draft)?;
                Ok(Draft {
                    origin,
                    docs: complex.docs.clone(),
                    kind: DraftKind::Struct(draft),
                })
            }
            Source::Simple(schema, simple) => {
                let origin = match &simple.name {
                    Some(name) => format!("simple type {{{}}}{name}", schema.target_ns),
                    None => format!("anonymous simple type at {}", simple.path),
                };
                let kind = self.simple_draft(idx, id, schema, simple)?;
                Ok(Draft {
                    origin,
                    docs: simple.docs.clone(),
                    kind,
                })
            }
        }
    }
}
