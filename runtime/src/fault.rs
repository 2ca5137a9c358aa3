//! SOAP faults of both versions in one type.

use std::fmt;

use crate::operation::SoapVersion;
use crate::types::{AnyXml, QName};

/// The fault code namespace of SOAP 1.1 codes such as `Client` and `Server`.
pub const SOAP11_ENV_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";
/// The envelope namespace of SOAP 1.2 (also the namespace of its fault codes).
pub const SOAP12_ENV_NS: &str = "http://www.w3.org/2003/05/soap-envelope";

/// Who a fault blames.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultBlame {
    /// The request was wrong (SOAP 1.1 `Client`, SOAP 1.2 `Sender`).
    Sender,
    /// The service failed (SOAP 1.1 `Server`, SOAP 1.2 `Receiver`).
    Receiver,
}

/// A SOAP fault, from either version: SOAP 1.1 `faultcode`/`faultstring`/`faultactor`/`detail`
/// or SOAP 1.2 `Code`/`Subcode`/`Reason`/`Node`/`Role`/`Detail`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// The envelope version the fault arrived in (or is to be written in).
    pub version: SoapVersion,
    /// The fault code (`faultcode`, or `Code/Value`).
    pub code: QName,
    /// SOAP 1.2 subcodes, outermost first (SOAP 1.1 has none).
    pub subcodes: Vec<QName>,
    /// The human-readable reason (`faultstring`, or the first `Reason/Text`).
    pub reason: String,
    /// `faultactor` (1.1) or `Role` (1.2).
    pub actor: Option<String>,
    /// `Node` (1.2 only).
    pub node: Option<String>,
    /// The detail element's content, kept as XML.
    pub detail: Option<AnyXml>,
}

impl Fault {
    /// A fault blaming `blame`, with the standard code of `version`.
    pub fn new(version: SoapVersion, blame: FaultBlame, reason: impl Into<String>) -> Self {
        let code = match (version, blame) {
            (SoapVersion::Soap11, FaultBlame::Sender) => QName::new(SOAP11_ENV_NS, "Client"),
            (SoapVersion::Soap11, FaultBlame::Receiver) => QName::new(SOAP11_ENV_NS, "Server"),
            (SoapVersion::Soap12, FaultBlame::Sender) => QName::new(SOAP12_ENV_NS, "Sender"),
            (SoapVersion::Soap12, FaultBlame::Receiver) => QName::new(SOAP12_ENV_NS, "Receiver"),
        };
        Fault {
            version,
            code,
            subcodes: Vec::new(),
            reason: reason.into(),
            actor: None,
            node: None,
            detail: None,
        }
    }

    /// Moves the fault to `version`, translating a standard code of the other version
    /// (`Client` ↔ `Sender`, `Server` ↔ `Receiver`); other codes are kept.
    pub fn set_version(&mut self, version: SoapVersion) {
        if self.version == version {
            return;
        }
        let standard = self.code.namespace == SOAP11_ENV_NS || self.code.namespace == SOAP12_ENV_NS;
        if let (true, Some(blame)) = (standard, self.blame()) {
            self.code = Fault::new(version, blame, "").code;
        }
        self.version = version;
    }

    /// Decodes the detail's child element `{ns}local` as `T`, if the detail has one.
    pub fn detail_element<T: crate::codec::XmlType>(
        &self,
        ns: &str,
        local: &str,
    ) -> Option<Result<T, crate::xml::DecodeError>> {
        let detail = self.detail.as_ref()?;
        let element = detail.children.iter().find_map(|node| match node {
            crate::types::AnyNode::Element(e)
                if e.name.namespace == ns && e.name.local_name == local =>
            {
                Some(e)
            }
            _ => None,
        })?;
        let xml = match element.write_standalone() {
            Ok(xml) => xml,
            Err(error) => {
                return Some(Err(crate::xml::DecodeError::new(
                    crate::xml::DecodeErrorKind::Other(
                        "the fault detail cannot be re-read".to_owned(),
                    ),
                    "",
                    None,
                )
                .with_source(error)));
            }
        };
        Some(crate::codec::from_xml_as(&xml, ns, local))
    }

    /// Adds `value` as element `{ns}local` to the detail.
    pub fn with_detail_element<T: crate::codec::XmlType>(
        mut self,
        ns: &str,
        local: &str,
        value: &T,
    ) -> Result<Self, crate::xml::EncodeError> {
        let xml = crate::codec::to_xml_as(value, ns, local)?;
        let content: AnyXml = crate::codec::from_xml_as(&xml, ns, local).map_err(|e| {
            crate::xml::EncodeError::new(
                crate::xml::EncodeErrorKind::InvalidValue(e.to_string()),
                "",
            )
        })?;
        let element = crate::types::AnyElement {
            name: QName::new(ns, local),
            content,
        };
        self.detail
            .get_or_insert_with(AnyXml::default)
            .children
            .push(crate::types::AnyNode::Element(element));
        Ok(self)
    }

    /// Whom the code blames, when it is one of the standard codes.
    pub fn blame(&self) -> Option<FaultBlame> {
        if self.code.namespace != SOAP11_ENV_NS && self.code.namespace != SOAP12_ENV_NS {
            return None;
        }
        match self.code.local_name.as_str() {
            "Client" | "Sender" => Some(FaultBlame::Sender),
            "Server" | "Receiver" => Some(FaultBlame::Receiver),
            _ => None,
        }
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SOAP fault {}", self.code.local_name)?;
        for subcode in &self.subcodes {
            write!(f, "/{}", subcode.local_name)?;
        }
        write!(f, ": {}", self.reason)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_version_translates_standard_codes_only() {
        let mut fault = Fault::new(SoapVersion::Soap11, FaultBlame::Receiver, "x");
        fault.set_version(SoapVersion::Soap12);
        assert_eq!(fault.code, QName::new(SOAP12_ENV_NS, "Receiver"));
        fault.set_version(SoapVersion::Soap11);
        assert_eq!(fault.code, QName::new(SOAP11_ENV_NS, "Server"));
        let mut custom = Fault::new(SoapVersion::Soap11, FaultBlame::Sender, "x");
        custom.code = QName::new("urn:app", "Client");
        custom.set_version(SoapVersion::Soap12);
        assert_eq!(custom.code, QName::new("urn:app", "Client"));
        assert_eq!(custom.blame(), None);
    }
}
