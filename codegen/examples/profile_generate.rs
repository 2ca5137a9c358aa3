//! Generates a module from one WSDL many times, for `perf record` / `perf stat`:
//! `cargo run --release -p wsdl-codegen --example profile_generate -- FILE [ITERATIONS]`.

use std::time::Instant;

use wsdl_codegen::{Arbitrary, Options, Source, generate_module};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let file = args
        .next()
        .ok_or("usage: profile_generate FILE [ITERATIONS]")?;
    let iterations: u32 = args.next().map_or(Ok(100), |n| n.parse())?;
    let source = Source {
        module: "profiled".to_owned(),
        file: file.clone(),
        text: std::fs::read(&file)?,
    };
    let options = Options {
        arbitrary: Arbitrary::Off,
        ..Options::default()
    };
    let start = Instant::now();
    let mut bytes = 0;
    for _ in 0..iterations {
        bytes += generate_module(&source, &options)?.len();
    }
    let per_run = start.elapsed() / iterations;
    println!(
        "{iterations} runs, {per_run:?} each, {} bytes of Rust each",
        bytes / iterations as usize
    );
    Ok(())
}
