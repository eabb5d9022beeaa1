//! The network side: a listener whose connections can be cut from inside a handler, the
//! routes, and the faults that need time or a socket.

use std::future::poll_fn;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, HttpBody as _};
use axum::extract::connect_info::{ConnectInfo, Connected};
use axum::extract::{Request, State};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode};
use axum::response::Response;
use axum::serve::{IncomingStream, Listener};
use axum::Router;
use serde_json::json;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tracing::{debug, warn};

use tollgate::wix::protocol::{MESSAGES_PATH, REQUEST_ID_HEADER, TOKEN_PATH};

use crate::handler::{self, Inbox, Reply, JSON_CONTENT_TYPE};
use crate::{ids, list, oauth, Fault, Route};

/// How much of a too-large body is still read (and thrown away) so that the client, still
/// sending, reads the `413` instead of a reset connection.
const DRAIN_LIMIT: usize = 32 * 1024 * 1024;
/// The most a [`Fault::Oversized`] body is made to hold.
const OVERSIZED_MAX: usize = 256 * 1024 * 1024;
/// A body that starts like a Send Message response and stops in the middle of it.
const MALFORMED_BODY: &[u8] =
    br#"{"message":{"id":"00000000-0000-4000-8000-000000000000","content":{"basic":{"items":[{"text":"#;

const REQUEST_ID: HeaderName = HeaderName::from_static(REQUEST_ID_HEADER);

/// Binds `bind` and serves `inbox` on it from a new task, until `stopped` fires or its sender
/// is dropped.
pub(crate) async fn spawn(
    bind: SocketAddr,
    inbox: Arc<Inbox>,
    stopped: oneshot::Receiver<()>,
) -> io::Result<(SocketAddr, JoinHandle<()>)> {
    let listener = TcpListener::bind(bind).await?;
    let addr = listener.local_addr()?;
    let app = Router::new().fallback(dispatch).with_state(inbox);
    let serve = axum::serve(CuttableListener(listener), app.into_make_service_with_connect_info::<Cutter>())
        .with_graceful_shutdown(async move {
            let _ = stopped.await;
        });
    let task = tokio::spawn(async move {
        if let Err(error) = serve.await {
            warn!(%error, "sandbox server stopped with an error");
        }
    });
    Ok((addr, task))
}

/// A TCP listener whose connections each carry a [`Cutter`].
struct CuttableListener(TcpListener);

impl Listener for CuttableListener {
    type Io = CuttableStream;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (CuttableStream, SocketAddr) {
        loop {
            match self.0.accept().await {
                Ok((stream, peer)) => {
                    let _ = stream.set_nodelay(true);
                    return (CuttableStream { stream, cut: Cutter::default() }, peer);
                }
                Err(error) if is_connection_error(&error) => {}
                Err(error) => {
                    // Out of file descriptors, most likely: wait for some to close.
                    warn!(%error, "sandbox accept error");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        }
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        self.0.local_addr()
    }
}

fn is_connection_error(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::ConnectionRefused | io::ErrorKind::ConnectionAborted | io::ErrorKind::ConnectionReset
    )
}

/// The switch of one connection: once cut, its socket refuses every read and write, so the
/// HTTP server drops the connection without writing another byte.
#[derive(Clone, Default)]
struct Cutter(Arc<AtomicBool>);

impl Cutter {
    fn cut(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    fn is_cut(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// Hands each request its connection's [`Cutter`], as `ConnectInfo<Cutter>`.
impl Connected<IncomingStream<'_, CuttableListener>> for Cutter {
    fn connect_info(stream: IncomingStream<'_, CuttableListener>) -> Self {
        stream.io().cut.clone()
    }
}

/// A TCP stream with a [`Cutter`].
struct CuttableStream {
    stream: TcpStream,
    cut: Cutter,
}

fn cut_error() -> io::Error {
    io::Error::new(io::ErrorKind::ConnectionAborted, "connection cut by a DropConnection fault")
}

impl AsyncRead for CuttableStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if self.cut.is_cut() {
            return Poll::Ready(Err(cut_error()));
        }
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for CuttableStream {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        if self.cut.is_cut() {
            return Poll::Ready(Err(cut_error()));
        }
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        if self.cut.is_cut() {
            return Poll::Ready(Err(cut_error()));
        }
        Pin::new(&mut self.stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if self.cut.is_cut() {
            return Poll::Ready(Err(cut_error()));
        }
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

/// Every request: route it, answer it, tag the answer with a request id, log it.
async fn dispatch(State(inbox): State<Arc<Inbox>>, request: Request) -> Response {
    let request_id = ids::guid();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let authorization = if request.headers().contains_key(AUTHORIZATION) { "present" } else { "absent" };
    let cutter = request.extensions().get::<ConnectInfo<Cutter>>().map(|ConnectInfo(cutter)| cutter.clone());

    let (reply, fault) = match (&method, path.as_str()) {
        (&Method::POST, MESSAGES_PATH) => serve(&inbox, Route::SendMessage, cutter.as_ref(), request).await,
        (&Method::GET, MESSAGES_PATH) => serve(&inbox, Route::ListMessages, cutter.as_ref(), request).await,
        (&Method::POST, TOKEN_PATH) => serve(&inbox, Route::Token, cutter.as_ref(), request).await,
        (&Method::GET, "/_sandbox/messages") => {
            (Reply::json(200, &serde_json::to_value(inbox.received()).unwrap_or_default()), None)
        }
        (&Method::DELETE, "/_sandbox/messages") => {
            inbox.clear();
            (Reply::raw(204, Vec::new()), None)
        }
        (&Method::POST, "/_sandbox/faults") => (queue_fault(&inbox, request).await, None),
        _ => (Reply::json(404, &json!({"message": "not found"})), None),
    };
    debug!(
        request_id,
        %method,
        path,
        authorization,
        fault = fault.as_ref().map(fault_name),
        status = reply.status,
        response_bytes = reply.body.len(),
        "sandbox request"
    );
    into_response(reply, &request_id)
}

/// A Wix route: the next fault of `route`, then its handler.
async fn serve(
    inbox: &Inbox,
    route: Route,
    cutter: Option<&Cutter>,
    request: Request,
) -> (Reply, Option<Fault>) {
    let fault = inbox.arrive_at(route);
    if let Some(Fault::Delay { millis }) = fault {
        tokio::time::sleep(Duration::from_millis(millis)).await;
    }
    let (parts, body) = request.into_parts();
    let body = match read_body(body, inbox.max_body_bytes()).await {
        Ok(body) => body,
        Err(error) => {
            let reply =
                Reply::json(400, &json!({"message": format!("could not read the request body: {error}")}));
            return (reply, fault);
        }
    };
    let cut = || match cutter {
        Some(cutter) => cutter.cut(),
        None => warn!("a drop fault on a connection that cannot be cut"),
    };
    match &fault {
        Some(Fault::Status { status, body, retry_after }) => {
            let status = if (200..=999).contains(status) { *status } else { 500 };
            let mut reply = Reply::raw(status, body.clone().into_bytes());
            if let Some(after) = retry_after {
                reply.headers.push((RETRY_AFTER.as_str().to_owned(), after.clone()));
            }
            return (reply, fault);
        }
        Some(Fault::DropBeforeStoring) => {
            cut();
            return (Reply::raw(500, Vec::new()), fault);
        }
        _ => {}
    }
    let headers: Vec<(&str, &[u8])> =
        parts.headers.iter().map(|(name, value)| (name.as_str(), value.as_bytes())).collect();
    let reply = match route {
        Route::SendMessage => handler::respond(inbox, &headers, &body),
        Route::ListMessages => list::respond(inbox, &headers, parts.uri.query().unwrap_or_default()),
        Route::Token => oauth::respond(inbox, &body),
    };
    let reply = match &fault {
        Some(Fault::MalformedJson) if reply.status == 200 => Reply::raw(200, MALFORMED_BODY.to_vec()),
        Some(Fault::Oversized { bytes }) if reply.status == 200 => Reply::raw(200, oversized_body(*bytes)),
        Some(Fault::DropConnection) => {
            cut();
            reply
        }
        _ => reply,
    };
    (reply, fault)
}

/// `{"message":{"id":"xxx…"}}`, at least `bytes` long (capped at [`OVERSIZED_MAX`]).
fn oversized_body(bytes: usize) -> Vec<u8> {
    const HEAD: &[u8] = br#"{"message":{"id":""#;
    const TAIL: &[u8] = br#""}}"#;
    let padding = bytes.min(OVERSIZED_MAX).saturating_sub(HEAD.len() + TAIL.len());
    let mut body = Vec::with_capacity(HEAD.len() + padding + TAIL.len());
    body.extend_from_slice(HEAD);
    body.resize(HEAD.len() + padding, b'x');
    body.extend_from_slice(TAIL);
    body
}

/// `POST /_sandbox/faults[?route=send|list|token]`: queue the fault in the body.
async fn queue_fault(inbox: &Inbox, request: Request) -> Reply {
    let route = match request.uri().query().map(|query| query.strip_prefix("route=")) {
        None => Route::SendMessage,
        Some(name) => match serde_json::from_value::<Route>(json!(name.unwrap_or_default())) {
            Ok(route) => route,
            Err(_) => return Reply::json(400, &json!({"message": "route must be send, list or token"})),
        },
    };
    let body = match read_body(request.into_body(), 1024 * 1024).await {
        Ok(body) => body,
        Err(error) => {
            return Reply::json(400, &json!({"message": format!("could not read the body: {error}")}))
        }
    };
    match serde_json::from_slice::<Fault>(&body) {
        Ok(Fault::Status { status, .. }) if !(200..=999).contains(&status) => {
            Reply::json(400, &json!({"message": format!("status {status} is not in 200..=999")}))
        }
        Ok(fault) => {
            inbox.inject_on(route, fault);
            Reply::raw(204, Vec::new())
        }
        Err(error) => Reply::json(400, &json!({"message": format!("not a fault: {error}")})),
    }
}

/// Reads `body`, keeping at most `limit + 1` bytes (enough to tell that it is too long) and
/// draining up to [`DRAIN_LIMIT`] more.
async fn read_body(mut body: Body, limit: usize) -> Result<Vec<u8>, axum::Error> {
    let keep = limit.saturating_add(1);
    let mut kept = Vec::new();
    let mut seen: usize = 0;
    while let Some(frame) = poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        let Ok(data) = frame?.into_data() else { continue };
        seen = seen.saturating_add(data.len());
        let room = keep.saturating_sub(kept.len()).min(data.len());
        kept.extend_from_slice(&data[..room]);
        if seen > keep.saturating_add(DRAIN_LIMIT) {
            break;
        }
    }
    Ok(kept)
}

fn into_response(reply: Reply, request_id: &str) -> Response {
    let mut response = Response::new(Body::from(reply.body));
    *response.status_mut() = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(JSON_CONTENT_TYPE));
    for (name, value) in reply.headers {
        match (HeaderName::try_from(name), HeaderValue::try_from(value)) {
            (Ok(name), Ok(value)) => {
                headers.insert(name, value);
            }
            _ => debug!("sandbox left out a header that is not valid HTTP"),
        }
    }
    if let Ok(value) = HeaderValue::try_from(request_id) {
        headers.insert(REQUEST_ID, value);
    }
    response
}

fn fault_name(fault: &Fault) -> &'static str {
    match fault {
        Fault::Status { .. } => "status",
        Fault::Delay { .. } => "delay",
        Fault::MalformedJson => "malformedJson",
        Fault::Oversized { .. } => "oversized",
        Fault::DropConnection => "dropConnection",
        Fault::DropBeforeStoring => "dropBeforeStoring",
    }
}
