//! Generator speed: the real CustomerService WSDL, all 56 Services87 WSDLs into one crate (what
//! `cargo xtask regen` does), and synthetic WSDLs of growing size (built here) to show that the
//! cost grows linearly with the input. It uses the allocator the
//! `cargo xtask` binary uses (mimalloc); `examples/profile_generate.rs` uses the system's.

use std::fmt::Write as _;
use std::path::Path;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use wsdl_codegen::{
    Arbitrary, Options, Source, emit, generate_crate, generate_module, read, resolve,
};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const TNS: &str = "http://bench.example.com/generated";

/// A WSDL with `services` operations, each with its own request, response and record types
/// (strings, numbers, dates, an enumeration, an array, a nested type, an inherited base).
fn synthetic_wsdl(services: usize) -> String {
    let mut types = String::new();
    let mut messages = String::new();
    let mut operations = String::new();
    let mut bindings = String::new();
    types.push_str(
        r#"<xs:complexType name="Base"><xs:sequence><xs:element minOccurs="0" name="Id" type="xs:int"/><xs:element minOccurs="0" name="Stamp" type="xs:dateTime"/></xs:sequence></xs:complexType>
<xs:simpleType name="Level"><xs:restriction base="xs:string"><xs:enumeration value="Low"/><xs:enumeration value="Medium"/><xs:enumeration value="High"/></xs:restriction></xs:simpleType>
"#,
    );
    for i in 0..services {
        let _ = writeln!(
            types,
            r#"<xs:complexType name="Record{i}"><xs:complexContent><xs:extension base="tns:Base"><xs:sequence>
<xs:element minOccurs="0" name="Name" nillable="true" type="xs:string"/><xs:element minOccurs="0" name="Count" type="xs:long"/>
<xs:element minOccurs="0" name="Price" type="xs:decimal"/><xs:element minOccurs="0" name="Level" type="tns:Level"/>
<xs:element minOccurs="0" name="Tags" nillable="true" type="tns:ArrayOfTag{i}"/><xs:element minOccurs="0" name="Note" type="xs:string"/>
</xs:sequence></xs:extension></xs:complexContent></xs:complexType>
<xs:complexType name="Tag{i}"><xs:sequence><xs:element minOccurs="0" name="Key" type="xs:string"/><xs:element minOccurs="0" name="Value" type="xs:string"/></xs:sequence></xs:complexType>
<xs:complexType name="ArrayOfTag{i}"><xs:sequence><xs:element minOccurs="0" maxOccurs="unbounded" name="Tag{i}" nillable="true" type="tns:Tag{i}"/></xs:sequence></xs:complexType>
<xs:element name="Get{i}"><xs:complexType><xs:sequence><xs:element minOccurs="0" name="Id" type="xs:int"/><xs:element minOccurs="0" name="Filter" nillable="true" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
<xs:element name="Get{i}Response"><xs:complexType><xs:sequence><xs:element minOccurs="0" name="Result" nillable="true" type="tns:Record{i}"/></xs:sequence></xs:complexType></xs:element>"#
        );
        let _ = writeln!(
            messages,
            r#"<wsdl:message name="Get{i}Request"><wsdl:part name="parameters" element="tns:Get{i}"/></wsdl:message>
<wsdl:message name="Get{i}Response"><wsdl:part name="parameters" element="tns:Get{i}Response"/></wsdl:message>"#
        );
        let _ = writeln!(
            operations,
            r#"<wsdl:operation name="Get{i}"><wsdl:documentation>Gets record {i}.</wsdl:documentation><wsdl:input message="tns:Get{i}Request"/><wsdl:output message="tns:Get{i}Response"/></wsdl:operation>"#
        );
        let _ = writeln!(
            bindings,
            r#"<wsdl:operation name="Get{i}"><soap:operation soapAction="{TNS}/Get{i}" style="document"/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>"#
        );
    }
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions name="Bench" targetNamespace="{TNS}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="{TNS}" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<wsdl:types><xs:schema elementFormDefault="qualified" targetNamespace="{TNS}">
{types}</xs:schema></wsdl:types>
{messages}<wsdl:portType name="Bench">
{operations}</wsdl:portType>
<wsdl:binding name="BenchBinding" type="tns:Bench"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
{bindings}</wsdl:binding>
<wsdl:service name="BenchService"><wsdl:port name="BenchPort" binding="tns:BenchBinding"><soap:address location="http://localhost/bench"/></wsdl:port></wsdl:service>
</wsdl:definitions>
"#
    )
}

fn options() -> Options {
    Options {
        arbitrary: Arbitrary::Off,
        ..Options::default()
    }
}

fn source(file: &str, text: Vec<u8>) -> Source {
    Source {
        module: "bench".to_owned(),
        file: file.to_owned(),
        text,
    }
}

fn customer_service(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../wsdl/services87/Services87-CustomerService.wsdl");
    let Ok(text) = std::fs::read(&path) else {
        eprintln!("skipping: {} not found", path.display());
        return;
    };
    let source = source("Services87-CustomerService.wsdl", text);
    let mut group = c.benchmark_group("generate");
    group.throughput(Throughput::Bytes(source.text.len() as u64));
    group.bench_function("customer_service", |b| {
        b.iter(|| {
            generate_module(&source, &options())
                .map(|code| code.len())
                .unwrap_or(0)
        })
    });
    group.finish();
    phases(c, &source);
}

/// The stages of [`customer_service`] one by one: reading the WSDL into the model,
/// resolving the model into the IR, emitting and formatting the Rust.
fn phases(c: &mut Criterion, source: &Source) {
    let Ok(definitions) = read(&source.file, &source.text) else {
        eprintln!("skipping phases: {} does not read", source.file);
        return;
    };
    let inputs = [resolve::Input {
        module: source.module.clone(),
        definitions,
    }];
    let Ok(ir) = resolve::resolve(&inputs, resolve::ResolveOptions::default()) else {
        eprintln!("skipping phases: {} does not resolve", source.file);
        return;
    };
    let mut group = c.benchmark_group("generate_phases");
    group.bench_function("read", |b| {
        b.iter(|| read(&source.file, &source.text).is_ok())
    });
    group.bench_function("resolve", |b| {
        b.iter(|| resolve::resolve(&inputs, resolve::ResolveOptions::default()).is_ok())
    });
    group.bench_function("emit", |b| {
        b.iter(|| {
            emit::emit_module(&ir, &options())
                .map(|code| code.len())
                .unwrap_or(0)
        })
    });
    group.finish();
}

/// Every WSDL of `wsdl/services87` into one crate, as `cargo xtask regen` does, whole and
/// by stage.
fn services87(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../wsdl/services87");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    let sources: Vec<Source> = files
        .iter()
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?.to_owned();
            let module = name
                .trim_start_matches("Services87-")
                .trim_end_matches(".wsdl")
                .to_ascii_lowercase();
            let text = std::fs::read(path).ok()?;
            Some(Source {
                module,
                file: name,
                text,
            })
        })
        .collect();
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    let options = Options {
        arbitrary: Arbitrary::Feature("proptest".to_owned()),
        ..Options::default()
    };
    let mut group = c.benchmark_group("services87");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("whole", |b| {
        b.iter(|| {
            generate_crate(&sources, "bench", &options)
                .map(|generated| generated.files.len())
                .unwrap_or(0)
        })
    });
    let read_all = || -> Option<Vec<resolve::Input>> {
        sources
            .iter()
            .map(|s| {
                Some(resolve::Input {
                    module: s.module.clone(),
                    definitions: read(&s.file, &s.text).ok()?,
                })
            })
            .collect()
    };
    let Some(inputs) = read_all() else {
        eprintln!("skipping services87 stages: a WSDL does not read");
        return;
    };
    let shared = resolve::ResolveOptions {
        shared_module: true,
        lenient: false,
    };
    let Ok(ir) = resolve::resolve(&inputs, shared) else {
        eprintln!("skipping services87 stages: the WSDLs do not resolve");
        return;
    };
    group.bench_function("read", |b| b.iter(|| read_all().map(|i| i.len())));
    group.bench_function("resolve", |b| {
        b.iter(|| resolve::resolve(&inputs, shared).is_ok())
    });
    group.bench_function("emit", |b| {
        b.iter(|| {
            emit::emit_crate(&ir, &options, "bench")
                .map(|files| files.len())
                .unwrap_or(0)
        })
    });
    group.finish();
}

fn linear(c: &mut Criterion) {
    let mut group = c.benchmark_group("generate_synthetic");
    group.sample_size(10);
    for services in [250usize, 500, 1000, 2000] {
        let text = synthetic_wsdl(services).into_bytes();
        let size = text.len();
        let source = source("synthetic.wsdl", text);
        group.throughput(Throughput::Bytes(size as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("{services}ops_{}KiB", size / 1024)),
            &source,
            |b, source| {
                b.iter(|| {
                    generate_module(source, &options())
                        .map(|code| code.len())
                        .unwrap_or(0)
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, customer_service, services87, linear);
criterion_main!(benches);
