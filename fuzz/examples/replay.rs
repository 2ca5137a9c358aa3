//! Runs a fuzz target's function on files, without libFuzzer: for reproducing a finding or
//! checking a corpus. `cargo run --example replay -- <target> <file or directory>...`
//! (`client_response`, `server_request` or `wsdl_reader`). A panic is a finding.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

fn files(path: &Path) -> Vec<PathBuf> {
    if path.is_dir() {
        let mut all: Vec<_> = std::fs::read_dir(path)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .collect();
        all.sort();
        all
    } else {
        vec![path.to_owned()]
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let target = args
        .next()
        .expect("usage: replay <target> <file or directory>...");
    let mut count = 0;
    for arg in args {
        for file in files(Path::new(&arg)) {
            let data = std::fs::read(&file).unwrap();
            match target.as_str() {
                "client_response" => soap_fuzz::client::run(&data),
                "server_request" => {
                    let status = soap_fuzz::server::answer(&data);
                    println!("{}: HTTP {status:?}", file.display());
                }
                "wsdl_reader" => soap_fuzz::wsdl::run(&data),
                other => panic!("no fuzz target {other}"),
            }
            count += 1;
        }
    }
    println!("{count} inputs of {target} ran without a finding");
}
