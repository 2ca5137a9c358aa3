//! The client's response reader: bytes decoded as the response envelope of several operations
//! with rich types, with a round-trip oracle; one of them also SOAP-encoded (multi-reference
//! values put in place, `xsi:type` on every element written).

use std::fmt::Debug;

use soap_runtime::codec::XmlType;
use soap_runtime::envelope::{Body, Envelope, read_envelope_in, write_envelope_in, write_fault};
use soap_runtime::headers::HeaderSet;
use soap_runtime::operation::{BodyUse, ElementName, OperationInfo};
use soap_runtime::xml::ReaderConfig;
use superoffice_services87::customer_service as cs;
use superoffice_services87::so_principal as sp;

/// The response element of `op`.
pub fn output(op: &OperationInfo) -> ElementName {
    op.output
        .expect("the fuzzed operations are request-response")
}

/// Decodes `data` as the response of every fuzzed operation.
pub fn run(data: &[u8]) {
    round_trip::<cs::CustomerServiceResponseHeaders, cs::GetAllCustomerCenterConfigsResponse>(
        data,
        &output(&cs::GET_ALL_CUSTOMER_CENTER_CONFIGS),
    );
    round_trip::<cs::CustomerServiceResponseHeaders, cs::GetStatisticsResponse>(
        data,
        &output(&cs::GET_STATISTICS),
    );
    round_trip::<sp::SoPrincipalResponseHeaders, sp::AuthenticateResponse>(
        data,
        &output(&sp::AUTHENTICATE_USERNAME_PASSWORD),
    );
    round_trip::<sp::SoPrincipalResponseHeaders, sp::GetSystemInfoResponse>(
        data,
        &output(&sp::GET_SYSTEM_INFO),
    );
    round_trip_in::<cs::CustomerServiceResponseHeaders, cs::GetStatisticsResponse>(
        BodyUse::Encoded,
        data,
        &output(&cs::GET_STATISTICS),
    );
}

/// [`round_trip_in`] of a literal message.
pub fn round_trip<H, B>(data: &[u8], element: &ElementName)
where
    H: HeaderSet + PartialEq + Debug,
    B: XmlType + PartialEq + Debug,
{
    round_trip_in::<H, B>(BodyUse::Literal, data, element);
}

/// Decodes `data` as an envelope in `body_use` whose body is `element`; if that succeeds,
/// writes the decoded value (or fault) again, decodes that and checks that both decodings
/// are equal.
pub fn round_trip_in<H, B>(body_use: BodyUse, data: &[u8], element: &ElementName)
where
    H: HeaderSet + PartialEq + Debug,
    B: XmlType + PartialEq + Debug,
{
    let config = ReaderConfig::default();
    let Ok(first) = read_envelope_in::<H, B>(body_use, data, element, &config) else {
        return;
    };
    let xml = match &first.body {
        Body::Element(body) => {
            write_envelope_in(body_use, first.version, &first.headers, element, body)
                .unwrap_or_else(|e| {
                    panic!(
                        "a decoded <{}> could not be written again: {e}\ndecoded: {first:?}",
                        element.local_name
                    )
                })
        }
        Body::Fault(fault) => write_fault(fault).unwrap_or_else(|e| {
            panic!("a decoded fault could not be written again: {e}\ndecoded: {fault:?}")
        }),
    };
    let second: Envelope<H, B> = read_envelope_in(body_use, &xml, element, &config).unwrap_or_else(|e| {
        panic!(
            "what was written from a decoded <{}> does not decode: {e}\nwritten: {}\ndecoded first: {first:?}",
            element.local_name,
            String::from_utf8_lossy(&xml)
        )
    });
    assert_eq!(
        second.version, first.version,
        "the envelope version changed"
    );
    // NaN is not equal to itself; such values are checked for decoding only.
    let debug = format!("{first:?}");
    if debug.contains("NaN") {
        return;
    }
    let written = String::from_utf8_lossy(&xml);
    match (&first.body, &second.body) {
        (Body::Element(a), Body::Element(b)) => {
            assert_eq!(a, b, "the body changed in a round trip; written: {written}");
            assert_eq!(
                first.headers, second.headers,
                "the headers changed in a round trip; written: {written}"
            );
        }
        (Body::Fault(a), Body::Fault(b)) => {
            assert_eq!(
                a, b,
                "the fault changed in a round trip; written: {written}"
            );
        }
        _ => panic!("a body became a fault or the reverse; written: {written}"),
    }
}
