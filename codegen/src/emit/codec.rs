//! `XmlType` implementations of structs: encoders write attributes, then fields in schema
//! order (base fields first), then text; decoders accept fields in any order, skip unknown
//! elements (or keep them for `xs:any`), and report duplicates and missing required
//! elements and attributes with the element path.

use proc_macro2::TokenStream;
use quote::quote;

use super::decode::{choice_of, is_simple};
use super::{Ctx, collapse_nillable, ident};
use crate::ir::{ElementName, Field, FieldKind, Occurs, Shape, Struct, TypeId, TypeKind};

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
        let group = s.group.then(|| self.group_codec(id, s));
        let xsi_type = self.xsi_type_const(def);
        quote! {
            impl __rt::XmlType for #name {
                #xsi_type
                #attributes_fn

                fn write_content(&self, w: &mut __rt::XmlWriter) -> ::core::result::Result<(), __rt::EncodeError> {
                    #write_content
                }

                fn read_content(r: &mut __rt::XmlReader<'_>) -> ::core::result::Result<Self, __rt::DecodeError> {
                    #read
                }
            }
            #element
            #group
        }
    }

    /// The `XSI_TYPE` (or, for a simple type, `SCHEMA_TYPE`) of a named type, which
    /// SOAP-encoded messages write as `xsi:type`; nothing when no operation is encoded.
    pub(super) fn xsi_type_const(&self, def: &crate::ir::TypeDef) -> TokenStream {
        let Some(name) = def.schema_name.as_ref().filter(|_| self.encoded) else {
            return quote!();
        };
        let ns = self.ns(&name.ns);
        let local = &name.local;
        let constant = match def.kind {
            TypeKind::Struct(_) => quote!(XSI_TYPE),
            _ => quote!(SCHEMA_TYPE),
        };
        quote! {
            const #constant: ::core::option::Option<(&'static str, &'static str)> = __rt::Some((#ns, #local));
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
            Shape::Array(array) if array.encoded_item_type.is_some() => {
                let item = self.write_shape(&array.item_shape, &array.item, quote!(item));
                let item_type = array.encoded_item_type.as_ref().map(|t| {
                    let ns = self.ns(&t.ns);
                    let local = &t.local;
                    quote!((#ns, #local))
                });
                quote! {
                    __rt::write_encoded_array(w, (#ns, #local), #item_type, #value, |w, item| {
                        #item
                        __rt::Ok(())
                    })?;
                }
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
            FieldKind::Group => quote!(__rt::XmlType::write_content(#value, w)?;),
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
            Shape::Array(array) if array.encoded_item_type.is_some() => {
                let item = self.read_shape(&array.item_shape);
                quote!(__rt::read_encoded_array(r, |r| #item))
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
}
