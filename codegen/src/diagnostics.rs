//! What the generator reports besides errors, as values: warnings, and the unsupported
//! constructs lenient mode left out, each with its file, element path and construct.
//!
//! One `Diagnostics` collects them for a whole generation (in the manner of serde_derive's
//! `Ctxt`); `cargo xtask` prints them and the `build.rs` builder turns them into
//! `cargo:warning` lines, both from the same values.

use std::cell::RefCell;
use std::fmt;

use crate::error::{ModelError, ResolveError};

/// How serious a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Severity {
    /// Left out because it has no meaning for a SOAP client or server (a non-SOAP binding,
    /// a notification operation); the rest is complete.
    Warning,
    /// Not supported, and left out or kept as raw XML because generation was lenient.
    Skipped,
}

/// One thing the user should know about a generation that succeeded.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// The document.
    pub file: String,
    /// Element path in the document.
    pub path: String,
    /// The construct concerned, such as `xs:choice`, `binding` or `operation`.
    pub construct: String,
    /// What happened to it and why, without the file and path.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.file, self.path, self.message)
    }
}

impl Diagnostic {
    /// A warning about `construct` at `file` and `path`.
    pub(crate) fn warning(file: &str, path: &str, construct: &str, message: String) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            file: file.to_owned(),
            path: path.to_owned(),
            construct: construct.to_owned(),
            message,
        }
    }

    /// An unsupported construct that `error` refused, kept by lenient mode with `outcome`
    /// (such as "kept as raw XML").
    pub(crate) fn skipped(error: &impl Located, outcome: &str) -> Self {
        let (file, path, construct) = error.location();
        let text = error.to_string();
        let prefix = format!("{file}: {path}: ");
        let reason = text.strip_prefix(&prefix).unwrap_or(&text);
        Diagnostic {
            severity: Severity::Skipped,
            file: file.to_owned(),
            path: path.to_owned(),
            construct: construct.to_owned(),
            message: format!("{reason} ({outcome})"),
        }
    }
}

/// An error that names the file, element path and construct it is about.
pub(crate) trait Located: fmt::Display {
    /// The file, element path and construct.
    fn location(&self) -> (&str, &str, &str);
}

impl Located for ModelError {
    fn location(&self) -> (&str, &str, &str) {
        match self {
            ModelError::Xml { file, .. } => (file, "", "document"),
            ModelError::Unsupported {
                file,
                path,
                construct,
                ..
            } => (file, path, construct),
            ModelError::Invalid { file, path, .. } | ModelError::Load { file, path, .. } => {
                (file, path, "")
            }
        }
    }
}

impl Located for ResolveError {
    fn location(&self) -> (&str, &str, &str) {
        match self {
            ResolveError::Dangling {
                file, path, kind, ..
            } => (file, path, kind),
            ResolveError::Unsupported {
                file,
                path,
                construct,
                ..
            } => (file, path, construct),
            ResolveError::Invalid { file, path, .. } => (file, path, ""),
        }
    }
}

/// Collects the diagnostics of one generation; in strict mode unsupported constructs are
/// refused instead of collected.
#[derive(Debug, Default)]
pub(crate) struct Diagnostics {
    lenient: bool,
    items: RefCell<Vec<Diagnostic>>,
}

impl Diagnostics {
    /// Collects for a generation that is lenient or not.
    pub(crate) fn new(lenient: bool) -> Self {
        Diagnostics {
            lenient,
            items: RefCell::new(Vec::new()),
        }
    }

    /// Whether unsupported constructs are left out instead of refused.
    pub(crate) fn is_lenient(&self) -> bool {
        self.lenient
    }

    /// Records `diagnostic`.
    pub(crate) fn push(&self, diagnostic: Diagnostic) {
        self.items.borrow_mut().push(diagnostic);
    }

    /// In lenient mode records `error` as skipped with `outcome` and gives `Ok`; otherwise
    /// gives the error back.
    pub(crate) fn skip_or_refuse<E: Located>(&self, error: E, outcome: &str) -> Result<(), E> {
        if self.lenient {
            self.push(Diagnostic::skipped(&error, outcome));
            Ok(())
        } else {
            Err(error)
        }
    }

    /// Adds what another collector gathered, after this one's.
    pub(crate) fn append(&self, other: Vec<Diagnostic>) {
        self.items.borrow_mut().extend(other);
    }

    /// Everything recorded, in order.
    pub(crate) fn into_vec(self) -> Vec<Diagnostic> {
        self.items.into_inner()
    }
}
