//! SOAP 1.1 and 1.2 envelopes: writing a body with its headers or a fault, and reading
//! either version back into typed headers and a body or a [`Fault`].

use crate::codec::{XS_NS, XmlType};
use crate::encoding::{SOAPENC_NS, inline_references};
use crate::fault::{Fault, SOAP11_ENV_NS, SOAP12_ENV_NS};
use crate::headers::HeaderSet;
use crate::operation::{BodyUse, ElementName, SoapVersion};
use crate::types::{AnyXml, QName};
use crate::xml::{
    DecodeError, DecodeErrorKind, EncodeError, ReaderConfig, XSI_NS, XmlReader, XmlWriter,
};

/// The namespace of `xml:lang`.
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// What the body of a received envelope holds.
#[derive(Debug)]
pub enum Body<B> {
    /// The expected body element.
    Element(B),
    /// A fault.
    Fault(Box<Fault>),
}

/// A received envelope.
#[derive(Debug)]
pub struct Envelope<H, B> {
    /// The envelope's version.
    pub version: SoapVersion,
    /// The headers this side knows; others are skipped.
    pub headers: H,
    /// The body element or the fault.
    pub body: Body<B>,
}

/// The version whose envelope namespace is `ns`.
pub fn version_of(ns: &str) -> Option<SoapVersion> {
    match ns {
        SOAP11_ENV_NS => Some(SoapVersion::Soap11),
        SOAP12_ENV_NS => Some(SoapVersion::Soap12),
        _ => None,
    }
}

fn start_envelope(w: &mut XmlWriter, version: SoapVersion) -> Result<&'static str, EncodeError> {
    let env = version.envelope_namespace();
    w.declaration();
    w.declare("s", env)?;
    w.start(env, "Envelope")?;
    Ok(env)
}

/// Writes an envelope holding `headers` and `body` as element `element`; an empty
/// `element` (see [`ElementName::EMPTY_BODY`]) writes an empty body.
pub fn write_envelope<H: HeaderSet, B: XmlType>(
    version: SoapVersion,
    headers: &H,
    element: &ElementName,
    body: &B,
) -> Result<Vec<u8>, EncodeError> {
    write_envelope_in(BodyUse::Literal, version, headers, element, body)
}

/// [`write_envelope`] in `body_use`. A SOAP-encoded envelope names the encoding in its
/// `encodingStyle`, declares the `xsi`, `xsd` and `soapenc` prefixes on itself, and every
/// element of a type with a schema name carries it as `xsi:type`.
pub fn write_envelope_in<H: HeaderSet, B: XmlType>(
    body_use: BodyUse,
    version: SoapVersion,
    headers: &H,
    element: &ElementName,
    body: &B,
) -> Result<Vec<u8>, EncodeError> {
    let mut w = XmlWriter::with_buffer(Vec::with_capacity(1024));
    let env = match body_use {
        BodyUse::Literal => start_envelope(&mut w, version)?,
        BodyUse::Encoded => {
            for (prefix, ns) in [("xsi", XSI_NS), ("xsd", XS_NS), ("soapenc", SOAPENC_NS)] {
                w.declare(prefix, ns)?;
            }
            let env = start_envelope(&mut w, version)?;
            w.attribute(env, "encodingStyle", SOAPENC_NS)?;
            w.write_xsi_types(true);
            env
        }
    };
    if !headers.is_empty() {
        w.start(env, "Header")?;
        headers.write_headers(&mut w)?;
        w.end()?;
    }
    w.start(env, "Body")?;
    if !element.is_empty_body() {
        w.element(element.namespace, element.local_name, body)?;
    }
    w.end()?;
    w.end()?;
    Ok(w.into_inner())
}

/// The value of a message without parts: the content of an empty element, read as `B`
/// (an empty struct or `()`).
fn empty_body<B: XmlType>(config: &ReaderConfig) -> Result<B, DecodeError> {
    let mut r = XmlReader::with_config(b"<Body/>", config.clone())?;
    r.next_child()?;
    B::read_content(&mut r)
}

/// Writes an envelope holding `fault`, in the fault's version.
pub fn write_fault(fault: &Fault) -> Result<Vec<u8>, EncodeError> {
    let mut w = XmlWriter::new();
    let env = start_envelope(&mut w, fault.version)?;
    w.start(env, "Body")?;
    w.start(env, "Fault")?;
    match fault.version {
        SoapVersion::Soap11 => {
            w.element("", "faultcode", &fault.code)?;
            w.element("", "faultstring", &fault.reason)?;
            if let Some(actor) = &fault.actor {
                w.element("", "faultactor", actor)?;
            }
            if let Some(detail) = &fault.detail {
                w.element("", "detail", detail)?;
            }
        }
        SoapVersion::Soap12 => {
            w.start(env, "Code")?;
            w.element(env, "Value", &fault.code)?;
            for subcode in &fault.subcodes {
                w.start(env, "Subcode")?;
                w.element(env, "Value", subcode)?;
            }
            for _ in &fault.subcodes {
                w.end()?;
            }
            w.end()?;
            w.start(env, "Reason")?;
            w.start(env, "Text")?;
            w.attribute(XML_NS, "lang", "en")?;
            w.text(&fault.reason)?;
            w.end()?;
            w.end()?;
            if let Some(node) = &fault.node {
                w.element(env, "Node", node)?;
            }
            if let Some(role) = &fault.actor {
                w.element(env, "Role", role)?;
            }
            if let Some(detail) = &fault.detail {
                w.element(env, "Detail", detail)?;
            }
        }
    }
    w.end()?;
    w.end()?;
    w.end()?;
    Ok(w.into_inner())
}

/// Opens the root and checks that it is a SOAP envelope of either version.
fn open_envelope(r: &mut XmlReader<'_>) -> Result<(SoapVersion, &'static str), DecodeError> {
    let root = r.next_child()?.ok_or_else(|| {
        r.error(DecodeErrorKind::MissingElement {
            name: "Envelope".to_owned(),
        })
    })?;
    let version = (root.local_name == "Envelope")
        .then(|| version_of(r.namespace(root.ns)))
        .flatten()
        .ok_or_else(|| {
            r.error(DecodeErrorKind::UnexpectedElement {
                expected: "a SOAP 1.1 or 1.2 Envelope".to_owned(),
                found: format!("{{{}}}{}", r.namespace(root.ns), root.local_name),
            })
        })?;
    Ok((version, version.envelope_namespace()))
}

/// The version and the first body element's name, without decoding anything else; for
/// routing a request whose SOAP action is missing. An empty body gives an empty namespace
/// and name (those of [`ElementName::EMPTY_BODY`]).
pub fn peek_body_element(
    xml: &[u8],
    config: &ReaderConfig,
) -> Result<(SoapVersion, String, String), DecodeError> {
    let mut r = XmlReader::with_config(xml, config.clone())?;
    let (version, env) = open_envelope(&mut r)?;
    while let Some(child) = r.next_child()? {
        if child.local_name == "Body" && r.ns_is(child.ns, env) {
            return match r.next_child()? {
                Some(element) => Ok((
                    version,
                    r.namespace(element.ns).to_owned(),
                    element.local_name.to_owned(),
                )),
                None => Ok((version, String::new(), String::new())),
            };
        }
        r.skip()?;
    }
    Err(r.error(DecodeErrorKind::MissingElement {
        name: "Body".to_owned(),
    }))
}

/// [`read_envelope`] of a message in `body_use`: multi-reference values of a SOAP-encoded
/// one are put in place first ([`crate::encoding::inline_references`]).
pub fn read_envelope_in<H: HeaderSet, B: XmlType>(
    body_use: BodyUse,
    xml: &[u8],
    element: &ElementName,
    config: &ReaderConfig,
) -> Result<Envelope<H, B>, DecodeError> {
    match body_use {
        BodyUse::Literal => read_envelope(xml, element, config),
        BodyUse::Encoded => match inline_references(xml, config)? {
            Some(inlined) => read_envelope(&inlined, element, config),
            None => read_envelope(xml, element, config),
        },
    }
}

/// Reads an envelope of either version whose body holds `element` (decoded as `B`) or a
/// fault. Unknown headers and anything after the body element are skipped. For an empty
/// `element` ([`ElementName::EMPTY_BODY`]) the body holds nothing but maybe a fault;
/// elements in it are skipped.
pub fn read_envelope<H: HeaderSet, B: XmlType>(
    xml: &[u8],
    element: &ElementName,
    config: &ReaderConfig,
) -> Result<Envelope<H, B>, DecodeError> {
    let mut r = XmlReader::with_config(xml, config.clone())?;
    let (version, env) = open_envelope(&mut r)?;
    let mut headers = H::default();
    let mut body = None;
    while let Some(child) = r.next_child()? {
        if !r.ns_is(child.ns, env) {
            r.skip()?;
            continue;
        }
        match child.local_name {
            "Header" if body.is_none() => {
                while let Some(header) = r.next_child()? {
                    if !headers.read_header(&mut r, header)? {
                        r.skip()?;
                    }
                }
            }
            "Body" if body.is_none() => {
                let Some(first) = r.next_child()? else {
                    if element.is_empty_body() {
                        body = Some(Body::Element(empty_body::<B>(config)?));
                        continue;
                    }
                    return Err(r.error(DecodeErrorKind::MissingElement {
                        name: element.local_name.to_owned(),
                    }));
                };
                if first.local_name == "Fault" && r.ns_is(first.ns, env) {
                    body = Some(Body::Fault(Box::new(read_fault(&mut r, version)?)));
                } else if element.is_empty_body() {
                    r.skip()?;
                    body = Some(Body::Element(empty_body::<B>(config)?));
                } else if first.local_name == element.local_name
                    && r.ns_is(first.ns, element.namespace)
                {
                    body = Some(Body::Element(r.read::<B>()?));
                } else {
                    return Err(r.error(DecodeErrorKind::UnexpectedElement {
                        expected: format!("{{{}}}{}", element.namespace, element.local_name),
                        found: format!("{{{}}}{}", r.namespace(first.ns), first.local_name),
                    }));
                }
                while r.next_child()?.is_some() {
                    r.skip()?;
                }
            }
            _ => r.skip()?,
        }
    }
    let body = body.ok_or_else(|| {
        r.error(DecodeErrorKind::MissingElement {
            name: "Body".to_owned(),
        })
    })?;
    r.finish()?;
    Ok(Envelope {
        version,
        headers,
        body,
    })
}

/// Reads the `Fault` element `r` has just opened.
fn read_fault(r: &mut XmlReader<'_>, version: SoapVersion) -> Result<Fault, DecodeError> {
    let mut fault = Fault::new(version, crate::fault::FaultBlame::Receiver, "");
    let mut code = None;
    while let Some(child) = r.next_child()? {
        match (version, child.local_name) {
            (SoapVersion::Soap11, "faultcode") => code = Some(r.read::<QName>()?),
            (SoapVersion::Soap11, "faultstring") => fault.reason = r.read_text()?.into_owned(),
            (SoapVersion::Soap11, "faultactor") => fault.actor = Some(r.read_text()?.into_owned()),
            (SoapVersion::Soap11, "detail") | (SoapVersion::Soap12, "Detail") => {
                fault.detail = Some(r.read::<AnyXml>()?);
            }
            (SoapVersion::Soap12, "Code") => {
                let mut codes = Vec::new();
                read_code(r, &mut codes)?;
                let mut codes = codes.into_iter();
                code = codes.next();
                fault.subcodes = codes.collect();
            }
            (SoapVersion::Soap12, "Reason") => {
                let mut first = None;
                while r.next_child()?.is_some() {
                    let text = r.read_text()?.into_owned();
                    first.get_or_insert(text);
                }
                fault.reason = first.unwrap_or_default();
            }
            (SoapVersion::Soap12, "Node") => fault.node = Some(r.read_text()?.into_owned()),
            (SoapVersion::Soap12, "Role") => fault.actor = Some(r.read_text()?.into_owned()),
            _ => r.skip()?,
        }
    }
    fault.code = code.ok_or_else(|| {
        r.error(DecodeErrorKind::MissingElement {
            name: match version {
                SoapVersion::Soap11 => "faultcode".to_owned(),
                SoapVersion::Soap12 => "Code".to_owned(),
            },
        })
    })?;
    Ok(fault)
}

/// Reads a SOAP 1.2 `Code` or `Subcode`: its `Value`, then nested subcodes.
fn read_code(r: &mut XmlReader<'_>, codes: &mut Vec<QName>) -> Result<(), DecodeError> {
    while let Some(child) = r.next_child()? {
        match child.local_name {
            "Value" => codes.push(r.read::<QName>()?),
            "Subcode" => read_code(r, codes)?,
            _ => r.skip()?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fault::FaultBlame;

    const BODY: ElementName = ElementName {
        namespace: "urn:t",
        local_name: "Echo",
    };

    #[test]
    fn writes_and_reads_both_versions() {
        for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
            let xml = write_envelope(version, &(), &BODY, &"hi & bye".to_owned()).unwrap();
            let envelope: Envelope<(), String> =
                read_envelope(&xml, &BODY, &ReaderConfig::default()).unwrap();
            assert_eq!(envelope.version, version);
            assert!(matches!(envelope.body, Body::Element(ref s) if s == "hi & bye"));
            let (peeked_version, ns, local) =
                peek_body_element(&xml, &ReaderConfig::default()).unwrap();
            assert_eq!(
                (peeked_version, ns.as_str(), local.as_str()),
                (version, "urn:t", "Echo")
            );
        }
    }

    #[test]
    fn an_empty_body_is_written_read_and_peeked() {
        let empty = ElementName::EMPTY_BODY;
        for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
            let xml = write_envelope(version, &(), &empty, &()).unwrap();
            let text = String::from_utf8(xml.clone()).unwrap();
            assert!(
                text.contains("<s:Body/>") || text.contains("<s:Body></s:Body>"),
                "{text}"
            );
            let envelope: Envelope<(), ()> =
                read_envelope(&xml, &empty, &ReaderConfig::default()).unwrap();
            assert!(matches!(envelope.body, Body::Element(())));
            let (_, ns, local) = peek_body_element(&xml, &ReaderConfig::default()).unwrap();
            assert_eq!((ns.as_str(), local.as_str()), ("", ""));
            // An element where none is expected is skipped; none where one is, an error.
            let with_element = write_envelope(version, &(), &BODY, &"x".to_owned()).unwrap();
            let envelope: Envelope<(), ()> =
                read_envelope(&with_element, &empty, &ReaderConfig::default()).unwrap();
            assert!(matches!(envelope.body, Body::Element(())));
            let error =
                read_envelope::<(), String>(&xml, &BODY, &ReaderConfig::default()).unwrap_err();
            assert!(error.to_string().contains("Echo"), "{error}");
        }
    }

    #[test]
    fn faults_round_trip_in_both_versions() {
        for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
            let mut fault = Fault::new(version, FaultBlame::Sender, "bad <input>");
            fault.actor = Some("urn:actor".to_owned());
            fault.detail = Some(AnyXml::text("more"));
            if version == SoapVersion::Soap12 {
                fault.subcodes = vec![
                    QName::new("urn:app", "Validation"),
                    QName::new("urn:app", "Range"),
                ];
                fault.node = Some("urn:node".to_owned());
            }
            let xml = write_fault(&fault).unwrap();
            let envelope: Envelope<(), String> =
                read_envelope(&xml, &BODY, &ReaderConfig::default()).unwrap();
            let Body::Fault(read) = envelope.body else {
                panic!("no fault read from {}", String::from_utf8_lossy(&xml));
            };
            assert_eq!(*read, fault);
            assert_eq!(read.blame(), Some(FaultBlame::Sender));
        }
    }

    #[test]
    fn reads_a_foreign_soap11_fault() {
        let xml = br#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>
            <faultcode>soap:Server</faultcode><faultstring>boom</faultstring>
            <detail><e:Err xmlns:e="urn:e">42</e:Err></detail></soap:Fault></soap:Body></soap:Envelope>"#;
        let envelope: Envelope<(), String> =
            read_envelope(xml, &BODY, &ReaderConfig::default()).unwrap();
        let Body::Fault(fault) = envelope.body else {
            panic!()
        };
        assert_eq!(fault.code, QName::new(SOAP11_ENV_NS, "Server"));
        assert_eq!(fault.reason, "boom");
        assert_eq!(fault.blame(), Some(FaultBlame::Receiver));
        assert!(fault.detail.is_some());
    }

    #[test]
    fn rejects_non_envelopes_and_wrong_bodies() {
        let err = read_envelope::<(), String>(
            b"<html><body>Error</body></html>",
            &BODY,
            &ReaderConfig::default(),
        )
        .unwrap_err();
        assert!(
            matches!(err.kind(), DecodeErrorKind::UnexpectedElement { .. }),
            "{err}"
        );
        let xml = write_envelope(
            SoapVersion::Soap11,
            &(),
            &ElementName {
                namespace: "urn:t",
                local_name: "Other",
            },
            &1i32,
        )
        .unwrap();
        let err = read_envelope::<(), String>(&xml, &BODY, &ReaderConfig::default()).unwrap_err();
        assert_eq!(err.path(), "/Envelope/Body/Other");
    }
}
