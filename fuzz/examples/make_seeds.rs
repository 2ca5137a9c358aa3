//! Writes the seed corpora of the fuzz targets into `fuzz/corpus/<target>/`:
//!
//! - `client_response`: response envelopes written by `write_envelope` for rich values of the
//!   fuzzed operations, in SOAP 1.1 and 1.2, and faults of both versions;
//! - `server_request`: a selector byte (see `soap_fuzz::server::Selector`) and a request
//!   envelope written by `write_envelope`, for several operations and ways of routing;
//! - `wsdl_reader`: the project's WSDL fixtures (`wsdl/fixtures`), truncated copies and a
//!   few mutated ones.
//!
//! Run with `cargo run --manifest-path fuzz/Cargo.toml --example make_seeds`. The output is
//! deterministic; the committed corpora are its output.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};

use soap_fuzz::client::output;
use soap_fuzz::server::{Selector, request_envelope};
use soap_fuzz::values;
use soap_runtime::XmlType;
use soap_runtime::envelope::{write_envelope, write_fault};
use soap_runtime::fault::{Fault, FaultBlame};
use soap_runtime::operation::{OperationInfo, SoapVersion};
use soap_runtime::types::{AnyXml, QName};
use superoffice_services87::customer_service as cs;
use superoffice_services87::so_principal as sp;

const V11: SoapVersion = SoapVersion::Soap11;
const V12: SoapVersion = SoapVersion::Soap12;

fn corpus(target: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(target);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    fs::write(dir.join(name), bytes).unwrap();
}

fn tag(version: SoapVersion) -> &'static str {
    match version {
        SoapVersion::Soap11 => "11",
        SoapVersion::Soap12 => "12",
    }
}

fn client_seeds() -> usize {
    let dir = corpus("client_response");
    let mut count = 0;
    let mut put = |name: String, bytes: Vec<u8>| {
        write(&dir, &name, &bytes);
        count += 1;
    };
    for version in [V11, V12] {
        let v = tag(version);
        let cs_headers = values::cs_response_headers();
        let sp_headers = values::sp_response_headers();
        let all = output(&cs::GET_ALL_CUSTOMER_CENTER_CONFIGS);
        let stats = output(&cs::GET_STATISTICS);
        let auth = output(&sp::AUTHENTICATE_USERNAME_PASSWORD);
        let info = output(&sp::GET_SYSTEM_INFO);
        put(
            format!("all_configs_{v}.xml"),
            write_envelope(version, &cs_headers, &all, &values::all_configs()).unwrap(),
        );
        put(
            format!("statistics_{v}.xml"),
            write_envelope(version, &cs_headers, &stats, &values::statistics()).unwrap(),
        );
        put(
            format!("authenticate_{v}.xml"),
            write_envelope(version, &sp_headers, &auth, &values::authenticate()).unwrap(),
        );
        put(
            format!("system_info_{v}.xml"),
            write_envelope(version, &sp_headers, &info, &values::system_info()).unwrap(),
        );
        // Empty values and no headers.
        put(
            format!("all_configs_empty_{v}.xml"),
            write_envelope(
                version,
                &(),
                &all,
                &cs::GetAllCustomerCenterConfigsResponse::default(),
            )
            .unwrap(),
        );
        put(
            format!("authenticate_empty_{v}.xml"),
            write_envelope(version, &(), &auth, &sp::AuthenticateResponse::default()).unwrap(),
        );
    }
    // Faults of both versions, one with a typed detail element.
    let mut fault11 = Fault::new(V11, FaultBlame::Sender, "bad <input> & more");
    fault11.actor = Some("urn:actor".to_owned());
    fault11.detail = Some(AnyXml::text("detail text"));
    put("fault_11.xml".to_owned(), write_fault(&fault11).unwrap());
    let mut fault12 = Fault::new(V12, FaultBlame::Receiver, values::UNICODE);
    fault12.subcodes = vec![
        QName::new("urn:app", "Validation"),
        QName::new("urn:app", "Range"),
    ];
    fault12.node = Some("urn:node".to_owned());
    fault12.actor = Some("urn:role".to_owned());
    fault12.detail = Some(AnyXml::text("more"));
    put("fault_12.xml".to_owned(), write_fault(&fault12).unwrap());
    let typed = Fault::new(V11, FaultBlame::Receiver, "service failed")
        .with_detail_element(
            superoffice_services87::namespaces::SERVICES87,
            "SoExceptionInfo",
            &values::exception_info(),
        )
        .unwrap();
    put(
        "fault_detail_11.xml".to_owned(),
        write_fault(&typed).unwrap(),
    );
    count
}

fn index_of(op: &OperationInfo) -> usize {
    cs::CUSTOMER_SERVICE_OPERATIONS
        .iter()
        .position(|o| o.name == op.name)
        .expect("a CustomerService operation")
}

fn server_seeds() -> usize {
    let dir = corpus("server_request");
    let mut count = 0;
    let mut put =
        |name: &str, version: SoapVersion, mode: u8, op: &OperationInfo, body: Vec<u8>| {
            let mut bytes = vec![Selector::new(version, mode, index_of(op)).0];
            bytes.extend_from_slice(&body);
            write(
                &dir,
                &format!("{name}_{}_mode{mode}.bin", tag(version)),
                &bytes,
            );
            count += 1;
        };
    fn env<B: XmlType>(version: SoapVersion, op: &OperationInfo, body: &B) -> Vec<u8> {
        request_envelope(version, op, body)
    }
    let config = cs::SaveCustomerCenterConfig {
        customer_center_config: Some(values::center_config(12, cs::ConfigType::Style)),
    };
    let op = &cs::SAVE_CUSTOMER_CENTER_CONFIG;
    put("save_config", V11, 1, op, env(V11, op, &config));
    put("save_config", V12, 0, op, env(V12, op, &config));
    let op = &cs::SAVE_SMS_CONFIG;
    let sms = cs::SaveSmsConfig {
        sms_config: Some(values::sms_config()),
    };
    put("save_sms", V11, 3, op, env(V11, op, &sms));
    let op = &cs::GET_PROGRAM_URL;
    let url = cs::GetProgramUrl {
        program_name: Some(values::MARKUP.to_owned()),
        external: Some(true),
    };
    put("program_url", V11, 1, op, env(V11, op, &url));
    put("program_url", V12, 3, op, env(V12, op, &url));
    let op = &cs::CHECK_SYMMETRIC_ENCRYPTION;
    let enc = cs::CheckSymmetricEncryption {
        encrypted_string: Some(values::UNICODE.to_owned()),
    };
    put("symmetric", V12, 1, op, env(V12, op, &enc));
    let op = &cs::GET_ALL_CUSTOMER_CENTER_CONFIGS;
    put(
        "all_configs",
        V11,
        0,
        op,
        env(V11, op, &cs::GetAllCustomerCenterConfigs {}),
    );
    let op = &cs::GET_STATISTICS;
    put(
        "statistics",
        V12,
        1,
        op,
        env(V12, op, &cs::GetStatistics::default()),
    );
    let op = &cs::REMOVE_SESSION;
    let remove = cs::RemoveSession { login_id: Some(7) };
    put("remove_session", V11, 1, op, env(V11, op, &remove));
    put("remove_session", V12, 0, op, env(V12, op, &remove));
    let op = &cs::HAS_CHAT_NOTIFY;
    put(
        "chat_notify",
        V12,
        1,
        op,
        env(V12, op, &cs::HasChatNotify {}),
    );
    let op = &cs::SESSION_IS_VALID;
    let valid = cs::SessionIsValid {
        cs_session_key: Some("key-42".to_owned()),
    };
    put("session_valid", V11, 2, op, env(V11, op, &valid));
    put("session_valid", V11, 1, op, env(V11, op, &valid));
    let op = &cs::DELETE_CHAT_SESSIONS;
    let delete = cs::DeleteChatSessions {
        ids: Some(vec![1, -2, i32::MAX]),
    };
    put("delete_chats", V11, 1, op, env(V11, op, &delete));
    let op = &cs::SAVE_ALL_CUSTOMER_CENTER_CONFIGS;
    let save_all = cs::SaveAllCustomerCenterConfigs {
        cust_configs: values::all_configs().response,
    };
    put("save_all", V12, 1, op, env(V12, op, &save_all));
    count
}

/// `text` cut to about `percent` of its length, at a character boundary.
fn truncated(text: &str, percent: usize) -> &str {
    let mut at = text.len() * percent / 100;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    &text[..at]
}

fn wsdl_seeds() -> usize {
    let dir = corpus("wsdl_reader");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../wsdl/fixtures");
    let mut names: Vec<_> = fs::read_dir(&fixtures)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    names.sort();
    let mut count = 0;
    let mut put = |name: &str, bytes: &[u8]| {
        write(&dir, name, bytes);
        count += 1;
    };
    for path in &names {
        let fixture = path.file_name().unwrap().to_string_lossy().into_owned();
        let mut files: Vec<_> = fs::read_dir(path)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "wsdl"))
            .collect();
        files.sort();
        for file in files {
            let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
            let text = fs::read_to_string(&file).unwrap();
            let name = if stem == "service" {
                fixture.clone()
            } else {
                format!("{fixture}_{stem}")
            };
            put(&format!("{name}.wsdl"), text.as_bytes());
        }
    }
    // Truncated and mutated copies of a few fixtures.
    for fixture in ["primitives", "headers", "extension", "dictionary", "choice"] {
        let Ok(text) = fs::read_to_string(fixtures.join(fixture).join("service.wsdl")) else {
            continue;
        };
        for percent in [30, 70] {
            put(
                &format!("{fixture}_cut{percent}.wsdl"),
                truncated(&text, percent).as_bytes(),
            );
        }
        let mutations: [(&str, &str, &str); 5] = [
            ("unknown_type", "type=\"xs:string\"", "type=\"xs:nosuch\""),
            ("bad_occurs", "maxOccurs=\"unbounded\"", "maxOccurs=\"-1\""),
            ("bad_min", "minOccurs=\"0\"", "minOccurs=\"many\""),
            ("no_xs_prefix", "xmlns:xs=", "xmlns:xz="),
            ("rpc", "style=\"document\"", "style=\"rpc\""),
        ];
        for (what, from, to) in mutations {
            if text.contains(from) {
                put(
                    &format!("{fixture}_{what}.wsdl"),
                    text.replacen(from, to, 1).as_bytes(),
                );
            }
        }
    }
    count
}

fn main() {
    let client = client_seeds();
    let server = server_seeds();
    let wsdl = wsdl_seeds();
    println!(
        "seeds written: client_response {client}, server_request {server}, wsdl_reader {wsdl}"
    );
}
