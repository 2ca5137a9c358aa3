//! Latency of small calls while a 16 MB response is decoded on the same runtime:
//!
//! ```text
//! cargo run --release -p bench --bin stall [-- --duration SECONDS] [--workers N] [--small N]
//! ```
//!
//! A server on 127.0.0.1 (its own runtime and thread) answers `SessionIsValid` with a small
//! envelope and `GetAllCustomerCenterConfigs` with 10,000 configs (about 16 MB), both encoded
//! once in advance, so the client's decoding is all that varies. On the client's runtime
//! (`--workers`, default 2), `--small` tasks (default 4) call `SessionIsValid` in a loop with
//! the generated client, while one more task fetches the large response again and again:
//!
//! - `none`: no large response (the baseline);
//! - `inline`: the task fetches the bytes and decodes them where it runs, on an async worker,
//!   as the client did before decoding moved off the workers;
//! - `client`: the task calls the generated client, which decodes a body over 1 MB on the
//!   blocking pool (`soap_runtime::offload`).
//!
//! Each mode runs for `--duration` seconds (default 5), in turn; the table gives the small
//! calls' rate and p50, p99 and maximum latency, and the large responses decoded.

use std::convert::Infallible;
use std::fmt::Write as _;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use soap_runtime::{HttpTransport, Request, Transport as _};
use superoffice_services87::customer_service::{self as cs, CustomerService as _};

const PATH: &str = "/Remote/Services87/CustomerService.svc";
const CONFIGS: usize = 10_000;

/// How the large responses are fetched, if at all.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    None,
    Inline,
    Client,
}

impl Mode {
    fn name(self) -> &'static str {
        match self {
            Mode::None => "none",
            Mode::Inline => "inline",
            Mode::Client => "client",
        }
    }
}

/// Serves the two fixed answers on its own runtime; returns the endpoint URL.
fn start_server() -> Result<String, String> {
    let small = Bytes::from(bench::session_response_envelope());
    let large = Bytes::from(bench::configs_envelope(CONFIGS));
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = match tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        {
            Ok(runtime) => runtime,
            Err(e) => {
                let _ = sender.send(Err(e.to_string()));
                return;
            }
        };
        runtime.block_on(async move {
            let app = axum::Router::new().route(
                PATH,
                axum::routing::post(move |headers: http::HeaderMap| {
                    let small = small.clone();
                    let large = large.clone();
                    async move {
                        let action = headers
                            .get("soapaction")
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or_default();
                        let body = if action.contains("GetAllCustomerCenterConfigs") {
                            large
                        } else {
                            small
                        };
                        Ok::<_, Infallible>(([("content-type", "text/xml; charset=utf-8")], body))
                    }
                }),
            );
            let listener = match tokio::net::TcpListener::bind("127.0.0.1:0").await {
                Ok(listener) => listener,
                Err(e) => {
                    let _ = sender.send(Err(e.to_string()));
                    return;
                }
            };
            let addr = listener.local_addr().map_err(|e| e.to_string());
            let _ = sender.send(addr.map(|a| format!("http://{a}{PATH}")));
            let _ = axum::serve(listener, app).await;
        });
    });
    receiver
        .recv()
        .map_err(|e| format!("the server thread ended: {e}"))?
}

/// One mode's figures.
struct Measured {
    mode: Mode,
    calls: usize,
    seconds: f64,
    p50_ms: f64,
    p99_ms: f64,
    max_ms: f64,
    large: usize,
    errors: usize,
}

/// Fetches and decodes the large response in `mode` until `stop`; counts the decodes.
async fn large_loop(mode: Mode, url: String, stop: Arc<AtomicBool>, decoded: Arc<AtomicUsize>) {
    let Ok(client) = cs::CustomerServiceClient::new(&url) else {
        return;
    };
    let Ok(transport) = HttpTransport::new() else {
        return;
    };
    let info = cs::GET_ALL_CUSTOMER_CENTER_CONFIGS;
    let request_xml = Bytes::from(
        soap_runtime::envelope::write_envelope(
            info.soap_version,
            &cs::CustomerServiceRequestHeaders::default(),
            &info.input,
            &cs::GetAllCustomerCenterConfigs {},
        )
        .unwrap_or_default(),
    );
    while !stop.load(Ordering::Relaxed) {
        let count = match mode {
            Mode::None => return,
            Mode::Inline => {
                let request = http::Request::post(&url)
                    .header("content-type", "text/xml; charset=utf-8")
                    .header("SOAPAction", format!("\"{}\"", info.soap_action))
                    .body(request_xml.clone());
                let Ok(request) = request else { return };
                match transport.send(request).await {
                    Ok(response) => bench::read_configs(response.body())
                        .map_or(0, |envelope| bench::config_count(&envelope)),
                    Err(_) => 0,
                }
            }
            Mode::Client => client
                .get_all_customer_center_configs(Request::new(cs::GetAllCustomerCenterConfigs {}))
                .await
                .map_or(0, |response| {
                    response
                        .into_inner()
                        .response
                        .map_or(0, |configs| configs.len())
                }),
        };
        if count == CONFIGS {
            decoded.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// Small calls from `small` tasks for `duration`, beside the large responses of `mode`.
async fn measure(mode: Mode, url: &str, small: usize, duration: Duration) -> Measured {
    let stop = Arc::new(AtomicBool::new(false));
    let decoded = Arc::new(AtomicUsize::new(0));
    let large = tokio::spawn(large_loop(
        mode,
        url.to_owned(),
        Arc::clone(&stop),
        Arc::clone(&decoded),
    ));
    // Let the first large response arrive before counting.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let client = cs::CustomerServiceClient::new(url)
        .map(|c| c.with_default_headers(bench::session_request_headers()));
    let mut tasks = tokio::task::JoinSet::new();
    let started = Instant::now();
    if let Ok(client) = client {
        for _ in 0..small {
            let client = client.clone();
            tasks.spawn(async move {
                let mut latencies = Vec::new();
                let mut errors = 0;
                while started.elapsed() < duration {
                    let begun = Instant::now();
                    let ok = client
                        .session_is_valid(Request::new(bench::session_request()))
                        .await
                        .is_ok();
                    latencies.push(begun.elapsed());
                    errors += usize::from(!ok);
                }
                (latencies, errors)
            });
        }
    }
    let mut latencies = Vec::new();
    let mut errors = 0;
    while let Some(joined) = tasks.join_next().await {
        if let Ok((mine, failed)) = joined {
            latencies.extend(mine);
            errors += failed;
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    let _ = large.await;
    latencies.sort_unstable();
    Measured {
        mode,
        calls: latencies.len(),
        seconds,
        p50_ms: bench::percentile_ms(&latencies, 50.0),
        p99_ms: bench::percentile_ms(&latencies, 99.0),
        max_ms: latencies
            .last()
            .map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0),
        large: decoded.load(Ordering::Relaxed),
        errors,
    }
}

struct Options {
    duration: Duration,
    workers: usize,
    small: usize,
}

fn options(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        duration: Duration::from_secs(5),
        workers: 2,
        small: 4,
    };
    while let Some(arg) = args.next() {
        let value = args.next().ok_or(format!("{arg} needs a value"))?;
        let number = || {
            value
                .parse::<usize>()
                .map_err(|e| format!("{arg} {value}: {e}"))
        };
        match arg.as_str() {
            "--duration" => {
                options.duration = value
                    .parse::<f64>()
                    .map(Duration::from_secs_f64)
                    .map_err(|e| format!("{arg} {value}: {e}"))?;
            }
            "--workers" => options.workers = number()?.max(1),
            "--small" => options.small = number()?.max(1),
            _ => return Err(format!("unknown argument {arg}")),
        }
    }
    Ok(options)
}

fn run() -> Result<(), String> {
    let options = options(std::env::args().skip(1))?;
    let url = start_server()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(options.workers)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let mut results = Vec::new();
    for mode in [Mode::None, Mode::Inline, Mode::Client] {
        eprintln!("{} ...", mode.name());
        results.push(runtime.block_on(measure(mode, &url, options.small, options.duration)));
    }
    let mut table = format!(
        "{:<7} {:>8} {:>9} {:>8} {:>8} {:>9} {:>13} {:>6}\n",
        "large", "calls", "calls/s", "p50 ms", "p99 ms", "max ms", "16 MB decoded", "errors"
    );
    for m in &results {
        let _ = writeln!(
            table,
            "{:<7} {:>8} {:>9.0} {:>8.3} {:>8.3} {:>9.3} {:>13} {:>6}",
            m.mode.name(),
            m.calls,
            m.calls as f64 / m.seconds,
            m.p50_ms,
            m.p99_ms,
            m.max_ms,
            m.large,
            m.errors
        );
    }
    println!(
        "SessionIsValid from {} tasks on {} workers, beside a task decoding {CONFIGS}-config responses, {:.0} s per mode\n",
        options.small,
        options.workers,
        options.duration.as_secs_f64()
    );
    println!("{table}");
    if results.iter().any(|m| m.errors > 0) {
        return Err("some calls failed".to_owned());
    }
    if results.iter().any(|m| m.mode != Mode::None && m.large == 0) {
        return Err("no large response was decoded in some mode".to_owned());
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("stall: {error}");
            ExitCode::FAILURE
        }
    }
}
