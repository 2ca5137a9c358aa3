//! Our peak memory on a payload, measured as gSOAP's is: `compare` re-executes itself as a
//! child (`compare memory-child FILE`) that loads the file, then decodes it once, and reads
//! `VmHWM` of `/proc/self/status` after each; one child per payload, so that no earlier,
//! larger peak hides the figure.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::Peak;

/// The argument that makes `compare` the child.
pub(crate) const CHILD: &str = "memory-child";

/// The child: loads `path`, decodes it, prints `hwm_loaded N`, `hwm_decoded N`, `decoded N`.
pub(crate) fn child(path: &str) -> Result<(), String> {
    let hwm = || bench::proc_status_bytes("VmHWM").ok_or("no VmHWM in /proc/self/status");
    let xml = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    let loaded = hwm()?;
    let envelope = bench::read_configs(&xml).map_err(|e| format!("{path}: {e}"))?;
    let decoded = hwm()?;
    println!("hwm_loaded {loaded}");
    println!("hwm_decoded {decoded}");
    println!("decoded {}", bench::config_count(&envelope));
    std::hint::black_box(&envelope);
    Ok(())
}

/// Runs the child on `path`: our peak memory, and the configs it decoded.
pub(crate) fn measure_ours(path: &Path) -> Result<(Peak, usize), String> {
    let exe = std::env::current_exe().map_err(|e| format!("this program's path: {e}"))?;
    let output = Command::new(exe)
        .arg(CHILD)
        .arg(path)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot start the memory child: {e}"))?;
    if !output.status.success() {
        return Err(format!("the memory child failed: {}", output.status));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let get = |key: &str| -> Result<u64, String> {
        stdout
            .lines()
            .find_map(|l| l.strip_prefix(key)?.strip_prefix(' ')?.trim().parse().ok())
            .ok_or(format!("the memory child printed no {key}: {stdout:?}"))
    };
    let peak = Peak {
        loaded: get("hwm_loaded")?,
        decoded: get("hwm_decoded")?,
    };
    Ok((peak, get("decoded")? as usize))
}
