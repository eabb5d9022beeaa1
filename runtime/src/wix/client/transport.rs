//! One HTTP exchange, shared by every call and by the token request: send, then read the
//! status, the headers, and a size-capped body.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::Poll;
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderValue, CONTENT_LENGTH, RETRY_AFTER};
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
    /// The longest one exchange may take, from sending to the last byte of the answer.
    pub(crate) timeout: Duration,
    /// The largest request body serialized so far (up to [`MAX_BODY_HINT`]), shared by every
    /// clone: the next body's buffer starts that large, so serializing never regrows it.
    pub(crate) body_hint: Arc<AtomicUsize>,
    /// The last path joined to `base`, and the URL it gave, shared by every clone: a client
    /// calls the same few paths over and over, and a clone of a parsed `Url` costs one copy of
    /// its text where joining parses it again (scheme, host, path) on every call.
    last_url: Arc<Mutex<Option<(String, Url)>>>,
}

/// `Content-Type` of every body the client sends (a static value: no allocation).
pub(crate) fn json_content_type() -> HeaderValue {
    HeaderValue::from_static("application/json")
}

/// The largest buffer a request body starts with; larger ones grow as they are written.
const MAX_BODY_HINT: usize = 64 << 10;

/// A complete answer. The headers are kept as they came (no copy): the request id and
/// `Retry-After` are read from them only when an error needs them.
pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
}

impl Answer {
    /// `x-wix-request-id`, to quote to Wix's support.
    pub(crate) fn request_id(&self) -> Option<String> {
        header_text(&self.headers, REQUEST_ID_HEADER)
    }

    /// The body as JSON. UTF-8 is checked once for the whole body and the text read with
    /// `from_str`: `from_slice` checks every string it reads on its own, 13–17% of the parse
    /// of a Send Message answer (callgrind, `benches/examples/count.rs`, `response_str`).
    pub(crate) fn json<T: serde::de::DeserializeOwned>(&self) -> Result<T, String> {
        let text = std::str::from_utf8(&self.body).map_err(|error| format!("{error}"))?;
        serde_json::from_str(text).map_err(|error| error.to_string())
    }

    /// How long the server asked to wait before the next attempt.
    pub(crate) fn retry_after(&self) -> Option<std::time::Duration> {
        self.headers.get(RETRY_AFTER).and_then(|value| value.to_str().ok()).and_then(retry::parse_retry_after)
    }
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
    /// A transport with no body size seen yet.
    pub(crate) fn new(
        http: reqwest::Client,
        base: Url,
        retry: RetryPolicy,
        max_response_bytes: usize,
        timeout: Duration,
    ) -> Self {
        Transport {
            http,
            base,
            retry,
            max_response_bytes,
            timeout,
            body_hint: Arc::new(AtomicUsize::new(0)),
            last_url: Arc::default(),
        }
    }

    /// `value` as a JSON body, in a buffer sized from the bodies before it.
    pub(crate) fn json_body<T: serde::Serialize + ?Sized>(
        &self,
        value: &T,
    ) -> Result<Bytes, serde_json::Error> {
        let mut buffer = Vec::with_capacity(self.body_hint.load(Ordering::Relaxed));
        serde_json::to_writer(&mut buffer, value)?;
        let hint = buffer.len().min(MAX_BODY_HINT);
        if hint > self.body_hint.load(Ordering::Relaxed) {
            self.body_hint.fetch_max(hint, Ordering::Relaxed);
        }
        Ok(Bytes::from(buffer))
    }

    /// `path` (absolute, such as `/inbox/v2/messages`) under the base URL.
    pub(crate) fn url(&self, path: &str) -> Result<Url, String> {
        // A poisoned lock only means another call panicked while holding it; the cache is
        // a plain value and still either right or absent, so it is used as it is.
        let mut last = self.last_url.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, url)) = last.as_ref().filter(|(last_path, _)| last_path == path) {
            return Ok(url.clone());
        }
        let url = self
            .base
            .join(path.trim_start_matches('/'))
            .map_err(|error| format!("`{path}` is not a path: {error}"))?;
        *last = Some((path.to_owned(), url.clone()));
        Ok(url)
    }

    /// Sends `request` and reads its answer, all within [`Transport::timeout`].
    ///
    /// The deadline is one timer for the whole exchange, held inline in this future. reqwest's
    /// own `ClientBuilder::timeout` does the same job but boxes a new timer for every request
    /// and wraps the answer's body to poll it: an allocation and an extra layer per send.
    pub(crate) async fn exchange(&self, request: reqwest::RequestBuilder) -> Result<Answer, NoAnswer> {
        let mut deadline = std::pin::pin!(tokio::time::sleep(self.timeout));
        let mut response = match before(deadline.as_mut(), request.send()).await {
            Some(Ok(response)) => response,
            Some(Err(error)) if error.is_connect() => return Err(NoAnswer::Refused(describe(&error))),
            Some(Err(error)) => {
                return Err(NoAnswer::Lost { message: describe(&error), timeout: error.is_timeout() })
            }
            None => return Err(NoAnswer::Lost { message: "no answer in time".to_owned(), timeout: true }),
        };
        let status = response.status();
        let declared = declared_length(response.headers());
        let headers = std::mem::take(response.headers_mut());
        let body = before(deadline, read_capped(response, declared, self.max_response_bytes)).await;
        match body.unwrap_or(Err(BodyFailure::Timeout)) {
            Ok(body) => Ok(Answer { status, headers, body }),
            Err(failure) => {
                Err(NoAnswer::Body { status, request_id: header_text(&headers, REQUEST_ID_HEADER), failure })
            }
        }
    }
}

/// `work`'s output, or `None` if `deadline` passes first (`work` is then dropped, unfinished).
async fn before<F: Future>(mut deadline: Pin<&mut tokio::time::Sleep>, work: F) -> Option<F::Output> {
    let mut work = std::pin::pin!(work);
    std::future::poll_fn(move |context| {
        if let Poll::Ready(output) = work.as_mut().poll(context) {
            return Poll::Ready(Some(output));
        }
        deadline.as_mut().poll(context).map(|()| None)
    })
    .await
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

fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers.get(CONTENT_LENGTH).and_then(|value| value.to_str().ok()).and_then(|value| value.parse().ok())
}

/// The body, refusing it as soon as it is known to exceed `limit` bytes: by its declared
/// length, or, with none declared, while it is read.
async fn read_capped(
    mut response: reqwest::Response,
    declared: Option<u64>,
    limit: usize,
) -> Result<Bytes, BodyFailure> {
    let failure = |error: reqwest::Error| {
        if error.is_timeout() {
            BodyFailure::Timeout
        } else {
            BodyFailure::Cut(describe(&error))
        }
    };
    match declared {
        Some(length) if length > limit as u64 => return Err(BodyFailure::TooLarge(limit)),
        // hyper reads exactly the declared length (a shorter body is an error), so the cap
        // holds; the body comes as one buffer, usually without a copy.
        Some(_) => return response.bytes().await.map_err(failure),
        None => {}
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(failure)? {
        if body.len() + chunk.len() > limit {
            return Err(BodyFailure::TooLarge(limit));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Bytes::from(body))
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;
    use std::io::{Read as _, Write as _};

    use super::*;

    /// A transport to `base` with the default retry policy.
    fn transport_to(base: &str, limit: usize, timeout: Duration) -> Transport {
        Transport::new(
            reqwest::Client::new(),
            Url::parse(base).unwrap(),
            RetryPolicy::default(),
            limit,
            timeout,
        )
    }

    /// A one-shot HTTP server on loopback that answers 200 with `body` in three chunks,
    /// `Transfer-Encoding: chunked` (no declared length); returns a transport to it.
    fn chunked_server(body: &'static str, limit: usize) -> Transport {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().unwrap();
            let _ = stream.read(&mut [0; 4096]);
            let mut reply =
                String::from("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n");
            for part in
                [&body[..body.len() / 3], &body[body.len() / 3..body.len() / 2], &body[body.len() / 2..]]
            {
                write!(reply, "{:x}\r\n{part}\r\n", part.len()).unwrap();
            }
            reply.push_str("0\r\n\r\n");
            stream.write_all(reply.as_bytes()).unwrap();
        });
        transport_to(&format!("http://{address}/"), limit, Duration::from_secs(30))
    }

    /// A server on loopback that reads the request, writes `reply`, then holds the connection
    /// open without another byte; a transport to it with a 200 ms timeout.
    fn stalling_server(reply: &'static str) -> Transport {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().unwrap();
            let _ = stream.read(&mut [0; 4096]);
            stream.write_all(reply.as_bytes()).unwrap();
            std::thread::sleep(std::time::Duration::from_secs(3));
        });
        transport_to(&format!("http://{address}/"), 1024, Duration::from_millis(200))
    }

    #[tokio::test]
    async fn an_exchange_with_no_status_line_in_time_is_lost_to_the_timeout() {
        let transport = stalling_server("");
        let started = std::time::Instant::now();
        let outcome = transport.exchange(transport.http.get(transport.url("/").unwrap())).await;
        assert!(matches!(outcome, Err(NoAnswer::Lost { timeout: true, .. })), "not a timeout");
        assert!(started.elapsed() < Duration::from_secs(2), "the timeout did not end the exchange");
    }

    #[tokio::test]
    async fn a_body_that_stops_arriving_in_time_is_a_body_timeout_with_its_status() {
        let transport = stalling_server("HTTP/1.1 200 OK\r\ncontent-length: 40\r\n\r\n{\"partial\":");
        let outcome = transport.exchange(transport.http.get(transport.url("/").unwrap())).await;
        let Err(NoAnswer::Body { status, failure: BodyFailure::Timeout, .. }) = outcome else {
            panic!("not a body timeout");
        };
        assert_eq!(status, StatusCode::OK);
    }

    const BODY: &str = "{\"text\":\"an answer of sixty bytes, give or take a few bytes\"}";

    #[tokio::test]
    async fn an_answer_without_a_declared_length_is_capped_while_it_is_read() {
        let transport = chunked_server(BODY, BODY.len() - 1);
        let outcome = transport.exchange(transport.http.get(transport.url("/").unwrap())).await;
        let Err(NoAnswer::Body { status, failure: BodyFailure::TooLarge(limit), .. }) = outcome else {
            panic!("an answer over the cap was accepted");
        };
        assert_eq!((status, limit), (StatusCode::OK, BODY.len() - 1));
    }

    #[tokio::test]
    async fn an_answer_without_a_declared_length_within_the_cap_is_read_whole() {
        let transport = chunked_server(BODY, BODY.len());
        let Ok(answer) = transport.exchange(transport.http.get(transport.url("/").unwrap())).await else {
            panic!("an answer within the cap was refused");
        };
        assert_eq!(&answer.body[..], BODY.as_bytes());
    }

    #[test]
    fn an_answer_reads_as_json_and_one_that_is_not_utf_8_or_not_json_says_why() {
        let answer = |body: &[u8]| Answer {
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            body: Bytes::copy_from_slice(body),
        };
        let escaped_and_not = answer("{\"a\":\"\\u00e9t\\u00e9 é\"}".as_bytes());
        assert_eq!(escaped_and_not.json::<serde_json::Value>().unwrap()["a"], "été é");
        let not_utf_8 = answer(b"{\"a\":\"\xff\"}").json::<serde_json::Value>().unwrap_err();
        assert!(not_utf_8.starts_with("invalid utf-8 sequence"), "{not_utf_8}");
        let not_json = answer(b"{\"a\":").json::<serde_json::Value>().unwrap_err();
        assert!(not_json.contains("EOF while parsing"), "{not_json}");
    }

    #[test]
    fn a_joined_url_is_reused_for_the_same_path_and_joined_anew_for_another() {
        let transport = transport_to("http://127.0.0.1:8080/base/", 1024, Duration::from_secs(30));
        for _ in 0..2 {
            assert_eq!(
                transport.url("/inbox/v2/messages").unwrap().as_str(),
                "http://127.0.0.1:8080/base/inbox/v2/messages"
            );
        }
        assert_eq!(
            transport.url("/oauth2/token").unwrap().as_str(),
            "http://127.0.0.1:8080/base/oauth2/token"
        );
        let clone = transport.clone();
        assert_eq!(
            clone.url("/inbox/v2/messages").unwrap().as_str(),
            "http://127.0.0.1:8080/base/inbox/v2/messages"
        );
        assert_eq!(
            transport.last_url.lock().unwrap().as_ref().map(|(path, _)| path.as_str()),
            Some("/inbox/v2/messages"),
            "clones share the cache"
        );
        assert!(transport.url("http://[bad").is_err(), "an unjoinable path is still refused");
    }

    #[test]
    fn a_body_buffer_starts_as_large_as_the_largest_body_before_it() {
        let transport = transport_to("http://127.0.0.1/", 1024, Duration::from_secs(30));
        let large = "x".repeat(3000);
        assert_eq!(&transport.json_body(&large).unwrap()[..], format!("\"{large}\"").as_bytes());
        assert_eq!(&transport.json_body("short").unwrap()[..], b"\"short\"");
        assert_eq!(transport.body_hint.load(Ordering::Relaxed), 3002);
        let huge = "x".repeat(MAX_BODY_HINT * 2);
        transport.json_body(&huge).unwrap();
        assert_eq!(transport.body_hint.load(Ordering::Relaxed), MAX_BODY_HINT, "the hint is bounded");
    }
}
