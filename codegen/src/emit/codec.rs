//! `XmlType` implementations of structs: encoders write attributes, then fields in schema
//! order (base fields first), then text; decoders accept fields in any order, skip unknown
//! elements (or keep them for `xs:any`), and report duplicates and missing required
//! elements and attributes with the element path.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::is_wildcard;
use super::{Ctx, collapse_nillable, ident};
use crate::ir::{
    AttributeField, ElementName, Field, FieldKind, Occurs, Shape, Struct, TypeId, TypeKind,
};

impl Ctx<'_> {
    pub(super) fn type_codec(&self, id: TypeId) -> TokenStream {
        let def = self.ir.get(id);
        let TypeKind::Struct(s) = &def.kind else {
            return quote!();
        };
        let name = ident(&def.rust_name);
        let (write_attributes, write_content, read) = if s.mixed {
            (
                quote!(self.content.write_attributes(w)),
                quote!(self.content.write_content(w)),
                quote!(__rt::Ok(Self {
                    content: <__rt::AnyXml as __rt::XmlType>::read_content(r)?
                })),
            )
        } else {
            (
                self.write_attributes(s),
                self.write_fields(s),
                self.read_fields(s),
            )
        };
        let element = s.element.as_ref().map(|element| {
            let ns = self.ns(&element.ns);
            let local = &element.local;
            quote! {
                impl __rt::XmlElement for #name {
                    const NAMESPACE: &'static str = #ns;
                    const LOCAL_NAME: &'static str = #local;
                }
            }
        });
        let attributes_fn = (s.mixed || !s.attributes.is_empty() || s.any_attribute).then(|| {
            quote! {
                fn write_attributes(&self, w: &mut __rt::XmlWriter) -> ::core::result::Result<(), __rt::EncodeError> {
                    #write_attributes
                }
            }
        });
        quote! {
            impl __rt::XmlType for #name {
                #attributes_fn

                fn write_content(&self, w: &mut __rt::XmlWriter) -> ::core::result::Result<(), __rt::EncodeError> {
                    #write_content
                }

                fn read_content(r: &mut __rt::XmlReader<'_>) -> ::core::result::Result<Self, __rt::DecodeError> {
                    #read
                }
            }
            #element
        }
    }

    /// Statements writing `value` (a reference) as element `element`.
    pub(super) fn write_shape(
        &self,
        shape: &Shape,
        element: &ElementName,
        value: TokenStream,
    ) -> TokenStream {
        let ns = self.ns(&element.ns);
        let local = &element.local;
        match shape {
            Shape::Builtin(_) | Shape::Named(_) | Shape::List(_) => {
                quote!(w.element(#ns, #local, #value)?;)
            }
            Shape::Nillable(inner) => match inner.as_ref() {
                Shape::Builtin(_) | Shape::Named(_) | Shape::List(_) => {
                    quote!(__rt::nillable_element(w, #ns, #local, #value)?;)
                }
                inner => {
                    let write = self.write_shape(inner, element, quote!(value));
                    quote! {
                        match #value {
                            __rt::Some(value) => { #write }
                            __rt::None => w.nil_element(#ns, #local)?,
                        }
                    }
                }
            },
            Shape::Boxed(inner) => {
                self.write_shape(inner, element, quote!(__rt::AsRef::as_ref(#value)))
            }
            Shape::Array(array) => {
                let item = self.write_shape(&array.item_shape, &array.item, quote!(item));
                quote! {
                    w.element_with(#ns, #local, |w| {
                        for item in #value {
                            #item
                        }
                        __rt::Ok(())
                    })?;
                }
            }
            Shape::Dictionary(dict) => {
                let entry_ns = self.ns(&dict.entry.ns);
                let entry_local = &dict.entry.local;
                let key = self.write_shape(&dict.key_shape, &dict.key, quote!(key));
                let entry_value = self.write_shape(&dict.value_shape, &dict.value, quote!(value));
                quote! {
                    w.element_with(#ns, #local, |w| {
                        for (key, value) in #value {
                            w.element_with(#entry_ns, #entry_local, |w| {
                                #key
                                #entry_value
                                __rt::Ok(())
                            })?;
                        }
                        __rt::Ok(())
                    })?;
                }
            }
        }
    }

    /// Statements writing one occurrence `value` of `field`.
    fn write_occurrence(&self, field: &Field, shape: &Shape, value: TokenStream) -> TokenStream {
        match field.kind {
            FieldKind::Element => self.write_shape(shape, &field.element, value),
            // Called as paths: a method call on `&self.field` would borrow its result.
            FieldKind::Choice => match choice_of(shape) {
                Some((id, _)) => {
                    let ty = self.type_ident(id);
                    quote!(#ty::write_element(#value, w)?;)
                }
                None => quote!((#value).write_element(w)?;),
            },
            FieldKind::Any => quote!(__rt::AnyElement::write(#value, w)?;),
        }
    }

    fn write_attributes(&self, s: &Struct) -> TokenStream {
        let writes = s.attributes.iter().map(|a| {
            let field = ident(&a.rust_name);
            let ns = self.ns(&a.name.ns);
            let local = &a.name.local;
            if self.attribute_is_optional(a) {
                quote! {
                    if let __rt::Some(value) = &self.#field {
                        w.simple_attribute(#ns, #local, value)?;
                    }
                }
            } else {
                quote!(w.simple_attribute(#ns, #local, &self.#field)?;)
            }
        });
        let others = s.any_attribute.then(|| {
            let field = ident(&self.other_attributes_name(s));
            quote! {
                for attribute in &self.#field {
                    w.attribute(&attribute.name.namespace, &attribute.name.local_name, &attribute.value)?;
                }
            }
        });
        quote! {
            #(#writes)*
            #others
            __rt::Ok(())
        }
    }

    fn write_fields(&self, s: &Struct) -> TokenStream {
        if s.fields.is_empty() && s.text.is_none() {
            return quote! {
                let _ = w;
                __rt::Ok(())
            };
        }
        let statements = s.fields.iter().map(|field| {
            let name = ident(&field.rust_name);
            match field.occurs {
                Occurs::Required => self.write_occurrence(field, &field.shape, quote!(&self.#name)),
                Occurs::Optional
                    if field.kind == FieldKind::Element
                        && is_simple(collapse_nillable(&field.shape)) =>
                {
                    let ns = self.ns(&field.element.ns);
                    let local = &field.element.local;
                    quote!(__rt::optional_element(w, #ns, #local, &self.#name)?;)
                }
                Occurs::Optional => {
                    let write = self.write_occurrence(
                        field,
                        collapse_nillable(&field.shape),
                        quote!(value),
                    );
                    quote! {
                        if let __rt::Some(value) = &self.#name {
                            #write
                        }
                    }
                }
                Occurs::Repeated { .. } => {
                    let write = self.write_occurrence(field, &field.shape, quote!(value));
                    quote! {
                        for value in &self.#name {
                            #write
                        }
                    }
                }
            }
        });
        let text = s.text.as_ref().map(|_| {
            let field = ident(&self.text_field_name(s));
            quote!(__rt::XmlType::write_content(&self.#field, w)?;)
        });
        quote! {
            #(#statements)*
            #text
            __rt::Ok(())
        }
    }

    /// An expression reading the current element as `shape`, of type
    /// `Result<T, DecodeError>`, with the reader in `r`.
    pub(super) fn read_shape(&self, shape: &Shape) -> TokenStream {
        match shape {
            Shape::Builtin(_) | Shape::Named(_) | Shape::List(_) => {
                let ty = self.shape_type(shape);
                quote!(r.read::<#ty>())
            }
            Shape::Nillable(inner) => match inner.as_ref() {
                Shape::Builtin(_) | Shape::Named(_) | Shape::List(_) => {
                    let ty = self.shape_type(inner);
                    quote!(r.read_nillable::<#ty>())
                }
                inner => {
                    let read = self.read_shape(inner);
                    quote!(__rt::read_nillable_with(r, |r| #read))
                }
            },
            Shape::Boxed(inner) => {
                let read = self.read_shape(inner);
                quote!(#read.map(__rt::Box::new))
            }
            Shape::Array(array) => {
                let ns = self.ns(&array.item.ns);
                let local = &array.item.local;
                let item = self.read_shape(&array.item_shape);
                quote!(__rt::read_array(r, #ns, #local, |r| #item))
            }
            Shape::Dictionary(dict) => {
                let names = [&dict.entry, &dict.key, &dict.value].map(|e| {
                    let ns = self.ns(&e.ns);
                    let local = &e.local;
                    quote!((#ns, #local))
                });
                let [entry, key, value] = names;
                let read_key = self.read_shape(&dict.key_shape);
                let read_value = self.read_shape(&dict.value_shape);
                quote!(__rt::read_dictionary(r, #entry, #key, #value, |r| #read_key, |r| #read_value))
            }
        }
    }

    /// Reads one occurrence of an element field: its shape, or its default when present
    /// but empty.
    fn read_element_value(&self, field: &Field, shape: &Shape) -> TokenStream {
        let default = field.default.as_deref();
        match (default, shape) {
            (Some(default), Shape::Builtin(_) | Shape::Named(_)) => {
                let ty = self.shape_type(shape);
                quote!(__rt::read_or_default::<#ty>(r, #default))
            }
            (Some(default), Shape::Nillable(inner))
                if matches!(inner.as_ref(), Shape::Builtin(_) | Shape::Named(_)) =>
            {
                let ty = self.shape_type(inner);
                quote!(__rt::read_nillable_with(r, |r| __rt::read_or_default::<#ty>(r, #default)))
            }
            _ => self.read_shape(shape),
        }
    }

    fn read_attributes(&self, s: &Struct) -> (TokenStream, Vec<TokenStream>) {
        if s.attributes.is_empty() && !s.any_attribute {
            return (quote!(), Vec::new());
        }
        let slot = |a: &AttributeField| ident(&format!("a_{}", crate::names::unraw(&a.rust_name)));
        let slots = s.attributes.iter().map(|a| {
            let slot = slot(a);
            quote!(let mut #slot = __rt::None;)
        });
        let arms = s.attributes.iter().map(|a| {
            let slot = slot(a);
            let ns = self.ns(&a.name.ns);
            let local = &a.name.local;
            let ty = self.shape_type(&a.shape);
            let ns_test = if a.name.ns.is_empty() {
                quote!(ns.is_empty())
            } else {
                quote!(ns == #ns)
            };
            quote! {
                if local == #local && #ns_test {
                    #slot = __rt::Some(__rt::parse_attribute::<#ty>(r, #local, &value)?);
                }
            }
        });
        // An `if` chain, not a `match`: the namespace is compared with constants.
        let other = s.any_attribute.then(|| {
            let field = ident(&format!("f_{}", self.other_attributes_name(s)));
            quote! {
                if ns != __rt::XSI_NS {
                    #field.push(__rt::AnyAttribute {
                        name: __rt::QName::new(ns, local),
                        value: value.into_owned(),
                    });
                }
            }
        });
        let chain = arms.chain(other);
        let other_slot = s.any_attribute.then(|| {
            let field = ident(&format!("f_{}", self.other_attributes_name(s)));
            quote!(let mut #field = __rt::Vec::new();)
        });
        let values = s
            .attributes
            .iter()
            .map(|a| {
                let field = ident(&a.rust_name);
                let slot = slot(a);
                let local = &a.name.local;
                let ty = self.shape_type(&a.shape);
                let value = match (&a.default, a.required) {
                    (Some(default), _) => quote! {
                        match #slot {
                            __rt::Some(value) => value,
                            __rt::None => __rt::parse_attribute::<#ty>(r, #local, #default)?,
                        }
                    },
                    (None, true) => quote!(__rt::required_attribute(r, #slot, #local)?),
                    (None, false) => quote!(#slot),
                };
                quote!(#field: #value,)
            })
            .chain(s.any_attribute.then(|| {
                let field = ident(&self.other_attributes_name(s));
                let slot = ident(&format!("f_{}", self.other_attributes_name(s)));
                quote!(#field: #slot,)
            }))
            .collect();
        let read = quote! {
            #(#slots)*
            #other_slot
            for (ns, local, value) in r.attributes()? {
                #(#chain)else*
            }
        };
        (read, values)
    }

    fn read_fields(&self, s: &Struct) -> TokenStream {
        let (read_attributes, attribute_values) = self.read_attributes(s);
        if let Some(text) = &s.text {
            let field = ident(&self.text_field_name(s));
            let ty = self.shape_type(text);
            return quote! {
                #read_attributes
                let #field = <#ty as __rt::XmlType>::read_content(r)?;
                __rt::Ok(Self {
                    #(#attribute_values)*
                    #field,
                })
            };
        }
        if s.fields.is_empty() {
            return quote! {
                #read_attributes
                while r.next_child()?.is_some() {
                    r.skip()?;
                }
                __rt::Ok(Self { #(#attribute_values)* })
            };
        }
        let slot = |name: &str| ident(&format!("f_{}", crate::names::unraw(name)));
        let slots = s.fields.iter().map(|field| {
            let slot = slot(&field.rust_name);
            match field.occurs {
                Occurs::Repeated { .. } => quote!(let mut #slot = __rt::Vec::new();),
                _ => quote!(let mut #slot = __rt::None;),
            }
        });
        let mut arms = Vec::new();
        let mut fallback = quote!(_ => r.skip()?,);
        for field in &s.fields {
            let slot = slot(&field.rust_name);
            match field.kind {
                FieldKind::Element => {
                    let ns = self.ns(&field.element.ns);
                    let local = &field.element.local;
                    let read = match field.occurs {
                        Occurs::Required if field.default.is_none() && is_simple(&field.shape) => {
                            quote!(__rt::fill_value(r, &mut #slot)?)
                        }
                        Occurs::Required => {
                            let read = self.read_element_value(field, &field.shape);
                            quote!(__rt::fill(r, &mut #slot, |r| #read)?)
                        }
                        Occurs::Optional
                            if field.default.is_none()
                                && is_simple(collapse_nillable(&field.shape)) =>
                        {
                            quote!(__rt::fill_nillable(r, &mut #slot)?)
                        }
                        Occurs::Optional => {
                            let shape =
                                Shape::Nillable(Box::new(collapse_nillable(&field.shape).clone()));
                            let read = self.read_element_value(field, &shape);
                            quote!(__rt::fill(r, &mut #slot, |r| #read)?)
                        }
                        Occurs::Repeated { .. } => {
                            let read = self.read_element_value(field, &field.shape);
                            quote!(#slot.push(#read?))
                        }
                    };
                    arms.push(quote!(#local if r.is_ns(child.ns, #ns) => #read,));
                }
                FieldKind::Choice => {
                    let Some((choice_id, boxed)) = choice_of(&field.shape) else {
                        continue;
                    };
                    let TypeKind::Choice(choice) = &self.ir.get(choice_id).kind else {
                        continue;
                    };
                    let choice_type = self.type_ident(choice_id);
                    for variant in choice.variants.iter().filter(|v| is_wildcard(v)) {
                        let name = ident(&variant.rust_name);
                        let mut value = quote!(#choice_type::#name(
                            __rt::AnyElement::read_current(r, child)?
                        ));
                        if boxed {
                            value = quote!(__rt::Box::new(#value));
                        }
                        fallback = match field.occurs {
                            Occurs::Repeated { .. } => quote!(_ => #slot.push(#value),),
                            _ => quote! {
                                _ => {
                                    let value = #value;
                                    __rt::fill(r, &mut #slot, |_| __rt::Ok(value))?;
                                }
                            },
                        };
                    }
                    for variant in choice.variants.iter().filter(|v| !is_wildcard(v)) {
                        let ns = self.ns(&variant.element.ns);
                        let local = &variant.element.local;
                        let name = ident(&variant.rust_name);
                        let read = self.read_shape(&variant.shape);
                        let mut value = quote!(#choice_type::#name(#read?));
                        if boxed {
                            value = quote!(__rt::Box::new(#value));
                        }
                        let read = match field.occurs {
                            Occurs::Repeated { .. } => quote!(#slot.push(#value)),
                            _ => {
                                quote!(__rt::fill(r, &mut #slot, |r| __rt::Ok(#value))?)
                            }
                        };
                        arms.push(quote!(#local if r.is_ns(child.ns, #ns) => #read,));
                    }
                }
                FieldKind::Any => {
                    fallback = match field.occurs {
                        Occurs::Repeated { .. } => {
                            quote!(_ => #slot.push(__rt::AnyElement::read_current(r, child)?),)
                        }
                        _ => quote! {
                            _ if #slot.is_none() => #slot = __rt::Some(__rt::AnyElement::read_current(r, child)?),
                            _ => r.skip()?,
                        },
                    };
                }
            }
        }
        let values = s.fields.iter().map(|field| {
            let name = ident(&field.rust_name);
            let slot = slot(&field.rust_name);
            let local = match field.kind {
                FieldKind::Choice => field.rust_name.as_str(),
                _ => field.element.local.as_str(),
            };
            let value = match (field.occurs, &field.kind) {
                (Occurs::Required, _) => quote!(__rt::required(r, #slot, #local)?),
                (Occurs::Optional, FieldKind::Element) => quote!(#slot.flatten()),
                (Occurs::Optional, _) => quote!(#slot),
                (Occurs::Repeated { min, max }, _) => {
                    let max = match max {
                        Some(max) => quote!(__rt::Some(#max)),
                        None => quote!(__rt::None),
                    };
                    quote!(__rt::occurrences(r, #slot, #min, #max, #local)?)
                }
            };
            quote!(#name: #value,)
        });
        quote! {
            #read_attributes
            #(#slots)*
            while let __rt::Some(child) = r.next_child()? {
                match child.local_name {
                    #(#arms)*
                    #fallback
                }
            }
            __rt::Ok(Self {
                #(#attribute_values)*
                #(#values)*
            })
        }
    }
}

/// Whether one occurrence of `shape` is read and written by its type alone, with no code of
/// its own around it (no nil, array or dictionary wrapping, no box).
fn is_simple(shape: &Shape) -> bool {
    matches!(shape, Shape::Builtin(_) | Shape::Named(_) | Shape::List(_))
}

/// The choice type a choice field holds, and whether it is boxed (to break a recursion).
fn choice_of(shape: &Shape) -> Option<(TypeId, bool)> {
    match collapse_nillable(shape) {
        Shape::Named(id) => Some((*id, false)),
        Shape::Boxed(inner) => match inner.as_ref() {
            Shape::Named(id) => Some((*id, true)),
            _ => None,
        },
        _ => None,
    }
}
