//! Envelope throughput: our reader and writer against quick-xml's plain and
//! namespace-resolving scans of the same bytes.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use quick_xml::events::Event;
use soap_runtime::envelope::{Body, read_envelope, write_envelope};
use soap_runtime::xml::ReaderConfig;
use superoffice_services87::customer_service as cs;

fn scan_plain(xml: &[u8]) -> usize {
    let mut reader = quick_xml::Reader::from_str(std::str::from_utf8(xml).unwrap_or(""));
    let mut n = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) | Err(_) => return n,
            Ok(_) => n += 1,
        }
    }
}

fn scan_ns(xml: &[u8]) -> usize {
    let mut reader = quick_xml::NsReader::from_str(std::str::from_utf8(xml).unwrap_or(""));
    let mut n = 0;
    loop {
        match reader.read_resolved_event() {
            Ok((_, Event::Eof)) | Err(_) => return n,
            Ok((ns, _)) => n += usize::from(matches!(ns, quick_xml::name::ResolveResult::Bound(_))),
        }
    }
}

fn configs(c: &mut Criterion) {
    let info = cs::GET_ALL_CUSTOMER_CENTER_CONFIGS;
    let output = info.output.unwrap_or(info.input);
    for count in [1usize, 100, 10_000] {
        let xml = bench::configs_envelope(count);
        let value = bench::configs_response(count);
        let mut group = c.benchmark_group(format!("configs_{count}"));
        group.throughput(Throughput::Bytes(xml.len() as u64));
        if count >= 10_000 {
            group.sample_size(10);
        }
        group.bench_function("quick_xml_scan", |b| b.iter(|| scan_plain(&xml)));
        group.bench_function("quick_xml_ns_scan", |b| b.iter(|| scan_ns(&xml)));
        group.bench_function("read", |b| {
            b.iter(|| {
                let envelope: soap_runtime::envelope::Envelope<
                    cs::CustomerServiceResponseHeaders,
                    cs::GetAllCustomerCenterConfigsResponse,
                > = read_envelope(&xml, &output, &ReaderConfig::default())
                    .unwrap_or_else(|e| panic!("{e}"));
                matches!(envelope.body, Body::Element(_))
            })
        });
        group.bench_function("write", |b| {
            b.iter(|| {
                write_envelope(
                    info.soap_version,
                    &cs::CustomerServiceResponseHeaders::default(),
                    &output,
                    &value,
                )
                .map(|v| v.len())
                .unwrap_or(0)
            })
        });
        group.finish();
    }
}

criterion_group!(benches, configs);
criterion_main!(benches);
