//! Serves a [`SoapService`] over HTTP/1.1 with hyper: a body size limit enforced while
//! reading (413 without reading the rest), header and body read timeouts, and graceful
//! shutdown that lets calls in flight finish.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, ToSocketAddrs};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::{SoapService, handle, plain_reply};
use crate::call::RemoteAddr;
use crate::xml::ReaderConfig;

/// Settings of an [`HttpServer`].
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Largest request body accepted; a larger one gets 413 without being read whole.
    /// Default 16 MiB.
    pub max_body_size: usize,
    /// Longest time a client may take to send the request head. Default 10 s.
    pub header_read_timeout: Duration,
    /// Longest time a client may take to send the request body. Default 30 s.
    pub body_read_timeout: Duration,
    /// Limits of the XML reader.
    pub reader: ReaderConfig,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            max_body_size: 16 * 1024 * 1024,
            header_read_timeout: Duration::from_secs(10),
            body_read_timeout: Duration::from_secs(30),
            reader: ReaderConfig::default(),
        }
    }
}

/// A running HTTP server; dropping it does not stop it, [`HttpServer::shutdown`] does.
#[derive(Debug)]
pub struct HttpServer {
    addr: SocketAddr,
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl HttpServer {
    /// Binds `addr` and serves `service` in the background.
    pub async fn bind<S: SoapService>(
        addr: impl ToSocketAddrs,
        service: S,
        config: ServerConfig,
    ) -> std::io::Result<Self> {
        let listener = TcpListener::bind(addr).await?;
        Self::serve(listener, service, config)
    }

    /// Serves `service` on `listener` in the background.
    pub fn serve<S: SoapService>(
        listener: TcpListener,
        service: S,
        config: ServerConfig,
    ) -> std::io::Result<Self> {
        let addr = listener.local_addr()?;
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(accept_loop(
            listener,
            Arc::new(service),
            Arc::new(config),
            stopped,
        ));
        Ok(HttpServer { addr, stop, task })
    }

    /// The bound address.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://{address}{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Stops accepting connections and waits for calls in flight to finish.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}

async fn accept_loop<S: SoapService>(
    listener: TcpListener,
    service: Arc<S>,
    config: Arc<ServerConfig>,
    mut stopped: watch::Receiver<bool>,
) {
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = stopped.changed() => break,
        };
        let Ok((stream, peer)) = accepted else {
            // Out of file descriptors and the like: back off briefly and keep serving.
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        let _ = stream.set_nodelay(true);
        let header_read_timeout = config.header_read_timeout;
        let service = Arc::clone(&service);
        let config = Arc::clone(&config);
        let handler = service_fn(move |mut request: ::http::Request<Incoming>| {
            request.extensions_mut().insert(RemoteAddr(peer));
            let service = Arc::clone(&service);
            let config = Arc::clone(&config);
            async move {
                Ok::<_, std::convert::Infallible>(
                    respond(&*service, &config, request).await.map(Full::new),
                )
            }
        });
        let connection = http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(header_read_timeout)
            // A client may shut down its sending side once the request is out and wait for
            // the answer; without this hyper drops the call when it reads that EOF.
            .half_close(true)
            .keep_alive(true)
            .serve_connection(TokioIo::new(stream), handler);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await;
        });
    }
    drop(listener);
    graceful.shutdown().await;
}

async fn respond<S: SoapService>(
    service: &S,
    config: &ServerConfig,
    request: ::http::Request<Incoming>,
) -> ::http::Response<Bytes> {
    let limit = config.max_body_size;
    let declared = request
        .headers()
        .get(::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return too_large(limit);
    }
    let (parts, body) = request.into_parts();
    let collected = tokio::time::timeout(
        config.body_read_timeout,
        Limited::new(body, limit).collect(),
    )
    .await;
    let bytes = match collected {
        Ok(Ok(collected)) => collected.to_bytes(),
        Ok(Err(error))
            if error
                .downcast_ref::<http_body_util::LengthLimitError>()
                .is_some() =>
        {
            return too_large(limit);
        }
        Ok(Err(error)) => {
            return plain_reply(
                ::http::StatusCode::BAD_REQUEST,
                &format!("cannot read the request body: {error}\n"),
            );
        }
        Err(_) => {
            return plain_reply(
                ::http::StatusCode::REQUEST_TIMEOUT,
                "the request body took too long\n",
            );
        }
    };
    handle(
        service,
        &config.reader,
        ::http::Request::from_parts(parts, bytes),
    )
    .await
}

fn too_large(limit: usize) -> ::http::Response<Bytes> {
    tracing::info!(limit, "request body over the size limit refused with 413");
    let mut response = plain_reply(
        ::http::StatusCode::PAYLOAD_TOO_LARGE,
        &format!("the request body exceeds the limit of {limit} bytes\n"),
    );
    response.headers_mut().insert(
        ::http::header::CONNECTION,
        ::http::HeaderValue::from_static("close"),
    );
    response
}
