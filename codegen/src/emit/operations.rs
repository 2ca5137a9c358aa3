//! Per-operation metadata constants for the call layer: name, SOAP action, body elements,
//! header parts and SOAP version.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Ctx, doc_attrs, ident};
use crate::ir::{ElementName, Message, Port, SoapVersion, Style};

impl Ctx<'_> {
    fn element_name(&self, element: &ElementName) -> TokenStream {
        let ns = self.ns(&element.ns);
        let local = &element.local;
        quote!(__rt::ElementName { namespace: #ns, local_name: #local })
    }

    fn header_parts(&self, message: Option<&Message>) -> TokenStream {
        let parts = message.into_iter().flat_map(|m| &m.headers).map(|header| {
            let part = &header.part;
            let element = self.element_name(&header.element);
            quote!(__rt::HeaderPart { part: #part, element: #element })
        });
        quote!(&[#(#parts),*])
    }

    pub(super) fn port_operations(&self, port: &Port) -> TokenStream {
        let version = match port.soap_version {
            SoapVersion::Soap11 => quote!(__rt::SoapVersion::Soap11),
            SoapVersion::Soap12 => quote!(__rt::SoapVersion::Soap12),
        };
        let consts = port.operations.iter().map(|op| {
            let name = ident(&op.const_name);
            let op_name = &op.name;
            let action = &op.soap_action;
            let style = match op.style {
                Style::Document => quote!(__rt::Style::Document),
                Style::Rpc => quote!(__rt::Style::Rpc),
            };
            let input = self.element_name(&op.input.element);
            let output = match &op.output {
                Some(output) => {
                    let element = self.element_name(&output.element);
                    quote!(::core::option::Option::Some(#element))
                }
                None => quote!(::core::option::Option::None),
            };
            let input_headers = self.header_parts(Some(&op.input));
            let output_headers = self.header_parts(op.output.as_ref());
            let mut text = String::new();
            if let Some(docs) = &op.docs {
                text.push_str(docs);
                text.push_str("\n\n");
            }
            text.push_str(&format!(
                "Metadata of operation `{}` of binding `{}`.",
                op.name, port.binding
            ));
            let docs = doc_attrs(&text);
            quote! {
                #docs
                pub const #name: __rt::OperationInfo = __rt::OperationInfo {
                    name: #op_name,
                    soap_action: #action,
                    soap_version: #version,
                    style: #style,
                    input: #input,
                    output: #output,
                    input_headers: #input_headers,
                    output_headers: #output_headers,
                };
            }
        });
        let all_name = ident(&port.operations_const);
        let all = port.operations.iter().map(|op| ident(&op.const_name));
        let all_doc = format!(
            " Metadata of every operation of port type `{}`, in binding order.",
            port.port_type
        );
        quote! {
            #(#consts)*
            #[doc = #all_doc]
            pub const #all_name: &[__rt::OperationInfo] = &[#(#all),*];
        }
    }
}
