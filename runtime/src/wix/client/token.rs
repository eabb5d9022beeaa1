//! App OAuth: client credentials exchanged for an access token at `POST /oauth2/token`,
//! cached, refreshed shortly before it expires, one refresh at a time.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use reqwest::header::CONTENT_TYPE;
use tokio::sync::Mutex;

use super::auth::{Authorization, Secret};
use super::error::Rejection;
use super::transport::{json_content_type, NoAnswer, Transport};
use crate::wix::protocol::{TokenRequest, TokenResponse, TOKEN_PATH};

/// The longest head start a refresh takes on a token's expiry.
const MAX_REFRESH_MARGIN: Duration = Duration::from_mins(5);

/// Why app credentials could not be exchanged for an access token. The call that needed it
/// was not sent.
///
/// ```
/// use tollgate::wix::inbox::{Message, MessageContent, SendMessageRequest};
/// use tollgate::wix::{Auth, Client, Delivery, SendError, TokenError};
/// use tollgate_sandbox::{AppCredentials, Sandbox, SandboxConfig};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let app = AppCredentials { app_id: "app".into(), app_secret: "made-up-secret".into() };
/// let sandbox = Sandbox::start_with(SandboxConfig { apps: vec![app], ..SandboxConfig::default() }).await?;
/// let client = Client::builder(Auth::app("app", "made-up-wrong-secret", "instance"))
///     .base_url(sandbox.base_url())
///     .build()?;
/// let request = SendMessageRequest::builder()
///     .conversation_id("6202c3bb-f263-3c16-8c90-d6387d9ed420")
///     .message(Message::builder().content(MessageContent::text("Hey!")))
///     .build()?;
/// let error = client.send_message(&request).await.unwrap_err();
/// assert!(matches!(error, SendError::Auth { error: TokenError::Rejected(ref r), .. } if r.status == 401));
/// assert_eq!(error.delivery(), Delivery::NotSent);
/// assert_eq!(sandbox.requests_seen(), 0);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum TokenError {
    /// The token endpoint refused the credentials: a wrong secret, an unknown app or
    /// instance (Wix answers 4xx). Asking again will not help.
    Rejected(Rejection),
    /// The token endpoint could not be reached or kept failing (refused or dropped
    /// connections, timeouts, 5xx, unreadable answers), through every retry allowed.
    Unavailable {
        /// The last failure.
        reason: String,
        /// How many token requests were made.
        attempts: u32,
    },
}

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TokenError::Rejected(rejection) => {
                write!(f, "the token endpoint refused the app credentials with status {}", rejection.status)?;
                if let Some(code) = &rejection.code {
                    write!(f, " ({code})")?;
                }
                if let Some(message) = &rejection.message {
                    write!(f, ": {message}")?;
                }
                if let Some(id) = &rejection.request_id {
                    write!(f, " [request id {id}]")?;
                }
                Ok(())
            }
            TokenError::Unavailable { reason, attempts } => {
                write!(f, "the token endpoint failed after {attempts} attempt(s): {reason}")
            }
        }
    }
}

impl std::error::Error for TokenError {}

/// The credentials and the current token, shared by every clone of a client.
pub(crate) struct TokenCache {
    request: TokenRequest,
    /// How many fetches have ended; read before queueing on the lock, so that a caller can
    /// tell that one ended while it waited.
    fetches: AtomicU64,
    slot: Mutex<Slot>,
}

#[derive(Default)]
struct Slot {
    token: Option<Token>,
    /// The last fetch's failure, until a fetch succeeds.
    failure: Option<TokenError>,
}

impl fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenCache").field("request", &self.request).finish_non_exhaustive()
    }
}

struct Token {
    value: Authorization,
    /// When to ask for the next one: before the expiry, by a margin.
    refresh_at: Instant,
}

/// One failed token request, and whether asking again may help.
struct Failure {
    error: TokenError,
    retry: bool,
    retry_after: Option<Duration>,
}

impl TokenCache {
    pub(crate) fn new(app_id: &str, app_secret: &Secret, instance_id: &str) -> TokenCache {
        TokenCache {
            request: TokenRequest::client_credentials(app_id, app_secret.expose(), instance_id),
            fetches: AtomicU64::new(0),
            slot: Mutex::new(Slot::default()),
        }
    }

    /// A token valid for a while yet. Callers queue on the lock, so however many ask at
    /// once while the token is stale, one of them asks the endpoint and the rest reuse its
    /// answer: the token, or its failure (so that an outage costs one fetch, not one per
    /// waiting call).
    pub(crate) async fn current(&self, transport: &Transport) -> Result<Authorization, TokenError> {
        let fetches_before = self.fetches.load(Ordering::Acquire);
        let mut slot = self.slot.lock().await;
        if let Some(token) = slot.token.as_ref().filter(|token| Instant::now() < token.refresh_at) {
            return Ok(token.value.clone());
        }
        if self.fetches.load(Ordering::Acquire) != fetches_before {
            if let Some(failure) = &slot.failure {
                return Err(failure.clone());
            }
        }
        let fetched = self.fetch(transport).await;
        self.fetches.fetch_add(1, Ordering::AcqRel);
        match fetched {
            Ok(token) => {
                let value = token.value.clone();
                *slot = Slot { token: Some(token), failure: None };
                Ok(value)
            }
            Err(error) => {
                slot.failure = Some(error.clone());
                Err(error)
            }
        }
    }

    /// Forgets `used` after Wix refused it; a token another task already replaced stays.
    pub(crate) async fn forget(&self, used: &Authorization) {
        let mut slot = self.slot.lock().await;
        if slot.token.as_ref().is_some_and(|token| token.value == *used) {
            slot.token = None;
        }
    }

    /// Asks the endpoint, retrying as the client's policy allows: a token request creates
    /// nothing, so any failure but a refusal may be retried.
    async fn fetch(&self, transport: &Transport) -> Result<Token, TokenError> {
        let body = transport.json_body(&self.request).expect("a token request always serializes");
        let mut attempt = 1;
        loop {
            let failure = match self.attempt(transport, body.clone(), attempt).await {
                Ok(token) => return Ok(token),
                Err(failure) => failure,
            };
            if !failure.retry || attempt > transport.retry.max_retries {
                tracing::warn!(attempt, error = %failure.error, "token request failed");
                return Err(failure.error);
            }
            let wait = transport.retry.delay(attempt, failure.retry_after);
            tracing::info!(attempt, wait = ?wait, error = %failure.error, "retrying the token request");
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    async fn attempt(&self, transport: &Transport, body: Bytes, attempt: u32) -> Result<Token, Failure> {
        let unavailable = |reason: String, retry_after| Failure {
            error: TokenError::Unavailable { reason, attempts: attempt },
            retry: true,
            retry_after,
        };
        let url = transport.url(TOKEN_PATH).map_err(|reason| unavailable(reason, None))?;
        let asked_at = Instant::now();
        let request = transport.http.post(url).header(CONTENT_TYPE, json_content_type()).body(body);
        let answer = match transport.exchange(request).await {
            Ok(answer) => answer,
            Err(NoAnswer::Refused(message) | NoAnswer::Lost { message, .. }) => {
                return Err(unavailable(message, None))
            }
            Err(NoAnswer::Body { status, failure, .. }) => {
                return Err(unavailable(format!("status {status}, but {}", failure.reason()), None))
            }
        };
        let status = answer.status.as_u16();
        if !answer.status.is_success() {
            let rejection =
                Rejection::from_body(status, answer.request_id(), answer.retry_after(), &answer.body);
            if answer.status.is_client_error() && status != 429 {
                return Err(Failure {
                    error: TokenError::Rejected(rejection),
                    retry: false,
                    retry_after: None,
                });
            }
            let reason =
                format!("status {status}{}", rejection.message.map(|m| format!(": {m}")).unwrap_or_default());
            return Err(unavailable(reason, answer.retry_after()));
        }
        let token: TokenResponse =
            answer.json().map_err(|error| unavailable(format!("not a token answer: {error}"), None))?;
        tracing::info!(expires_in = token.expires_in, "got an access token");
        let lifetime = Duration::from_secs(token.expires_in);
        let margin = (lifetime / 4).min(MAX_REFRESH_MARGIN);
        Ok(Token {
            value: Authorization::new(Secret::new(token.access_token)),
            refresh_at: asked_at + lifetime.saturating_sub(margin),
        })
    }
}
