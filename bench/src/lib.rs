//! Payloads for the benchmarks, made by the project's own code from the values of
//! `samples::bench`: `GetAllCustomerCenterConfigs` responses of any size with every field
//! filled, and `SessionIsValid` envelopes; the
//! quick-xml scans they are measured against; and what the bench binaries share (timing,
//! peers and the gSOAP build, output paths, an SVG bar chart).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use quick_xml::events::Event;
use soap_runtime::envelope::{Body, Envelope, read_envelope, write_envelope};
use soap_runtime::xml::{DecodeError, ReaderConfig};
use superoffice_services87::customer_service as cs;

pub use samples::bench::{
    config, configs_response, session_request, session_request_headers, session_response,
    session_response_headers,
};

/// The nearest-rank percentile `p` (0 to 100) of sorted durations, in milliseconds; NaN for
/// none.
pub fn percentile_ms(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0 * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1].as_secs_f64() * 1000.0
}

/// The response envelope of `GetAllCustomerCenterConfigs` with `count` configs.
pub fn configs_envelope(count: usize) -> Vec<u8> {
    let info = cs::GET_ALL_CUSTOMER_CENTER_CONFIGS;
    let output = info.output.unwrap_or(info.input);
    write_envelope(
        info.soap_version,
        &cs::CustomerServiceResponseHeaders::default(),
        &output,
        &configs_response(count),
    )
    .unwrap_or_default()
}

/// The request envelope of `SessionIsValid`, with its three headers.
pub fn session_request_envelope() -> Vec<u8> {
    let info = cs::SESSION_IS_VALID;
    write_envelope(
        info.soap_version,
        &session_request_headers(),
        &info.input,
        &session_request(),
    )
    .unwrap_or_default()
}

/// The response envelope of `SessionIsValid`, with its headers.
pub fn session_response_envelope() -> Vec<u8> {
    let info = cs::SESSION_IS_VALID;
    write_envelope(
        info.soap_version,
        &session_response_headers(),
        &info.output.unwrap_or(info.input),
        &session_response(),
    )
    .unwrap_or_default()
}

/// A decoded `GetAllCustomerCenterConfigs` response envelope.
pub type ConfigsEnvelope =
    Envelope<cs::CustomerServiceResponseHeaders, cs::GetAllCustomerCenterConfigsResponse>;

/// Reads a `GetAllCustomerCenterConfigs` response envelope into the generated types.
pub fn read_configs(xml: &[u8]) -> Result<ConfigsEnvelope, DecodeError> {
    let info = cs::GET_ALL_CUSTOMER_CENTER_CONFIGS;
    read_envelope(
        xml,
        &info.output.unwrap_or(info.input),
        &ReaderConfig::default(),
    )
}

/// How many configs a decoded response holds (0 for a fault).
pub fn config_count(envelope: &ConfigsEnvelope) -> usize {
    match &envelope.body {
        Body::Element(body) => body.response.as_ref().map_or(0, Vec::len),
        Body::Fault(_) => 0,
    }
}

/// Writes a `GetAllCustomerCenterConfigs` response envelope of `body`.
pub fn write_configs(body: &cs::GetAllCustomerCenterConfigsResponse) -> Vec<u8> {
    let info = cs::GET_ALL_CUSTOMER_CENTER_CONFIGS;
    write_envelope(
        info.soap_version,
        &cs::CustomerServiceResponseHeaders::default(),
        &info.output.unwrap_or(info.input),
        body,
    )
    .unwrap_or_default()
}

/// quick-xml's plain event scan: every event of the document, no namespaces. The bytes
/// are checked to be UTF-8 first (quick-xml's `&str` entry point), as any reader that hands
/// out text must. Returns the number of events.
pub fn scan_plain(xml: &[u8]) -> usize {
    let mut reader = quick_xml::Reader::from_str(std::str::from_utf8(xml).unwrap_or(""));
    let mut n = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) | Err(_) => return n,
            Ok(_) => n += 1,
        }
    }
}

/// quick-xml's namespace-resolving scan (`NsReader`) of the same bytes, UTF-8 checked the
/// same way. Returns the number of events whose name is bound to a namespace.
pub fn scan_ns(xml: &[u8]) -> usize {
    let mut reader = quick_xml::NsReader::from_str(std::str::from_utf8(xml).unwrap_or(""));
    let mut n = 0;
    loop {
        match reader.read_resolved_event() {
            Ok((_, Event::Eof)) | Err(_) => return n,
            Ok((ns, _)) => n += usize::from(matches!(ns, quick_xml::name::ResolveResult::Bound(_))),
        }
    }
}

/// The workspace root (the parent of this crate's directory).
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// `target/bench-compare` under the workspace root (or `$CARGO_TARGET_DIR/bench-compare`),
/// created if missing.
pub fn out_dir() -> std::io::Result<PathBuf> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|t| {
            if t.is_relative() {
                workspace_root().join(t)
            } else {
                t
            }
        })
        .unwrap_or_else(|| workspace_root().join("target"));
    let dir = target.join("bench-compare");
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// The directory of the SuperOffice WSDLs: `$WSDL_DIR`, else the repository's own copy in
/// `wsdl/services87`, as the interop suite finds them.
pub fn wsdl_dir() -> PathBuf {
    std::env::var_os("WSDL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("wsdl").join("services87"))
}

/// The interop suite's Python (with zeep and lxml) and node `soap`: made ready by running
/// `bash tests/interop/run.sh --no-run` (which builds, but does not run, the interop
/// tests) when either is missing. Returns the path of the venv's Python.
pub fn ensure_peers() -> std::io::Result<PathBuf> {
    let interop = workspace_root().join("tests").join("interop");
    let python = interop.join(".venv").join("bin").join("python");
    let soap = interop
        .join("node_modules")
        .join("soap")
        .join("package.json");
    if !python.exists() || !soap.exists() {
        eprintln!("setting up zeep and node soap: bash tests/interop/run.sh --no-run");
        let status = std::process::Command::new("bash")
            .arg(interop.join("run.sh"))
            .arg("--no-run")
            .current_dir(workspace_root())
            .status()?;
        if !status.success() {
            return Err(std::io::Error::other(format!(
                "tests/interop/run.sh failed ({status}); it needs python3 with venv, node and npm"
            )));
        }
    }
    Ok(python)
}

/// The gSOAP peer (`bench/gsoap/read.cpp`): built by `bash bench/gsoap/setup.sh` into
/// `target/bench-compare/gsoap/` (which installs the Debian packages `gsoap` and
/// `libgsoap-dev` if `soapcpp2` is missing, runs wsdl2h and soapcpp2 on the CustomerService
/// WSDL of [`wsdl_dir`] and compiles; it does nothing when the program is up to date).
/// Returns the program's path.
pub fn ensure_gsoap() -> std::io::Result<PathBuf> {
    let dir = out_dir()?.join("gsoap");
    let status = std::process::Command::new("bash")
        .arg(
            workspace_root()
                .join("bench")
                .join("gsoap")
                .join("setup.sh"),
        )
        .arg(&dir)
        .arg(wsdl_dir())
        .current_dir(workspace_root())
        .status()?;
    if !status.success() {
        return Err(std::io::Error::other(format!(
            "bench/gsoap/setup.sh failed ({status}); it needs g++, and apt-get as root unless \
             gsoap and libgsoap-dev are installed"
        )));
    }
    Ok(dir.join("read"))
}

/// The mean time of one call of a function timed by [`time_interleaved`].
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    /// Calls timed (after the warm-up).
    pub iterations: u64,
    /// Their total time, in seconds.
    pub seconds: f64,
}

impl Timing {
    /// Mean seconds per call.
    pub fn mean(&self) -> f64 {
        self.seconds / self.iterations.max(1) as f64
    }

    /// Throughput in MB/s (10^6 bytes) for `bytes` per call.
    pub fn mb_per_s(&self, bytes: usize) -> f64 {
        bytes as f64 / self.mean() / 1e6
    }
}

/// Times several functions in turns, so that a noisy machine slows them alike: each is
/// warmed up for a tenth of `budget` (at least one call), then `rounds` rounds each give every
/// function a slice of `budget / rounds` (at least one call). Returns their timings in order.
pub fn time_interleaved(budget: Duration, rounds: u32, fs: &mut [&mut dyn FnMut()]) -> Vec<Timing> {
    for f in fs.iter_mut() {
        let warm = Instant::now();
        loop {
            f();
            if warm.elapsed() >= budget / 10 {
                break;
            }
        }
    }
    let rounds = rounds.max(1);
    let slice = budget / rounds;
    let mut timings = vec![
        Timing {
            iterations: 0,
            seconds: 0.0
        };
        fs.len()
    ];
    for _ in 0..rounds {
        for (f, timing) in fs.iter_mut().zip(&mut timings) {
            let start = Instant::now();
            loop {
                f();
                timing.iterations += 1;
                let elapsed = start.elapsed();
                if elapsed >= slice {
                    timing.seconds += elapsed.as_secs_f64();
                    break;
                }
            }
        }
    }
    timings
}

/// A line of `key: value` from `/proc/self/status` (memory figures in kB), in bytes.
pub fn proc_status_bytes(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find_map(|line| {
        let rest = line.strip_prefix(key)?.strip_prefix(':')?;
        let kb: u64 = rest.trim().trim_end_matches("kB").trim().parse().ok()?;
        Some(kb * 1024)
    })
}

/// Escapes text for XML (SVG labels).
fn svg_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// One bar of [`bar_chart_svg`].
#[derive(Debug, Clone)]
pub struct Bar {
    /// The group the bar belongs to (a payload).
    pub group: String,
    /// The bar's label (an implementation).
    pub label: String,
    /// Its value (MB/s), drawn on a log scale.
    pub value: f64,
}

/// A horizontal bar chart, bars grouped by `group` in order of appearance, on a log10 scale
/// (throughputs span three orders of magnitude), each bar labelled with its value.
pub fn bar_chart_svg(title: &str, unit: &str, bars: &[Bar]) -> String {
    const PALETTE: [&str; 8] = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    ];
    let mut labels: Vec<&str> = Vec::new();
    for bar in bars {
        if !labels.contains(&bar.label.as_str()) {
            labels.push(&bar.label);
        }
    }
    let positive = bars.iter().map(|b| b.value).filter(|v| *v > 0.0);
    let lo = positive.clone().fold(f64::INFINITY, f64::min);
    let hi = positive.fold(0.0, f64::max);
    let (lo_exp, hi_exp) = if hi > 0.0 {
        (
            lo.log10().floor() as i32,
            hi.log10().ceil().max(lo.log10().floor() + 1.0) as i32,
        )
    } else {
        (0, 1)
    };
    let (left, right, bar_h, gap, top) = (260.0, 120.0, 18.0, 14.0, 60.0);
    let width = 1000.0;
    let plot_w = width - left - right;
    let x_of = |v: f64| {
        if v <= 0.0 {
            0.0
        } else {
            ((v.log10() - f64::from(lo_exp)) / f64::from(hi_exp - lo_exp) * plot_w).max(1.0)
        }
    };
    let mut body = String::new();
    let mut y = top;
    let mut group_of_prev: Option<&str> = None;
    for bar in bars {
        if group_of_prev != Some(bar.group.as_str()) {
            if group_of_prev.is_some() {
                y += gap;
            }
            body.push_str(&format!(
                "<text x=\"10\" y=\"{:.1}\" font-weight=\"bold\">{}</text>\n",
                y + bar_h * 0.8,
                svg_escape(&bar.group)
            ));
            y += bar_h + 4.0;
            group_of_prev = Some(&bar.group);
        }
        let color = labels
            .iter()
            .position(|l| *l == bar.label)
            .map_or(PALETTE[0], |i| PALETTE[i % PALETTE.len()]);
        let w = x_of(bar.value);
        body.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>\n\
             <rect x=\"{left}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{bar_h}\" fill=\"{color}\"/>\n\
             <text x=\"{:.1}\" y=\"{:.1}\">{:.1} {}</text>\n",
            left - 6.0,
            y + bar_h * 0.75,
            svg_escape(&bar.label),
            left + w + 4.0,
            y + bar_h * 0.75,
            bar.value,
            svg_escape(unit)
        ));
        y += bar_h + 3.0;
    }
    let height = y + 50.0;
    let mut axis = String::new();
    for e in lo_exp..=hi_exp {
        let x = left + (f64::from(e - lo_exp) / f64::from(hi_exp - lo_exp)) * plot_w;
        axis.push_str(&format!(
            "<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#ccc\"/>\n\
             <text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>\n",
            top - 6.0,
            y,
            y + 18.0,
            svg_escape(&format!("{}", 10f64.powi(e)))
        ));
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height:.0}\" \
         font-family=\"sans-serif\" font-size=\"13\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n\
         <text x=\"10\" y=\"28\" font-size=\"18\" font-weight=\"bold\">{}</text>\n\
         <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{} (log scale)</text>\n\
         {axis}{body}</svg>\n",
        svg_escape(title),
        left + plot_w / 2.0,
        y + 38.0,
        svg_escape(unit)
    )
}
