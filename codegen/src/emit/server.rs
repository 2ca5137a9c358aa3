//! The server adapter of each port: a `tower::Service` of HTTP requests that routes each
//! call by its operation's name to the implementation of the operation trait, knows the path
//! of its WSDL address, and answers `?wsdl` with the embedded WSDL.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Ctx, ident};
use crate::ir::Port;

impl Ctx<'_> {
    /// The server adapter of `port` (of module `module`), whose `dispatch` matches on
    /// `dispatch_arms`, one per operation.
    pub(super) fn server_adapter(
        &self,
        module: usize,
        port: &Port,
        dispatch_arms: &[TokenStream],
    ) -> TokenStream {
        let trait_name = ident(&port.trait_name);
        let server = ident(&port.server_name);
        let all_ops = ident(&port.operations_const);
        let path = port.address.as_deref().map_or("/", address_path);
        let wsdl = self.embedded_wsdl(module).map(|file| {
            quote! {
                fn wsdl(&self) -> ::core::option::Option<&'static str> {
                    __rt::Some(::core::include_str!(#file))
                }
            }
        });
        let path_doc = match &port.address {
            Some(address) => format!(
                " The path of the WSDL's address of this port, `{address}`: where to mount the server."
            ),
            None => {
                " The path to mount the server at: `/`, as the WSDL gives this port no address."
                    .to_owned()
            }
        };
        let server_doc = format!(
            " Serves any implementation of [`{}`]: routes by SOAP action (else by the body element) to the operation of that name, answers faults for errors. A `tower::Service` of HTTP requests: mount it in an axum `Router` at its [`path`](Self::path), run it under hyper, or serve it with `soap_runtime::HttpServer`; `soap_runtime::InProcessTransport` calls it without sockets.",
            port.trait_name
        );
        quote! {
            #[doc = #server_doc]
            #[derive(Debug)]
            pub struct #server<Impl> {
                service: ::std::sync::Arc<Impl>,
                config: ::std::sync::Arc<__rt::ServerConfig>,
            }

            impl<Impl> #server<Impl> {
                /// Serves `service`, with the default limits.
                pub fn new(service: Impl) -> Self {
                    Self::from_arc(::std::sync::Arc::new(service))
                }

                /// Serves a shared `service`.
                pub fn from_arc(service: ::std::sync::Arc<Impl>) -> Self {
                    Self { service, config: __rt::Default::default() }
                }

                /// The request body and reader limits this adapter applies as a `tower::Service`.
                pub fn with_config(mut self, config: __rt::ServerConfig) -> Self {
                    self.config = ::std::sync::Arc::new(config);
                    self
                }

                /// The implementation.
                pub fn get_ref(&self) -> &Impl {
                    &self.service
                }

                #[doc = #path_doc]
                pub fn path(&self) -> &'static str {
                    #path
                }
            }

            impl<Impl> ::core::clone::Clone for #server<Impl> {
                fn clone(&self) -> Self {
                    Self {
                        service: ::std::sync::Arc::clone(&self.service),
                        config: ::std::sync::Arc::clone(&self.config),
                    }
                }
            }

            impl<Impl: #trait_name + 'static> __rt::SoapService for #server<Impl> {
                fn operations(&self) -> &'static [__rt::OperationInfo] {
                    #all_ops
                }

                async fn dispatch(&self, call: __rt::IncomingCall) -> __rt::http::Response<__rt::Bytes> {
                    match call.operation().name {
                        #(#dispatch_arms)*
                        _ => call.no_such_operation(),
                    }
                }

                #wsdl
            }

            impl<Impl: #trait_name + 'static, B: __rt::RequestBody> __rt::tower_service::Service<__rt::http::Request<B>> for #server<Impl> {
                type Response = __rt::http::Response<__rt::ResponseBody>;
                type Error = ::core::convert::Infallible;
                type Future = __rt::ServeFuture;

                fn poll_ready(&mut self, _: &mut ::core::task::Context<'_>) -> ::core::task::Poll<::core::result::Result<(), Self::Error>> {
                    ::core::task::Poll::Ready(__rt::Ok(()))
                }

                fn call(&mut self, request: __rt::http::Request<B>) -> Self::Future {
                    __rt::serve_owned(__rt::Clone::clone(self), ::std::sync::Arc::clone(&self.config), request)
                }
            }
        }
    }
}

/// The path of a `soap:address` location: what follows the scheme and authority, without a
/// query or fragment; `/` when that is empty.
fn address_path(address: &str) -> &str {
    let after_scheme = address.split_once("://").map_or(address, |(_, rest)| rest);
    let before_query = after_scheme.split(['?', '#']).next().unwrap_or("");
    match before_query.find('/') {
        Some(at) => &before_query[at..],
        None => "/",
    }
}

#[cfg(test)]
mod tests {
    use super::address_path;

    #[test]
    fn address_path_keeps_what_follows_the_authority() {
        let cases = [
            (
                "https://sod.superoffice.com/Cust1/Remote/Services87/Contact.svc",
                "/Cust1/Remote/Services87/Contact.svc",
            ),
            ("http://localhost:8080/ws?x=1#top", "/ws"),
            ("http://localhost:8080", "/"),
            ("http://localhost:8080?wsdl", "/"),
            ("http://localhost:8080?next=/a", "/"),
            ("/relative/path", "/relative/path"),
            ("", "/"),
        ];
        for (address, path) in cases {
            assert_eq!(address_path(address), path, "{address}");
        }
    }
}
