//! The one call path every endpoint goes through: validate, encode, authorize, send,
//! classify the outcome, and retry where that is safe.

use bytes::Bytes;
use reqwest::header::{HeaderName, AUTHORIZATION, CONTENT_TYPE};
use reqwest::{StatusCode, Url};
use tracing::Instrument as _;

use super::auth::Authorization;
use super::endpoint::Endpoint;
use super::error::{Delivery, Rejection, SendError};
use super::transport::{json_content_type, NoAnswer};
use super::Client;
use crate::wix::protocol::{self, query, SITE_ID_HEADER};
use crate::Validate as _;

/// A request ready to go out: its URL (with the query of a GET) and its JSON body, shared by
/// every attempt without a copy.
struct Prepared {
    url: Url,
    body: Option<Bytes>,
}

/// A failure before anything is sent: a header the request cannot carry.
fn unencodable(what: &str) -> Failure {
    Failure::new(SendError::Unencodable(format!("{what} is not a valid header value")), Next::Stop)
}

/// What to do after a failed request.
enum Next {
    /// Nothing: the answer is final.
    Stop,
    /// The server certainly did not act: send again, after at least the wait it asked for.
    Retry(Option<std::time::Duration>),
    /// The server may have acted: send again only if the endpoint is safe to retry.
    RetryIfSafe,
    /// `401`: the token may have expired early; a new one may be accepted.
    NewToken,
}

struct Failure {
    error: SendError,
    next: Next,
}

impl Failure {
    fn new(error: SendError, next: Next) -> Failure {
        Failure { error, next }
    }
}

impl Client {
    /// Calls the Wix method `E`: validates `request` (an invalid one is returned with its
    /// violations and nothing is sent), authorizes, sends, and retries where `E` allows.
    ///
    /// - Always retried (bounded by the [`RetryPolicy`](super::RetryPolicy)): a refused
    ///   connection, `429`, `503` — the server did not act.
    /// - Retried only when [`Endpoint::SAFE_TO_RETRY`]: a connection lost after the request
    ///   left, a timeout, another `5xx`, an answer cut short.
    /// - With app credentials, a `401` gets one more attempt with a new token.
    ///
    /// ```
    /// use tollgate::wix::inbox::{Message, MessageContent, SendMessageRequest};
    /// use tollgate::wix::{Auth, Client, SendMessage};
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let sandbox = tollgate_sandbox::Sandbox::start().await?;
    /// let client = Client::builder(Auth::access_token("made-up")).base_url(sandbox.base_url()).build()?;
    /// let request = SendMessageRequest::builder()
    ///     .conversation_id("6202c3bb-f263-3c16-8c90-d6387d9ed420")
    ///     .message(Message::builder().content(MessageContent::text("Hey!")))
    ///     .build()?;
    /// // What `send_message` does.
    /// let stored = client.call::<SendMessage>(&request).await?;
    /// assert_eq!(stored.message.and_then(|m| m.sequence), Some(1));
    /// # Ok(())
    /// # }
    /// ```
    pub async fn call<E: Endpoint>(&self, request: &E::Request) -> Result<E::Response, SendError> {
        request.validate().map_err(SendError::Invalid)?;
        let prepared = self.prepare::<E>(request)?;
        let span = tracing::info_span!("wix.call", endpoint = E::NAME, attempts = tracing::field::Empty);
        self.run::<E>(&prepared).instrument(span).await
    }

    fn prepare<E: Endpoint>(&self, request: &E::Request) -> Result<Prepared, SendError> {
        let mut url = self.transport.url(&E::path(request)).map_err(SendError::Unencodable)?;
        let encoding = |error: serde_json::Error| SendError::Unencodable(error.to_string());
        if E::METHOD.has_body() {
            let body = self.transport.json_body(request).map_err(encoding)?;
            return Ok(Prepared { url, body: Some(body) });
        }
        let pairs = query::to_pairs(&serde_json::to_value(request).map_err(encoding)?);
        if !pairs.is_empty() {
            url.query_pairs_mut().extend_pairs(pairs);
        }
        Ok(Prepared { url, body: None })
    }

    async fn run<E: Endpoint>(&self, prepared: &Prepared) -> Result<E::Response, SendError> {
        let retry = &self.transport.retry;
        let (mut attempts, mut retries, mut new_token_asked) = (0, 0, false);
        loop {
            let authorization =
                self.authorization().await.map_err(|error| SendError::Auth { error, attempts })?;
            attempts += 1;
            tracing::Span::current().record("attempts", attempts);
            let Failure { mut error, next } = match self.attempt::<E>(prepared, &authorization).await {
                Ok(response) => {
                    tracing::info!(attempts, "call succeeded");
                    return Ok(response);
                }
                Err(failure) => failure,
            };
            error.set_attempts(attempts);
            let retry_after = match next {
                Next::NewToken if !new_token_asked && self.tokens.is_some() => {
                    new_token_asked = true;
                    if let Some(tokens) = &self.tokens {
                        tokens.forget(authorization.as_ref()).await;
                    }
                    tracing::info!(attempts, "401: asking for a new token, then sending again");
                    continue;
                }
                Next::Retry(retry_after) => retry_after,
                Next::RetryIfSafe if E::SAFE_TO_RETRY => None,
                Next::Stop | Next::NewToken | Next::RetryIfSafe => {
                    tracing::warn!(attempts, error = %error, "call failed");
                    return Err(error);
                }
            };
            retries += 1;
            if retries > retry.max_retries || retry_after.is_some_and(|asked| asked > retry.max_retry_after) {
                tracing::warn!(attempts, error = %error, "call failed; not retrying");
                return Err(error);
            }
            let wait = retry.delay(retries, retry_after);
            tracing::info!(attempts, wait = ?wait, error = %error, "retrying");
            tokio::time::sleep(wait).await;
        }
    }

    /// One request: its answer, or the error with what may follow it.
    async fn attempt<E: Endpoint>(
        &self,
        prepared: &Prepared,
        authorization: &Authorization,
    ) -> Result<E::Response, Failure> {
        // Every header value is built once per client (or per token) and shared here.
        let header = authorization.header().ok_or_else(|| unencodable("the credential"))?;
        let mut request = self
            .transport
            .http
            .request(E::METHOD.http(), prepared.url.clone())
            .header(AUTHORIZATION, header.clone());
        if let Some(body) = &prepared.body {
            request = request.header(CONTENT_TYPE, json_content_type()).body(body.clone());
        }
        if let Some(site_header) = &self.site_header {
            let site_id = site_header.as_ref().map_err(|what| unencodable(what))?;
            request = request.header(HeaderName::from_static(SITE_ID_HEADER), site_id.clone());
        }
        let answer = match self.transport.exchange(request).await {
            Ok(answer) => answer,
            Err(no_answer) => return Err(lost(no_answer)),
        };
        let status = answer.status;
        if status.is_success() {
            return answer.json::<E::Response>().map_err(|error| {
                let reason = format!("not a {} answer: {error}", E::NAME);
                let error = SendError::UnreadableResponse {
                    status: status.as_u16(),
                    request_id: answer.request_id(),
                    reason,
                    delivery: Delivery::Delivered,
                    attempts: 0,
                };
                Failure::new(error, Next::Stop)
            });
        }
        let rejection =
            Rejection::from_body(status.as_u16(), answer.request_id(), answer.retry_after(), &answer.body);
        let retry_after = rejection.retry_after;
        let next = match status {
            StatusCode::UNAUTHORIZED => Next::NewToken,
            _ if protocol::retryable(status.as_u16()) => Next::Retry(retry_after),
            _ if status.is_server_error() => Next::RetryIfSafe,
            _ => Next::Stop,
        };
        let error = if status == StatusCode::TOO_MANY_REQUESTS {
            SendError::RateLimited { rejection, attempts: 0 }
        } else {
            SendError::Rejected { rejection, attempts: 0 }
        };
        Err(Failure::new(error, next))
    }
}

/// A request that got no complete answer. A failure to connect means nothing was sent; any
/// other failure may have come after the server read the request.
fn lost(no_answer: NoAnswer) -> Failure {
    match no_answer {
        NoAnswer::Refused(message) => Failure::new(
            SendError::Transport { delivery: Delivery::NotDelivered, message, attempts: 0 },
            Next::Retry(None),
        ),
        NoAnswer::Lost { timeout: true, .. } => Failure::new(
            SendError::Timeout { delivery: Delivery::MayHaveBeenDelivered, attempts: 0 },
            Next::RetryIfSafe,
        ),
        NoAnswer::Lost { message, .. } => Failure::new(
            SendError::Transport { delivery: Delivery::MayHaveBeenDelivered, message, attempts: 0 },
            Next::RetryIfSafe,
        ),
        NoAnswer::Body { status, request_id, failure } => {
            // The status line arrived: a 2xx means Wix accepted the request.
            let delivery =
                if status.is_success() { Delivery::Delivered } else { Delivery::MayHaveBeenDelivered };
            let error = SendError::UnreadableResponse {
                status: status.as_u16(),
                request_id,
                reason: failure.reason(),
                delivery,
                attempts: 0,
            };
            Failure::new(error, Next::RetryIfSafe)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wix::inbox::{Message, MessageContent, SendMessageRequest};
    use crate::wix::Auth;

    fn request() -> SendMessageRequest {
        SendMessageRequest::builder()
            .conversation_id("6202c3bb-f263-3c16-8c90-d6387d9ed420")
            .message(Message::builder().content(MessageContent::text("Hey!")))
            .build()
            .unwrap()
    }

    /// Port 9 on loopback: nothing listens there, so a request that went out would fail as a
    /// refused connection, not as `Unencodable`.
    fn client(auth: Auth) -> Client {
        Client::builder(auth).base_url("http://127.0.0.1:9").build().unwrap()
    }

    #[tokio::test]
    async fn a_header_that_cannot_be_sent_fails_the_call_before_anything_is_sent() {
        let cases = [
            (Auth::api_key("made-up-key", "0f1e2d3c\nwix-site-id: injected"), "the site id"),
            (Auth::api_key("made-up\r\nkey", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"), "the credential"),
            (Auth::access_token("made-up\ntoken"), "the credential"),
        ];
        for (auth, what) in cases {
            let error = client(auth).send_message(&request()).await.unwrap_err();
            let SendError::Unencodable(reason) = &error else { panic!("{what}: {error:?}") };
            assert_eq!(reason, &format!("{what} is not a valid header value"));
            assert_eq!((error.delivery(), error.attempts()), (Delivery::NotSent, 0), "{what}");
            assert!(!error.to_string().contains("made-up"), "{error}");
        }
    }
}
