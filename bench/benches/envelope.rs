//! Envelope throughput (bytes/s): our reader and writer against quick-xml's plain and
//! namespace-resolving scans of the same bytes, one group per payload:
//!
//! - `session_is_valid_request`: the `SessionIsValid` request with its `ApplicationToken`,
//!   `Credentials` and `TimeZone` headers;
//! - `session_is_valid_response`: its answer with `Succeeded` and `TimeZone` headers;
//! - `configs_{1,100,10000,100000}`: `GetAllCustomerCenterConfigs` responses with every
//!   field filled.
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

criterion_group!(benches, session_is_valid, configs);
criterion_main!(benches);
