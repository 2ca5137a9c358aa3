//! Errors of each generator stage; every message names the file and the element path.

/// Reading WSDL and XML Schema documents into the model.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    /// The document is not well-formed XML.
    #[error("{file}: not well-formed XML: {message}")]
    Xml {
        /// The document.
        file: String,
        /// The parser's message, with line and column.
        message: String,
    },
    /// A construct the generator does not support.
    #[error("{file}: {path}: unsupported construct {construct}{}", format_hint(.hint))]
    Unsupported {
        /// The document.
        file: String,
        /// Element path of the construct.
        path: String,
        /// The construct, such as `xs:choice`.
        construct: String,
        /// What the user can do about it.
        hint: String,
    },
    /// A document that is well-formed but not a valid WSDL or schema.
    #[error("{file}: {path}: {message}")]
    Invalid {
        /// The document.
        file: String,
        /// Element path.
        path: String,
        /// What is wrong and what was expected.
        message: String,
    },
    /// A document that an import or include names and that could not be loaded.
    #[error("{file}: {path}: cannot load {location:?}: {reason}")]
    Load {
        /// The referring document.
        file: String,
        /// Element path of the import or include.
        path: String,
        /// The location it names.
        location: String,
        /// Why it could not be loaded (boxed: errors travel up deep recursions, so they stay
        /// small).
        reason: Box<LoadError>,
    },
}

/// Why a document could not be loaded: what a [`Loader`](crate::Loader) answers, or what was
/// wrong with what it fetched.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The loader follows no imports ([`NoImports`](crate::NoImports)).
    #[error("imports are not followed here")]
    NotFollowed,
    /// A URL given to a loader that reads only files ([`FsLoader`](crate::FsLoader)).
    #[error("only files are loaded here")]
    FilesOnly,
    /// Reading the file failed.
    #[error("{message}")]
    Io {
        /// What kind of failure.
        kind: std::io::ErrorKind,
        /// The system's message.
        message: String,
    },
    /// Fetching the URL failed.
    #[error("{message}")]
    Http {
        /// The HTTP status, when the server answered with an error status.
        status: Option<u16>,
        /// What failed.
        message: String,
    },
    /// A URL, without the `http` feature.
    #[error("reading URLs needs the `http` feature of wsdl-codegen")]
    HttpUnavailable,
    /// A `wsdl:import` that leads to neither a WSDL nor a schema.
    #[error("it is neither a WSDL nor a schema")]
    NotWsdlOrSchema,
    /// An `xs:import` or `xs:include` that leads to something other than a schema.
    #[error("it is not an XML Schema document")]
    NotSchema,
    /// An included schema whose own target namespace differs from the includer's.
    #[error("it has target namespace {own:?}, not the includer's {includer:?}")]
    IncludeNamespace {
        /// The included schema's target namespace.
        own: String,
        /// The including schema's target namespace.
        includer: String,
    },
    /// Anything else a custom loader reports.
    #[error("{0}")]
    Other(String),
}

impl From<std::io::Error> for LoadError {
    fn from(error: std::io::Error) -> Self {
        LoadError::Io {
            kind: error.kind(),
            message: error.to_string(),
        }
    }
}

fn format_hint(hint: &str) -> String {
    if hint.is_empty() {
        String::new()
    } else {
        format!(" ({hint})")
    }
}

/// Resolving the model into the IR: references, type shapes and names.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    /// A reference to a type, element, message, binding or port type that does not exist.
    #[error("{file}: {path}: {kind} {name} is not defined")]
    Dangling {
        /// The referring document.
        file: String,
        /// Element path of the reference.
        path: String,
        /// What kind of thing is referenced.
        kind: &'static str,
        /// The name referenced, as `{namespace}local`.
        name: String,
    },
    /// A construct the generator does not support in this position.
    #[error("{file}: {path}: unsupported construct {construct}{}", format_hint(.hint))]
    Unsupported {
        /// The document.
        file: String,
        /// Element path of the construct.
        path: String,
        /// The construct.
        construct: String,
        /// What the user can do about it.
        hint: String,
    },
    /// Anything else that makes the documents unusable, described in words.
    #[error("{file}: {path}: {message}")]
    Invalid {
        /// The document.
        file: String,
        /// Element path.
        path: String,
        /// What is wrong.
        message: String,
    },
}

/// Turning the IR into formatted Rust.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("emitting {module}: {message}")]
pub struct EmitError {
    /// The module being emitted.
    pub module: String,
    /// What went wrong.
    pub message: String,
}

/// Any generator error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// While reading the documents.
    #[error(transparent)]
    Model(#[from] ModelError),
    /// While resolving references and shapes.
    #[error(transparent)]
    Resolve(#[from] ResolveError),
    /// While emitting Rust.
    #[error(transparent)]
    Emit(#[from] EmitError),
}
