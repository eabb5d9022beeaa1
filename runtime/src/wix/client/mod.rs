//! `Client`: Send Message, validated before it is sent.

mod auth;
mod error;
mod retry;

use std::time::Duration;

use reqwest::header::{HeaderMap, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER};
use reqwest::{StatusCode, Url};
use tracing::Instrument as _;

pub use auth::{Auth, ConfigError, Secret};
pub use error::{Delivery, Rejection, SendError};
pub use retry::RetryPolicy;

use super::inbox::{SendMessageRequest, SendMessageResponse};
use crate::Validate;

/// Wix's API host.
pub const WIX_BASE_URL: &str = "https://www.wixapis.com";

const SEND_MESSAGE_PATH: &str = "inbox/v2/messages";
const REQUEST_ID: &str = "x-wix-request-id";

/// A client for Wix's Inbox: sends messages, after checking them against the model.
///
/// - `send_message` validates first: an invalid request returns its violations and sends
///   nothing.
/// - It retries only where Wix certainly did not act (refused connection, 429, 503), a
///   bounded number of times, with jittered exponential backoff, honouring `Retry-After`.
/// - Every error says whether the message may have been delivered ([`SendError::delivery`]).
/// - Credentials appear in no `Debug`, `Display`, error or log line; plain `http://` is
///   refused except to loopback; redirects are not followed; answers are size-capped.
///
/// ```no_run
/// use tollgate::wix::inbox::{Message, MessageContent, SendMessageRequest};
/// use tollgate::wix::Client;
///
/// # async fn send() -> Result<(), Box<dyn std::error::Error>> {
/// let client = Client::from_env()?; // WIX_API_KEY + WIX_SITE_ID, or WIX_ACCESS_TOKEN
/// let request = SendMessageRequest::builder()
///     .conversation_id("6202c3bb-f263-3c16-8c90-d6387d9ed420")
///     .message(Message::builder().content(MessageContent::text("Hey!")))
///     .build()?;
/// let stored = client.send_message(&request).await?;
/// println!("sent as {:?}", stored.message.and_then(|message| message.id));
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Debug)]
pub struct Client {
    http: reqwest::Client,
    endpoint: Url,
    auth: Auth,
    retry: RetryPolicy,
    max_response_bytes: usize,
}

/// Settings of a [`Client`]; made by [`Client::builder`].
#[derive(Clone, Debug)]
#[must_use = "a client builder does nothing until `build()` is called"]
pub struct ClientBuilder {
    auth: Auth,
    base_url: String,
    timeout: Duration,
    connect_timeout: Duration,
    retry: RetryPolicy,
    max_response_bytes: usize,
}

impl Client {
    /// A client for Wix's API host with default settings.
    pub fn new(auth: Auth) -> Result<Client, ConfigError> {
        Client::builder(auth).build()
    }

    /// A client with credentials from the environment (see [`Auth::from_env`]), sending to
    /// `WIX_BASE_URL` when that is set (a proxy, or a local sandbox).
    pub fn from_env() -> Result<Client, ConfigError> {
        let mut builder = Client::builder(Auth::from_env()?);
        if let Some(base_url) = std::env::var("WIX_BASE_URL").ok().filter(|url| !url.is_empty()) {
            builder = builder.base_url(base_url);
        }
        builder.build()
    }

    /// Settings to start from: Wix's host, a 30 s timeout per attempt (10 s to connect), the
    /// default [`RetryPolicy`], answers of at most 1 MiB.
    pub fn builder(auth: Auth) -> ClientBuilder {
        ClientBuilder {
            auth,
            base_url: WIX_BASE_URL.to_owned(),
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            retry: RetryPolicy::default(),
            max_response_bytes: 1 << 20,
        }
    }

    /// Where messages are posted.
    pub fn endpoint(&self) -> &str {
        self.endpoint.as_str()
    }

    /// Validates `request`, then posts it to Wix's Send Message endpoint and returns the
    /// stored message.
    ///
    /// # Panics
    ///
    /// Never: the request is serialized with `serde_json`, which cannot fail on the Inbox
    /// model's types.
    pub async fn send_message(&self, request: &SendMessageRequest) -> Result<SendMessageResponse, SendError> {
        request.validate().map_err(SendError::Invalid)?;
        let conversation_id = request.conversation_id.as_str();
        let span = tracing::info_span!("wix.send_message", conversation_id, attempts = tracing::field::Empty);
        async {
            // The model's types are plain structs, enums and strings: serde_json cannot fail
            // on them (no maps with non-string keys, no custom serializers that error).
            let body = serde_json::to_vec(request).expect("the Inbox model always serializes");
            let mut attempt = 1;
            loop {
                let outcome = self.attempt(body.clone()).await;
                tracing::Span::current().record("attempts", attempt);
                let (mut error, retry_after) = match outcome {
                    Ok(response) => {
                        tracing::info!(attempt, "message sent");
                        return Ok(response);
                    }
                    Err(Attempt::Final(error)) => (error, None),
                    Err(Attempt::Retryable(error, retry_after)) => (error, Some(retry_after)),
                };
                error.set_attempts(attempt);
                let Some(retry_after) = retry_after else {
                    tracing::warn!(attempt, error = %error, "send failed");
                    return Err(error);
                };
                if attempt > self.retry.max_retries
                    || retry_after.is_some_and(|asked| asked > self.retry.max_retry_after)
                {
                    tracing::warn!(attempt, error = %error, "send failed; not retrying");
                    return Err(error);
                }
                let wait = self.retry.delay(attempt, retry_after);
                tracing::info!(attempt, wait = ?wait, error = %error, "retrying: the server did not act");
                tokio::time::sleep(wait).await;
                attempt += 1;
            }
        }
        .instrument(span)
        .await
    }

    /// One request: its answer, or the error with whether it may be retried.
    async fn attempt(&self, body: Vec<u8>) -> Result<SendMessageResponse, Attempt> {
        let mut request = self
            .http
            .post(self.endpoint.clone())
            .header(AUTHORIZATION, self.auth.authorization())
            .header(CONTENT_TYPE, "application/json")
            .body(body);
        if let Some(site_id) = self.auth.site_id() {
            request = request.header("wix-site-id", site_id);
        }
        let response = match request.send().await {
            Ok(response) => response,
            Err(error) => return Err(transport_failure(&error)),
        };
        let status = response.status();
        let request_id = header_text(response.headers(), REQUEST_ID);
        // Read before the body consumes the response; parsed only for an error below.
        let retry_after_header = header_text(response.headers(), RETRY_AFTER.as_str());
        let body = match read_capped(response, self.max_response_bytes).await {
            Ok(body) => body,
            Err(failure) => return Err(Attempt::Final(failure.into_error(status, request_id))),
        };
        if status.is_success() {
            return serde_json::from_slice::<SendMessageResponse>(&body).map_err(|error| {
                Attempt::Final(SendError::UnreadableResponse {
                    status: status.as_u16(),
                    request_id,
                    reason: format!("not a Send Message response: {error}"),
                    delivery: Delivery::Delivered,
                    attempts: 0,
                })
            });
        }
        let retry_after = retry_after_header.as_deref().and_then(retry::parse_retry_after);
        let rejection = Rejection::from_body(status.as_u16(), request_id, retry_after, &body);
        Err(match status {
            StatusCode::TOO_MANY_REQUESTS => {
                Attempt::Retryable(SendError::RateLimited { rejection, attempts: 0 }, retry_after)
            }
            StatusCode::SERVICE_UNAVAILABLE => {
                Attempt::Retryable(SendError::Rejected { rejection, attempts: 0 }, retry_after)
            }
            _ => Attempt::Final(SendError::Rejected { rejection, attempts: 0 }),
        })
    }
}

/// The outcome of one failed request.
enum Attempt {
    /// The server certainly did not act: sending again is safe, after at least the wait it
    /// asked for, if any.
    Retryable(SendError, Option<Duration>),
    /// Sending again could deliver twice, or would get the same answer.
    Final(SendError),
}

/// A request that got no answer. A failure to connect means nothing was sent; any other
/// failure may have come after the server read the request.
fn transport_failure(error: &reqwest::Error) -> Attempt {
    let sent = !error.is_connect();
    let delivery = if sent { Delivery::MayHaveBeenDelivered } else { Delivery::NotDelivered };
    if error.is_timeout() {
        return Attempt::Final(SendError::Timeout { delivery, attempts: 0 });
    }
    let failure = SendError::Transport { delivery, message: describe(error), attempts: 0 };
    if sent {
        Attempt::Final(failure)
    } else {
        Attempt::Retryable(failure, None)
    }
}

/// The error and its causes on one line. reqwest's messages name the URL, never headers.
fn describe(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

fn header_text(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get(name).and_then(|value| value.to_str().ok()).map(str::to_owned)
}

/// Why an answer's body could not be read.
enum BodyFailure {
    TooLarge(usize),
    Cut(String),
    Timeout,
}

impl BodyFailure {
    fn into_error(self, status: StatusCode, request_id: Option<String>) -> SendError {
        // The status line arrived: a 2xx means Wix accepted the message.
        let delivery = if status.is_success() { Delivery::Delivered } else { Delivery::MayHaveBeenDelivered };
        let reason = match self {
            BodyFailure::TooLarge(limit) => format!("the answer is larger than the {limit} bytes accepted"),
            BodyFailure::Cut(message) => format!("the answer was cut short: {message}"),
            BodyFailure::Timeout => "the answer did not arrive in time".to_owned(),
        };
        SendError::UnreadableResponse { status: status.as_u16(), request_id, reason, delivery, attempts: 0 }
    }
}

/// The body, refusing it as soon as it is known to exceed `limit` bytes.
async fn read_capped(mut response: reqwest::Response, limit: usize) -> Result<Vec<u8>, BodyFailure> {
    let declared = response
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return Err(BodyFailure::TooLarge(limit));
    }
    let mut body = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                if body.len() + chunk.len() > limit {
                    return Err(BodyFailure::TooLarge(limit));
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(body),
            Err(error) if error.is_timeout() => return Err(BodyFailure::Timeout),
            Err(error) => return Err(BodyFailure::Cut(describe(&error))),
        }
    }
}

impl ClientBuilder {
    /// Where to send: Wix's host (the default), a proxy, or a local sandbox. `https` is
    /// required, except to a loopback address (`127.0.0.0/8`, `::1`, `localhost`).
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// The longest one attempt may take, from connecting to reading the whole answer.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The longest connecting may take.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How to retry.
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// The largest answer accepted, in bytes.
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// The client.
    ///
    /// ```
    /// use tollgate::wix::{Auth, Client, ConfigError};
    ///
    /// let auth = Auth::access_token("made-up-token");
    /// assert!(Client::builder(auth.clone()).base_url("http://127.0.0.1:8080").build().is_ok());
    /// assert!(matches!(
    ///     Client::builder(auth).base_url("http://example.com").build(),
    ///     Err(ConfigError::BaseUrl { .. }),
    /// ));
    /// ```
    pub fn build(self) -> Result<Client, ConfigError> {
        let endpoint = endpoint(&self.base_url)?;
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(self.timeout)
            .connect_timeout(self.connect_timeout)
            .user_agent(concat!("tollgate/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|error| ConfigError::Http(describe(&error)))?;
        Ok(Client {
            http,
            endpoint,
            auth: self.auth,
            retry: self.retry,
            max_response_bytes: self.max_response_bytes,
        })
    }
}

/// The Send Message URL under `base_url`, which must be `https`, or `http` to loopback.
fn endpoint(base_url: &str) -> Result<Url, ConfigError> {
    let refuse = |reason| ConfigError::BaseUrl { url: base_url.to_owned(), reason };
    let mut url = Url::parse(base_url).map_err(|_| refuse("not an absolute URL"))?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => return Err(refuse("plain http is allowed only to a loopback address; use https")),
        _ => return Err(refuse("the scheme must be https (or http to a loopback address)")),
    }
    if url.host().is_none() {
        return Err(refuse("the URL has no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(refuse("credentials go in the Auth, not in the URL"));
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    url.join(SEND_MESSAGE_PATH).map_err(|_| refuse("the Send Message path cannot be joined to it"))
}

fn is_loopback(url: &Url) -> bool {
    let Some(host) = url.host_str() else { return false };
    let unbracketed = host.trim_start_matches('[').trim_end_matches(']');
    match unbracketed.parse::<std::net::IpAddr>() {
        Ok(ip) => ip.is_loopback(),
        Err(_) => host.eq_ignore_ascii_case("localhost"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_are_https_or_loopback_http() {
        assert_eq!(
            endpoint("https://www.wixapis.com").unwrap().as_str(),
            "https://www.wixapis.com/inbox/v2/messages"
        );
        assert_eq!(
            endpoint("https://proxy.example/wix/").unwrap().as_str(),
            "https://proxy.example/wix/inbox/v2/messages"
        );
        assert_eq!(
            endpoint("https://proxy.example/wix").unwrap().as_str(),
            "https://proxy.example/wix/inbox/v2/messages"
        );
        for loopback in
            ["http://127.0.0.1:9", "http://127.10.0.1", "http://localhost:8080", "http://[::1]:80"]
        {
            assert!(endpoint(loopback).is_ok(), "{loopback}");
        }
        for refused in [
            "http://www.wixapis.com",
            "http://10.0.0.1",
            "http://localhost.example.com",
            "ftp://127.0.0.1",
            "www.wixapis.com",
            "https://user:pw@www.wixapis.com",
        ] {
            assert!(matches!(endpoint(refused), Err(ConfigError::BaseUrl { .. })), "{refused}");
        }
    }
}
