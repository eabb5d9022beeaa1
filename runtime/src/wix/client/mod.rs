//! `Client`: Wix's Inbox (Send Message, List Messages) and any other Wix method, through one
//! call path that validates before it sends.

mod auth;
mod call;
mod endpoint;
mod error;
mod pages;
mod retry;
mod settle;
mod token;
mod transport;

use std::sync::Arc;
use std::time::Duration;

use reqwest::header::HeaderValue;
use reqwest::Url;

use auth::Authorization;
pub use auth::{Auth, ConfigError, Secret};
pub use endpoint::{Endpoint, ListMessages, Method, SendMessage};
pub use error::{Delivery, Rejection, SendError};
pub use pages::Pages;
pub use retry::RetryPolicy;
pub use settle::{Settlement, SETTLE_CLOCK_SKEW};
pub use token::TokenError;

use super::inbox::{ListMessagesRequest, ListMessagesResponse, SendMessageRequest, SendMessageResponse};
use token::TokenCache;
use transport::{describe, Transport};

/// Wix's API host.
pub const WIX_BASE_URL: &str = "https://www.wixapis.com";

/// A client for Wix's Inbox: sends messages, after checking them against the model.
///
/// - `send_message` validates first: an invalid request returns its violations and sends
///   nothing.
/// - It retries only where Wix certainly did not act (refused connection, 429, 503), a
///   bounded number of times, with jittered exponential backoff, honouring `Retry-After`.
/// - Every error says whether the message may have been delivered ([`SendError::delivery`]);
///   [`Client::settle`] turns "may have been" into an answer.
/// - Credentials appear in no `Debug`, `Display`, error or log line; plain `http://` is
///   refused except to loopback; redirects are not followed; answers are size-capped.
/// - Every method goes through [`Client::call`]; implement [`Endpoint`] to add your own.
///
/// ```no_run
/// use tollgate::wix::inbox::{Message, MessageContent, SendMessageRequest};
/// use tollgate::wix::Client;
///
/// # async fn send() -> Result<(), Box<dyn std::error::Error>> {
/// // WIX_API_KEY + WIX_SITE_ID, WIX_APP_ID + WIX_APP_SECRET + WIX_INSTANCE_ID, or WIX_ACCESS_TOKEN
/// let client = Client::from_env()?;
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
    transport: Transport,
    auth: Auth,
    /// The app token, shared by every clone, when the credentials are an app's.
    tokens: Option<Arc<TokenCache>>,
    /// A fixed credential (API key, access token) built into its header once.
    fixed: Option<Authorization>,
    /// `wix-site-id` of an API key, built once; an error naming what is not a valid header
    /// value (every call then fails before sending).
    site_header: Option<Result<HeaderValue, &'static str>>,
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

    /// The base URL calls go to, ending in `/`.
    ///
    /// ```
    /// use tollgate::wix::{Auth, Client};
    ///
    /// let client = Client::builder(Auth::access_token("made-up")).base_url("http://127.0.0.1:8080").build()?;
    /// assert_eq!(client.base_url(), "http://127.0.0.1:8080/");
    /// # Ok::<(), tollgate::wix::ConfigError>(())
    /// ```
    pub fn base_url(&self) -> &str {
        self.transport.base.as_str()
    }

    /// Validates `request`, then posts it to Wix's Send Message endpoint and returns the
    /// stored message. Never retried once Wix may have acted; see [`Client::settle`].
    pub async fn send_message(&self, request: &SendMessageRequest) -> Result<SendMessageResponse, SendError> {
        self.call::<SendMessage>(request).await
    }

    /// Validates `request`, then asks List Messages for one page.
    ///
    /// ```
    /// use tollgate::wix::inbox::{ListMessagesRequest, Visibility};
    /// use tollgate::wix::{Auth, Client};
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let sandbox = tollgate_sandbox::Sandbox::start().await?;
    /// let client = Client::builder(Auth::access_token("made-up")).base_url(sandbox.base_url()).build()?;
    /// let request = ListMessagesRequest {
    ///     conversation_id: "6202c3bb-f263-3c16-8c90-d6387d9ed420".into(),
    ///     visibility: Some(Visibility::Business),
    ///     ..ListMessagesRequest::default()
    /// };
    /// let page = client.list_messages(&request).await?;
    /// assert!(page.messages.is_empty() && page.next_cursor().is_none());
    /// # Ok(())
    /// # }
    /// ```
    pub async fn list_messages(
        &self,
        request: &ListMessagesRequest,
    ) -> Result<ListMessagesResponse, SendError> {
        self.call::<ListMessages>(request).await
    }

    /// Every page of List Messages from `request` on, following the `next` cursors; see
    /// [`Pages`] for an example.
    pub fn pages(&self, request: ListMessagesRequest) -> Pages<'_> {
        Pages::new(self, request)
    }

    /// The `Authorization` value for the next request: the fixed credential (borrowed, no
    /// copy), or the app's current token.
    async fn authorization(&self) -> Result<std::borrow::Cow<'_, Authorization>, TokenError> {
        match (&self.tokens, &self.fixed) {
            (Some(tokens), _) => tokens.current(&self.transport).await.map(std::borrow::Cow::Owned),
            (None, Some(fixed)) => Ok(std::borrow::Cow::Borrowed(fixed)),
            (None, None) => unreachable!("app credentials always come with a token cache"),
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
        let base = base_url(&self.base_url)?;
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            // No `.timeout`: the transport times each exchange with one timer of its own,
            // which reqwest would box per request (see `Transport::exchange`).
            .connect_timeout(self.connect_timeout)
            .user_agent(concat!("tollgate/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|error| ConfigError::Http(describe(&error)))?;
        let tokens = match &self.auth {
            Auth::App { app_id, app_secret, instance_id } => {
                Some(Arc::new(TokenCache::new(app_id, app_secret, instance_id)))
            }
            Auth::ApiKey { .. } | Auth::AccessToken(_) => None,
        };
        let transport = Transport::new(http, base, self.retry, self.max_response_bytes, self.timeout);
        let fixed = self.auth.fixed_authorization().cloned().map(Authorization::new);
        let site_header =
            self.auth.site_id().map(|site_id| HeaderValue::from_str(site_id).map_err(|_| "the site id"));
        Ok(Client { transport, auth: self.auth, tokens, fixed, site_header })
    }
}

/// `base_url`, which must be `https`, or `http` to loopback, ending in `/`.
fn base_url(base_url: &str) -> Result<Url, ConfigError> {
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
    Ok(url)
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
    fn base_urls_are_https_or_loopback_http() {
        let messages = |base: &str| base_url(base).unwrap().join("inbox/v2/messages").unwrap().to_string();
        assert_eq!(messages("https://www.wixapis.com"), "https://www.wixapis.com/inbox/v2/messages");
        assert_eq!(messages("https://proxy.example/wix/"), "https://proxy.example/wix/inbox/v2/messages");
        assert_eq!(messages("https://proxy.example/wix"), "https://proxy.example/wix/inbox/v2/messages");
        for loopback in
            ["http://127.0.0.1:9", "http://127.10.0.1", "http://localhost:8080", "http://[::1]:80"]
        {
            assert!(base_url(loopback).is_ok(), "{loopback}");
        }
        for refused in [
            "http://www.wixapis.com",
            "http://10.0.0.1",
            "http://localhost.example.com",
            "ftp://127.0.0.1",
            "www.wixapis.com",
            "https://user:pw@www.wixapis.com",
        ] {
            assert!(matches!(base_url(refused), Err(ConfigError::BaseUrl { .. })), "{refused}");
        }
    }
}
