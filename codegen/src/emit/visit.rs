//! The visitor functions of a generated crate: each port's operations with their Rust types
//! (`visit_<port>_operations`), each module's types for property tests (`__visit_types`),
//! and in `lib.rs` the functions that call those of every enabled service.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::service::OperationTypes;
use super::{Arbitrary, Ctx, ident};
use crate::ir::{Home, Port, TypeId, TypeKind};

/// The name of the function visiting a port's operations (`visit_contact_operations`).
pub(super) fn port_visitor_name(port: &Port) -> proc_macro2::Ident {
    format_ident!("visit_{}", port.operations_const.to_ascii_lowercase())
}

impl Ctx<'_> {
    /// `visit_<port>_operations`: the port's operations with their body and header types.
    pub(super) fn port_visitor(&self, port: &Port) -> TokenStream {
        let name = port_visitor_name(port);
        let calls = port.operations.iter().map(|op| {
            let info = ident(&op.const_name);
            let OperationTypes {
                request,
                request_headers,
                response,
                response_headers,
            } = self.operation_types(op);
            quote! {
                visitor.visit::<#request, #request_headers, #response, #response_headers>(&#info);
            }
        });
        let doc = format!(
            " Calls `visitor` with the metadata and the request, response and header types of every operation of port type `{}`, in binding order.",
            port.port_type
        );
        quote! {
            #[doc = #doc]
            pub fn #name(visitor: &mut impl __rt::OperationVisitor) {
                #(#calls)*
            }
        }
    }

    /// `__visit_types`: every type homed in `home` that can be an element's content, for
    /// the property tests; shared types gated like their definitions.
    pub(super) fn types_visitor(&self, home: Home) -> TokenStream {
        let gate = match &self.options.arbitrary {
            Arbitrary::Off => return quote!(),
            Arbitrary::Always => quote!(),
            Arbitrary::Feature(feature) => quote!(#[cfg(feature = #feature)]),
        };
        let calls = (0..self.ir.types.len())
            .map(TypeId)
            .filter(|&id| self.ir.get(id).home == home)
            .filter(|&id| {
                !matches!(
                    self.ir.get(id).kind,
                    TypeKind::Choice(_) | TypeKind::Alias(_)
                )
            })
            .map(|id| {
                let name = self.type_ident(id);
                let module = match home {
                    Home::Common => "common",
                    Home::Module(m) => self.ir.modules[m].name.as_str(),
                };
                let path = format!("{module}::{}", self.ir.get(id).rust_name);
                let cfg = self.type_gate(id);
                quote!(#cfg visitor.visit::<#name>(#path);)
            });
        quote! {
            /// Calls `visitor` with every type of this module that can be an element's content.
            #[doc(hidden)]
            #gate
            pub fn __visit_types(visitor: &mut impl __rt::TypeVisitor) {
                #(#calls)*
            }
        }
    }

    /// `lib.rs`'s `visit_operations` and `__visit_types`, calling those of each module
    /// whose feature is on.
    pub(super) fn crate_visitors(&self, has_common: bool) -> TokenStream {
        let mut operations = Vec::new();
        let mut types = Vec::new();
        if has_common {
            types.push(quote!(common::__visit_types(visitor);));
        }
        for module in &self.ir.modules {
            let name = ident(&module.name);
            let feature = crate::names::feature_name(&module.name);
            for port in &module.ports {
                let visit = port_visitor_name(port);
                operations.push(quote!(#[cfg(feature = #feature)] #name::#visit(visitor);));
            }
            types.push(quote!(#[cfg(feature = #feature)] #name::__visit_types(visitor);));
        }
        let types = match &self.options.arbitrary {
            Arbitrary::Off => quote!(),
            arbitrary => {
                let gate = match arbitrary {
                    Arbitrary::Feature(feature) => quote!(#[cfg(feature = #feature)]),
                    _ => quote!(),
                };
                quote! {
                    /// Calls `visitor` with every generated type of the enabled services that can be
                    /// an element's content; used by the property tests.
                    #[doc(hidden)]
                    #gate
                    pub fn __visit_types(visitor: &mut impl __rt::TypeVisitor) {
                        #(#types)*
                    }
                }
            }
        };
        quote! {
            /// Calls `visitor` with the metadata and the request, response and header types of
            /// every operation of every enabled service.
            pub fn visit_operations(visitor: &mut impl __rt::OperationVisitor) {
                let _ = &visitor;
                #(#operations)*
            }
            #types
        }
    }
}
