//! Our reader against zeep's and node `soap`'s response deserializers, and against
//! quick-xml's scans, on the same payload files, in one run:
//!
//! ```text
//! cargo run --release -p bench --bin compare [-- --budget SECONDS] [--counts 1,100,10000]
//! ```
//!
//! Writes `GetAllCustomerCenterConfigs` responses of 1, 100 and 10,000 configs to
//! `target/bench-compare/configs_{n}.xml`, then times on each file, each for `--budget`
//! seconds (default 3) after a warm-up, for a stable mean: our `read_envelope` into the
//! generated response type, our writer (of the decoded value), quick-xml's plain and
//! namespace-resolving scans (these four in turns, six slices each, so that a noisy machine
//! slows them alike), zeep (`bench/zeep_read.py`) and node `soap` (`bench/node_read.js`). Every decoder's result is checked to hold all the configs.
//! Prints a table of MB/s (10^6 bytes per second) and ratios, checks the targets of the
//! 10,000-config payload, and writes `target/bench-compare/results.csv` and
//! `target/bench-compare/throughput.svg`.
//!
//! zeep and node `soap` come from the interop suite (`tests/interop/.venv`,
//! `tests/interop/node_modules`), set up on first use by `bash tests/interop/run.sh --no-run`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Duration;

use bench::{Bar, Timing};
use soap_runtime::envelope::Body;

/// One measured implementation on one payload.
struct Row {
    configs: usize,
    bytes: usize,
    implementation: &'static str,
    timing: Timing,
    /// Configs the decoder gave (None for scans and the writer).
    decoded: Option<usize>,
}

impl Row {
    fn mb_per_s(&self) -> f64 {
        self.timing.mb_per_s(self.bytes)
    }
}

const OURS: &str = "ours (read)";
const OURS_WRITE: &str = "ours (write)";
const PLAIN: &str = "quick-xml scan";
const NS: &str = "quick-xml ns scan";
const ZEEP: &str = "zeep";
const NODE: &str = "node soap";

struct Options {
    budget: Duration,
    counts: Vec<usize>,
}

fn options() -> Result<Options, String> {
    let mut options = Options {
        budget: Duration::from_secs(3),
        counts: vec![1, 100, 10_000],
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().ok_or(format!("{arg} needs a value"))?;
        match arg.as_str() {
            "--budget" => {
                options.budget = Duration::from_secs_f64(
                    value
                        .parse()
                        .map_err(|e| format!("--budget {value}: {e}"))?,
                );
            }
            "--counts" => {
                options.counts = value
                    .split(',')
                    .map(|c| c.trim().parse().map_err(|e| format!("--counts {c}: {e}")))
                    .collect::<Result<_, _>>()?;
            }
            _ => return Err(format!("unknown argument {arg}")),
        }
    }
    Ok(options)
}

/// One JSON line of a peer script: {"file", "bytes", "iterations", "seconds", "decoded"}.
fn parse_peer_line(line: &str) -> Result<(String, usize, Timing, usize), String> {
    let value: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("{e} in {line:?}"))?;
    let text = |key: &str| value.get(key).and_then(|v| v.as_str()).map(str::to_owned);
    let number = |key: &str| value.get(key).and_then(serde_json::Value::as_f64);
    let missing = || format!("missing fields in {line:?}");
    Ok((
        text("file").ok_or_else(missing)?,
        number("bytes").ok_or_else(missing)? as usize,
        Timing {
            iterations: number("iterations").ok_or_else(missing)? as u64,
            seconds: number("seconds").ok_or_else(missing)?,
        },
        number("decoded").ok_or_else(missing)? as usize,
    ))
}

/// Runs a peer script over `files` and returns its rows.
fn run_peer(
    implementation: &'static str,
    mut command: Command,
    files: &[(usize, PathBuf)],
    budget: Duration,
) -> Result<Vec<Row>, String> {
    command
        .arg("--wsdl")
        .arg(bench::wsdl_dir())
        .arg("--budget")
        .arg(budget.as_secs_f64().to_string())
        .arg("--min-iterations")
        .arg("3")
        .args(files.iter().map(|(_, path)| path))
        .stderr(Stdio::inherit());
    eprintln!("timing {implementation} ...");
    let output = command
        .output()
        .map_err(|e| format!("{implementation}: cannot start: {e}"))?;
    if !output.status.success() {
        return Err(format!("{implementation} failed: {}", output.status));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut rows = Vec::new();
    for line in stdout.lines().filter(|l| l.starts_with('{')) {
        let (file, bytes, timing, decoded) = parse_peer_line(line)?;
        let configs = files
            .iter()
            .find(|(_, path)| Path::new(&file) == path)
            .map(|(n, _)| *n)
            .ok_or(format!("{implementation}: unknown file {file}"))?;
        rows.push(Row {
            configs,
            bytes,
            implementation,
            timing,
            decoded: Some(decoded),
        });
    }
    if rows.len() != files.len() {
        return Err(format!(
            "{implementation}: {} results for {} files",
            rows.len(),
            files.len()
        ));
    }
    Ok(rows)
}

/// Our reader and writer and the quick-xml scans on one file.
fn run_ours(configs: usize, path: &Path, budget: Duration) -> Result<Vec<Row>, String> {
    let xml = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let envelope = bench::read_configs(&xml).map_err(|e| format!("{}: {e}", path.display()))?;
    let decoded = bench::config_count(&envelope);
    let Body::Element(body) = envelope.body else {
        return Err(format!("{}: a fault", path.display()));
    };
    let written = bench::write_configs(&body);
    if written != xml {
        return Err(format!(
            "{}: writing the decoded value gives other bytes",
            path.display()
        ));
    }
    eprintln!("timing ours and quick-xml on {} ...", path.display());
    // In turns, so that the machine's noise falls on all four alike.
    let mut read = || {
        let _ = std::hint::black_box(bench::read_configs(&xml).map(|e| bench::config_count(&e)));
    };
    let mut write = || {
        std::hint::black_box(bench::write_configs(&body));
    };
    let mut plain = || {
        std::hint::black_box(bench::scan_plain(&xml));
    };
    let mut ns = || {
        std::hint::black_box(bench::scan_ns(&xml));
    };
    let timings =
        bench::time_interleaved(budget, 6, &mut [&mut read, &mut write, &mut plain, &mut ns]);
    Ok([OURS, OURS_WRITE, PLAIN, NS]
        .into_iter()
        .zip(timings)
        .map(|(implementation, timing)| Row {
            configs,
            bytes: xml.len(),
            implementation,
            timing,
            decoded: (implementation == OURS).then_some(decoded),
        })
        .collect())
}

fn find<'a>(rows: &'a [Row], configs: usize, implementation: &str) -> Option<&'a Row> {
    rows.iter()
        .find(|r| r.configs == configs && r.implementation == implementation)
}

fn run() -> Result<bool, String> {
    let options = options()?;
    let out = bench::out_dir().map_err(|e| format!("target/bench-compare: {e}"))?;
    let python = bench::ensure_peers().map_err(|e| e.to_string())?;
    let root = bench::workspace_root();

    let mut files = Vec::new();
    for &count in &options.counts {
        let path = out.join(format!("configs_{count}.xml"));
        std::fs::write(&path, bench::configs_envelope(count))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        files.push((count, path));
    }

    let mut rows = Vec::new();
    for (count, path) in &files {
        rows.extend(run_ours(*count, path, options.budget)?);
    }
    let mut zeep = Command::new(&python);
    zeep.arg(root.join("bench").join("zeep_read.py"));
    rows.extend(run_peer(ZEEP, zeep, &files, options.budget)?);
    let mut node = Command::new("node");
    node.arg(root.join("bench").join("node_read.js"));
    rows.extend(run_peer(NODE, node, &files, options.budget)?);

    // Every decoder decoded every config.
    for row in &rows {
        if let Some(decoded) = row.decoded
            && decoded != row.configs
        {
            return Err(format!(
                "{} decoded {decoded} of {} configs",
                row.implementation, row.configs
            ));
        }
    }

    let order = [OURS, OURS_WRITE, PLAIN, NS, ZEEP, NODE];
    let mut table = String::new();
    let mut csv = String::from(
        "configs,bytes,implementation,iterations,mean_seconds,mb_per_s,ours_read_over_this,decoded\n",
    );
    let mut bars = Vec::new();
    let _ = writeln!(
        table,
        "{:>8} {:>11}  {:<18} {:>6} {:>12} {:>10} {:>10}",
        "configs", "bytes", "implementation", "iters", "mean", "MB/s", "ours/this"
    );
    for (count, _) in &files {
        let Some(ours) = find(&rows, *count, OURS) else {
            continue;
        };
        for implementation in order {
            let Some(row) = find(&rows, *count, implementation) else {
                continue;
            };
            let ratio = ours.mb_per_s() / row.mb_per_s();
            let mean = row.timing.mean();
            let mean_text = if mean < 1e-3 {
                format!("{:.2} µs", mean * 1e6)
            } else {
                format!("{:.2} ms", mean * 1e3)
            };
            let _ = writeln!(
                table,
                "{:>8} {:>11}  {:<18} {:>6} {:>12} {:>10.1} {:>9.2}x",
                row.configs,
                row.bytes,
                row.implementation,
                row.timing.iterations,
                mean_text,
                row.mb_per_s(),
                ratio
            );
            let _ = writeln!(
                csv,
                "{},{},{},{},{:.9},{:.3},{:.4},{}",
                row.configs,
                row.bytes,
                row.implementation,
                row.timing.iterations,
                mean,
                row.mb_per_s(),
                ratio,
                row.decoded.map(|d| d.to_string()).unwrap_or_default()
            );
            bars.push(Bar {
                group: format!(
                    "{} config{} ({} bytes)",
                    row.configs,
                    if row.configs == 1 { "" } else { "s" },
                    row.bytes
                ),
                label: row.implementation.to_owned(),
                value: row.mb_per_s(),
            });
        }
        table.push('\n');
    }
    println!("{table}");

    // The targets of issue 6, on the 10,000-config payload (or the largest measured).
    let mut all_met = true;
    if let Some(&(count, _)) = files.iter().max_by_key(|(n, _)| *n)
        && let Some(ours) = find(&rows, count, OURS)
    {
        println!("targets on the {count}-config payload (ratios within this run):");
        let read = ours.mb_per_s();
        let check = |what: &str, value: Option<f64>, target: f64| -> bool {
            match value {
                Some(value) => {
                    let met = value >= target;
                    println!(
                        "  {what:<36} {value:>8.2}x  (target >= {target}x)  {}",
                        if met { "met" } else { "MISSED" }
                    );
                    met
                }
                None => {
                    println!("  {what:<36} not measured");
                    false
                }
            }
        };
        let of = |implementation| find(&rows, count, implementation).map(Row::mb_per_s);
        all_met &= check(
            "reading / quick-xml ns scan",
            of(NS).map(|v| read / v),
            0.75,
        );
        all_met &= check(
            "reading / quick-xml scan",
            of(PLAIN).map(|v| read / v),
            0.35,
        );
        all_met &= check("writing / reading", of(OURS_WRITE).map(|v| v / read), 2.0);
        all_met &= check("reading / zeep", of(ZEEP).map(|v| read / v), 40.0);
        all_met &= check("reading / node soap", of(NODE).map(|v| read / v), 12.0);
    }

    let csv_path = out.join("results.csv");
    std::fs::write(&csv_path, csv).map_err(|e| format!("{}: {e}", csv_path.display()))?;
    let svg_path = out.join("throughput.svg");
    let svg = bench::bar_chart_svg(
        "GetAllCustomerCenterConfigs response: throughput, same files, one run",
        "MB/s",
        &bars,
    );
    std::fs::write(&svg_path, svg).map_err(|e| format!("{}: {e}", svg_path.display()))?;
    println!("\nwrote {} and {}", csv_path.display(), svg_path.display());
    Ok(all_met)
}

fn main() -> ExitCode {
    match run() {
        Ok(_) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("compare: {error}");
            ExitCode::FAILURE
        }
    }
}
