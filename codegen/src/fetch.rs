//! [`AnyLoader`]: documents from files and, with the `http` feature, from `http(s)` URLs,
//! each location read once, with the list of what was read (for `cargo:rerun-if-changed`
//! and progress messages).

use std::collections::HashMap;

use crate::error::LoadError;
use crate::load::{Loader, resolve_location};

/// Whether `location` is an `http` or `https` URL.
pub fn is_url(location: &str) -> bool {
    let lower = location.get(..8).unwrap_or(location).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Called with each location read and its size in bytes.
type Progress = Box<dyn FnMut(&str, usize) + Send>;

/// Reads documents from files (paths relative to the working directory, or absolute) and,
/// with the crate's `http` feature, from `http(s)` URLs, following relative locations from
/// either.
///
/// Each location is read once: the WSDLs of one crate often import the same schemas, and a
/// location asked for again gets the bytes already read.
#[derive(Default)]
pub struct AnyLoader {
    #[cfg(feature = "http")]
    client: Option<reqwest::blocking::Client>,
    fetched: Vec<String>,
    documents: HashMap<String, Vec<u8>>,
    progress: Option<Progress>,
}

impl std::fmt::Debug for AnyLoader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AnyLoader")
            .field("fetched", &self.fetched)
            .finish_non_exhaustive()
    }
}

impl AnyLoader {
    /// A loader; the HTTP client is built on first use.
    pub fn new() -> Self {
        Self::default()
    }

    /// Calls `progress` with each location read and its size, as it is read.
    pub fn with_progress(mut self, progress: impl FnMut(&str, usize) + Send + 'static) -> Self {
        self.progress = Some(Box::new(progress));
        self
    }

    /// The locations read so far, each once, in the order read.
    pub fn fetched(&self) -> &[String] {
        &self.fetched
    }

    /// Reads `location` (already resolved), or returns what was read from there before.
    pub fn fetch(&mut self, location: &str) -> Result<Vec<u8>, LoadError> {
        if let Some(bytes) = self.documents.get(location) {
            return Ok(bytes.clone());
        }
        let bytes = if is_url(location) {
            self.get(location)?
        } else {
            std::fs::read(location)?
        };
        self.fetched.push(location.to_owned());
        self.documents.insert(location.to_owned(), bytes.clone());
        if let Some(progress) = &mut self.progress {
            progress(location, bytes.len());
        }
        Ok(bytes)
    }

    /// Fetches a URL with a blocking client (60 s timeout); an HTTP error status is an error.
    #[cfg(feature = "http")]
    fn get(&mut self, url: &str) -> Result<Vec<u8>, LoadError> {
        let http = |error: reqwest::Error| LoadError::Http {
            status: error.status().map(|s| s.as_u16()),
            message: error.to_string(),
        };
        let client = match &self.client {
            Some(client) => client,
            None => self.client.insert(
                reqwest::blocking::Client::builder()
                    .timeout(std::time::Duration::from_secs(60))
                    .tls_backend_preconfigured(tls_config()?)
                    .build()
                    .map_err(http)?,
            ),
        };
        let response = client
            .get(url)
            .send()
            .and_then(reqwest::blocking::Response::error_for_status)
            .map_err(http)?;
        Ok(response.bytes().map_err(http)?.to_vec())
    }

    /// Without the `http` feature a URL is an error that says how to get it.
    #[cfg(not(feature = "http"))]
    fn get(&mut self, _url: &str) -> Result<Vec<u8>, LoadError> {
        Err(LoadError::HttpUnavailable)
    }
}

/// The TLS configuration of WSDL downloads: ring, and the operating system's certificate
/// roots (as reqwest's own verifier).
#[cfg(feature = "http")]
fn tls_config() -> Result<rustls::ClientConfig, LoadError> {
    let failed = |error: rustls::Error| LoadError::Http {
        status: None,
        message: format!("cannot set up TLS: {error}"),
    };
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let verifier = rustls_platform_verifier::Verifier::new(std::sync::Arc::clone(&provider))
        .map_err(failed)?;
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(failed)?
        .dangerous()
        .with_custom_certificate_verifier(std::sync::Arc::new(verifier))
        .with_no_client_auth())
}

impl Loader for AnyLoader {
    fn load(&mut self, base: &str, location: &str) -> Result<(String, Vec<u8>), LoadError> {
        let resolved = resolve_location(base, location);
        let bytes = self.fetch(&resolved)?;
        Ok((resolved, bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_urls_from_paths() {
        assert!(is_url("http://h/a.wsdl"));
        assert!(is_url("HTTPS://h/a.wsdl"));
        assert!(!is_url("wsdl/http.wsdl"));
        assert!(!is_url("C:\\a.wsdl"));
        assert!(!is_url("ftp://h/a.wsdl"));
    }

    #[cfg(not(feature = "http"))]
    #[test]
    fn a_url_without_the_http_feature_says_which_feature() {
        let error = AnyLoader::new().fetch("http://127.0.0.1:9/a.wsdl").err();
        assert_eq!(error, Some(LoadError::HttpUnavailable));
        let message = LoadError::HttpUnavailable.to_string();
        assert!(message.contains("`http` feature"), "{message}");
    }
}
