//! A transport that hands requests straight to a server implementation: the real encode and
//! decode paths on both sides, without sockets.

use std::sync::Arc;

use bytes::Bytes;

use super::Transport;
use crate::error::TransportError;
use crate::server::{SoapService, handle};
use crate::xml::ReaderConfig;

/// Calls a [`SoapService`] (a generated server adapter) in the same process.
#[derive(Debug)]
pub struct InProcessTransport<S> {
    service: Arc<S>,
    reader: ReaderConfig,
}

impl<S> Clone for InProcessTransport<S> {
    fn clone(&self) -> Self {
        InProcessTransport {
            service: Arc::clone(&self.service),
            reader: self.reader.clone(),
        }
    }
}

impl<S: SoapService> InProcessTransport<S> {
    /// A transport to `service`.
    pub fn new(service: S) -> Self {
        InProcessTransport {
            service: Arc::new(service),
            reader: ReaderConfig::default(),
        }
    }
}

impl<S: SoapService> Transport for InProcessTransport<S> {
    async fn send(
        &self,
        request: ::http::Request<Bytes>,
    ) -> Result<::http::Response<Bytes>, TransportError> {
        Ok(handle(&*self.service, &self.reader, request).await)
    }
}
