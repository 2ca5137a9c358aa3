//! Envelope throughput (bytes/s): our reader and writer against quick-xml's plain and
//! namespace-resolving scans of the same bytes, one group per payload:
//!
//! - `session_is_valid_request`: the `SessionIsValid` request with its `ApplicationToken`,
//!   `Credentials` and `TimeZone` headers;
//! - `session_is_valid_response`: its answer with `Succeeded` and `TimeZone` headers;
//! - `configs_{1,100,10000,100000}`: `GetAllCustomerCenterConfigs` responses with every
//!   field filled;
//! - `many_namespaces`: envelopes of 10,000 and 40,000 header elements each declaring its own
//!   namespace, and of 40,000 elements under 5,000 prefixes in scope; time per byte should not
//!   grow with the count (it grew with its square before the reader kept hash maps).
//!
//! `cargo bench -p bench` (short runs: `-- --warm-up-time 1 --measurement-time 3`; one
//! group: `-- configs_10000/`).

use std::hint::black_box;

use criterion::{
    BenchmarkGroup, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
    measurement::WallTime,
};
use soap_runtime::HeaderSet;
use soap_runtime::codec::XmlType;
use soap_runtime::envelope::{Body, Envelope, read_envelope, write_envelope};
use soap_runtime::operation::OperationInfo;
use soap_runtime::xml::ReaderConfig;
use superoffice_services87::customer_service as cs;

/// Adds the two quick-xml scans of `xml` to `group`.
fn scans(group: &mut BenchmarkGroup<'_, WallTime>, xml: &[u8]) {
    group.bench_function("quick_xml_scan", |b| {
        b.iter(|| bench::scan_plain(black_box(xml)))
    });
    group.bench_function("quick_xml_ns_scan", |b| {
        b.iter(|| bench::scan_ns(black_box(xml)))
    });
}

/// One group: read and write of an envelope of operation `op` (its response if `response`)
/// with `headers` and `body`, and the scans of the same bytes.
fn envelope_group<H, B>(
    c: &mut Criterion,
    name: &str,
    (op, response): (&OperationInfo, bool),
    headers: &H,
    body: &B,
    large: bool,
) where
    H: HeaderSet + PartialEq + std::fmt::Debug,
    B: XmlType + PartialEq + std::fmt::Debug,
{
    let version = op.soap_version;
    let element = &if response {
        op.output.unwrap_or(op.input)
    } else {
        op.input
    };
    let xml = write_envelope(version, headers, element, body).unwrap_or_else(|e| panic!("{e}"));
    // The payload reads back to what was written: the benchmark measures a faithful read.
    let back: Envelope<H, B> =
        read_envelope(&xml, element, &ReaderConfig::default()).unwrap_or_else(|e| panic!("{e}"));
    assert!(&back.headers == headers, "{name}: headers differ");
    assert!(
        matches!(&back.body, Body::Element(b) if b == body),
        "{name}: body differs"
    );
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(xml.len() as u64));
    if large {
        // Ten samples of one call each; 100,000 configs take most of a second a read.
        group.sample_size(10);
        group.sampling_mode(SamplingMode::Flat);
        if xml.len() > 100_000_000 {
            group.measurement_time(std::time::Duration::from_secs(10));
        }
    }
    scans(&mut group, &xml);
    group.bench_function("read", |b| {
        b.iter(|| {
            let envelope: Envelope<H, B> =
                read_envelope(black_box(&xml), element, &ReaderConfig::default())
                    .unwrap_or_else(|e| panic!("{e}"));
            envelope
        })
    });
    group.bench_function("write", |b| {
        b.iter(|| {
            write_envelope(version, black_box(headers), element, black_box(body))
                .unwrap_or_else(|e| panic!("{e}"))
        })
    });
    group.finish();
}

fn session_is_valid(c: &mut Criterion) {
    let info = cs::SESSION_IS_VALID;
    envelope_group(
        c,
        "session_is_valid_request",
        (&info, false),
        &bench::session_request_headers(),
        &bench::session_request(),
        false,
    );
    envelope_group(
        c,
        "session_is_valid_response",
        (&info, true),
        &bench::session_response_headers(),
        &bench::session_response(),
        false,
    );
}

fn configs(c: &mut Criterion) {
    let info = cs::GET_ALL_CUSTOMER_CENTER_CONFIGS;
    for count in [1usize, 100, 10_000, 100_000] {
        // The same bytes as `bench::configs_envelope(count)`, which compare and memory use.
        let body = bench::configs_response(count);
        envelope_group(
            c,
            &format!("configs_{count}"),
            (&info, true),
            &cs::CustomerServiceResponseHeaders::default(),
            &body,
            count >= 10_000,
        );
    }
}

/// An envelope whose header holds `count` elements, each declaring its own namespace, or,
/// with `prefixes`, declaring that many prefixes on the header and `count` elements using the
/// first one.
fn namespaces_envelope(count: usize, prefixes: usize) -> Vec<u8> {
    let mut xml = String::from(
        r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header"#,
    );
    for i in 0..prefixes {
        xml.push_str(&format!(r#" xmlns:p{i}="urn:n""#));
    }
    xml.push('>');
    for i in 0..count {
        if prefixes == 0 {
            xml.push_str(&format!(r#"<h xmlns="urn:n{i}"/>"#));
        } else {
            xml.push_str("<p0:c/>");
        }
    }
    xml.push_str(concat!(
        r#"</s:Header><s:Body><SessionIsValidResponse xmlns="http://www.superoffice.net/ws/crm/NetServer/Services87">"#,
        "<Response>true</Response></SessionIsValidResponse></s:Body></s:Envelope>"
    ));
    xml.into_bytes()
}

fn many_namespaces(c: &mut Criterion) {
    let info = cs::SESSION_IS_VALID;
    let element = info.output.unwrap_or(info.input);
    let config = ReaderConfig::default();
    let mut group = c.benchmark_group("many_namespaces");
    group.sample_size(10);
    for (name, count, prefixes) in [
        ("declarations_10000", 10_000, 0),
        ("declarations_40000", 40_000, 0),
        ("prefixes_5000_uses_40000", 40_000, 5_000),
    ] {
        let xml = namespaces_envelope(count, prefixes);
        group.throughput(Throughput::Bytes(xml.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                let envelope: Envelope<(), cs::SessionIsValidResponse> =
                    read_envelope(black_box(&xml), &element, &config)
                        .unwrap_or_else(|e| panic!("{e}"));
                matches!(envelope.body, Body::Element(_))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, session_is_valid, configs, many_namespaces);
criterion_main!(benches);
