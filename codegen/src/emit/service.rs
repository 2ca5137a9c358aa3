//! The call layer of each port: header structs, the operation trait and the client that
//! implements it over a transport; `server.rs` writes the server adapter.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::{Ctx, collapse_nillable, doc_attrs, ident};
use crate::ir::{HeaderType, Message, Operation, Port, Shape, TypeKind};

/// The Rust types an operation's signature names.
pub(super) struct OperationTypes {
    pub(super) request: Ident,
    pub(super) request_headers: TokenStream,
    pub(super) response: TokenStream,
    pub(super) response_headers: TokenStream,
}

impl Ctx<'_> {
    /// The Rust types of an operation's request and response bodies and header sets (a
    /// one-way operation's response is `()`).
    pub(super) fn operation_types(&self, op: &Operation) -> OperationTypes {
        OperationTypes {
            request: self.type_ident(op.input.body_type),
            request_headers: Self::headers_type(Some(&op.input)),
            response: match &op.output {
                Some(output) => {
                    let name = self.type_ident(output.body_type);
                    quote!(#name)
                }
                None => quote!(()),
            },
            response_headers: Self::headers_type(op.output.as_ref()),
        }
    }

    pub(super) fn headers_type(message: Option<&Message>) -> TokenStream {
        match message.and_then(|m| m.headers_type.as_deref()) {
            Some(name) => {
                let name = ident(name);
                quote!(#name)
            }
            None => quote!(()),
        }
    }

    /// A `Debug` implementation that shows secret fields as `<redacted>`.
    pub(super) fn redacting_debug(&self, name: &str, fields: &[DebugField]) -> TokenStream {
        let type_name = ident(name);
        let entries = fields.iter().map(
            |DebugField {
                 field,
                 secret,
                 optional,
             }| {
                let field_ident = ident(field);
                let label = crate::names::unraw(field);
                if !secret {
                    quote!(.field(#label, &self.#field_ident))
                } else if *optional {
                    quote!(.field(#label, &self.#field_ident.as_ref().map(|_| __rt::Redacted)))
                } else {
                    quote!(.field(#label, &__rt::Redacted))
                }
            },
        );
        quote! {
            impl ::core::fmt::Debug for #type_name {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.debug_struct(#name) #(#entries)* .finish()
                }
            }
        }
    }

    fn header_type(&self, port: &Port, header_type: &HeaderType) -> TokenStream {
        let name = ident(&header_type.rust_name);
        let direction = if header_type.request {
            "request"
        } else {
            "response"
        };
        let parts: Vec<&str> = header_type
            .headers
            .iter()
            .map(|h| h.part.as_str())
            .collect();
        let users: Vec<&str> = port
            .operations
            .iter()
            .filter(|op| {
                let message = if header_type.request {
                    Some(&op.input)
                } else {
                    op.output.as_ref()
                };
                message.and_then(|m| m.headers_type.as_deref())
                    == Some(header_type.rust_name.as_str())
            })
            .map(|op| op.name.as_str())
            .collect();
        let scope = if users.len() == port.operations.len() {
            format!("every `{}` {direction}", port.port_type)
        } else {
            format!("`{}` {direction}s", users.join("`, `"))
        };
        let doc = doc_attrs(&format!(
            "SOAP headers of {scope} (binding `{}`): {}. Every header is optional.",
            port.binding,
            parts
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        let fields = header_type.headers.iter().map(|h| {
            let field = ident(&h.field_name);
            let ty = self.shape_type(collapse_nillable(&h.shape));
            let doc = format!(" Header element `{}` (part `{}`).", h.element.local, h.part);
            quote! {
                #[doc = #doc]
                pub #field: ::core::option::Option<#ty>,
            }
        });
        let writes = header_type.headers.iter().map(|h| {
            let field = ident(&h.field_name);
            let write = self.write_shape(collapse_nillable(&h.shape), &h.element, quote!(value));
            quote! {
                if let __rt::Some(value) = &self.#field {
                    #write
                }
            }
        });
        let reads = header_type.headers.iter().map(|h| {
            let field = ident(&h.field_name);
            let ns = self.ns(&h.element.ns);
            let local = &h.element.local;
            let read = self.read_shape(&Shape::Nillable(Box::new(
                collapse_nillable(&h.shape).clone(),
            )));
            // zeep and node `soap` write an encoded header unqualified, whatever its
            // `namespace`: a SOAP-encoded service takes it either way.
            let test = if self.encoded && !h.element.ns.is_empty() {
                quote!((r.is_ns(child.ns, #ns) || r.is_ns(child.ns, "")))
            } else {
                quote!(r.is_ns(child.ns, #ns))
            };
            quote! {
                #local if #test => {
                    self.#field = #read?;
                    __rt::Ok(true)
                }
            }
        });
        let empties = header_type.headers.iter().map(|h| {
            let field = ident(&h.field_name);
            quote!(self.#field.is_none())
        });
        let fills = header_type.headers.iter().map(|h| {
            let field = ident(&h.field_name);
            quote! {
                if self.#field.is_none() {
                    __rt::Clone::clone_from(&mut self.#field, &defaults.#field);
                }
            }
        });
        let (failure, exception_of) = (!header_type.request)
            .then(|| self.service_failure(header_type))
            .flatten()
            .unzip();
        let debug_fields: Vec<DebugField> = header_type
            .headers
            .iter()
            .map(|h| DebugField {
                field: h.field_name.clone(),
                secret: self.is_secret(&header_type.rust_name, &h.element.local, &h.shape),
                optional: true,
            })
            .collect();
        let debug = self.redacting_debug(&header_type.rust_name, &debug_fields);
        quote! {
            #doc
            #[derive(Clone, Default, PartialEq)]
            pub struct #name {
                #(#fields)*
            }

            #debug

            impl __rt::HeaderSet for #name {
                fn write_headers(&self, w: &mut __rt::XmlWriter) -> ::core::result::Result<(), __rt::EncodeError> {
                    #(#writes)*
                    __rt::Ok(())
                }

                fn read_header(&mut self, r: &mut __rt::XmlReader<'_>, child: __rt::Child<'_>) -> ::core::result::Result<bool, __rt::DecodeError> {
                    match child.local_name {
                        #(#reads)*
                        _ => __rt::Ok(false),
                    }
                }

                fn is_empty(&self) -> bool {
                    #(#empties)&&*
                }

                fn fill_from(&mut self, defaults: &Self) {
                    #(#fills)*
                }

                #failure
            }

            #exception_of
        }
    }

    /// `service_failure` for response headers that carry the configured success and
    /// exception headers, and the `exception_of` accessor that gives a failure's exception
    /// header with its type.
    fn service_failure(&self, header_type: &HeaderType) -> Option<(TokenStream, TokenStream)> {
        let rule = self.options.service_failure.as_ref()?;
        let success = header_type
            .headers
            .iter()
            .find(|h| h.element.local == rule.success_header);
        let exception = header_type
            .headers
            .iter()
            .find(|h| h.element.local == rule.exception_header);
        if success.is_none() && exception.is_none() {
            return None;
        }
        let success_test = success.map(|h| {
            let field = ident(&h.field_name);
            quote!(self.#field == __rt::Some(false))
        });
        let exception_test = exception.map(|h| {
            let field = ident(&h.field_name);
            quote!(self.#field.is_some())
        });
        let tests = success_test.into_iter().chain(exception_test);
        let fallback = format!("{} is false", rule.success_header);
        let mut exception_of = TokenStream::new();
        let (message, carried) = match exception {
            Some(h) => {
                let field = ident(&h.field_name);
                let message_field = match collapse_nillable(&h.shape) {
                    Shape::Named(id) => match &self.ir.get(*id).kind {
                        TypeKind::Struct(s) => s
                            .fields
                            .iter()
                            .find(|f| f.element.local == rule.exception_message),
                        _ => None,
                    },
                    _ => None,
                };
                let message = match message_field {
                    Some(f) if matches!(f.occurs, crate::ir::Occurs::Optional) => {
                        let f = ident(&f.rust_name);
                        quote!(self.#field.as_ref().and_then(|e| __rt::Clone::clone(&e.#f)).unwrap_or_else(|| __rt::ToOwned::to_owned(#fallback)))
                    }
                    _ => quote!(__rt::ToOwned::to_owned(#fallback)),
                };
                let ty = self.shape_type(collapse_nillable(&h.shape));
                let doc = format!(
                    " The `{}` header `error` carries, when it is a service failure that \
                     reported one (`Error::Service`).",
                    h.element.local
                );
                let name = ident(&header_type.rust_name);
                let accessor = quote! {
                    impl #name {
                        #[doc = #doc]
                        pub fn exception_of(error: &__rt::Error) -> ::core::option::Option<&#ty> {
                            error.service_failure()?.__exception::<#ty>()
                        }
                    }
                };
                exception_of = accessor;
                (message, quote!(__rt::Clone::clone(&self.#field)))
            }
            None => (
                quote!(__rt::ToOwned::to_owned(#fallback)),
                quote!(__rt::None::<()>),
            ),
        };
        let failure = quote! {
            fn service_failure(&self) -> ::core::option::Option<__rt::ServiceFailure> {
                if #(#tests)||* {
                    __rt::Some(__rt::ServiceFailure::new(#message, #carried))
                } else {
                    __rt::None
                }
            }
        };
        Some((failure, exception_of))
    }

    pub(super) fn port_service(&self, module: usize, port: &Port) -> TokenStream {
        let header_types = port.header_types.iter().map(|h| self.header_type(port, h));
        let trait_name = ident(&port.trait_name);
        let client = ident(&port.client_name);
        let mut signatures = Vec::new();
        let mut client_methods = Vec::new();
        let mut dispatch_arms = Vec::new();
        let mut fault_enums = Vec::new();
        for op in &port.operations {
            let method = ident(&op.method_name);
            let info = ident(&op.const_name);
            let OperationTypes {
                request,
                request_headers,
                response,
                response_headers,
            } = self.operation_types(op);
            let mut text = op.docs.clone().unwrap_or_default();
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&format!(
                "Operation `{}` (SOAP action `{}`).",
                op.name, op.soap_action
            ));
            let docs = doc_attrs(&text);
            let request_type = quote!(__rt::Request<#request, #request_headers>);
            let response_type = quote!(__rt::Response<#response, #response_headers>);
            let op_name = &op.name;
            signatures.push(quote! {
                #docs
                ///
                /// Not overriding it answers every call with a fault saying it is not implemented.
                fn #method(&self, request: #request_type) -> impl ::core::future::Future<Output = ::core::result::Result<#response_type, __rt::Error>> + ::core::marker::Send {
                    __rt::unimplemented(request, #op_name)
                }
            });
            let defaults = if port
                .header_types
                .iter()
                .any(|h| h.request && Some(&h.rust_name) == op.input.headers_type.as_ref())
                && self.uniform_request_headers(port).is_some()
            {
                quote!(__rt::Some(&*self.defaults))
            } else {
                quote!(__rt::None)
            };
            let call = if op.output.is_some() {
                quote!(self.client.call(&#info, request, #defaults))
            } else {
                quote!(self.client.call_one_way(&#info, request, #defaults))
            };
            client_methods.push(quote! {
                fn #method(&self, request: #request_type) -> impl ::core::future::Future<Output = ::core::result::Result<#response_type, __rt::Error>> + ::core::marker::Send {
                    #call
                }
            });
            fault_enums.push(self.fault_enum(op));
            dispatch_arms.push(quote! {
                #op_name => call.handle(|request| self.service.#method(request)).await,
            });
        }
        let (defaults_field, defaults_init, defaults_methods) =
            match self.uniform_request_headers(port) {
                Some(headers) => {
                    let headers = ident(headers);
                    (
                        quote!(defaults: ::std::sync::Arc<#headers>,),
                        quote!(defaults: __rt::Default::default(),),
                        quote! {
                            /// The request headers sent with every call unless the call sets them.
                            pub fn default_headers(&self) -> &#headers {
                                &self.defaults
                            }

                            /// The default request headers, to change.
                            pub fn default_headers_mut(&mut self) -> &mut #headers {
                                ::std::sync::Arc::make_mut(&mut self.defaults)
                            }

                            /// Sets the default request headers.
                            pub fn with_default_headers(mut self, headers: #headers) -> Self {
                                self.defaults = ::std::sync::Arc::new(headers);
                                self
                            }
                        },
                    )
                }
                None => (quote!(), quote!(), quote!()),
            };
        let debug_defaults = if self.uniform_request_headers(port).is_some() {
            quote!(.field("default_headers", &self.defaults))
        } else {
            quote!()
        };
        let address = match &port.address {
            Some(address) => quote!(__rt::Some(#address)),
            None => quote!(__rt::None),
        };
        let trait_doc = {
            let mut text = port.docs.clone().unwrap_or_default();
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&format!(
                "The operations of port type `{}`, implemented by [`{}`] (a client) and by your own types, which [`{}`] serves over HTTP.",
                port.port_type, port.client_name, port.server_name
            ));
            doc_attrs(&text)
        };
        let client_doc = format!(
            " A client of `{}` (binding `{}`): calls go over a [`__rt::Transport`], HTTP by default. Cloning it is cheap (the default headers are shared until one clone changes them), so tasks can each have one.",
            port.port_type, port.binding
        );
        let server_adapter = self.server_adapter(module, port, &dispatch_arms);
        quote! {
            #(#header_types)*
            #(#fault_enums)*

            #trait_doc
            pub trait #trait_name: ::core::marker::Send + ::core::marker::Sync {
                #(#signatures)*
            }

            #[doc = #client_doc]
            #[derive(Clone)]
            pub struct #client<Tport = __rt::HttpTransport> {
                client: __rt::Client<Tport>,
                #defaults_field
            }

            impl #client<__rt::HttpTransport> {
                /// A client of `endpoint` over HTTP with default settings.
                pub fn new(endpoint: impl ::core::convert::Into<::std::string::String>) -> ::core::result::Result<Self, __rt::Error> {
                    __rt::Ok(Self::with_transport(endpoint, __rt::HttpTransport::new()?))
                }
            }

            impl<Tport: __rt::Transport> #client<Tport> {
                /// The address the WSDL gives for this binding, if any.
                pub const WSDL_ADDRESS: ::core::option::Option<&'static str> = #address;

                /// A client of `endpoint` over `transport`.
                pub fn with_transport(endpoint: impl ::core::convert::Into<::std::string::String>, transport: Tport) -> Self {
                    Self {
                        client: __rt::Client::new(endpoint, transport),
                        #defaults_init
                    }
                }

                #defaults_methods
            }

            impl<Tport> #client<Tport> {
                /// The endpoint URL.
                pub fn endpoint(&self) -> &str {
                    self.client.endpoint()
                }
            }

            impl<Tport> ::core::fmt::Debug for #client<Tport> {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.debug_struct(stringify!(#client))
                        .field("endpoint", &self.client.endpoint())
                        #debug_defaults
                        .finish()
                }
            }

            impl<Tport: __rt::Transport> #trait_name for #client<Tport> {
                #(#client_methods)*
            }

            #server_adapter
        }
    }

    /// The enum of an operation's typed faults, with conversions from and to `Error`.
    fn fault_enum(&self, op: &crate::ir::Operation) -> TokenStream {
        let Some(name) = &op.fault_enum else {
            return quote!();
        };
        let name = ident(name);
        let doc = format!(
            " The typed faults of operation `{}` (its `wsdl:fault`s).",
            op.name
        );
        let variants = op.faults.iter().map(|f| {
            let variant = ident(&f.rust_name);
            let ty = self.type_ident(f.type_id);
            let doc = format!(" Fault `{}`: detail element `{}`.", f.name, f.element.local);
            quote! {
                #[doc = #doc]
                #variant(#ty),
            }
        });
        let decodes = op.faults.iter().map(|f| {
            let variant = ident(&f.rust_name);
            let ty = self.type_ident(f.type_id);
            let ns = self.ns(&f.element.ns);
            let local = &f.element.local;
            quote! {
                if let __rt::Some(detail) = fault.detail_element::<#ty>(#ns, #local) {
                    return __rt::Some(detail.map(Self::#variant));
                }
            }
        });
        let encodes = op.faults.iter().map(|f| {
            let variant = ident(&f.rust_name);
            let ns = self.ns(&f.element.ns);
            let local = &f.element.local;
            quote!(Self::#variant(detail) => fault.with_detail_element(#ns, #local, detail),)
        });
        quote! {
            #[doc = #doc]
            #[derive(Debug, Clone, PartialEq)]
            pub enum #name {
                #(#variants)*
            }

            impl #name {
                /// The typed fault `error` carries, if it is a SOAP fault whose detail holds one
                /// of these elements (or the decode error of that detail).
                pub fn from_error(error: &__rt::Error) -> ::core::option::Option<::core::result::Result<Self, __rt::DecodeError>> {
                    let fault = error.fault()?;
                    #(#decodes)*
                    __rt::None
                }

                /// The error a server implementation returns to answer with this fault.
                pub fn into_error(self, reason: impl ::core::convert::Into<::std::string::String>) -> __rt::Error {
                    let fault = __rt::Fault::new(__rt::SoapVersion::Soap11, __rt::FaultBlame::Receiver, reason);
                    let fault = match &self {
                        #(#encodes)*
                    };
                    match fault {
                        __rt::Ok(fault) => __rt::From::from(fault),
                        __rt::Err(error) => __rt::From::from(error),
                    }
                }
            }
        }
    }

    /// The request header struct every operation of `port` uses, if they all use the same.
    fn uniform_request_headers<'p>(&self, port: &'p Port) -> Option<&'p str> {
        let first = port.operations.first()?.input.headers_type.as_deref()?;
        port.operations
            .iter()
            .all(|op| op.input.headers_type.as_deref() == Some(first))
            .then_some(first)
    }
}

/// A field as a redacting `Debug` implementation shows it.
pub(super) struct DebugField {
    /// The Rust field name.
    pub(super) field: String,
    /// Whether its value is shown as `<redacted>`.
    pub(super) secret: bool,
    /// Whether it is an `Option` (a `None` is still shown as `None`).
    pub(super) optional: bool,
}
