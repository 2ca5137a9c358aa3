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
