//! `XmlType` implementations of structs: encoders write fields in schema order, base fields
//! first; decoders accept fields in any order, skip unknown elements, and report duplicates
//! and missing required elements with the element path.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Ctx, collapse_nillable, ident};
use crate::ir::{ElementName, Occurs, Shape, Struct, TypeId, TypeKind};

impl Ctx<'_> {
    pub(super) fn type_codec(&self, id: TypeId) -> TokenStream {
        let def = self.ir.get(id);
        let TypeKind::Struct(s) = &def.kind else {
            return quote!();
        };
        let name = ident(&def.rust_name);
        let write = self.write_fields(s);
        let read = self.read_fields(s);
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
        quote! {
            impl __rt::XmlType for #name {
                fn write_content(&self, w: &mut __rt::XmlWriter) -> ::std::result::Result<(), __rt::EncodeError> {
                    #write
                }

                fn read_content(r: &mut __rt::XmlReader<'_>) -> ::std::result::Result<Self, __rt::DecodeError> {
                    #read
                }
            }
            #element
        }
    }

    /// Statements writing `value` (a reference) as element `element`.
    pub(super) fn write_shape(&self, shape: &Shape, element: &ElementName, value: TokenStream) -> TokenStream {
        let ns = self.ns(&element.ns);
        let local = &element.local;
        match shape {
            Shape::Builtin(_) | Shape::Named(_) => quote!(w.element(#ns, #local, #value)?;),
            Shape::Nillable(inner) => match inner.as_ref() {
                Shape::Builtin(_) | Shape::Named(_) => {
                    quote!(w.nillable_element(#ns, #local, #value)?;)
                }
                inner => {
                    let write = self.write_shape(inner, element, quote!(value));
                    quote! {
                        match #value {
                            Some(value) => { #write }
                            None => w.nil_element(#ns, #local)?,
                        }
                    }
                }
            },
            Shape::Boxed(inner) => self.write_shape(
                inner,
                element,
                quote!(::std::convert::AsRef::as_ref(#value)),
            ),
            Shape::Array(array) => {
                let item = self.write_shape(&array.item_shape, &array.item, quote!(item));
                quote! {
                    w.element_with(#ns, #local, |w| {
                        for item in #value {
                            #item
                        }
                        Ok(())
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
                                Ok(())
                            })?;
                        }
                        Ok(())
                    })?;
                }
            }
        }
    }

    fn write_fields(&self, s: &Struct) -> TokenStream {
        if s.fields.is_empty() {
            return quote! {
                let _ = w;
                Ok(())
            };
        }
        let statements = s.fields.iter().map(|field| {
            let name = ident(&field.rust_name);
            match field.occurs {
                Occurs::Required => {
                    self.write_shape(&field.shape, &field.element, quote!(&self.#name))
                }
                Occurs::Optional => {
                    let write = self.write_shape(
                        collapse_nillable(&field.shape),
                        &field.element,
                        quote!(value),
                    );
                    quote! {
                        if let Some(value) = &self.#name {
                            #write
                        }
                    }
                }
                Occurs::Repeated { .. } => {
                    let write = self.write_shape(&field.shape, &field.element, quote!(value));
                    quote! {
                        for value in &self.#name {
                            #write
                        }
                    }
                }
            }
        });
        quote! {
            #(#statements)*
            Ok(())
        }
    }

    /// An expression reading the current element as `shape`, of type
    /// `Result<T, DecodeError>`, with the reader in `r`.
    pub(super) fn read_shape(&self, shape: &Shape) -> TokenStream {
        match shape {
            Shape::Builtin(_) | Shape::Named(_) => {
                let ty = self.shape_type(shape);
                quote!(r.read::<#ty>())
            }
            Shape::Nillable(inner) => match inner.as_ref() {
                Shape::Builtin(_) | Shape::Named(_) => {
                    let ty = self.shape_type(inner);
                    quote!(r.read_nillable::<#ty>())
                }
                inner => {
                    let read = self.read_shape(inner);
                    quote!(r.read_nillable_with(|r| #read))
                }
            },
            Shape::Boxed(inner) => {
                let read = self.read_shape(inner);
                quote!(#read.map(::std::boxed::Box::new))
            }
            Shape::Array(array) => {
                let ns = self.ns(&array.item.ns);
                let local = &array.item.local;
                let item = self.read_shape(&array.item_shape);
                quote!(r.read_array(#ns, #local, |r| #item))
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
                quote!(r.read_dictionary(#entry, #key, #value, |r| #read_key, |r| #read_value))
            }
        }
    }

    fn read_fields(&self, s: &Struct) -> TokenStream {
        if s.fields.is_empty() {
            return quote! {
                while r.next_child()?.is_some() {
                    r.skip()?;
                }
                Ok(Self {})
            };
        }
        let slot = |name: &str| ident(&format!("f_{}", crate::names::unraw(name)));
        let slots = s.fields.iter().map(|field| {
            let slot = slot(&field.rust_name);
            match field.occurs {
                Occurs::Repeated { .. } => quote!(let mut #slot = ::std::vec::Vec::new();),
                _ => quote!(let mut #slot = None;),
            }
        });
        let arms = s.fields.iter().map(|field| {
            let slot = slot(&field.rust_name);
            let ns = self.ns(&field.element.ns);
            let local = &field.element.local;
            let read = match field.occurs {
                Occurs::Required => {
                    let read = self.read_shape(&field.shape);
                    quote!(r.fill(&mut #slot, |r| #read)?)
                }
                Occurs::Optional => {
                    let read = self.read_shape(&Shape::Nillable(Box::new(
                        collapse_nillable(&field.shape).clone(),
                    )));
                    quote!(r.fill(&mut #slot, |r| #read)?)
                }
                Occurs::Repeated { .. } => {
                    let read = self.read_shape(&field.shape);
                    quote!(#slot.push(#read?))
                }
            };
            quote!(#local if r.ns_is(child.ns, #ns) => #read,)
        });
        let values = s.fields.iter().map(|field| {
            let name = ident(&field.rust_name);
            let slot = slot(&field.rust_name);
            let local = &field.element.local;
            let value = match field.occurs {
                Occurs::Required => quote!(r.required(#slot, #local)?),
                Occurs::Optional => quote!(#slot.flatten()),
                Occurs::Repeated { min, max } => {
                    let max = match max {
                        Some(max) => quote!(Some(#max)),
                        None => quote!(None),
                    };
                    quote!(r.occurrences(#slot, #min, #max, #local)?)
                }
            };
            quote!(#name: #value,)
        });
        quote! {
            #(#slots)*
            while let Some(child) = r.next_child()? {
                match child.local_name {
                    #(#arms)*
                    _ => r.skip()?,
                }
            }
            Ok(Self {
                #(#values)*
            })
        }
    }
}
