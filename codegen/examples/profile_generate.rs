//! Generates one module from a WSDL file repeatedly, for profilers.

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/wsdl/Services87-CustomerService.wsdl".to_owned());
    let rounds: usize = std::env::args()
        .nth(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20);
    let Ok(text) = std::fs::read(&path) else {
        eprintln!("cannot read {path}");
        std::process::exit(2);
    };
    let source = wsdl_codegen::Source {
        module: "profile".to_owned(),
        file: path.clone(),
        text,
    };
    let options = wsdl_codegen::Options {
        arbitrary: wsdl_codegen::Arbitrary::Off,
        ..wsdl_codegen::Options::default()
    };
    let started = std::time::Instant::now();
    let mut bytes = 0;
    for _ in 0..rounds {
        match wsdl_codegen::generate_module(&source, &options) {
            Ok(code) => bytes += code.len(),
            Err(error) => {
                eprintln!("{error}");
                std::process::exit(1);
            }
        }
    }
    println!(
        "{rounds} rounds, {bytes} bytes, {:.1} ms each",
        started.elapsed().as_secs_f64() * 1000.0 / rounds as f64
    );
}
