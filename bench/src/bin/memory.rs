//! Peak resident memory of reading the 100,000-config `GetAllCustomerCenterConfigs`
//! response, against the payload's size:
//!
//! ```text
//! cargo run --release -p bench --bin memory [-- CONFIGS]
//! ```
//!
//! Builds the payload (100,000 configs unless CONFIGS says otherwise), writes it to
//! `target/bench-compare/configs_{n}.xml`, then re-executes itself in a child process that
//! reads the file into memory and decodes it with `read_envelope` into the generated types.
//! The child reports its peak resident set (`VmHWM` of `/proc/self/status`) after loading the
//! file (the baseline) and after decoding; the cost of decoding is the difference, reported
//! against the payload size (target: at most 3 times). Appends a row to
//! `target/bench-compare/memory.csv`.

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::{Command, ExitCode, Stdio};

/// What the child measured.
struct Measured {
    payload: u64,
    decoded: usize,
    hwm_start: u64,
    hwm_loaded: u64,
    hwm_decoded: u64,
    rss_decoded: u64,
}

/// The child: loads the file, decodes it, prints `key value` lines.
fn child(path: &str) -> Result<(), String> {
    let status =
        |key| bench::proc_status_bytes(key).ok_or(format!("no {key} in /proc/self/status"));
    let hwm_start = status("VmHWM")?;
    let xml = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    let hwm_loaded = status("VmHWM")?;
    let envelope = bench::read_configs(&xml).map_err(|e| format!("{path}: {e}"))?;
    let hwm_decoded = status("VmHWM")?;
    let rss_decoded = status("VmRSS")?;
    let decoded = bench::config_count(&envelope);
    std::hint::black_box(&envelope);
    println!("payload {}", xml.len());
    println!("decoded {decoded}");
    println!("hwm_start {hwm_start}");
    println!("hwm_loaded {hwm_loaded}");
    println!("hwm_decoded {hwm_decoded}");
    println!("rss_decoded {rss_decoded}");
    Ok(())
}

fn parse(stdout: &str) -> Result<Measured, String> {
    let get = |key: &str| -> Result<u64, String> {
        stdout
            .lines()
            .find_map(|l| l.strip_prefix(key)?.strip_prefix(' ')?.trim().parse().ok())
            .ok_or(format!("the child printed no {key}: {stdout:?}"))
    };
    Ok(Measured {
        payload: get("payload")?,
        decoded: get("decoded")? as usize,
        hwm_start: get("hwm_start")?,
        hwm_loaded: get("hwm_loaded")?,
        hwm_decoded: get("hwm_decoded")?,
        rss_decoded: get("rss_decoded")?,
    })
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn run(configs: usize) -> Result<bool, String> {
    let out = bench::out_dir().map_err(|e| e.to_string())?;
    let path = out.join(format!("configs_{configs}.xml"));
    eprintln!("building {configs} configs ...");
    std::fs::write(&path, bench::configs_envelope(configs))
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let output = Command::new(exe)
        .arg("child")
        .arg(&path)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot start the child: {e}"))?;
    if !output.status.success() {
        return Err(format!("the child failed: {}", output.status));
    }
    let m = parse(&String::from_utf8_lossy(&output.stdout))?;
    if m.decoded != configs {
        return Err(format!("decoded {} of {configs} configs", m.decoded));
    }
    let decoding = m.hwm_decoded.saturating_sub(m.hwm_loaded);
    let ratio = decoding as f64 / m.payload as f64;
    let met = ratio <= 3.0;
    let mut report = String::new();
    let _ = writeln!(report, "reading {} ({configs} configs)", path.display());
    let rows = [
        ("payload size", m.payload),
        ("peak RSS at start", m.hwm_start),
        ("peak RSS with the file loaded (baseline)", m.hwm_loaded),
        ("peak RSS after decoding", m.hwm_decoded),
        ("RSS after decoding (file + decoded value)", m.rss_decoded),
        ("peak RSS of decoding (peak - baseline)", decoding),
    ];
    for (what, bytes) in rows {
        let _ = writeln!(
            report,
            "  {what:<44} {bytes:>12} bytes {:>9.1} MiB",
            mib(bytes)
        );
    }
    let _ = writeln!(
        report,
        "  decoding peak / payload size                 {ratio:>12.2}x  (target <= 3x)  {}",
        if met { "met" } else { "MISSED" }
    );
    let _ = writeln!(
        report,
        "  whole-process peak / payload size            {:>12.2}x",
        m.hwm_decoded as f64 / m.payload as f64
    );
    print!("{report}");
    let csv_path = out.join("memory.csv");
    let mut csv = String::new();
    if !csv_path.exists() {
        csv.push_str("configs,payload_bytes,hwm_start,hwm_loaded,hwm_decoded,rss_decoded,decoding_peak,decoding_peak_over_payload\n");
    }
    let _ = writeln!(
        csv,
        "{configs},{},{},{},{},{},{decoding},{ratio:.4}",
        m.payload, m.hwm_start, m.hwm_loaded, m.hwm_decoded, m.rss_decoded
    );
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&csv_path)
        .and_then(|mut f| f.write_all(csv.as_bytes()))
        .map_err(|e| format!("{}: {e}", csv_path.display()))?;
    println!("appended to {}", csv_path.display());
    Ok(met)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.as_slice() {
        [mode, path] if mode == "child" => child(path).map(|()| true),
        [] => run(100_000),
        [n] => n
            .parse()
            .map_err(|e| format!("CONFIGS {n}: {e}"))
            .and_then(run),
        _ => Err("usage: memory [CONFIGS]".to_owned()),
    };
    match result {
        Ok(_) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("memory: {error}");
            ExitCode::FAILURE
        }
    }
}
