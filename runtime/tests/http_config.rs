//! The checked parts of `HttpConfig`: client identities from PEM (every bad input a typed
//! error, never a panic), HTTP authentication (RFC 7617 and RFC 6750 syntax), proxies, and
//! secrets kept out of `Debug` output. Calls over the network with them are in the `tests`
//! crate (`tests/tests/calls/client_config.rs`).
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail by panicking.

use soap_runtime::transport::crypto_provider;
use soap_runtime::{
    ClientIdentity, HttpAuth, HttpConfig, HttpConfigError, HttpConfigErrorKind, HttpProxy,
    HttpTransport, TransportErrorKind,
};

const CLIENT_CERT: &[u8] = include_bytes!("../../tests/tls/client.cert.pem");
const CLIENT_KEY: &[u8] = include_bytes!("../../tests/tls/client.key.pem");
const SERVER_KEY: &[u8] = include_bytes!("../../tests/tls/server.key.pem");
const CA_CERT: &[u8] = include_bytes!("../../tests/tls/ca.cert.pem");

fn identity_error(chain: &[u8], key: &[u8]) -> HttpConfigError {
    ClientIdentity::from_pem(chain, key).expect_err("the identity must be refused")
}

#[test]
fn one_provider_is_chosen() {
    let provider = crypto_provider().unwrap();
    assert!(!provider.cipher_suites.is_empty());
}

#[test]
fn identity_from_pem() {
    let identity = ClientIdentity::from_pem(CLIENT_CERT, CLIENT_KEY).unwrap();
    assert_eq!(identity.certificate_count(), 1);
    // One file holding the chain and the key serves as both.
    let both = [CLIENT_CERT, CLIENT_KEY].concat();
    let identity = ClientIdentity::from_pem(&both, &both).unwrap();
    assert_eq!(identity.certificate_count(), 1);
    // The chain may go on with the CA.
    let chain = [CLIENT_CERT, CA_CERT].concat();
    assert_eq!(
        ClientIdentity::from_pem(&chain, CLIENT_KEY)
            .unwrap()
            .certificate_count(),
        2
    );
}

#[test]
fn a_chain_without_certificates_is_a_certificate_error() {
    for chain in [&b""[..], b"hello", CLIENT_KEY] {
        let error = identity_error(chain, CLIENT_KEY);
        assert_eq!(error.kind(), HttpConfigErrorKind::Certificate, "{error}");
        assert!(error.to_string().contains("no PEM certificate"), "{error}");
    }
}

#[test]
fn a_broken_certificate_is_a_certificate_error_with_the_parser_s_cause() {
    let broken = b"-----BEGIN CERTIFICATE-----\n!!!not base64!!!\n-----END CERTIFICATE-----\n";
    let error = identity_error(broken, CLIENT_KEY);
    assert_eq!(error.kind(), HttpConfigErrorKind::Certificate, "{error}");
    assert!(std::error::Error::source(&error).is_some(), "{error:?}");
}

#[test]
fn missing_encrypted_or_several_keys_are_private_key_errors() {
    let encrypted =
        b"-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n";
    let two = [CLIENT_KEY, SERVER_KEY].concat();
    for (key, says) in [
        (&b""[..], "no unencrypted private key"),
        (CLIENT_CERT, "no unencrypted private key"),
        (encrypted, "no unencrypted private key"),
        (&two, "holds 2 private keys"),
    ] {
        let error = identity_error(CLIENT_CERT, key);
        assert_eq!(error.kind(), HttpConfigErrorKind::PrivateKey, "{error}");
        assert!(error.to_string().contains(says), "{error}");
    }
}

#[test]
fn a_key_that_is_no_key_is_a_private_key_error() {
    let garbage = b"-----BEGIN PRIVATE KEY-----\nAAECAwQFBgcICQ==\n-----END PRIVATE KEY-----\n";
    let error = identity_error(CLIENT_CERT, garbage);
    assert_eq!(error.kind(), HttpConfigErrorKind::PrivateKey, "{error}");
    assert!(std::error::Error::source(&error).is_some(), "{error:?}");
}

#[test]
fn another_certificate_s_key_is_a_key_mismatch() {
    let error = identity_error(CLIENT_CERT, SERVER_KEY);
    assert_eq!(error.kind(), HttpConfigErrorKind::KeyMismatch, "{error}");
}

#[test]
fn basic_auth_refuses_what_rfc_7617_forbids() {
    assert!(HttpAuth::basic("Aladdin", "open sesame").is_ok());
    assert!(HttpAuth::basic("jöhn", "pässwörd:with:colons").is_ok());
    for (user, password) in [
        ("a:b", "pw"),
        ("a\nb", "pw"),
        ("a", "p\rw"),
        ("a", "p\u{7f}"),
    ] {
        let error = HttpAuth::basic(user, password).unwrap_err();
        assert_eq!(error.kind(), HttpConfigErrorKind::Credentials, "{error}");
        assert!(!error.to_string().contains(password), "{error}");
    }
}

#[test]
fn bearer_tokens_have_rfc_6750_syntax() {
    for token in ["mF_9.B5f-4.1JqM", "abc+/==", "eyJhbGciOi.eyJzdWIi.SflKxw"] {
        assert!(HttpAuth::bearer(token).is_ok(), "{token}");
    }
    for token in ["", "==", "a b", "a\r\nX-Evil: 1", "tok,en", "é"] {
        let error = HttpAuth::bearer(token).unwrap_err();
        assert_eq!(
            error.kind(),
            HttpConfigErrorKind::Credentials,
            "{token:?}: {error}"
        );
    }
}

#[test]
fn proxies_are_http_or_https_urls() {
    assert!(HttpProxy::new("http://proxy.example:3128").is_ok());
    assert!(HttpProxy::new("https://proxy.example").is_ok());
    for url in [
        "proxy.example:3128",
        "ftp://proxy.example",
        "socks5://proxy:1080",
        "not a url",
    ] {
        let error = HttpProxy::new(url).unwrap_err();
        assert_eq!(error.kind(), HttpConfigErrorKind::Proxy, "{url}: {error}");
    }
}

#[test]
fn debug_output_holds_no_secret() {
    let config = HttpConfig {
        client_identity: Some(ClientIdentity::from_pem(CLIENT_CERT, CLIENT_KEY).unwrap()),
        auth: Some(HttpAuth::basic("alice", "s3cret-password").unwrap()),
        proxy: Some(
            HttpProxy::new("http://bob:pr0xy-password@proxy.example:3128")
                .unwrap()
                .with_auth(HttpAuth::bearer("b3arer-token").unwrap()),
        ),
        ..HttpConfig::default()
    };
    let transport = HttpTransport::with_config(config.clone()).unwrap();
    for debug in [format!("{config:?}"), format!("{transport:?}")] {
        for secret in [
            "s3cret-password",
            "pr0xy-password",
            "b3arer-token",
            "MIG",
            "YWxpY2U6",
        ] {
            assert!(!debug.contains(secret), "{secret} in {debug}");
        }
        assert!(debug.contains("alice"), "the user name shows: {debug}");
        assert!(debug.contains("<redacted>"), "{debug}");
        assert!(debug.contains("http://proxy.example:3128"), "{debug}");
    }
}

#[test]
fn a_bad_extra_root_is_a_tls_error_caused_by_a_certificate_error() {
    let error = HttpTransport::with_config(HttpConfig {
        extra_root_certificates: vec![b"not a certificate".to_vec()],
        ..HttpConfig::default()
    })
    .unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::Tls, "{error}");
    let cause = std::error::Error::source(&error)
        .and_then(|e| e.downcast_ref::<HttpConfigError>())
        .expect("the certificate error is the source");
    assert_eq!(cause.kind(), HttpConfigErrorKind::Certificate);
}
