//! A local, Wix-compatible Inbox server: the embedded default of the tollgate CLI and the
//! fault injector of tollgate's client tests.
//!
//! [`Sandbox`] is a real HTTP/1.1 server (axum on tokio) on loopback that speaks Wix Inbox's
//! **Send Message** (`POST /inbox/v2/messages`) and **List Messages** (`GET
//! /inbox/v2/messages`), and Wix's app OAuth token endpoint (`POST /oauth2/token`). It checks
//! the `Authorization` and `wix-site-id` headers, validates requests with the same model the
//! client uses ([`tollgate::wix::inbox`]), answers with Wix-shaped success and error bodies
//! ([`tollgate::wix::protocol`]), keeps what it accepted, and injects [`Fault`]s on request,
//! per [`Route`]: statuses, delays, malformed or oversized bodies, dropped connections.
//! Wix's JavaScript SDK (`@wix/sdk` with `@wix/inbox`) works against it unchanged.
//!
//! # Routes
//!
//! | route | answer |
//! |---|---|
//! | `POST /inbox/v2/messages` | Send Message (see [`handler::respond`]), after the next queued [`Fault`] |
//! | `GET /inbox/v2/messages` | List Messages: a conversation's stored messages by `sequence`, with cursors; the request as plain query parameters or as the SDK's `.r=<base64url JSON>` |
//! | `POST /oauth2/token` | client credentials of a configured app ([`SandboxConfig::apps`]) → `{"access_token", "token_type": "Bearer", "expires_in"}` |
//! | `GET /_sandbox/messages` | `200`, a JSON array of the accepted `SendMessageRequest`s, in order |
//! | `DELETE /_sandbox/messages` | `204`; forgets accepted messages, tokens and queued faults ([`Sandbox::clear`]) |
//! | `POST /_sandbox/faults[?route=send\|list\|token]` | body: one [`Fault`] as JSON, for that route (default `send`); `204` once queued, `400` if unreadable |
//! | anything else | `404`, `{"message": "not found"}` |
//!
//! Every response carries a unique `x-wix-request-id` header and `content-type: application/json`.
//!
//! # Example
//!
//! ```
//! use tollgate_sandbox::{Fault, Sandbox};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> std::io::Result<()> {
//! let sandbox = Sandbox::start().await?;
//! // Point a client at `sandbox.base_url()`; make its first call fail with a 503.
//! sandbox.inject(Fault::Status { status: 503, body: "{}".into(), retry_after: Some("1".into()) });
//! assert!(sandbox.base_url().starts_with("http://127.0.0.1:"));
//! assert!(sandbox.received().is_empty());
//! sandbox.shutdown().await;
//! # Ok(())
//! # }
//! ```

use std::fmt;
use std::io;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tollgate::wix::inbox::SendMessageRequest;

pub mod args;
pub mod handler;
mod ids;
mod inbox;
mod list;
mod oauth;
mod server;

use handler::Inbox;
pub use oauth::TOKEN_PREFIX;

/// The GUID the sandbox gives as `appId` (and `sender.appId`) of every message it stores.
///
/// ```
/// assert_eq!(tollgate_sandbox::SANDBOX_APP_ID.len(), 36);
/// ```
pub const SANDBOX_APP_ID: &str = "5a4d6b1e-0c3f-4e2a-9b7d-7a1b2c3d4e5f";

/// The path of Wix Inbox's Send Message endpoint.
pub const SEND_MESSAGE_PATH: &str = tollgate::wix::protocol::MESSAGES_PATH;

/// The routes faults can be queued for.
///
/// ```
/// use tollgate_sandbox::Route;
///
/// assert_eq!(serde_json::from_str::<Route>("\"token\"").unwrap(), Route::Token);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Route {
    /// `POST /inbox/v2/messages`.
    #[serde(rename = "send")]
    SendMessage,
    /// `GET /inbox/v2/messages`.
    #[serde(rename = "list")]
    ListMessages,
    /// `POST /oauth2/token`.
    #[serde(rename = "token")]
    Token,
}

/// A Wix app the sandbox knows: `POST /oauth2/token` gives tokens for these credentials.
///
/// ```
/// use tollgate_sandbox::AppCredentials;
///
/// let app = AppCredentials { app_id: "app".into(), app_secret: "made-up".into() };
/// assert!(!format!("{app:?}").contains("made-up"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct AppCredentials {
    /// The app's id (`client_id`).
    pub app_id: String,
    /// The app's secret key (`client_secret`).
    pub app_secret: String,
}

impl fmt::Debug for AppCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AppCredentials")
            .field("app_id", &self.app_id)
            .field("app_secret", &"<redacted>")
            .finish()
    }
}

/// How long a token lives by default: four hours, as on Wix.
///
/// ```
/// assert_eq!(tollgate_sandbox::DEFAULT_TOKEN_TTL.as_secs(), 14_400);
/// ```
pub const DEFAULT_TOKEN_TTL: Duration = Duration::from_hours(4);

/// How a [`Sandbox`] checks and accepts requests.
///
/// ```
/// use tollgate_sandbox::SandboxConfig;
///
/// let config = SandboxConfig {
///     api_key: Some("test-key".into()),
///     site_id: Some("0f7e4c2a-1b3d-4e5f-8a9b-0c1d2e3f4a5b".into()),
///     ..SandboxConfig::default()
/// };
/// assert_eq!(config.bind.to_string(), "127.0.0.1:0");
/// assert_eq!(config.max_body_bytes, 1024 * 1024);
/// // The key never shows in `Debug`.
/// assert!(!format!("{config:?}").contains("test-key"));
/// ```
#[derive(Clone)]
pub struct SandboxConfig {
    /// The Authorization header value to accept; None accepts any non-empty value.
    pub api_key: Option<String>,
    /// When Some, the `wix-site-id` header must equal it (API-key calls carry it).
    pub site_id: Option<String>,
    /// Where to listen; default 127.0.0.1:0 (an ephemeral port).
    pub bind: SocketAddr,
    /// Request bodies above this many bytes get 413; default 1 MiB.
    pub max_body_bytes: usize,
    /// The apps whose client credentials `POST /oauth2/token` accepts; default none.
    pub apps: Vec<AppCredentials>,
    /// How long an issued token is accepted; default [`DEFAULT_TOKEN_TTL`].
    pub token_ttl: Duration,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig {
            api_key: None,
            site_id: None,
            bind: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            max_body_bytes: 1024 * 1024,
            apps: Vec::new(),
            token_ttl: DEFAULT_TOKEN_TTL,
        }
    }
}

impl fmt::Debug for SandboxConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SandboxConfig")
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .field("site_id", &self.site_id)
            .field("bind", &self.bind)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("apps", &self.apps)
            .field("token_ttl", &self.token_ttl)
            .finish()
    }
}

/// A misbehaviour to inject into the next request to a [`Route`].
///
/// Faults queue up per route ([`Sandbox::inject`] for Send Message, [`Sandbox::inject_on`],
/// or `POST /_sandbox/faults?route=...`); each request that reaches the route consumes the
/// next one, in order, whatever its outcome. On List Messages and the token endpoint,
/// "store" below means "answer".
///
/// # JSON
///
/// Internally tagged by `kind`, camelCase throughout:
///
/// ```json
/// {"kind": "status", "status": 503, "body": "{\"message\":\"busy\"}", "retryAfter": "2"}
/// {"kind": "delay", "millis": 250}
/// {"kind": "malformedJson"}
/// {"kind": "oversized", "bytes": 10485760}
/// {"kind": "dropConnection"}
/// {"kind": "dropBeforeStoring"}
/// ```
///
/// `body` defaults to `""` and `retryAfter` to absent.
///
/// ```
/// use tollgate_sandbox::Fault;
///
/// let fault: Fault = serde_json::from_str(r#"{"kind": "status", "status": 429, "retryAfter": "3"}"#).unwrap();
/// assert!(matches!(fault, Fault::Status { status: 429, ref body, retry_after: Some(ref after) }
///     if body.is_empty() && after == "3"));
/// assert_eq!(serde_json::to_string(&Fault::DropConnection).unwrap(), r#"{"kind":"dropConnection"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Fault {
    /// Answer with this status and body (and a `Retry-After` header when given), without processing.
    ///
    /// The body is sent as given, under `content-type: application/json`. A status outside
    /// `200..=999` is answered as `500`; a `retry_after` that is not a valid header value is left out.
    Status {
        /// The HTTP status code.
        status: u16,
        /// The response body, sent verbatim.
        #[serde(default)]
        body: String,
        /// The `Retry-After` header's value (seconds, or an HTTP date).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        retry_after: Option<String>,
    },
    /// Wait this long, then handle the request normally.
    Delay {
        /// How long to wait, in milliseconds.
        millis: u64,
    },
    /// Process and store the message, then answer 200 with a body that is not JSON.
    ///
    /// The header still says `content-type: application/json`. A request that fails (401, 400,
    /// ...) gets its ordinary error answer.
    MalformedJson,
    /// Process and store the message, then answer 200 with a JSON-ish body of this many bytes.
    ///
    /// The body is `{"message":{"id":"xxx…"}}`, at least `bytes` long (at most 256 MiB), with an
    /// exact `content-length`. A request that fails gets its ordinary error answer.
    Oversized {
        /// The least length of the body, in bytes.
        bytes: usize,
    },
    /// Read the request, store the message (the server acted), then close the connection without any response.
    ///
    /// Only this request's connection is closed; the client sees end-of-stream and no byte of
    /// a response. The request is processed as usual first, so a valid message is stored.
    DropConnection,
    /// Read the request, then close the connection without processing it: nothing is
    /// stored, and the client cannot tell this from [`Fault::DropConnection`].
    DropBeforeStoring,
}

/// A running sandbox server; dropping it (or [`Sandbox::shutdown`]) stops it.
///
/// ```
/// use tollgate_sandbox::{Sandbox, SandboxConfig};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> std::io::Result<()> {
/// let sandbox = Sandbox::start_with(SandboxConfig { api_key: Some("key".into()), ..SandboxConfig::default() }).await?;
/// assert_eq!(sandbox.base_url(), format!("http://127.0.0.1:{}", sandbox.addr().port()));
/// assert_eq!(sandbox.requests_seen(), 0);
/// sandbox.shutdown().await;
/// # Ok(())
/// # }
/// ```
pub struct Sandbox {
    addr: SocketAddr,
    inbox: Arc<Inbox>,
    /// Dropping or firing it starts the graceful shutdown.
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sandbox").field("addr", &self.addr).finish_non_exhaustive()
    }
}

impl Sandbox {
    /// Starts a sandbox with the default configuration: any non-empty `Authorization`
    /// accepted, on an ephemeral loopback port.
    ///
    /// Must be called inside a tokio runtime; the server runs as a task of it.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let sandbox = tollgate_sandbox::Sandbox::start().await?;
    /// assert!(sandbox.addr().ip().is_loopback());
    /// # Ok(())
    /// # }
    /// ```
    pub async fn start() -> io::Result<Sandbox> {
        Sandbox::start_with(SandboxConfig::default()).await
    }

    /// Starts a sandbox with `config`; fails if its address cannot be bound.
    ///
    /// ```
    /// use tollgate_sandbox::{Sandbox, SandboxConfig};
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let sandbox = Sandbox::start_with(SandboxConfig { max_body_bytes: 4096, ..SandboxConfig::default() }).await?;
    /// assert_ne!(sandbox.addr().port(), 0);
    /// # Ok(())
    /// # }
    /// ```
    pub async fn start_with(config: SandboxConfig) -> io::Result<Sandbox> {
        let inbox = Arc::new(Inbox::new(&config));
        let (stop, stopped) = oneshot::channel();
        let (addr, task) = server::spawn(config.bind, Arc::clone(&inbox), stopped).await?;
        Ok(Sandbox { addr, inbox, stop, task })
    }

    /// The address the server listens on.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let sandbox = tollgate_sandbox::Sandbox::start().await?;
    /// let stream = tokio::net::TcpStream::connect(sandbox.addr()).await?;
    /// # drop(stream);
    /// # Ok(())
    /// # }
    /// ```
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL to give a client, `http://127.0.0.1:PORT`, without a trailing slash.
    ///
    /// When bound to an unspecified address (`0.0.0.0`, `::`), the URL names loopback.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let sandbox = tollgate_sandbox::Sandbox::start().await?;
    /// assert!(!sandbox.base_url().ends_with('/'));
    /// # Ok(())
    /// # }
    /// ```
    pub fn base_url(&self) -> String {
        let mut addr = self.addr;
        if addr.ip().is_unspecified() {
            addr.set_ip(if addr.is_ipv4() { Ipv4Addr::LOCALHOST.into() } else { Ipv6Addr::LOCALHOST.into() });
        }
        format!("http://{addr}")
    }

    /// The Send Message requests accepted so far (answered 200), in order, as they were sent.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let sandbox = tollgate_sandbox::Sandbox::start().await?;
    /// assert!(sandbox.received().is_empty());
    /// # Ok(())
    /// # }
    /// ```
    pub fn received(&self) -> Vec<SendMessageRequest> {
        self.inbox.received()
    }

    /// How many requests reached `POST /inbox/v2/messages`, faulted or not, accepted or not.
    /// [`Sandbox::clear`] does not reset it; [`Sandbox::requests_seen_on`] counts the other routes.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let sandbox = tollgate_sandbox::Sandbox::start().await?;
    /// assert_eq!(sandbox.requests_seen(), 0);
    /// # Ok(())
    /// # }
    /// ```
    pub fn requests_seen(&self) -> usize {
        self.inbox.requests_seen()
    }

    /// How many requests reached `route`, faulted or not, accepted or not.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let sandbox = tollgate_sandbox::Sandbox::start().await?;
    /// assert_eq!(sandbox.requests_seen_on(tollgate_sandbox::Route::Token), 0);
    /// # Ok(())
    /// # }
    /// ```
    pub fn requests_seen_on(&self, route: Route) -> usize {
        self.inbox.requests_seen_on(route)
    }

    /// Queues a fault for the next request to `route`, after those queued before.
    ///
    /// ```
    /// use tollgate_sandbox::{Fault, Route, Sandbox};
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let sandbox = Sandbox::start().await?;
    /// sandbox.inject_on(Route::Token, Fault::Status { status: 500, body: String::new(), retry_after: None });
    /// # Ok(())
    /// # }
    /// ```
    pub fn inject_on(&self, route: Route, fault: Fault) {
        self.inbox.inject_on(route, fault);
    }

    /// Makes every token issued so far unknown, as if Wix had revoked them: the next call
    /// with one gets `401`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let sandbox = tollgate_sandbox::Sandbox::start().await?;
    /// sandbox.revoke_tokens();
    /// # Ok(())
    /// # }
    /// ```
    pub fn revoke_tokens(&self) {
        self.inbox.revoke_tokens();
    }

    /// Queues a fault; each incoming Send Message request consumes the next queued fault, in order.
    ///
    /// ```
    /// use tollgate_sandbox::{Fault, Sandbox};
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let sandbox = Sandbox::start().await?;
    /// sandbox.inject(Fault::Delay { millis: 50 });
    /// sandbox.inject(Fault::DropConnection);
    /// # Ok(())
    /// # }
    /// ```
    pub fn inject(&self, fault: Fault) {
        self.inbox.inject(fault);
    }

    /// Forgets the received messages, the issued tokens and the queued faults. Message sequence numbers and
    /// [`Sandbox::requests_seen`] keep counting.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let sandbox = tollgate_sandbox::Sandbox::start().await?;
    /// sandbox.inject(tollgate_sandbox::Fault::MalformedJson);
    /// sandbox.clear();
    /// # Ok(())
    /// # }
    /// ```
    pub fn clear(&self) {
        self.inbox.clear();
    }

    /// Stops the server gracefully: no new connections, requests in flight are answered, then
    /// it returns.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let sandbox = tollgate_sandbox::Sandbox::start().await?;
    /// let addr = sandbox.addr();
    /// sandbox.shutdown().await;
    /// assert!(tokio::net::TcpStream::connect(addr).await.is_err());
    /// # Ok(())
    /// # }
    /// ```
    pub async fn shutdown(self) {
        let Sandbox { stop, task, .. } = self;
        // The receiver is gone only if the server already stopped.
        let _ = stop.send(());
        let _ = task.await;
    }

    /// Serves in the foreground until Ctrl-C, then stops gracefully; what a standalone
    /// sandbox (this crate's binary, `tollgate sandbox`) runs. An error says Ctrl-C could not
    /// be listened for; the server is stopped then too.
    ///
    /// ```no_run
    /// # #[tokio::main]
    /// # async fn main() -> std::io::Result<()> {
    /// let sandbox = tollgate_sandbox::Sandbox::start().await?;
    /// println!("listening on {}", sandbox.base_url());
    /// sandbox.serve_until_ctrl_c().await
    /// # }
    /// ```
    pub async fn serve_until_ctrl_c(self) -> io::Result<()> {
        let Sandbox { stop, mut task, .. } = self;
        tokio::select! {
            interrupted = tokio::signal::ctrl_c() => {
                let _ = stop.send(());
                let _ = task.await;
                interrupted
            }
            _ = &mut task => Ok(()),
        }
    }

    /// Serves until the server task ends, for a foreground server; it resolves only on
    /// shutdown. Dropping the future drops the sandbox, which stops it.
    ///
    /// ```no_run
    /// # #[tokio::main]
    /// # async fn main() -> std::io::Result<()> {
    /// let sandbox = tollgate_sandbox::Sandbox::start().await?;
    /// println!("listening on {}", sandbox.base_url());
    /// tokio::select! {
    ///     _ = tokio::signal::ctrl_c() => {}
    ///     () = sandbox.wait() => {}
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub async fn wait(self) {
        let Sandbox { stop, task, .. } = self;
        let _ = task.await;
        drop(stop);
    }
}
