//! The foreign peers: finding Python (the venv of `tests/interop/run.sh`) and node, running
//! them with time limits, and killing them when a test ends however it ends.

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// What to run when a tool is missing.
const SETUP: &str = "run `bash tests/interop/run.sh` from the repository root: it creates \
                     tests/interop/.venv from requirements.txt and runs `npm ci` in tests/interop";

/// `tests/interop`.
pub(crate) fn interop_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("interop")
}

/// The repository's copy of the SuperOffice WSDLs.
pub(crate) fn wsdl_dir() -> PathBuf {
    tests::shared::wsdl_dir()
}

/// The venv's Python with zeep importable; fails the test with the setup command if not.
pub(crate) fn python() -> PathBuf {
    let python = interop_dir().join(".venv/bin/python");
    assert!(
        python.exists(),
        "the interop tests need Python with zeep in {}: {SETUP}",
        python.display()
    );
    let output = Command::new(&python)
        .args(["-c", "import zeep, lxml; print(zeep.__version__)"])
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}; {SETUP}", python.display()));
    assert!(
        output.status.success(),
        "zeep is not importable from {}: {}; {SETUP}",
        python.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    python
}

/// A command running `zeep_client.py` with `python`.
pub(crate) fn zeep_client(python: PathBuf) -> Command {
    let mut command = Command::new(python);
    command.arg(interop_dir().join("zeep_client.py"));
    command
}

/// `node`, with npm `soap` installed in `tests/interop/node_modules`; fails the test with the
/// setup command if not.
pub(crate) fn node() -> PathBuf {
    let node = PathBuf::from(std::env::var_os("NODE").unwrap_or_else(|| "node".into()));
    let output = Command::new(&node)
        .arg("--version")
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run {} (node 18 or later is needed): {e}; {SETUP}",
                node.display()
            )
        });
    assert!(output.status.success(), "`node --version` failed; {SETUP}");
    let soap = interop_dir().join("node_modules/soap/package.json");
    assert!(
        soap.exists(),
        "npm `soap` is not installed ({} is missing): {SETUP}",
        soap.display()
    );
    node
}

/// A child process killed (and reaped) when dropped.
pub(crate) struct Guard(Option<Child>);

impl Guard {
    fn child(&mut self) -> &mut Child {
        self.0.as_mut().expect("the child is there until dropped")
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        if let Some(mut child) = self.0.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// The outcome of a finished command.
pub(crate) struct Finished {
    pub(crate) status: ExitStatus,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

impl Finished {
    /// Fails the test unless the command succeeded, with `what`, the status and the output.
    #[track_caller]
    pub(crate) fn assert_success(&self, what: &str) {
        assert!(
            self.status.success(),
            "{what} ({}):\n{}\n{}",
            self.status,
            self.stdout,
            self.stderr
        );
    }
}

fn drain(mut pipe: impl std::io::Read + Send + 'static) -> JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// Runs `command` to its end; kills it and fails the test after `limit`.
pub(crate) fn run(mut command: Command, limit: Duration) -> Finished {
    let shown = format!("{command:?}");
    let child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {shown}: {e}; {SETUP}"));
    let mut guard = Guard(Some(child));
    let stdout = drain(guard.child().stdout.take().expect("piped"));
    let stderr = drain(guard.child().stderr.take().expect("piped"));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = guard.child().try_wait().expect("try_wait") {
            break status;
        }
        if started.elapsed() > limit {
            drop(guard);
            panic!(
                "{shown} did not finish within {limit:?}; its output:\n{}\n{}",
                stdout.join().unwrap_or_default(),
                stderr.join().unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Finished {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    }
}

/// A running `soap_server.js`: its port, and the lines it prints (one JSON object per request
/// it served).
pub(crate) struct NodeServer {
    guard: Guard,
    lines: mpsc::Receiver<String>,
    stderr: Option<JoinHandle<String>>,
    pub(crate) port: u16,
}

impl NodeServer {
    /// Starts the node `soap` server and waits (at most 30 s) for the line with its port.
    pub(crate) fn start() -> NodeServer {
        Self::start_script("soap_server.js", &["--wsdl".into(), wsdl_dir().into()])
    }

    /// Starts `script` of the interop directory with `args`, a server that prints its port
    /// as `soap_server.js` does, and waits (at most 30 s) for that line.
    pub(crate) fn start_script(script: &str, args: &[std::ffi::OsString]) -> NodeServer {
        let node = node();
        let script = interop_dir().join(script);
        let mut command = Command::new(node);
        command
            .arg(&script)
            .args(args)
            .current_dir(interop_dir())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let child = command
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start node {}: {e}; {SETUP}", script.display()));
        let mut guard = Guard(Some(child));
        let stdout = guard.child().stdout.take().expect("piped");
        let stderr = drain(guard.child().stderr.take().expect("piped"));
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let first = match lines.recv_timeout(Duration::from_secs(30)) {
            Ok(line) => line,
            Err(_) => {
                drop(guard);
                panic!(
                    "{} printed no port within 30 s; its stderr:\n{}",
                    script.display(),
                    stderr.join().unwrap_or_default()
                );
            }
        };
        let port: serde_json::Value = serde_json::from_str(&first)
            .unwrap_or_else(|e| panic!("soap_server.js's first line is not JSON ({e}): {first}"));
        let port = port["port"]
            .as_u64()
            .and_then(|p| u16::try_from(p).ok())
            .unwrap_or_else(|| panic!("soap_server.js's first line has no port: {first}"));
        NodeServer {
            guard,
            lines,
            stderr: Some(stderr),
            port,
        }
    }

    /// The endpoint of `service` serving value set `set`.
    pub(crate) fn url(&self, set: &str, service: &str) -> String {
        format!("http://127.0.0.1:{}/{set}/{service}.svc", self.port)
    }

    /// Stops the server; returns the JSON lines it printed after the port, and its stderr.
    pub(crate) fn stop(mut self) -> (Vec<serde_json::Value>, String) {
        if let Some(mut child) = self.guard.0.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        let mut records = Vec::new();
        while let Ok(line) = self.lines.recv_timeout(Duration::from_secs(10)) {
            let record = serde_json::from_str(&line).unwrap_or_else(|e| {
                panic!("soap_server.js printed a line that is not JSON ({e}): {line}")
            });
            records.push(record);
        }
        let stderr = self
            .stderr
            .take()
            .map(|h| h.join().unwrap_or_default())
            .unwrap_or_default();
        (records, stderr)
    }
}

/// Reads a file written by a peer.
pub(crate) fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}
