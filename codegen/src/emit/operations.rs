//! Per-operation metadata constants for the call layer: name, SOAP action, body elements,
//! header parts and SOAP version. Each distinct list of header parts of a port is one
//! constant that its operations refer to (a SOAP service sends the same headers with most
//! operations). Values are built with the runtime's `const fn` constructors, never struct
//! literals, so a field the runtime adds later does not break generated crates.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Ctx, doc_attrs, ident};
use crate::ir::{ElementName, Header, Message, Module, Operation, Port, SoapVersion, Style};
use crate::names::Namer;

/// One distinct list of header parts of a port, in one direction.
struct HeaderParts<'p> {
    /// The constant's name.
    name: String,
    /// Request (else response) headers.
    request: bool,
    /// The parts.
    headers: &'p [Header],
    /// The WSDL names of the operations whose messages have these parts.
    users: Vec<&'p str>,
}

/// Whether two header lists have the same parts and elements.
fn same_parts(a: &[Header], b: &[Header]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(a, b)| a.part == b.part && a.element == b.element)
}

/// The message of `op` in a direction.
fn message(op: &Operation, request: bool) -> Option<&Message> {
    if request {
        Some(&op.input)
    } else {
        op.output.as_ref()
    }
}

/// The distinct header-part lists of `port`, requests first, each in order of first use,
/// named so that they clash with no constant of the module: `{PORT}_REQUEST_HEADER_PARTS`
/// when one list serves a direction, else after the first operation using each list.
/// `taken` holds the module's constant names and takes the new ones.
fn header_parts<'p>(port: &'p Port, taken: &mut Namer) -> Vec<HeaderParts<'p>> {
    let mut all = Vec::new();
    for request in [true, false] {
        let mut lists: Vec<HeaderParts<'p>> = Vec::new();
        for op in &port.operations {
            let Some(message) = message(op, request).filter(|m| !m.headers.is_empty()) else {
                continue;
            };
            match lists
                .iter_mut()
                .find(|l| same_parts(l.headers, &message.headers))
            {
                Some(list) => list.users.push(&op.name),
                None => lists.push(HeaderParts {
                    // The first user's constant, for now.
                    name: op.const_name.clone(),
                    request,
                    headers: &message.headers,
                    users: vec![&op.name],
                }),
            }
        }
        let direction = if request { "REQUEST" } else { "RESPONSE" };
        let single = lists.len() == 1;
        for list in &mut lists {
            let base = if single {
                // `{PORT}_OPERATIONS`, or `{PORT}_OPERATIONS2` after a clash.
                let (port_base, suffix) = port
                    .operations_const
                    .rsplit_once("_OPERATIONS")
                    .unwrap_or((&port.operations_const, ""));
                format!("{port_base}_{direction}_HEADER_PARTS{suffix}")
            } else {
                format!(
                    "{}_{direction}_HEADER_PARTS",
                    crate::names::unraw(&list.name)
                )
            };
            list.name = taken.unique(base);
        }
        all.extend(lists);
    }
    all
}

impl Ctx<'_> {
    fn element_name(&self, element: &ElementName) -> TokenStream {
        if element.local.is_empty() {
            // A message without body parts: its body is empty.
            return quote!(__rt::ElementName::EMPTY_BODY);
        }
        let ns = self.ns(&element.ns);
        let local = &element.local;
        quote!(__rt::ElementName::new(#ns, #local))
    }

    /// The header-part lists of `port`, named in the scope of its module's constants (the
    /// lists of the module's earlier ports included, so names do not depend on the order in
    /// which ports are rendered).
    fn port_header_parts<'p>(&self, port: &'p Port) -> Vec<HeaderParts<'p>> {
        let module: Option<&Module> = self
            .ir
            .modules
            .iter()
            .find(|m| m.ports.iter().any(|p| std::ptr::eq(p, port)));
        let ports = module.map_or(&[][..], |m| m.ports.as_slice());
        let mut taken = Namer::new();
        for p in ports.iter().chain([port]) {
            taken.reserve(&p.operations_const);
            for op in &p.operations {
                taken.reserve(&op.const_name);
            }
        }
        for p in ports.iter().take_while(|p| !std::ptr::eq(*p, port)) {
            header_parts(p, &mut taken);
        }
        header_parts(port, &mut taken)
    }

    fn header_parts_const(&self, port: &Port, list: &HeaderParts<'_>) -> TokenStream {
        let name = ident(&list.name);
        let direction = if list.request { "request" } else { "response" };
        let scope = if list.users.len() == port.operations.len() {
            format!("every `{}` {direction}", port.port_type)
        } else {
            format!("`{}` {direction}s", list.users.join("`, `"))
        };
        let parts: Vec<String> = list
            .headers
            .iter()
            .map(|h| format!("`{}`", h.part))
            .collect();
        let docs = doc_attrs(&format!(
            "The SOAP header parts of {scope} (binding `{}`): {}.",
            port.binding,
            parts.join(", ")
        ));
        let parts = list.headers.iter().map(|header| {
            let part = &header.part;
            let element = self.element_name(&header.element);
            quote!(__rt::HeaderPart::new(#part, #element))
        });
        quote! {
            #docs
            pub const #name: &[__rt::HeaderPart] = &[#(#parts),*];
        }
    }

    pub(super) fn port_operations(&self, port: &Port) -> TokenStream {
        let lists = self.port_header_parts(port);
        let parts_consts = lists.iter().map(|list| self.header_parts_const(port, list));
        // The constant holding the parts of `op`'s message in a direction, if it has any.
        let parts_of = |op: &Operation, request: bool| {
            let message = message(op, request).filter(|m| !m.headers.is_empty())?;
            let list = lists
                .iter()
                .find(|l| l.request == request && same_parts(l.headers, &message.headers))?;
            Some(ident(&list.name))
        };
        let version = match port.soap_version {
            SoapVersion::Soap11 => quote!(),
            SoapVersion::Soap12 => quote!(.with_soap_version(__rt::SoapVersion::Soap12)),
        };
        let consts = port.operations.iter().map(|op| {
            let name = ident(&op.const_name);
            let op_name = &op.name;
            let action = &op.soap_action;
            let style = match op.style {
                Style::Document => quote!(),
                Style::Rpc => quote!(.with_style(__rt::Style::Rpc)),
            };
            let body_use = op
                .encoded
                .then(|| quote!(.with_body_use(__rt::BodyUse::Encoded)));
            let input = self.element_name(&op.input.element);
            let output = op.output.as_ref().map(|output| {
                let element = self.element_name(&output.element);
                quote!(.with_output(#element))
            });
            let input_headers = parts_of(op, true).map(|c| quote!(.with_input_headers(#c)));
            let output_headers = parts_of(op, false).map(|c| quote!(.with_output_headers(#c)));
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
                pub const #name: __rt::OperationInfo = __rt::OperationInfo::new(#op_name, #action, #input)
                    #output
                    #version
                    #style
                    #body_use
                    #input_headers
                    #output_headers;
            }
        });
        let all_name = ident(&port.operations_const);
        let all = port.operations.iter().map(|op| ident(&op.const_name));
        let all_doc = format!(
            " Metadata of every operation of port type `{}`, in binding order.",
            port.port_type
        );
        quote! {
            #(#parts_consts)*
            #(#consts)*
            #[doc = #all_doc]
            pub const #all_name: &[__rt::OperationInfo] = &[#(#all),*];
        }
    }
}
