//! Type definitions: structs with documented fields, enumerations with an `Unknown`
//! variant, flag enumerations with their `FlagSet` alias, and base-type conversions.

use proc_macro2::TokenStream;
use quote::quote;

use super::service::DebugField;
use super::{Ctx, doc_attrs, ident};
use crate::ir::{
    AttributeField, Choice, Enumeration, FieldKind, Flags, Occurs, Polymorphic, Struct, TypeDef,
    TypeId, TypeKind, Variant,
};

fn occurs_label(occurs: Occurs) -> String {
    match occurs {
        Occurs::Required => "required".to_owned(),
        Occurs::Optional => "optional".to_owned(),
        Occurs::Repeated { min, max: None } => format!("{min} or more"),
        Occurs::Repeated {
            min,
            max: Some(max),
        } => format!("{min} to {max}"),
    }
}

fn type_docs(def: &TypeDef) -> TokenStream {
    let mut text = String::new();
    if let Some(docs) = &def.docs {
        text.push_str(&crate::docs::sanitize(docs));
        text.push_str("\n\n");
    }
    text.push_str(&format!("Generated from the {}.", code_spans(&def.origin)));
    doc_attrs(&text)
}

/// Puts `{namespace}local` names in code spans so rustdoc renders them verbatim.
fn code_spans(origin: &str) -> String {
    origin
        .split(' ')
        .map(|word| {
            if word.starts_with('{') || word.starts_with('/') {
                format!("`{word}`")
            } else {
                word.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

impl Ctx<'_> {
    pub(super) fn type_definition(&self, id: TypeId) -> TokenStream {
        let def = self.ir.get(id);
        match &def.kind {
            TypeKind::Struct(s) => self.struct_definition(id, def, s),
            TypeKind::Enum(e) => self.enum_definition(def, e),
            TypeKind::Flags(f) => self.flags_definition(def, f),
            TypeKind::Choice(c) => self.choice_definition(def, c),
            TypeKind::Polymorphic(p) => self.polymorphic_definition(def, p),
            TypeKind::Alias(shape) => {
                let name = ident(&def.rust_name);
                let docs = type_docs(def);
                let ty = self.shape_type(shape);
                quote! {
                    #docs
                    pub type #name = #ty;
                }
            }
        }
    }

    fn struct_definition(&self, id: TypeId, def: &TypeDef, s: &Struct) -> TokenStream {
        let name = ident(&def.rust_name);
        let docs = type_docs(def);
        let default = if self.has_default(id, &mut Vec::new()) {
            quote!(, Default)
        } else {
            quote!()
        };
        let fields = s.fields.iter().map(|field| {
            let field_name = ident(&field.rust_name);
            let ty = self.field_type(field.occurs, &field.shape);
            let nillable = if matches!(field.shape, crate::ir::Shape::Nillable(_)) {
                ", nillable"
            } else {
                ""
            };
            let mut text = String::new();
            if let Some(docs) = &field.docs {
                text.push_str(&crate::docs::sanitize(docs));
                text.push_str("\n\n");
            }
            text.push_str(&match field.kind {
                FieldKind::Group => format!(
                    "Occurrences of the {}, whose elements sit inline ({}).",
                    field.schema_type,
                    occurs_label(field.occurs)
                ),
                _ => format!(
                    "Element `{}` ({}, {}{nillable}).",
                    field.element.local,
                    field.schema_type,
                    occurs_label(field.occurs)
                ),
            });
            let docs = doc_attrs(&text);
            quote! {
                #docs
                pub #field_name: #ty,
            }
        });
        let attribute_fields = s.attributes.iter().map(|a| {
            let field_name = ident(&a.rust_name);
            let ty = self.attribute_type(a);
            let requirement = match (&a.default, a.required) {
                (Some(default), _) => format!("default `{}`", default.replace('`', "'")),
                (None, true) => "required".to_owned(),
                (None, false) => "optional".to_owned(),
            };
            let mut text = String::new();
            if let Some(docs) = &a.docs {
                text.push_str(&crate::docs::sanitize(docs));
                text.push_str("\n\n");
            }
            text.push_str(&format!(
                "Attribute `{}` ({}, {requirement}).",
                a.name.local, a.schema_type
            ));
            let docs = doc_attrs(&text);
            quote! {
                #docs
                pub #field_name: #ty,
            }
        });
        let text_field = s.text.as_ref().map(|shape| {
            let field_name = ident(&self.text_field_name(s));
            let ty = self.shape_type(shape);
            quote! {
                /// The element's text content.
                pub #field_name: #ty,
            }
        });
        let other_attributes = s.any_attribute.then(|| {
            let field_name = ident(&self.other_attributes_name(s));
            quote! {
                /// Attributes the schema allows with `xs:anyAttribute`, as received.
                pub #field_name: ::std::vec::Vec<__rt::AnyAttribute>,
            }
        });
        let fields: Vec<TokenStream> = if s.mixed {
            vec![quote! {
                /// The mixed content (text and elements) and the attributes, kept as XML.
                pub content: __rt::AnyXml,
            }]
        } else {
            attribute_fields
                .chain(fields)
                .chain(text_field)
                .chain(other_attributes)
                .collect()
        };
        let base_conversion = s.base.filter(|_| !s.mixed).map(|base| {
            let base_def = self.ir.get(base);
            let base_name = ident(&base_def.rust_name);
            let TypeKind::Struct(base_struct) = &base_def.kind else {
                return quote!();
            };
            if base_struct.mixed {
                return quote!();
            }
            let base_fields = base_struct
                .attributes
                .iter()
                .map(|a| &a.rust_name)
                .chain(base_struct.fields.iter().map(|f| &f.rust_name))
                .cloned()
                .chain(
                    base_struct
                        .text
                        .as_ref()
                        .map(|_| self.text_field_name(base_struct)),
                )
                .chain(
                    base_struct
                        .any_attribute
                        .then(|| self.other_attributes_name(base_struct)),
                );
            let moved = base_fields.map(|f| {
                let f = ident(&f);
                quote!(#f: value.#f)
            });
            let doc = format!(
                " Keeps the fields `{}` inherits from `{}`.",
                def.rust_name, base_def.rust_name
            );
            quote! {
                impl ::core::convert::From<#name> for #base_name {
                    #[doc = #doc]
                    fn from(value: #name) -> Self {
                        #base_name { #(#moved,)* }
                    }
                }
            }
        });
        let type_name = &def.rust_name;
        let secret_field = s
            .fields
            .iter()
            .any(|f| self.is_secret(type_name, &f.element.local, &f.shape));
        let secret_attribute = s
            .attributes
            .iter()
            .any(|a| self.is_secret(type_name, &a.name.local, &a.shape));
        let secret = !s.mixed && (secret_field || secret_attribute);
        let (derive_debug, debug_impl) = if secret {
            let debug_fields: Vec<DebugField> = s
                .fields
                .iter()
                .map(|f| DebugField {
                    field: f.rust_name.clone(),
                    secret: self.is_secret(type_name, &f.element.local, &f.shape),
                    optional: matches!(f.occurs, crate::ir::Occurs::Optional),
                })
                .chain(s.attributes.iter().map(|a| DebugField {
                    field: a.rust_name.clone(),
                    secret: self.is_secret(type_name, &a.name.local, &a.shape),
                    optional: self.attribute_is_optional(a),
                }))
                .chain(s.text.as_ref().map(|_| DebugField {
                    field: self.text_field_name(s),
                    secret: false,
                    optional: false,
                }))
                .chain(s.any_attribute.then(|| DebugField {
                    field: self.other_attributes_name(s),
                    secret: false,
                    optional: false,
                }))
                .collect();
            (quote!(), self.redacting_debug(type_name, &debug_fields))
        } else {
            (quote!(Debug,), quote!())
        };
        quote! {
            #docs
            #[derive(#derive_debug Clone, PartialEq #default)]
            pub struct #name {
                #(#fields)*
            }
            #debug_impl
            #base_conversion
        }
    }

    fn variant_docs(variant: &Variant) -> TokenStream {
        let mut text = String::new();
        if let Some(docs) = &variant.docs {
            text.push_str(&crate::docs::sanitize(docs));
            text.push_str("\n\n");
        }
        let value = variant.value.replace('`', "'");
        match variant.numeric_value {
            Some(n) => text.push_str(&format!("`{value}` (value {n}).")),
            None => text.push_str(&format!("`{value}`.")),
        }
        doc_attrs(&text)
    }

    fn enum_definition(&self, def: &TypeDef, e: &Enumeration) -> TokenStream {
        let name = ident(&def.rust_name);
        let docs = type_docs(def);
        let unknown = ident(&e.unknown_variant);
        let variants = e.variants.iter().map(|v| {
            let docs = Self::variant_docs(v);
            let variant = ident(&v.rust_name);
            quote!(#docs #variant,)
        });
        let as_str = e.variants.iter().map(|v| {
            let variant = ident(&v.rust_name);
            let value = &v.value;
            quote!(Self::#variant => #value,)
        });
        let parse = e.variants.iter().map(|v| {
            let variant = ident(&v.rust_name);
            let value = &v.value;
            quote!(#value => Self::#variant,)
        });
        let numeric = e
            .variants
            .iter()
            .any(|v| v.numeric_value.is_some())
            .then(|| {
                let arms = e.variants.iter().map(|v| {
                    let variant = ident(&v.rust_name);
                    match v.numeric_value {
                        Some(n) => quote!(Self::#variant => __rt::Some(#n),),
                        None => quote!(Self::#variant => __rt::None,),
                    }
                });
                quote! {
                    /// The number WCF uses for this value, when the schema gives one.
                    pub fn numeric_value(&self) -> ::core::option::Option<i64> {
                        match self {
                            #(#arms)*
                            Self::#unknown(_) => __rt::None,
                        }
                    }
                }
            });
        let type_name = &def.rust_name;
        let schema_type = self.xsi_type_const(def);
        quote! {
            #docs
            #[derive(Debug, Clone, PartialEq, Eq, Hash)]
            pub enum #name {
                #(#variants)*
                /// A value this version of the schema does not list, kept as received.
                #unknown(::std::string::String),
            }

            impl #name {
                /// The value as written in XML.
                pub fn as_str(&self) -> &str {
                    match self {
                        #(#as_str)*
                        Self::#unknown(value) => value,
                    }
                }
                #numeric
            }

            impl ::core::fmt::Display for #name {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.write_str(self.as_str())
                }
            }

            impl __rt::SimpleValue for #name {
                const TYPE_NAME: &'static str = #type_name;
                #schema_type

                fn with_text<R>(&self, f: impl ::core::ops::FnOnce(&str) -> R) -> R {
                    f(self.as_str())
                }

                fn parse_text(text: &str) -> ::core::result::Result<Self, __rt::ValueError> {
                    __rt::Ok(match text {
                        #(#parse)*
                        other => Self::#unknown(__rt::ToOwned::to_owned(other)),
                    })
                }
            }
        }
    }

    fn flags_definition(&self, def: &TypeDef, f: &Flags) -> TokenStream {
        let alias = ident(&def.rust_name);
        let flag = ident(&f.flag_enum);
        let docs = type_docs(def);
        let flag_doc = format!(" One flag of [`{}`].", def.rust_name);
        let variants = f.variants.iter().map(|v| {
            let docs = Self::variant_docs(v);
            let variant = ident(&v.rust_name);
            quote!(#docs #variant,)
        });
        let all = f.variants.iter().map(|v| {
            let variant = ident(&v.rust_name);
            quote!(Self::#variant)
        });
        let names = f.variants.iter().map(|v| {
            let variant = ident(&v.rust_name);
            let value = &v.value;
            quote!(Self::#variant => #value,)
        });
        let from_names = f.variants.iter().map(|v| {
            let variant = ident(&v.rust_name);
            let value = &v.value;
            quote!(#value => __rt::Some(Self::#variant),)
        });
        quote! {
            #[doc = #flag_doc]
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
            pub enum #flag {
                #(#variants)*
            }

            impl __rt::FlagEnum for #flag {
                const ALL: &'static [Self] = &[#(#all),*];

                fn name(self) -> &'static str {
                    match self {
                        #(#names)*
                    }
                }

                fn from_name(name: &str) -> ::core::option::Option<Self> {
                    match name {
                        #(#from_names)*
                        _ => __rt::None,
                    }
                }

                fn index(self) -> u32 {
                    self as u32
                }
            }

            #docs
            pub type #alias = __rt::FlagSet<#flag>;
        }
    }

    /// Whether an attribute field is an `Option`.
    pub(super) fn attribute_is_optional(&self, a: &AttributeField) -> bool {
        !a.required && a.default.is_none()
    }

    /// The Rust type of an attribute field.
    pub(super) fn attribute_type(&self, a: &AttributeField) -> TokenStream {
        let ty = self.shape_type(&a.shape);
        if self.attribute_is_optional(a) {
            quote!(::core::option::Option<#ty>)
        } else {
            ty
        }
    }

    /// The field holding a `simpleContent` type's text: `value`, unless taken.
    pub(super) fn text_field_name(&self, s: &Struct) -> String {
        Self::free_name(s, "value")
    }

    /// The field holding attributes kept by `xs:anyAttribute`.
    pub(super) fn other_attributes_name(&self, s: &Struct) -> String {
        Self::free_name(s, "other_attributes")
    }

    fn free_name(s: &Struct, wanted: &str) -> String {
        let taken = |name: &str| {
            s.fields.iter().any(|f| f.rust_name == name)
                || s.attributes.iter().any(|a| a.rust_name == name)
        };
        (1..)
            .map(|n| {
                if n == 1 {
                    wanted.to_owned()
                } else {
                    format!("{wanted}{n}")
                }
            })
            .find(|name| !taken(name))
            .unwrap_or_else(|| wanted.to_owned())
    }

    fn choice_definition(&self, def: &TypeDef, c: &Choice) -> TokenStream {
        let name = ident(&def.rust_name);
        let docs = type_docs(def);
        let variants = c.variants.iter().map(|v| {
            let variant = ident(&v.rust_name);
            let ty = self.shape_type(&v.shape);
            let doc = if is_wildcard(v) {
                " Any element the other variants do not name (xs:any), kept as it is.".to_owned()
            } else if self.group_of(&v.shape).is_some() {
                format!(" The elements of {} `{}`.", v.schema_type, v.element.local)
            } else {
                format!(" Element `{}` ({}).", v.element.local, v.schema_type)
            };
            quote! {
                #[doc = #doc]
                #variant(#ty),
            }
        });
        let writes = c.variants.iter().map(|v| {
            let variant = ident(&v.rust_name);
            let write = if is_wildcard(v) {
                quote!(__rt::AnyElement::write(value, w)?;)
            } else if self.group_of(&v.shape).is_some() {
                quote!(__rt::XmlType::write_content(value, w)?;)
            } else {
                self.write_shape(&v.shape, &v.element, quote!(value))
            };
            quote!(Self::#variant(value) => { #write })
        });
        quote! {
            #docs
            #[derive(Debug, Clone, PartialEq)]
            pub enum #name {
                #(#variants)*
            }

            impl #name {
                /// Writes the chosen element.
                pub fn write_element(&self, w: &mut __rt::XmlWriter) -> ::core::result::Result<(), __rt::EncodeError> {
                    match self {
                        #(#writes)*
                    }
                    __rt::Ok(())
                }
            }
        }
    }

    fn polymorphic_definition(&self, def: &TypeDef, p: &Polymorphic) -> TokenStream {
        let name = ident(&def.rust_name);
        let docs = type_docs(def);
        let base_name = &self.ir.get(p.base).rust_name;
        let base_is_variant = p.variants.iter().any(|v| v.type_id == p.base);
        let variants = p.variants.iter().map(|v| {
            let variant = ident(&v.rust_name);
            let ty = self.type_ident(v.type_id);
            let doc = format!(" `xsi:type` `{}`.", v.xsi_type.local);
            quote! {
                #[doc = #doc]
                #variant(#ty),
            }
        });
        let write_attributes = p.variants.iter().map(|v| {
            let variant = ident(&v.rust_name);
            if v.type_id == p.base {
                quote!(Self::#variant(value) => value.write_attributes(w),)
            } else {
                let ns = self.ns(&v.xsi_type.ns);
                let local = &v.xsi_type.local;
                quote!(Self::#variant(value) => {
                    w.xsi_type(#ns, #local)?;
                    value.write_attributes(w)
                })
            }
        });
        let write_content = p.variants.iter().map(|v| {
            let variant = ident(&v.rust_name);
            quote!(Self::#variant(value) => value.write_content(w),)
        });
        let selectors = p.variants.iter().enumerate().map(|(i, v)| {
            let ns = self.ns(&v.xsi_type.ns);
            let local = &v.xsi_type.local;
            if v.xsi_type.ns.is_empty() {
                quote!(__rt::Some(("", #local)) => #i,)
            } else {
                quote!(__rt::Some((ns, #local)) if ns == #ns => #i,)
            }
        });
        let reads = p.variants.iter().enumerate().map(|(i, v)| {
            let variant = ident(&v.rust_name);
            let ty = self.type_ident(v.type_id);
            quote!(#i => Self::#variant(<#ty as __rt::XmlType>::read_content(r)?),)
        });
        let fallback = match p.variants.iter().position(|v| v.type_id == p.base) {
            Some(i) if base_is_variant => quote!(_ => #i,),
            _ => {
                let message = format!(
                    "abstract type {base_name} needs an xsi:type naming one of its concrete types"
                );
                quote!(_ => return __rt::Err(r.error(__rt::DecodeErrorKind::Other(__rt::ToOwned::to_owned(#message)))),)
            }
        };
        quote! {
            #docs
            #[derive(Debug, Clone, PartialEq)]
            pub enum #name {
                #(#variants)*
            }

            impl __rt::XmlType for #name {
                fn write_attributes(&self, w: &mut __rt::XmlWriter) -> ::core::result::Result<(), __rt::EncodeError> {
                    match self {
                        #(#write_attributes)*
                    }
                }

                fn write_content(&self, w: &mut __rt::XmlWriter) -> ::core::result::Result<(), __rt::EncodeError> {
                    match self {
                        #(#write_content)*
                    }
                }

                fn read_content(r: &mut __rt::XmlReader<'_>) -> ::core::result::Result<Self, __rt::DecodeError> {
                    let which = match r.xsi_type() {
                        #(#selectors)*
                        #fallback
                    };
                    let value = match which {
                        #(#reads)*
                        _ => return __rt::Err(r.error(__rt::DecodeErrorKind::Other(__rt::ToOwned::to_owned("unreachable variant")))),
                    };
                    __rt::Ok(value)
                }
            }
        }
    }
}

/// Whether `variant` is its choice's wildcard (`xs:any`): it holds any element the other
/// variants do not name, under that element's own name.
pub(super) fn is_wildcard(variant: &crate::ir::ChoiceVariant) -> bool {
    matches!(
        variant.shape,
        crate::ir::Shape::Builtin(crate::ir::Builtin::AnyElement)
    )
}
