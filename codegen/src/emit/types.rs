//! Type definitions: structs with documented fields, enumerations with an `Unknown`
//! variant, flag enumerations with their `FlagSet` alias, and base-type conversions.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Ctx, doc_attrs, ident};
use crate::ir::{Enumeration, Flags, Occurs, Struct, TypeDef, TypeId, TypeKind, Variant};

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
        let arbitrary = self.arbitrary_attr(quote!(derive(::proptest_derive::Arbitrary)));
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
            text.push_str(&format!(
                "Element `{}` ({}, {}{nillable}).",
                field.element.local,
                field.schema_type,
                occurs_label(field.occurs)
            ));
            let docs = doc_attrs(&text);
            let strategy = self.field_strategy(field.occurs, &field.shape);
            let strategy_attr = self.arbitrary_attr(quote!(proptest(strategy = #strategy)));
            quote! {
                #docs
                #strategy_attr
                pub #field_name: #ty,
            }
        });
        let base_conversion = s.base.map(|base| {
            let base_def = self.ir.get(base);
            let base_name = ident(&base_def.rust_name);
            let TypeKind::Struct(base_struct) = &base_def.kind else {
                return quote!();
            };
            let moved = s.fields.iter().take(base_struct.fields.len()).map(|f| {
                let f = ident(&f.rust_name);
                quote!(#f: value.#f)
            });
            let doc = format!(
                " Keeps the fields `{}` inherits from `{}`.",
                def.rust_name, base_def.rust_name
            );
            quote! {
                impl ::std::convert::From<#name> for #base_name {
                    #[doc = #doc]
                    fn from(value: #name) -> Self {
                        #base_name { #(#moved,)* }
                    }
                }
            }
        });
        let secret = s.fields.iter().any(|f| self.is_secret(&f.element.local));
        let (derive_debug, debug_impl) = if secret {
            let fields: Vec<(String, String, bool)> = s
                .fields
                .iter()
                .map(|f| (f.rust_name.clone(), f.element.local.clone(), matches!(f.occurs, crate::ir::Occurs::Optional)))
                .collect();
            (quote!(), self.redacting_debug(&def.rust_name, &fields))
        } else {
            (quote!(Debug,), quote!())
        };
        quote! {
            #docs
            #[derive(#derive_debug Clone, PartialEq #default)]
            #arbitrary
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
        let arbitrary = self.arbitrary_attr(quote!(derive(::proptest_derive::Arbitrary)));
        let unknown_strategy =
            self.arbitrary_attr(quote!(proptest(strategy = "__rt::arb::unknown_token()")));
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
                        Some(n) => quote!(Self::#variant => Some(#n),),
                        None => quote!(Self::#variant => None,),
                    }
                });
                quote! {
                    /// The number WCF uses for this value, when the schema gives one.
                    pub fn numeric_value(&self) -> ::std::option::Option<i64> {
                        match self {
                            #(#arms)*
                            Self::#unknown(_) => None,
                        }
                    }
                }
            });
        let type_name = &def.rust_name;
        quote! {
            #docs
            #[derive(Debug, Clone, PartialEq, Eq, Hash)]
            #arbitrary
            pub enum #name {
                #(#variants)*
                /// A value this version of the schema does not list, kept as received.
                #unknown(#unknown_strategy ::std::string::String),
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

            impl ::std::fmt::Display for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(self.as_str())
                }
            }

            impl __rt::SimpleValue for #name {
                const TYPE_NAME: &'static str = #type_name;

                fn with_text<R>(&self, f: impl FnOnce(&str) -> R) -> R {
                    f(self.as_str())
                }

                fn parse_text(text: &str) -> ::std::result::Result<Self, __rt::ValueError> {
                    Ok(match text {
                        #(#parse)*
                        other => Self::#unknown(other.to_owned()),
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
            quote!(#value => Some(Self::#variant),)
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

                fn from_name(name: &str) -> ::std::option::Option<Self> {
                    match name {
                        #(#from_names)*
                        _ => None,
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
}
