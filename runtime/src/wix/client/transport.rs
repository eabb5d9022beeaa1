//! One HTTP exchange, shared by every call and by the token request: send, then read the
//! status, the two headers the client needs, and a size-capped body.

use reqwest::header::{HeaderMap, CONTENT_LENGTH, RETRY_AFTER};
use reqwest::{StatusCode, Url};

use super::retry::{self, RetryPolicy};
use crate::wix::protocol::REQUEST_ID_HEADER;

/// What every request needs: the HTTP client, where to send, and the limits.
#[derive(Clone, Debug)]
pub(crate) struct Transport {
    pub(crate) http: reqwest::Client,
    /// The base URL, ending in `/`.
    pub(crate) base: Url,
    pub(crate) retry: RetryPolicy,
    pub(crate) max_response_bytes: usize,
}

/// A complete answer.
pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) request_id: Option<String>,
    pub(crate) retry_after: Option<std::time::Duration>,
    pub(crate) body: Vec<u8>,
}

/// An exchange that did not end in a complete answer.
pub(crate) enum NoAnswer {
    /// No connection: nothing was sent.
    Refused(String),
    /// The request left, then the connection failed (`timeout`: ran out of time).
    Lost { message: String, timeout: bool },
    /// The status line arrived; the body could not be read.
    Body { status: StatusCode, request_id: Option<String>, failure: BodyFailure },
}

/// Why an answer's body could not be read.
pub(crate) enum BodyFailure {
    TooLarge(usize),
    Cut(String),
    Timeout,
}

impl BodyFailure {
    pub(crate) fn reason(&self) -> String {
        match self {
            BodyFailure::TooLarge(limit) => format!("the answer is larger than the {limit} bytes accepted"),
            BodyFailure::Cut(message) => format!("the answer was cut short: {message}"),
            BodyFailure::Timeout => "the answer did not arrive in time".to_owned(),
        }
    }
}

impl Transport {
    /// `path` (absolute, such as `/inbox/v2/messages`) under the base URL.
    pub(crate) fn url(&self, path: &str) -> Result<Url, String> {
        self.base
            .join(path.trim_start_matches('/'))
            .map_err(|error| format!("`{path}` is not a path: {error}"))
    }

    /// Sends `request` and reads its answer.
    pub(crate) async fn exchange(&self, request: reqwest::RequestBuilder) -> Result<Answer, NoAnswer> {
        let response = match request.send().await {
            Ok(response) => response,
            Err(error) if error.is_connect() => return Err(NoAnswer::Refused(describe(&error))),
            Err(error) => {
                return Err(NoAnswer::Lost { message: describe(&error), timeout: error.is_timeout() })
            }
        };
        let status = response.status();
        let request_id = header_text(response.headers(), REQUEST_ID_HEADER);
        let retry_after = header_text(response.headers(), RETRY_AFTER.as_str())
            .as_deref()
            .and_then(retry::parse_retry_after);
        match read_capped(response, self.max_response_bytes).await {
            Ok(body) => Ok(Answer { status, request_id, retry_after, body }),
            Err(failure) => Err(NoAnswer::Body { status, request_id, failure }),
        }
    }
}

/// The error and its causes on one line. reqwest's messages name the URL, never headers.
pub(crate) fn describe(error: &(dyn std::error::Error + 'static)) -> String {
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
