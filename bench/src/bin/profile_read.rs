//! Reads the 10,000-config response repeatedly, for profilers (`perf record`, callgrind).

use soap_runtime::envelope::{Envelope, read_envelope};
use soap_runtime::xml::ReaderConfig;
use superoffice_services87::customer_service as cs;

fn main() {
    let count = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let rounds: usize = std::env::args()
        .nth(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20);
    let xml = bench::configs_envelope(count);
    let info = cs::GET_ALL_CUSTOMER_CENTER_CONFIGS;
    let output = info.output.unwrap_or(info.input);
    let mut total = 0;
    for _ in 0..rounds {
        let envelope: Result<
            Envelope<cs::CustomerServiceResponseHeaders, cs::GetAllCustomerCenterConfigsResponse>,
            _,
        > = read_envelope(&xml, &output, &ReaderConfig::default());
        total += usize::from(envelope.is_ok());
    }
    println!("{total} of {rounds} reads of {} bytes succeeded", xml.len());
}
