//! What the fake servers of the call-layer and interop tests share: a log of the calls they
//! served and of every way a request differed from the expected one, and request headers shown
//! in full.

use std::fmt::Debug;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use soap_runtime::fault::FaultBlame;
use soap_runtime::operation::SoapVersion;
use soap_runtime::{Error, Fault};
use superoffice_services87::customer_service as cs;
use superoffice_services87::so_principal as sp;

/// How [`Log::check`] prints a request body that differs from the expected one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyFormat {
    /// `{:?}`, on one line.
    Compact,
    /// `{:#?}`, over many lines.
    Pretty,
}

/// What a fake server saw: a `C` for every call it served (the operation, and whatever else
/// tells its calls apart), and every way a request differed from the expected one. Clones
/// share the log.
#[derive(Debug)]
pub struct Log<C> {
    served: Arc<Mutex<Vec<C>>>,
    mismatches: Arc<Mutex<Vec<String>>>,
}

impl<C> Default for Log<C> {
    fn default() -> Self {
        Log {
            served: Arc::default(),
            mismatches: Arc::default(),
        }
    }
}

impl<C> Clone for Log<C> {
    fn clone(&self) -> Self {
        Log {
            served: Arc::clone(&self.served),
            mismatches: Arc::clone(&self.mismatches),
        }
    }
}

impl<C: Clone> Log<C> {
    /// Records the call `served` and compares its request's body and headers with the
    /// expected ones. The differences, each starting with `label`, are recorded and also
    /// answered as an implementation error, so that the call fails at once, not only at the
    /// end of the test. `show` prints headers: their `Debug` output hides the secrets the
    /// tests check.
    pub fn check<B: PartialEq + Debug, H: PartialEq>(
        &self,
        served: C,
        label: &str,
        (body, want_body): (&B, &B),
        (headers, want_headers): (&H, &H),
        (show, format): (fn(&H) -> String, BodyFormat),
    ) -> Result<(), Error> {
        lock(&self.served).push(served);
        let mut problems = Vec::new();
        if body != want_body {
            problems.push(match format {
                BodyFormat::Compact => {
                    format!("{label}: request body {body:?}, expected {want_body:?}")
                }
                BodyFormat::Pretty => {
                    format!("{label}: request body {body:#?}, expected {want_body:#?}")
                }
            });
        }
        if headers != want_headers {
            problems.push(format!(
                "{label}: request headers {}, expected {}",
                show(headers),
                show(want_headers)
            ));
        }
        if problems.is_empty() {
            return Ok(());
        }
        Err(self.fail(problems.join("; ")))
    }

    /// Records `message` as a mismatch and returns it as the fake's own Receiver fault, which
    /// the caller sees (an implementation error would reach it only as an error id).
    pub fn fail(&self, message: String) -> Error {
        lock(&self.mismatches).push(message.clone());
        Error::Fault(Box::new(Fault::new(
            SoapVersion::Soap11,
            FaultBlame::Receiver,
            message,
        )))
    }

    /// The calls served so far.
    pub fn served(&self) -> Vec<C> {
        lock(&self.served).clone()
    }

    /// The mismatches recorded so far.
    pub fn mismatches(&self) -> Vec<String> {
        lock(&self.mismatches).clone()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// `CustomerService` request headers in full.
pub fn show_cs_headers(h: &cs::CustomerServiceRequestHeaders) -> String {
    format!(
        "{{ token: {:?}, credentials: {:?}, time_zone: {:?} }}",
        h.application_token,
        h.credentials.as_ref().map(|c| &c.ticket),
        h.time_zone
    )
}

/// `SoPrincipal` request headers in full.
pub fn show_sp_headers(h: &sp::SoPrincipalRequestHeaders) -> String {
    format!("{{ token: {:?} }}", h.application_token)
}
