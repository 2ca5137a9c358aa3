//! End to end: `SessionIsValid` calls over HTTP on 127.0.0.1, our generated client and zeep
//! against our generated server, served by `HttpServer` and mounted in an axum router, with
//! 1, 16 and 64 calls in flight:
//!
//! ```text
//! cargo run --release -p bench --bin e2e [-- --duration SECONDS] [--warmup SECONDS] [--concurrency 1,16,64]
//! ```
//!
//! The server (`CustomerServiceServer` with a trivial `SessionIsValid`) runs in a child
//! process (this binary re-executed with `serve`), so both clients meet the same server in
//! the same conditions; the child serves it twice, on two ports: with `HttpServer`, and as a
//! `tower::Service` in an `axum::Router` under `axum::serve`. Our client calls both, in four
//! alternating slices of the duration each, zeep the first. Our `CustomerServiceClient` sends the `ApplicationToken`,
//! `Credentials` and `TimeZone` headers with every call, as `bench/zeep_e2e.py` does with
//! zeep (threads sharing one client). Each level runs a warm-up, then counts calls for the
//! duration (default 5 s): calls per second, p50 and p99 latency, errors (an answer other
//! than "valid" is an error). Prints a table and appends rows to
//! `target/bench-compare/e2e_servers.csv`.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write as _};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::{Duration, Instant, SystemTime};

use soap_runtime::{Error, HttpServer, Request, Response, ServerConfig};
use superoffice_services87::customer_service::{self as cs, CustomerService as _};

const PATH: &str = "/Remote/Services87/CustomerService.svc";

/// Answers every `SessionIsValid` with "valid" when a key and credentials came along.
struct Trivial;

impl cs::CustomerService for Trivial {
    async fn session_is_valid(
        &self,
        request: Request<cs::SessionIsValid, cs::CustomerServiceRequestHeaders>,
    ) -> Result<Response<cs::SessionIsValidResponse, cs::CustomerServiceResponseHeaders>, Error>
    {
        let (body, headers) = request.into_parts();
        let valid = body.cs_session_key.is_some_and(|k| !k.is_empty())
            && headers.credentials.is_some_and(|c| c.ticket.is_some());
        Ok(Response::with_headers(
            cs::SessionIsValidResponse {
                response: Some(valid),
            },
            bench::session_response_headers(),
        ))
    }
}

/// The child: serves until its standard input closes (the parent ended), printing the URL.
fn serve() -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let server = HttpServer::bind(
            "127.0.0.1:0",
            cs::CustomerServiceServer::new(Trivial),
            ServerConfig::default(),
        )
        .await
        .map_err(|e| format!("cannot bind: {e}"))?;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(|e| format!("cannot bind: {e}"))?;
        let axum_addr = listener.local_addr().map_err(|e| e.to_string())?;
        let app = axum::Router::new().route_service(PATH, cs::CustomerServiceServer::new(Trivial));
        tokio::spawn(async move { axum::serve(listener, app).await });
        println!("{} http://{axum_addr}{PATH}", server.url(PATH));
        let _ = std::io::stdout().flush();
        tokio::task::spawn_blocking(|| {
            let _ = std::io::stdin().read_to_end(&mut Vec::new());
        })
        .await
        .map_err(|e| e.to_string())?;
        server.shutdown().await;
        Ok(())
    })
}

/// One measured level.
struct Level {
    client: &'static str,
    server: &'static str,
    concurrency: usize,
    calls: usize,
    seconds: f64,
    p50_ms: f64,
    p99_ms: f64,
    errors: usize,
}

const WARMING: u8 = 0;
const MEASURING: u8 = 1;
const STOPPED: u8 = 2;

/// What one slice of our client's calls gave.
struct Slice {
    latencies: Vec<Duration>,
    seconds: f64,
    errors: usize,
}

/// Our client against both servers with `concurrency` calls in flight, in `SLICES` turns
/// each (the order alternating), so that noise on a shared machine falls on both alike.
async fn ours_on_both(
    urls: [(&'static str, &str); 2],
    concurrency: usize,
    warmup: Duration,
    duration: Duration,
) -> Result<Vec<Level>, String> {
    const SLICES: u32 = 4;
    let mut slices: [Vec<Slice>; 2] = [Vec::new(), Vec::new()];
    for round in 0..SLICES {
        let order = if round % 2 == 0 { [0, 1] } else { [1, 0] };
        for which in order {
            let slice = ours(urls[which].1, concurrency, warmup, duration / SLICES).await?;
            slices[which].push(slice);
        }
    }
    Ok(urls
        .iter()
        .zip(slices)
        .map(|(&(server, _), slices)| {
            let mut latencies: Vec<Duration> = Vec::new();
            let (mut seconds, mut errors) = (0.0, 0);
            for slice in slices {
                latencies.extend(slice.latencies);
                seconds += slice.seconds;
                errors += slice.errors;
            }
            latencies.sort_unstable();
            Level {
                client: "ours",
                server,
                concurrency,
                calls: latencies.len(),
                seconds,
                p50_ms: bench::percentile_ms(&latencies, 50.0),
                p99_ms: bench::percentile_ms(&latencies, 99.0),
                errors,
            }
        })
        .collect())
}

/// Our client with `concurrency` calls in flight: warm-up, then `duration` counted.
async fn ours(
    url: &str,
    concurrency: usize,
    warmup: Duration,
    duration: Duration,
) -> Result<Slice, String> {
    let client = cs::CustomerServiceClient::new(url)
        .map_err(|e| e.to_string())?
        .with_default_headers(bench::session_request_headers());
    let phase = Arc::new(AtomicU8::new(WARMING));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..concurrency {
        let client = client.clone();
        let phase = Arc::clone(&phase);
        tasks.spawn(async move {
            let mut latencies = Vec::new();
            let mut errors = 0;
            let mut first_error = None;
            loop {
                let at_start = phase.load(Ordering::Relaxed);
                if at_start == STOPPED {
                    break;
                }
                let started = Instant::now();
                let result = client
                    .session_is_valid(Request::new(bench::session_request()))
                    .await;
                let elapsed = started.elapsed();
                let ok = match result {
                    Ok(response) => response.body().response == Some(true),
                    Err(error) => {
                        first_error.get_or_insert_with(|| error.to_string());
                        false
                    }
                };
                if at_start == MEASURING && phase.load(Ordering::Relaxed) == MEASURING {
                    latencies.push(elapsed);
                    errors += usize::from(!ok);
                }
            }
            (latencies, errors, first_error)
        });
    }
    tokio::time::sleep(warmup).await;
    phase.store(MEASURING, Ordering::Relaxed);
    let started = Instant::now();
    tokio::time::sleep(duration).await;
    phase.store(STOPPED, Ordering::Relaxed);
    let seconds = started.elapsed().as_secs_f64();
    let mut latencies = Vec::new();
    let mut errors = 0;
    while let Some(joined) = tasks.join_next().await {
        let (mine, failed, first_error) = joined.map_err(|e| e.to_string())?;
        if let Some(error) = first_error {
            eprintln!("our client: a call failed: {error}");
        }
        latencies.extend(mine);
        errors += failed;
    }
    Ok(Slice {
        latencies,
        seconds,
        errors,
    })
}

/// zeep with `concurrency` threads (bench/zeep_e2e.py).
fn zeep(
    python: &std::path::Path,
    url: &str,
    concurrency: usize,
    warmup: Duration,
    duration: Duration,
) -> Result<Level, String> {
    let output = Command::new(python)
        .arg(bench::workspace_root().join("bench").join("zeep_e2e.py"))
        .arg("--wsdl")
        .arg(bench::wsdl_dir())
        .args(["--url", url])
        .args(["--concurrency", &concurrency.to_string()])
        .args(["--duration", &duration.as_secs_f64().to_string()])
        .args(["--warmup", &warmup.as_secs_f64().to_string()])
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("zeep: cannot start: {e}"))?;
    if !output.status.success() {
        return Err(format!("zeep failed: {}", output.status));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout
        .lines()
        .rfind(|l| l.starts_with('{'))
        .ok_or("zeep printed no result")?;
    let value: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("zeep: {e} in {line:?}"))?;
    let number = |key: &str| {
        value
            .get(key)
            .and_then(serde_json::Value::as_f64)
            .ok_or(format!("zeep: no {key} in {line:?}"))
    };
    Ok(Level {
        client: "zeep",
        server: HTTP_SERVER,
        concurrency,
        calls: number("calls")? as usize,
        seconds: number("seconds")?,
        p50_ms: number("p50_ms")?,
        p99_ms: number("p99_ms")?,
        errors: number("errors")? as usize,
    })
}

struct Options {
    duration: Duration,
    warmup: Duration,
    levels: Vec<usize>,
}

fn options(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        duration: Duration::from_secs(5),
        warmup: Duration::from_secs(1),
        levels: vec![1, 16, 64],
    };
    while let Some(arg) = args.next() {
        let value = args.next().ok_or(format!("{arg} needs a value"))?;
        let seconds = || {
            value
                .parse::<f64>()
                .map(Duration::from_secs_f64)
                .map_err(|e| format!("{arg} {value}: {e}"))
        };
        match arg.as_str() {
            "--duration" => options.duration = seconds()?,
            "--warmup" => options.warmup = seconds()?,
            "--concurrency" => {
                options.levels = value
                    .split(',')
                    .map(|c| {
                        c.trim()
                            .parse()
                            .map_err(|e| format!("--concurrency {c}: {e}"))
                    })
                    .collect::<Result<_, _>>()?;
            }
            _ => return Err(format!("unknown argument {arg}")),
        }
    }
    Ok(options)
}

/// The names of the two servers in the table.
const HTTP_SERVER: &str = "HttpServer";
const AXUM: &str = "axum";

/// Starts the server child and reads its URLs: `HttpServer`'s, then axum's.
fn start_server() -> Result<(Child, String, String), String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut child = Command::new(exe)
        .arg("serve")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    let stdout = child.stdout.take().ok_or("no server stdout")?;
    let mut url = String::new();
    BufReader::new(stdout)
        .read_line(&mut url)
        .map_err(|e| e.to_string())?;
    let urls: Vec<&str> = url.split_whitespace().collect();
    match urls[..] {
        [http_server, axum] if http_server.starts_with("http://") => {
            Ok((child, http_server.to_owned(), axum.to_owned()))
        }
        _ => {
            let _ = child.kill();
            Err(format!("the server printed {url:?}"))
        }
    }
}

fn run() -> Result<(), String> {
    let options = options(std::env::args().skip(1))?;
    let python = bench::ensure_peers().map_err(|e| e.to_string())?;
    let out = bench::out_dir().map_err(|e| e.to_string())?;
    let (mut server, url, axum_url) = start_server()?;
    eprintln!("server at {url} and {axum_url} (pid {})", server.id());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let mut levels = Vec::new();
    let mut result = Ok(());
    for &concurrency in &options.levels {
        eprintln!("our client, {HTTP_SERVER} and {AXUM} in turns, {concurrency} in flight ...");
        let urls = [(HTTP_SERVER, url.as_str()), (AXUM, axum_url.as_str())];
        let both = ours_on_both(urls, concurrency, options.warmup, options.duration);
        match runtime.block_on(both) {
            Ok(both) => levels.extend(both),
            Err(e) => result = Err(e),
        }
        eprintln!("zeep, {concurrency} in flight ...");
        match zeep(&python, &url, concurrency, options.warmup, options.duration) {
            Ok(level) => levels.push(level),
            Err(e) => result = Err(e),
        }
    }
    // Closing its standard input stops the server; wait for it.
    drop(server.stdin.take());
    let _ = server.wait();
    result?;

    let mut table = format!(
        "{:<6} {:<10} {:>9} {:>8} {:>10} {:>9} {:>9} {:>7} {:>11} {:>16}\n",
        "client",
        "server",
        "in flight",
        "calls",
        "calls/s",
        "p50 ms",
        "p99 ms",
        "errors",
        "ours/zeep",
        "axum/HttpServer"
    );
    let path = out.join("e2e_servers.csv");
    let mut csv = String::new();
    if !path.exists() {
        csv.push_str(
            "unix_time,client,server,in_flight,calls,seconds,calls_per_s,p50_ms,p99_ms,errors\n",
        );
    }
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    for level in &levels {
        let rate = level.calls as f64 / level.seconds;
        let other = |client: &str, server: &str| {
            levels.iter().find(|l| {
                l.client == client && l.server == server && l.concurrency == level.concurrency
            })
        };
        let ratio = match (level.client, other("zeep", HTTP_SERVER)) {
            ("ours", Some(z)) => format!("{:.1}x", rate / (z.calls as f64 / z.seconds)),
            _ => String::new(),
        };
        let axum_ratio = match (level.client, level.server, other("ours", HTTP_SERVER)) {
            ("ours", AXUM, Some(h)) => format!(
                "{:.2}x, p99 {:.2}x",
                rate / (h.calls as f64 / h.seconds),
                level.p99_ms / h.p99_ms
            ),
            _ => String::new(),
        };
        let _ = writeln!(
            table,
            "{:<6} {:<10} {:>9} {:>8} {:>10.0} {:>9.3} {:>9.3} {:>7} {:>11} {:>16}",
            level.client,
            level.server,
            level.concurrency,
            level.calls,
            rate,
            level.p50_ms,
            level.p99_ms,
            level.errors,
            ratio,
            axum_ratio
        );
        let _ = writeln!(
            csv,
            "{now},{},{},{},{},{:.3},{:.1},{:.4},{:.4},{}",
            level.client,
            level.server,
            level.concurrency,
            level.calls,
            level.seconds,
            rate,
            level.p50_ms,
            level.p99_ms,
            level.errors
        );
    }
    println!(
        "SessionIsValid over HTTP on 127.0.0.1, our server, {:.0} s per level\n",
        options.duration.as_secs_f64()
    );
    println!("{table}");
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    file.write_all(csv.as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    println!("appended to {}", path.display());
    if levels.iter().any(|l| l.errors > 0) {
        return Err("some calls failed".to_owned());
    }
    Ok(())
}

fn main() -> ExitCode {
    let result = if std::env::args().nth(1).as_deref() == Some("serve") {
        serve()
    } else {
        run()
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("e2e: {error}");
            ExitCode::FAILURE
        }
    }
}
