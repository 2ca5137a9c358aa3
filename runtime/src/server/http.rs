//! Serves a [`SoapService`], or any `tower::Service` (several services behind a router, an
//! axum `Router`), over HTTP/1.1 with hyper: header read timeouts, the peer's address as a
//! request extension, and graceful shutdown that lets calls in flight finish.

use std::convert::Infallible;
use std::future::{Future, poll_fn};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, ToSocketAddrs};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::SoapService;
use super::tower::{BoxError, ResponseBody, serve};
use crate::call::RemoteAddr;
use crate::xml::ReaderConfig;

/// Settings of an [`HttpServer`] and of a generated server adapter.
///
/// The body limits and the reader's apply to each request; [`HttpServer`] applies them to
/// the [`SoapService`] it serves, and a generated adapter mounted elsewhere to itself (its
/// `with_config`). `header_read_timeout` is the connection's, so only [`HttpServer`]'s.
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

/// A tower service of HTTP requests [`HttpServer::bind_service`] can serve: a generated
/// server adapter, an axum `Router`, either under tower layers; any service that never fails
/// (its errors are responses), can be cloned for each connection, and answers with a body of
/// bytes.
pub trait HttpService:
    tower_service::Service<
        ::http::Request<Incoming>,
        Response = ::http::Response<Self::Body>,
        Error = Infallible,
        Future: Send + 'static,
    > + Clone
    + Send
    + 'static
{
    /// The response body.
    type Body: http_body::Body<Data = Bytes, Error: Into<BoxError>> + Send + 'static;
}

impl<T, B> HttpService for T
where
    T: tower_service::Service<
            ::http::Request<Incoming>,
            Response = ::http::Response<B>,
            Error = Infallible,
            Future: Send + 'static,
        > + Clone
        + Send
        + 'static,
    B: http_body::Body<Data = Bytes, Error: Into<BoxError>> + Send + 'static,
{
    type Body = B;
}

/// A running HTTP server; dropping it does not stop it, [`HttpServer::shutdown`] does.
#[derive(Debug)]
pub struct HttpServer {
    addr: SocketAddr,
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl HttpServer {
    /// Binds `addr` and serves `service` in the background, with `config`'s limits.
    pub async fn bind<S: SoapService>(
        addr: impl ToSocketAddrs,
        service: S,
        config: ServerConfig,
    ) -> std::io::Result<Self> {
        let listener = TcpListener::bind(addr).await?;
        Self::serve(listener, service, config)
    }

    /// Serves `service` on `listener` in the background, with `config`'s limits.
    pub fn serve<S: SoapService>(
        listener: TcpListener,
        service: S,
        config: ServerConfig,
    ) -> std::io::Result<Self> {
        let header_read_timeout = config.header_read_timeout;
        let service = Arc::new(service);
        let config = Arc::new(config);
        let handler = move |request: ::http::Request<Incoming>| {
            let service = Arc::clone(&service);
            let config = Arc::clone(&config);
            async move {
                let response = serve(&*service, &config, request).await;
                Ok::<_, Infallible>(response.map(ResponseBody::new))
            }
        };
        Self::start(listener, handler, header_read_timeout)
    }

    /// Binds `addr` and serves any `tower::Service` of HTTP requests in the background: a
    /// generated server adapter, an axum `Router` with several of them at their paths, or
    /// either under tower layers. Of `config`, only `header_read_timeout` applies here; the
    /// body limits are those of the adapters (their `with_config`).
    pub async fn bind_service<T: HttpService>(
        addr: impl ToSocketAddrs,
        service: T,
        config: ServerConfig,
    ) -> std::io::Result<Self> {
        let listener = TcpListener::bind(addr).await?;
        Self::serve_service(listener, service, config)
    }

    /// Serves any `tower::Service` of HTTP requests on `listener` in the background; see
    /// [`HttpServer::bind_service`].
    pub fn serve_service<T: HttpService>(
        listener: TcpListener,
        service: T,
        config: ServerConfig,
    ) -> std::io::Result<Self> {
        let handler = move |request: ::http::Request<Incoming>| {
            let mut service = service.clone();
            async move {
                poll_fn(|cx| service.poll_ready(cx)).await?;
                service.call(request).await
            }
        };
        Self::start(listener, handler, config.header_read_timeout)
    }

    fn start<H, F, B>(
        listener: TcpListener,
        handler: H,
        header_read_timeout: Duration,
    ) -> std::io::Result<Self>
    where
        H: Fn(::http::Request<Incoming>) -> F + Clone + Send + 'static,
        F: Future<Output = Result<::http::Response<B>, Infallible>> + Send + 'static,
        B: http_body::Body<Data = Bytes, Error: Into<BoxError>> + Send + 'static,
    {
        let addr = listener.local_addr()?;
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(accept_loop(listener, handler, header_read_timeout, stopped));
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

async fn accept_loop<H, F, B>(
    listener: TcpListener,
    handler: H,
    header_read_timeout: Duration,
    mut stopped: watch::Receiver<bool>,
) where
    H: Fn(::http::Request<Incoming>) -> F + Clone + Send + 'static,
    F: Future<Output = Result<::http::Response<B>, Infallible>> + Send + 'static,
    B: http_body::Body<Data = Bytes, Error: Into<BoxError>> + Send + 'static,
{
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
        let handler = handler.clone();
        let connection_handler = service_fn(move |mut request: ::http::Request<Incoming>| {
            request.extensions_mut().insert(RemoteAddr(peer));
            handler(request)
        });
        let connection = http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(header_read_timeout)
            // A client may shut down its sending side once the request is out and wait for
            // the answer; without this hyper drops the call when it reads that EOF.
            .half_close(true)
            .keep_alive(true)
            .serve_connection(TokioIo::new(stream), connection_handler);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await;
        });
    }
    drop(listener);
    graceful.shutdown().await;
}
