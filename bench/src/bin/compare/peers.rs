//! The peers as child processes: zeep and node `soap` (scripts reading every file in one
//! process) and gSOAP (`bench/gsoap/read.cpp`, one process per file, so that its peak memory
//! belongs to that payload alone); each prints one JSON line per file, parsed here into rows.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use bench::Timing;
use serde_json::Value;

use crate::{GSOAP, GSOAP_WRITE, Peak, Row};

/// The fields of a peer's JSON line.
struct Line {
    value: Value,
    text: String,
}

impl Line {
    fn parse(text: &str) -> Result<Self, String> {
        let value = serde_json::from_str(text).map_err(|e| format!("{e} in {text:?}"))?;
        Ok(Self {
            value,
            text: text.to_owned(),
        })
    }

    fn number(&self, key: &str) -> Result<f64, String> {
        self.value
            .get(key)
            .and_then(Value::as_f64)
            .ok_or_else(|| format!("no number {key:?} in {:?}", self.text))
    }

    fn string(&self, key: &str) -> Result<&str, String> {
        self.value
            .get(key)
            .and_then(Value::as_str)
            .ok_or_else(|| format!("no string {key:?} in {:?}", self.text))
    }

    /// The decoder's timing: "iterations" and "seconds".
    fn timing(&self, iterations: &str, seconds: &str) -> Result<Timing, String> {
        Ok(Timing {
            iterations: self.number(iterations)? as u64,
            seconds: self.number(seconds)?,
        })
    }
}

/// Runs a peer script (`command` with its script and `--wsdl`) over `files` and returns its
/// rows. The script prints {"file", "bytes", "iterations", "seconds", "decoded"} per file.
pub(crate) fn run_script(
    implementation: &'static str,
    mut command: Command,
    files: &[(usize, PathBuf)],
    budget: Duration,
) -> Result<Vec<Row>, String> {
    command
        .arg("--budget")
        .arg(budget.as_secs_f64().to_string())
        .arg("--min-iterations")
        .arg("3")
        .args(files.iter().map(|(_, path)| path));
    eprintln!("timing {implementation} ...");
    let mut rows = Vec::new();
    for line in output_lines(implementation, &mut command)? {
        let line = Line::parse(&line)?;
        let file = line.string("file")?;
        let configs = files
            .iter()
            .find(|(_, path)| Path::new(file) == path)
            .map(|(n, _)| *n)
            .ok_or(format!("{implementation}: unknown file {file}"))?;
        rows.push(Row {
            configs,
            bytes: line.number("bytes")? as usize,
            implementation,
            timing: line.timing("iterations", "seconds")?,
            decoded: Some(line.number("decoded")? as usize),
            peak: None,
            written: None,
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

/// Runs the gSOAP program (built by `bench::ensure_gsoap`) on one file: its decode and
/// encode rows, with the peak memory of decoding on the decode row and the size of what it
/// wrote on the encode row. What it wrote is saved next to the program
/// (`gsoap/configs_{n}.written.xml`) and read back with our reader: it must hold every config.
pub(crate) fn run_gsoap(
    exe: &Path,
    configs: usize,
    path: &Path,
    budget: Duration,
) -> Result<Vec<Row>, String> {
    let written = exe.with_file_name(format!("configs_{configs}.written.xml"));
    let mut command = Command::new(exe);
    command
        .arg("--write")
        .arg(&written)
        .arg("--budget")
        .arg(budget.as_secs_f64().to_string())
        .arg("--min-iterations")
        .arg("3")
        .arg(path);
    eprintln!("timing gSOAP on {} ...", path.display());
    let lines = output_lines(GSOAP, &mut command)?;
    let [line] = lines.as_slice() else {
        return Err(format!("gSOAP: {} result lines for one file", lines.len()));
    };
    let line = Line::parse(line)?;
    let bytes = line.number("bytes")? as usize;
    let xml = std::fs::read(&written).map_err(|e| format!("{}: {e}", written.display()))?;
    let envelope = bench::read_configs(&xml)
        .map_err(|e| format!("gSOAP's output {}: {e}", written.display()))?;
    let read_back = bench::config_count(&envelope);
    if read_back != configs {
        return Err(format!(
            "gSOAP's output {} holds {read_back} of {configs} configs",
            written.display()
        ));
    }
    Ok(vec![
        Row {
            configs,
            bytes,
            implementation: GSOAP,
            timing: line.timing("iterations", "seconds")?,
            decoded: Some(line.number("decoded")? as usize),
            peak: Some(Peak {
                loaded: line.number("hwm_loaded")? as u64,
                decoded: line.number("hwm_decoded")? as u64,
            }),
            written: None,
        },
        Row {
            configs,
            bytes,
            implementation: GSOAP_WRITE,
            timing: line.timing("encode_iterations", "encode_seconds")?,
            decoded: None,
            peak: None,
            written: Some(line.number("encoded_bytes")? as usize),
        },
    ])
}

/// Runs `command` (stderr shown) and returns the lines of its stdout that are JSON objects.
fn output_lines(implementation: &str, command: &mut Command) -> Result<Vec<String>, String> {
    let output = command
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("{implementation}: cannot start: {e}"))?;
    if !output.status.success() {
        return Err(format!("{implementation} failed: {}", output.status));
    }
    Ok(String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(str::to_owned)
        .collect())
}
