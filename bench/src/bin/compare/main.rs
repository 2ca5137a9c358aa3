//! Our reader against zeep's, node `soap`'s and gSOAP's response deserializers, our writer
//! against gSOAP's serializer, and both against quick-xml's scans, on the same payload files,
//! in one run:
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
//! slows them alike), zeep (`bench/zeep_read.py`), node `soap` (`bench/node_read.js`) and
//! gSOAP's decode and encode (`bench/gsoap/read.cpp`, the same way in turns). Every decoder's
//! result is checked to hold all the configs, and so is gSOAP's output, read back by ours.
//! Peak memory (`VmHWM`) of decoding each payload once is measured for us and for gSOAP, each
//! in a child process of its own. Prints a table of MB/s (10^6 bytes of the payload per
//! second, for writers too) and ratios, the peak memory, checks the targets of the
//! 10,000-config payload, and writes `target/bench-compare/results.csv` and
//! `target/bench-compare/throughput.svg`.
//!
//! zeep and node `soap` come from the interop suite (`tests/interop/.venv`,
//! `tests/interop/node_modules`), set up on first use by `bash tests/interop/run.sh --no-run`;
//! gSOAP is built by `bash bench/gsoap/setup.sh` into `target/bench-compare/gsoap/` (see
//! `bench::ensure_gsoap`; it does nothing when the build is up to date).

mod memory;
mod peers;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Duration;

use bench::{Bar, Timing};
use soap_runtime::envelope::Body;

/// One measured implementation on one payload.
struct Row {
    configs: usize,
    bytes: usize,
    implementation: &'static str,
    timing: Timing,
    /// Configs the decoder gave (None for scans and writers).
    decoded: Option<usize>,
    /// Peak memory of decoding the payload once (our reader and gSOAP's).
    peak: Option<Peak>,
    /// Bytes a writer wrote (gSOAP's writer; ours writes the payload's bytes).
    written: Option<usize>,
}

/// Peak resident memory (`VmHWM`, bytes) of a child process that loaded a payload, then
/// decoded it once.
#[derive(Debug, Clone, Copy)]
struct Peak {
    /// With the file loaded: the baseline.
    loaded: u64,
    /// After decoding, the decoded value alive: the whole-process peak.
    decoded: u64,
}

impl Peak {
    /// What decoding added to the peak.
    fn decoding(&self) -> u64 {
        self.decoded.saturating_sub(self.loaded)
    }
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
const GSOAP: &str = "gsoap (read)";
const GSOAP_WRITE: &str = "gsoap (write)";

/// Whether an implementation is a writer (its "ours/this" ratio is against our writer).
fn is_writer(implementation: &str) -> bool {
    implementation == OURS_WRITE || implementation == GSOAP_WRITE
}

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
            peak: None,
            written: None,
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
    let gsoap = bench::ensure_gsoap().map_err(|e| e.to_string())?;
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
        let mut ours = run_ours(*count, path, options.budget)?;
        let (peak, decoded) = memory::measure_ours(path)?;
        if decoded != *count {
            return Err(format!(
                "{}: the memory child decoded {decoded} of {count} configs",
                path.display()
            ));
        }
        if let Some(read) = ours.iter_mut().find(|r| r.implementation == OURS) {
            read.peak = Some(peak);
        }
        rows.extend(ours);
        rows.extend(peers::run_gsoap(&gsoap, *count, path, options.budget)?);
    }
    let wsdl = bench::wsdl_dir();
    let mut zeep = Command::new(&python);
    zeep.arg(root.join("bench").join("zeep_read.py"))
        .arg("--wsdl")
        .arg(&wsdl);
    rows.extend(peers::run_script(ZEEP, zeep, &files, options.budget)?);
    let mut node = Command::new("node");
    node.arg(root.join("bench").join("node_read.js"))
        .arg("--wsdl")
        .arg(&wsdl);
    rows.extend(peers::run_script(NODE, node, &files, options.budget)?);

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

    let order = [OURS, OURS_WRITE, GSOAP, GSOAP_WRITE, PLAIN, NS, ZEEP, NODE];
    let mut table = String::new();
    let mut csv = String::from(
        "configs,bytes,implementation,iterations,mean_seconds,mb_per_s,ours_over_this,decoded,\
         peak_rss_bytes,decoding_peak_bytes,written_bytes\n",
    );
    let mut bars = Vec::new();
    let _ = writeln!(
        table,
        "{:>8} {:>11}  {:<18} {:>6} {:>12} {:>10} {:>10}",
        "configs", "bytes", "implementation", "iters", "mean", "MB/s", "ours/this"
    );
    for (count, _) in &files {
        let (Some(ours), Some(ours_write)) =
            (find(&rows, *count, OURS), find(&rows, *count, OURS_WRITE))
        else {
            continue;
        };
        for implementation in order {
            let Some(row) = find(&rows, *count, implementation) else {
                continue;
            };
            let reference = if is_writer(implementation) {
                ours_write
            } else {
                ours
            };
            let ratio = reference.mb_per_s() / row.mb_per_s();
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
            let text = |value: Option<String>| value.unwrap_or_default();
            let _ = writeln!(
                csv,
                "{},{},{},{},{:.9},{:.3},{:.4},{},{},{},{}",
                row.configs,
                row.bytes,
                row.implementation,
                row.timing.iterations,
                mean,
                row.mb_per_s(),
                ratio,
                text(row.decoded.map(|d| d.to_string())),
                text(row.peak.map(|p| p.decoded.to_string())),
                text(row.peak.map(|p| p.decoding().to_string())),
                text(row.written.map(|w| w.to_string())),
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
    print!("{table}");
    println!("{}", memory_table(&rows, &files));

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
        all_met &= check("reading / gSOAP reading", of(GSOAP).map(|v| read / v), 1.0);
        all_met &= check(
            "writing / gSOAP writing",
            of(OURS_WRITE).zip(of(GSOAP_WRITE)).map(|(w, g)| w / g),
            1.0,
        );
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

/// Peak memory of decoding each payload once, ours and gSOAP's, and what gSOAP's writer
/// wrote (its xs:dateTime is a time_t: UTC, whole seconds; so its output is not our bytes).
fn memory_table(rows: &[Row], files: &[(usize, PathBuf)]) -> String {
    let mib = |bytes: u64| bytes as f64 / (1024.0 * 1024.0);
    let mut table =
        String::from("peak memory of decoding once (VmHWM of a child process per payload, MiB):\n");
    let _ = writeln!(
        table,
        "{:>8} {:>11}  {:<14} {:>10} {:>10} {:>10} {:>12}",
        "configs", "bytes", "implementation", "loaded", "peak", "decoding", "dec/payload"
    );
    for (count, _) in files {
        let peaks = [OURS, GSOAP].map(|i| find(rows, *count, i).and_then(|r| Some((r, r.peak?))));
        for (row, peak) in peaks.iter().flatten() {
            let _ = writeln!(
                table,
                "{:>8} {:>11}  {:<14} {:>10.1} {:>10.1} {:>10.1} {:>11.2}x",
                row.configs,
                row.bytes,
                row.implementation,
                mib(peak.loaded),
                mib(peak.decoded),
                mib(peak.decoding()),
                peak.decoding() as f64 / row.bytes as f64
            );
        }
        if let [Some((_, ours)), Some((_, gsoap))] = peaks {
            let _ = writeln!(
                table,
                "{:>8} {:>11}  gSOAP / ours: peak {:.2}x, decoding {:.2}x",
                "",
                "",
                gsoap.decoded as f64 / ours.decoded as f64,
                gsoap.decoding() as f64 / ours.decoding().max(1) as f64
            );
        }
        if let Some(write) = find(rows, *count, GSOAP_WRITE)
            && let Some(written) = write.written
        {
            let _ = writeln!(
                table,
                "{:>8} {:>11}  gSOAP wrote {written} bytes for the {}-byte payload",
                "", "", write.bytes
            );
        }
    }
    table
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [mode, path] = args.as_slice()
        && mode == memory::CHILD
    {
        return match memory::child(path) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("compare {}: {error}", memory::CHILD);
                ExitCode::FAILURE
            }
        };
    }
    match run() {
        Ok(_) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("compare: {error}");
            ExitCode::FAILURE
        }
    }
}
