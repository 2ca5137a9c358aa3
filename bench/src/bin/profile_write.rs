//! Writes the 10,000-config response repeatedly, for profilers and for timing the writer as a
//! whole process: `profile_write [COUNT] [ROUNDS]` prints the bytes written each round.

use soap_runtime::envelope::write_envelope;
use superoffice_services87::customer_service as cs;

fn main() {
    let mut args = std::env::args().skip(1);
    let count = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(20);
    let info = cs::GET_ALL_CUSTOMER_CENTER_CONFIGS;
    let output = info.output.unwrap_or(info.input);
    let headers = cs::CustomerServiceResponseHeaders::default();
    let body = bench::configs_response(count);
    let mut bytes = 0;
    for _ in 0..rounds {
        match write_envelope(info.soap_version, &headers, &output, &body) {
            Ok(xml) => bytes = xml.len(),
            Err(error) => {
                eprintln!("writing failed: {error}");
                std::process::exit(1);
            }
        }
    }
    println!("{rounds} writes of {count} configs, {bytes} bytes each");
}
