//! TLS for [`HttpTransport`](super::HttpTransport): the one crypto provider the crate's
//! features chose, client certificates for mutual TLS, and the rustls configuration the
//! transport hands reqwest (so reqwest never picks a provider of its own).

use std::fmt;
use std::sync::Arc;

use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::{PemObject as _, SectionKind};
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

use super::HttpConfig;
use crate::__codegen::Redacted;
use crate::error::{HttpConfigError, HttpConfigErrorKind, TransportError, TransportErrorKind};

/// The rustls crypto provider of [`HttpTransport`](super::HttpTransport): aws-lc-rs with
/// the feature `aws-lc-rs`, else ring with the feature `ring` (a default feature), else the
/// process's default (`CryptoProvider::install_default`).
///
/// A TLS server or a `reqwest::Client` of your own that should use the same provider can
/// take it from here.
pub fn crypto_provider() -> Result<Arc<CryptoProvider>, HttpConfigError> {
    #[cfg(feature = "aws-lc-rs")]
    let provider = Some(Arc::new(rustls::crypto::aws_lc_rs::default_provider()));
    #[cfg(all(feature = "ring", not(feature = "aws-lc-rs")))]
    let provider = Some(Arc::new(rustls::crypto::ring::default_provider()));
    #[cfg(not(any(feature = "ring", feature = "aws-lc-rs")))]
    let provider = CryptoProvider::get_default().cloned();
    provider.ok_or_else(|| {
        HttpConfigError::new(
            HttpConfigErrorKind::CryptoProvider,
            "no TLS crypto provider: enable the feature `ring` or `aws-lc-rs` of soap-runtime, \
             or install a process default (rustls::crypto::CryptoProvider::install_default)",
        )
    })
}

/// A client certificate chain and its private key, for servers that require mutual TLS.
///
/// Both are checked when it is made: the chain holds at least one certificate, the key is
/// one unencrypted private key the crypto provider can sign with, and it belongs to the
/// first certificate. Cheap to clone; `Debug` shows the number of certificates, never the
/// key.
#[derive(Clone)]
pub struct ClientIdentity {
    inner: Arc<Identity>,
}

struct Identity {
    chain: Vec<CertificateDer<'static>>,
    key: PrivateKeyDer<'static>,
}

impl ClientIdentity {
    /// The identity of `certificate_chain` (PEM: the client's certificate first, then any
    /// intermediates) and `private_key` (PEM: PKCS #8 `PRIVATE KEY`, PKCS #1
    /// `RSA PRIVATE KEY` or SEC1 `EC PRIVATE KEY`; not encrypted). Sections of other kinds
    /// are skipped, so one file holding both can be passed as both arguments.
    pub fn from_pem(certificate_chain: &[u8], private_key: &[u8]) -> Result<Self, HttpConfigError> {
        let chain = certificates(certificate_chain, "the client certificate chain")?;
        let key = private_key_of(private_key)?;
        let provider = crypto_provider()?;
        rustls::sign::CertifiedKey::from_der(chain.clone(), key.clone_key(), &provider).map_err(
            |error| match error {
                rustls::Error::InconsistentKeys(_) => HttpConfigError::new(
                    HttpConfigErrorKind::KeyMismatch,
                    "the client's private key does not belong to the first certificate of its chain",
                ),
                error => HttpConfigError::new(
                    HttpConfigErrorKind::PrivateKey,
                    "the client's private key cannot be used for TLS",
                )
                .with_source(error),
            },
        )?;
        Ok(ClientIdentity {
            inner: Arc::new(Identity { chain, key }),
        })
    }

    /// The number of certificates in the chain.
    pub fn certificate_count(&self) -> usize {
        self.inner.chain.len()
    }
}

impl fmt::Debug for ClientIdentity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientIdentity")
            .field("certificates", &self.inner.chain.len())
            .field("private_key", &Redacted)
            .finish()
    }
}

/// The certificates of the PEM `pem` (`what` names it in errors); at least one.
pub(super) fn certificates(
    pem: &[u8],
    what: &str,
) -> Result<Vec<CertificateDer<'static>>, HttpConfigError> {
    let chain = CertificateDer::pem_slice_iter(pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|error| {
            HttpConfigError::new(
                HttpConfigErrorKind::Certificate,
                format!("{what} is not valid PEM"),
            )
            .with_source(error)
        })?;
    if chain.is_empty() {
        return Err(HttpConfigError::new(
            HttpConfigErrorKind::Certificate,
            format!("{what} holds no PEM certificate (`BEGIN CERTIFICATE`)"),
        ));
    }
    Ok(chain)
}

/// The one private key of the PEM `pem`.
fn private_key_of(pem: &[u8]) -> Result<PrivateKeyDer<'static>, HttpConfigError> {
    let invalid = |error| {
        HttpConfigError::new(
            HttpConfigErrorKind::PrivateKey,
            "the client's private key is not valid PEM",
        )
        .with_source(error)
    };
    let mut keys = Vec::new();
    for section in <(SectionKind, Vec<u8>)>::pem_slice_iter(pem) {
        let (kind, der) = section.map_err(invalid)?;
        let key = match kind {
            SectionKind::PrivateKey => PrivateKeyDer::Pkcs8(der.into()),
            SectionKind::RsaPrivateKey => PrivateKeyDer::Pkcs1(der.into()),
            SectionKind::EcPrivateKey => PrivateKeyDer::Sec1(der.into()),
            _ => continue,
        };
        keys.push(key);
    }
    let count = keys.len();
    match keys.pop() {
        Some(key) if count == 1 => Ok(key),
        Some(_) => Err(HttpConfigError::new(
            HttpConfigErrorKind::PrivateKey,
            format!("the client's private key PEM holds {count} private keys, not one"),
        )),
        None => Err(HttpConfigError::new(
            HttpConfigErrorKind::PrivateKey,
            "the client's private key PEM holds no unencrypted private key \
             (`BEGIN PRIVATE KEY`, `BEGIN RSA PRIVATE KEY` or `BEGIN EC PRIVATE KEY`)",
        )),
    }
}

/// A TLS setup error of the transport being built.
fn setup_error(
    message: &str,
    source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
) -> TransportError {
    TransportError::new(TransportErrorKind::Tls, message).with_source(source)
}

/// The rustls client configuration of `config`: the chosen provider, the operating system's
/// roots and the extra ones (as reqwest's own verifier), the client identity, HTTP/2 and
/// HTTP/1.1 by ALPN.
pub(super) fn client_config(config: &HttpConfig) -> Result<rustls::ClientConfig, TransportError> {
    let provider = crypto_provider().map_err(|e| setup_error("no TLS crypto provider", e))?;
    let mut roots = Vec::new();
    for pem in &config.extra_root_certificates {
        roots.extend(
            certificates(pem, "an extra root certificate")
                .map_err(|e| setup_error("invalid root certificate", e))?,
        );
    }
    let verifier = verifier(roots, Arc::clone(&provider))
        .map_err(|e| setup_error("cannot set up certificate verification", e))?;
    let builder = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| setup_error("the crypto provider supports no TLS version", e))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier));
    let mut tls = match &config.client_identity {
        Some(identity) => builder
            .with_client_auth_cert(identity.inner.chain.clone(), identity.inner.key.clone_key())
            .map_err(|e| setup_error("the client certificate cannot be used", e))?,
        None => builder.with_no_client_auth(),
    };
    tls.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(tls)
}

/// The operating system's verifier, with `roots` trusted too.
#[cfg(any(all(unix, not(target_os = "android")), target_os = "windows"))]
fn verifier(
    roots: Vec<CertificateDer<'static>>,
    provider: Arc<CryptoProvider>,
) -> Result<rustls_platform_verifier::Verifier, rustls::Error> {
    if roots.is_empty() {
        rustls_platform_verifier::Verifier::new(provider)
    } else {
        rustls_platform_verifier::Verifier::new_with_extra_roots(roots, provider)
    }
}

/// The operating system's verifier; extra roots are not supported here.
#[cfg(not(any(all(unix, not(target_os = "android")), target_os = "windows")))]
fn verifier(
    roots: Vec<CertificateDer<'static>>,
    provider: Arc<CryptoProvider>,
) -> Result<rustls_platform_verifier::Verifier, rustls::Error> {
    if roots.is_empty() {
        rustls_platform_verifier::Verifier::new(provider)
    } else {
        Err(rustls::Error::General(
            "extra root certificates are not supported on this platform".to_owned(),
        ))
    }
}
