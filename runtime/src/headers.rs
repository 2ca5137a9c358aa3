//! SOAP header sets: the typed headers of a request or a response, generated from the
//! binding's `soap:header` parts.

use crate::error::ServiceFailure;
use crate::xml::{Child, DecodeError, EncodeError, XmlReader, XmlWriter};

/// The typed SOAP headers of one direction of an operation.
pub trait HeaderSet: Default + Send + Sync + 'static {
    /// Writes every header that is set, as children of `soap:Header`.
    fn write_headers(&self, w: &mut XmlWriter) -> Result<(), EncodeError>;

    /// Decodes `child` (a child of `soap:Header` that `r` has just opened) if it is one of
    /// these headers; returns `false`, consuming nothing, if it is not.
    fn read_header(&mut self, r: &mut XmlReader<'_>, child: Child<'_>)
    -> Result<bool, DecodeError>;

    /// Whether no header is set (then no `soap:Header` is written).
    fn is_empty(&self) -> bool;

    /// Fills every header not set here from `defaults` (a client's default request headers).
    fn fill_from(&mut self, defaults: &Self);

    /// The failure these response headers report, for services that report failures in
    /// headers (as SuperOffice does with `Succeeded` and `ExceptionInfo`).
    fn service_failure(&self) -> Option<ServiceFailure> {
        None
    }
}

impl HeaderSet for () {
    fn write_headers(&self, _w: &mut XmlWriter) -> Result<(), EncodeError> {
        Ok(())
    }

    fn read_header(
        &mut self,
        _r: &mut XmlReader<'_>,
        _child: Child<'_>,
    ) -> Result<bool, DecodeError> {
        Ok(false)
    }

    fn is_empty(&self) -> bool {
        true
    }

    fn fill_from(&mut self, _defaults: &Self) {}
}
