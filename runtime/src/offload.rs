//! Large bodies off the async workers, so one 16 MB envelope does not stall every other call
//! on its worker thread: a body over [`BLOCKING_ABOVE`] bytes is decoded on tokio's blocking
//! pool; an envelope is encoded there when the last one written for the same operation was
//! that large (a size is known only once written: an operation's first large envelope is
//! written in place). Outside a tokio runtime (a test's own executor), everything runs in
//! place.

use std::collections::BTreeSet;
use std::sync::{PoisonError, RwLock};

use crate::codec::XmlType;
use crate::envelope::{Envelope, read_envelope_in, write_envelope_in};
use crate::headers::HeaderSet;
use crate::operation::{BodyUse, ElementName, OperationInfo, SoapVersion};
use crate::xml::{DecodeError, EncodeError, ReaderConfig};

/// Bodies larger than this many bytes are decoded on the blocking pool; smaller ones, which
/// decode in well under a millisecond, where they are.
pub const BLOCKING_ABOVE: usize = 1024 * 1024;

/// [`read_envelope`] of `xml`, on the blocking pool if it is larger than [`BLOCKING_ABOVE`];
/// `None` if the runtime shut down before it was done.
pub(crate) async fn read_envelope_off_worker<H, B>(
    xml: bytes::Bytes,
    body_use: BodyUse,
    element: ElementName,
    config: &ReaderConfig,
) -> Option<Result<Envelope<H, B>, DecodeError>>
where
    H: HeaderSet + Send + 'static,
    B: XmlType + Send + 'static,
{
    if xml.len() <= BLOCKING_ABOVE || !in_tokio() {
        return Some(read_envelope_in(body_use, &xml, &element, config));
    }
    let config = config.clone();
    let decoding =
        tokio::task::spawn_blocking(move || read_envelope_in(body_use, &xml, &element, &config));
    match decoding.await {
        Ok(result) => Some(result),
        Err(error) if error.is_panic() => std::panic::resume_unwind(error.into_panic()),
        Err(_) => None,
    }
}

/// Whether this runs inside a tokio runtime, whose blocking pool can take the work.
fn in_tokio() -> bool {
    tokio::runtime::Handle::try_current().is_ok()
}

/// What identifies an operation's envelopes: SOAP action, operation name, element.
type Written = (&'static str, &'static str, &'static str, &'static str);

/// The envelopes whose last writing came out larger than [`BLOCKING_ABOVE`].
static LARGE: RwLock<BTreeSet<Written>> = RwLock::new(BTreeSet::new());

fn was_large(key: &Written) -> bool {
    LARGE
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .contains(key)
}

fn remember(key: Written, large: bool) {
    let mut set = LARGE.write().unwrap_or_else(PoisonError::into_inner);
    if large {
        set.insert(key);
    } else {
        set.remove(&key);
    }
}

/// [`write_envelope`] of `body` as `element` of `op`, on the blocking pool if the last
/// envelope written for it was larger than [`BLOCKING_ABOVE`]; `None` if the runtime shut
/// down before it was done.
pub(crate) async fn write_envelope_off_worker<H, B>(
    op: &OperationInfo,
    version: SoapVersion,
    headers: H,
    element: ElementName,
    body: B,
) -> Option<Result<Vec<u8>, EncodeError>>
where
    H: HeaderSet + Send + 'static,
    B: XmlType + Send + 'static,
{
    let key = (
        op.soap_action,
        op.name,
        element.namespace,
        element.local_name,
    );
    let large = was_large(&key);
    let written = if large && in_tokio() {
        let body_use = op.body_use;
        let writing = tokio::task::spawn_blocking(move || {
            write_envelope_in(body_use, version, &headers, &element, &body)
        });
        match writing.await {
            Ok(result) => result,
            Err(error) if error.is_panic() => std::panic::resume_unwind(error.into_panic()),
            Err(_) => return None,
        }
    } else {
        write_envelope_in(op.body_use, version, &headers, &element, &body)
    };
    if let Ok(xml) = &written
        && (xml.len() > BLOCKING_ABOVE) != large
    {
        remember(key, !large);
    }
    Some(written)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::sync::Mutex;
    use std::thread::ThreadId;

    use super::*;
    use crate::xml::{XmlReader, XmlWriter};

    /// Which threads encoded and decoded `Text` values.
    static THREADS: Mutex<Vec<(&str, ThreadId)>> = Mutex::new(Vec::new());

    fn record(what: &'static str) {
        THREADS
            .lock()
            .unwrap()
            .push((what, std::thread::current().id()));
    }

    /// A body of text that notes the thread it is written and read on when it is of `x`s
    /// (the test that looks at the threads uses those; the other test, which runs beside it,
    /// does not).
    #[derive(Debug, PartialEq)]
    struct Text(String);

    impl XmlType for Text {
        fn write_content(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
            if self.0.starts_with('x') {
                record("write");
            }
            w.text(&self.0)
        }

        fn read_content(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
            let text = Text(r.read_text()?.into_owned());
            if text.0.starts_with('x') {
                record("read");
            }
            Ok(text)
        }
    }

    const OP: OperationInfo =
        OperationInfo::new("Echo", "urn:echo", ElementName::new("urn:test", "Echo"));

    async fn write(size: usize) -> Vec<u8> {
        write_envelope_off_worker(
            &OP,
            SoapVersion::Soap11,
            (),
            OP.input,
            Text("x".repeat(size)),
        )
        .await
        .unwrap()
        .unwrap()
    }

    // Outside a tokio runtime, a large body is read and written where the caller is, at once.
    #[test]
    fn without_a_tokio_runtime_large_bodies_are_handled_in_place() {
        use std::future::Future as _;
        use std::task::{Context, Poll, Waker};
        const ALONE: OperationInfo =
            OperationInfo::new("Alone", "urn:alone", ElementName::new("urn:test", "Alone"));
        let mut context = Context::from_waker(Waker::noop());
        let mut xml = Vec::new();
        for _ in 0..2 {
            let writing = write_envelope_off_worker(
                &ALONE,
                SoapVersion::Soap11,
                (),
                ALONE.input,
                Text("y".repeat(BLOCKING_ABOVE + 1)),
            );
            let Poll::Ready(Some(Ok(written))) = std::pin::pin!(writing).poll(&mut context) else {
                panic!("writing waited or failed");
            };
            xml = written;
        }
        let config = ReaderConfig::default();
        let reading = read_envelope_off_worker::<(), Text>(
            xml.into(),
            BodyUse::Literal,
            ALONE.input,
            &config,
        );
        let Poll::Ready(Some(Ok(_))) = std::pin::pin!(reading).poll(&mut context) else {
            panic!("reading waited or failed");
        };
    }

    // On a runtime of one thread: a small body is read where the call runs, a large one on
    // another thread; an envelope is written on another thread once the last one of the
    // operation was large, and in place again once one was small.
    #[tokio::test(flavor = "current_thread")]
    async fn large_bodies_are_read_and_written_off_the_worker() {
        let here = std::thread::current().id();
        let small = write(10).await;
        let large = write(BLOCKING_ABOVE + 1).await;
        let after_large = write(BLOCKING_ABOVE + 1).await;
        write(10).await;
        let after_small = write(10).await;
        assert_eq!(after_large, large);
        assert_eq!(after_small, small);
        let config = ReaderConfig::default();
        for xml in [small, large] {
            let envelope: Envelope<(), Text> =
                read_envelope_off_worker(xml.into(), BodyUse::Literal, OP.input, &config)
                    .await
                    .unwrap()
                    .unwrap();
            assert!(matches!(envelope.body, crate::envelope::Body::Element(_)));
        }
        let threads = THREADS.lock().unwrap().clone();
        let on_worker: Vec<(&str, bool)> = threads.iter().map(|(w, t)| (*w, *t == here)).collect();
        assert_eq!(
            on_worker,
            [
                ("write", true),
                ("write", true),
                ("write", false),
                ("write", false),
                ("write", true),
                ("read", true),
                ("read", false),
            ]
        );
    }
}
