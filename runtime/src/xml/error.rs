//! Errors of the XML layer: what went wrong, at which element path and where in the input.

use std::fmt;
use std::sync::Arc;

/// The error another error came from, shared so that errors stay cheap to clone.
type Source = Arc<dyn std::error::Error + Send + Sync + 'static>;

/// The longest excerpt of offending input an error message quotes.
const MAX_FOUND_CHARS: usize = 64;

/// A position in the input document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// Byte offset from the start of the document.
    pub byte: u64,
    /// Line number, starting at 1.
    pub line: u32,
    /// Column number in characters, starting at 1.
    pub column: u32,
}

impl Position {
    /// Computes line and column of `byte` within `input`.
    pub fn locate(input: &[u8], byte: u64) -> Self {
        let end = usize::try_from(byte).unwrap_or(usize::MAX).min(input.len());
        let before = &input[..end];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + 1;
        Position {
            byte,
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
        }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {} (byte {})",
            self.line, self.column, self.byte
        )
    }
}

/// What went wrong while decoding XML.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The document is not well-formed XML, as the reader's own checks found.
    #[error("malformed XML: {0}")]
    Syntax(String),
    /// The document is not well-formed XML, as quick-xml found; its error is the
    /// [`DecodeError`]'s source.
    #[error("malformed XML ({0})")]
    Parse(&'static str),
    /// The document is not valid UTF-8.
    #[error("the document is not valid UTF-8")]
    InvalidUtf8,
    /// The document declares a DTD, which is never processed.
    #[error("a DOCTYPE declaration is not allowed (DTDs are never processed)")]
    DocType,
    /// A character XML 1.0 does not allow, written raw or as a character reference.
    #[error("character {0:?} is not allowed in XML 1.0")]
    ForbiddenChar(char),
    /// An element, attribute or prefix name that is not an XML name.
    #[error("{0:?} is not a valid XML name")]
    InvalidName(String),
    /// The XML declaration names an encoding other than UTF-8.
    #[error("unsupported encoding {0:?}: only UTF-8 is accepted")]
    UnsupportedEncoding(String),
    /// An entity reference other than the five predefined ones and character references.
    #[error("unknown entity reference &{0};")]
    UnknownEntity(String),
    /// The document ends before its root element is closed.
    #[error("unexpected end of document (truncated input?)")]
    UnexpectedEof,
    /// Elements are nested deeper than the configured limit.
    #[error("elements nested deeper than the limit of {limit}")]
    TooDeep {
        /// The configured nesting limit.
        limit: usize,
    },
    /// The input is larger than the configured limit.
    #[error("document of {size} bytes exceeds the limit of {limit} bytes")]
    TooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The configured limit.
        limit: usize,
    },
    /// A namespace prefix that is not declared in scope.
    #[error("undeclared namespace prefix {0:?}")]
    UnknownPrefix(String),
    /// Text that is not a valid lexical form of the expected type.
    #[error("expected {expected}, found {found:?}: {reason}")]
    InvalidValue {
        /// The expected XML Schema type, such as `xs:int`.
        expected: &'static str,
        /// The text found (shortened when long).
        found: String,
        /// Why the text was rejected.
        reason: String,
    },
    /// A required child element is absent.
    #[error("missing required element <{name}>")]
    MissingElement {
        /// Local name of the missing element.
        name: String,
    },
    /// A required attribute is absent.
    #[error("missing required attribute {name}")]
    MissingAttribute {
        /// Name of the missing attribute.
        name: String,
    },
    /// A child element that may occur only once occurs again.
    #[error("element <{name}> occurs more than once")]
    DuplicateElement {
        /// Local name of the repeated element.
        name: String,
    },
    /// An element other than the expected one.
    #[error("expected element {expected}, found {found}")]
    UnexpectedElement {
        /// The expected element, as `{namespace}local`.
        expected: String,
        /// The element found, as `{namespace}local`.
        found: String,
    },
    /// A child element inside an element that holds only text.
    #[error("element <{found}> is not allowed inside a text-only element")]
    ChildInSimpleContent {
        /// Local name of the child element.
        found: String,
    },
    /// `xsi:nil="true"` on an element that is not nillable.
    #[error("xsi:nil is not allowed on this element")]
    NilNotAllowed,
    /// Anything else, described in words.
    #[error("{0}")]
    Other(String),
}

impl DecodeErrorKind {
    /// Builds [`DecodeErrorKind::InvalidValue`], shortening long `found` text.
    pub fn invalid_value(expected: &'static str, found: &str, reason: impl fmt::Display) -> Self {
        DecodeErrorKind::InvalidValue {
            expected,
            found: shorten(found),
            reason: reason.to_string(),
        }
    }
}

/// Shortens `text` to at most [`MAX_FOUND_CHARS`] characters for an error message.
pub(crate) fn shorten(text: &str) -> String {
    match text.char_indices().nth(MAX_FOUND_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// An error decoding XML, with the element path and position where it happened, and the
/// error it came from (quick-xml's, or a value parser's) as its `source()`.
///
/// The error is boxed so that `Result<T, DecodeError>` stays one pointer wide. Two errors
/// are equal when their kind, path and position are; sources are not compared.
#[derive(Clone)]
pub struct DecodeError(Box<DecodeErrorInner>);

#[derive(Clone)]
struct DecodeErrorInner {
    kind: DecodeErrorKind,
    path: String,
    position: Option<Position>,
    source: Option<Source>,
}

impl PartialEq for DecodeError {
    fn eq(&self, other: &Self) -> bool {
        self.0.kind == other.0.kind
            && self.0.path == other.0.path
            && self.0.position == other.0.position
    }
}

impl Eq for DecodeError {}

impl DecodeError {
    /// Creates an error at `path` and `position`.
    pub fn new(kind: DecodeErrorKind, path: impl Into<String>, position: Option<Position>) -> Self {
        DecodeError(Box::new(DecodeErrorInner {
            kind,
            path: path.into(),
            position,
            source: None,
        }))
    }

    /// Attaches the error this one came from, returned by `source()`. Its message should
    /// not be part of the kind's, which reporters print before it.
    pub fn with_source(
        mut self,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        self.0.source = Some(Arc::from(source.into()));
        self
    }

    /// Takes the source of the [`ValueError`] whose reason this error's kind states.
    pub(crate) fn caused_by(mut self, error: ValueError) -> Self {
        self.0.source = error.source;
        self
    }

    /// The same error at another path.
    pub fn at_path(mut self, path: impl Into<String>) -> Self {
        self.0.path = path.into();
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> &DecodeErrorKind {
        &self.0.kind
    }

    /// The element path, such as `/Envelope/Body/GetMailboxesResponse/Response/Mailbox[3]/Id`.
    pub fn path(&self) -> &str {
        &self.0.path
    }

    /// Where in the input the error was found, when known.
    pub fn position(&self) -> Option<Position> {
        self.0.position
    }

    /// Prefixes the path with `outer`, for errors raised inside an embedded document.
    pub fn within(mut self, outer: &str) -> Self {
        self.0.path = format!("{outer}{}", self.0.path);
        self
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.kind)?;
        if !self.0.path.is_empty() {
            write!(f, " at {}", self.0.path)?;
        }
        if let Some(position) = self.0.position {
            write!(f, " ({position})")?;
        }
        Ok(())
    }
}

impl std::error::Error for DecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0
            .source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// What went wrong while writing XML.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EncodeErrorKind {
    /// A character that XML 1.0 cannot carry, such as U+0000.
    #[error("character {0:?} cannot be represented in XML 1.0")]
    InvalidChar(char),
    /// A value that has no lexical form, such as a name that is not an XML name.
    #[error("{0}")]
    InvalidValue(String),
    /// A writer method was called out of order (a bug in the caller).
    #[error("writer misuse: {0}")]
    Misuse(&'static str),
}

/// An error writing XML, with the path of the element being written.
#[derive(Clone, PartialEq, Eq)]
pub struct EncodeError(Box<(EncodeErrorKind, String)>);

impl EncodeError {
    /// Creates an error at `path`.
    pub fn new(kind: EncodeErrorKind, path: impl Into<String>) -> Self {
        EncodeError(Box::new((kind, path.into())))
    }

    /// What went wrong.
    pub fn kind(&self) -> &EncodeErrorKind {
        &self.0.0
    }

    /// The path of the element being written.
    pub fn path(&self) -> &str {
        &self.0.1
    }
}

impl fmt::Debug for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.0)?;
        if !self.0.1.is_empty() {
            write!(f, " at {}", self.0.1)?;
        }
        Ok(())
    }
}

impl std::error::Error for EncodeError {}

/// Why a text value was rejected by [`crate::codec::SimpleValue::parse_text`]: a reason in
/// words, and the error it came from (a GUID or base64 decoder's, for example) as its
/// `source()`.
#[derive(Debug, Clone)]
pub struct ValueError {
    reason: String,
    source: Option<Source>,
}

impl ValueError {
    /// Creates an error with the given reason.
    pub fn new(reason: impl fmt::Display) -> Self {
        ValueError {
            reason: reason.to_string(),
            source: None,
        }
    }

    /// Attaches the error this one came from; `reason` should not repeat its message.
    pub fn with_source(
        mut self,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        self.source = Some(Arc::from(source.into()));
        self
    }

    /// The reason, in words (without the source's message).
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl PartialEq for ValueError {
    fn eq(&self, other: &Self) -> bool {
        self.reason == other.reason
    }
}

impl Eq for ValueError {}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for ValueError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}
