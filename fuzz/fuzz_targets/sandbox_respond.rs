//! The sandbox's Send Message handler, `tollgate_sandbox::handler::respond`, without a network.
//!
//! Input format (text, so seeds and reproducers read like HTTP requests): header lines, a blank
//! line (`\n\n`), then the body, verbatim. Without a blank line the whole input is the body and
//! there are no headers.
//!
//! ```text
//! @api-key: secret            <- optional: configure the Inbox (api_key, site_id,
//! @site-id: 0f7e4c2a-...         max_body_bytes); default SandboxConfig::default()
//! @max-body: 64
//! Authorization: secret       <- `name: value` pairs passed to respond(); a line without
//! wix-site-id: 0f7e4c2a-...      `:` is a header with an empty value
//!
//! {"conversationId": ...}     <- the body
//! ```
//!
//! The reply is checked against an oracle built from the documented order of checks
//! (401, 403, 413, 400 unreadable, 400 invalid, 200): the status must be the documented one,
//! error bodies must have Wix's shape, and a 200's body must parse as `SendMessageResponse`
//! holding the request's message with the server's fields filled in. Each input is answered
//! twice by the same inbox: the second answer must agree (a 200 gets the next sequence).

#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use tollgate::rules::is_guid;
use tollgate::wix::inbox::{SendMessageRequest, SendMessageResponse};
use tollgate::Validate;
use tollgate_sandbox::handler::{respond, Inbox, Reply, JSON_CONTENT_TYPE};
use tollgate_sandbox::{SandboxConfig, SANDBOX_APP_ID, TOKEN_PREFIX};

mod common;

struct Input<'a> {
    config: SandboxConfig,
    headers: Vec<(String, &'a [u8])>,
    body: &'a [u8],
}

fn split(data: &[u8]) -> Input<'_> {
    let mut config = SandboxConfig::default();
    let mut headers = Vec::new();
    let Some(at) = data.windows(2).position(|w| w == b"\n\n") else {
        return Input { config, headers, body: data };
    };
    let (head, body) = (&data[..at], &data[at + 2..]);
    for line in head.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let (name, value) = match line.iter().position(|&b| b == b':') {
            Some(colon) => {
                let value = &line[colon + 1..];
                (&line[..colon], value.strip_prefix(b" ").unwrap_or(value))
            }
            None => (line, &line[line.len()..]),
        };
        let name = String::from_utf8_lossy(name).into_owned();
        match name.as_str() {
            "@api-key" => config.api_key = Some(String::from_utf8_lossy(value).into_owned()),
            "@site-id" => config.site_id = Some(String::from_utf8_lossy(value).into_owned()),
            "@max-body" => {
                if let Some(limit) = std::str::from_utf8(value).ok().and_then(|v| v.trim().parse().ok()) {
                    config.max_body_bytes = limit;
                }
            }
            _ => headers.push((name, value)),
        }
    }
    Input { config, headers, body }
}

/// What the reply must be: the documented order of checks.
enum Expected {
    ApplicationError(u16, &'static str),
    Unreadable,
    Invalid(SendMessageRequest, tollgate::Violations),
    Accepted(SendMessageRequest),
}

fn expect(input: &Input<'_>) -> Expected {
    let header = |name: &str| input.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| *v);
    match header("authorization") {
        None | Some([]) => return Expected::ApplicationError(401, "UNAUTHENTICATED"),
        Some(given) => {
            // A fresh inbox has issued no token: a value shaped like one of its tokens is
            // refused, even where any API key would do.
            if given.starts_with(TOKEN_PREFIX.as_bytes()) {
                return Expected::ApplicationError(401, "UNAUTHENTICATED");
            }
            if input.config.api_key.as_ref().is_some_and(|key| key.as_bytes() != given) {
                return Expected::ApplicationError(401, "UNAUTHENTICATED");
            }
        }
    }
    if let Some(site_id) = &input.config.site_id {
        if header("wix-site-id") != Some(site_id.as_bytes()) {
            return Expected::ApplicationError(403, "FORBIDDEN");
        }
    }
    if input.body.len() > input.config.max_body_bytes {
        return Expected::ApplicationError(413, "PAYLOAD_TOO_LARGE");
    }
    let Ok(request) = serde_json::from_slice::<SendMessageRequest>(input.body) else {
        return Expected::Unreadable;
    };
    match request.validate() {
        Ok(()) => Expected::Accepted(request),
        Err(violations) => Expected::Invalid(request, violations),
    }
}

fn body_json(reply: &Reply) -> Value {
    let body: Value = serde_json::from_slice(&reply.body).unwrap_or_else(|error| {
        panic!("{} answer's body is not JSON ({error}): {}", reply.status, String::from_utf8_lossy(&reply.body))
    });
    assert!(body["message"].is_string(), "{} answer without a message: {body}", reply.status);
    body
}

fn check_common(reply: &Reply) {
    assert!(
        matches!(reply.status, 200 | 400 | 401 | 403 | 413),
        "undocumented status {}: {}",
        reply.status,
        String::from_utf8_lossy(&reply.body)
    );
    assert_eq!(reply.header("content-type"), Some(JSON_CONTENT_TYPE));
    for (name, _) in &reply.headers {
        assert_eq!(name, &name.to_ascii_lowercase(), "header name not in lowercase");
    }
}

/// Checks a 200 answer; returns the stored message's id.
fn check_accepted(reply: &Reply, request: &SendMessageRequest, sequence: i64) -> String {
    let response: SendMessageResponse = serde_json::from_slice(&reply.body).unwrap_or_else(|error| {
        panic!("200 body is not a SendMessageResponse ({error}): {}", String::from_utf8_lossy(&reply.body))
    });
    let stored = response.message.clone().expect("200 answer without a message");
    let id = stored.id.clone().expect("stored message without an id");
    assert!(is_guid(&id), "stored message id {id:?} is not a GUID");
    assert_eq!(stored.sequence, Some(sequence));
    assert_eq!(stored.app_id.as_deref(), Some(SANDBOX_APP_ID));
    let sender = stored.sender.clone().expect("stored message without a sender");
    assert_eq!(sender.app_id.as_deref(), Some(SANDBOX_APP_ID));
    let created = stored.created_date.expect("stored message without a createdDate");
    assert_eq!(created.subsec_nanosecond() % 1_000_000, 0, "createdDate {created} is not whole milliseconds");
    // The rest is the request's message, unchanged.
    let mut sent = request.message.clone().unwrap_or_default();
    sent.id.clone_from(&stored.id);
    sent.sequence.clone_from(&stored.sequence);
    sent.app_id.clone_from(&stored.app_id);
    sent.sender.clone_from(&stored.sender);
    sent.created_date.clone_from(&stored.created_date);
    assert_eq!(sent, stored, "the stored message is not the message sent");
    if let Err(violations) = response.validate() {
        panic!("the answer of an accepted request does not validate:\n{violations}");
    }
    id
}

fn check(expected: &Expected, reply: &Reply, inbox: &Inbox, round: usize) {
    check_common(reply);
    match expected {
        Expected::ApplicationError(status, code) => {
            assert_eq!(reply.status, *status, "expected {status} {code}: {}", String::from_utf8_lossy(&reply.body));
            let body = body_json(reply);
            assert_eq!(body["details"]["applicationError"]["code"], *code, "{body}");
            assert!(body["details"]["applicationError"]["description"].is_string(), "{body}");
        }
        Expected::Unreadable => {
            assert_eq!(reply.status, 400, "expected 400 (unreadable): {}", String::from_utf8_lossy(&reply.body));
            let body = body_json(reply);
            assert!(body["message"].as_str().is_some_and(|m| m.starts_with("invalid request body: ")), "{body}");
            let entries = body["details"]["validationError"]["fieldViolations"].as_array().expect("fieldViolations");
            assert_eq!(entries.len(), 1, "{body}");
            assert_eq!(entries[0]["violatedRule"], "FORMAT", "{body}");
            assert!(entries[0]["field"].is_string() && entries[0]["description"].is_string(), "{body}");
        }
        Expected::Invalid(request, violations) => {
            assert_eq!(reply.status, 400, "expected 400 (invalid): {}", String::from_utf8_lossy(&reply.body));
            let body = body_json(reply);
            let json = serde_json::to_value(request).expect("request serializes");
            common::check_violations(&json, violations);
            let entries = serde_json::to_value(violations).expect("violations serialize");
            assert_eq!(body["details"]["validationError"]["fieldViolations"], entries, "{body}");
        }
        Expected::Accepted(request) => {
            assert_eq!(reply.status, 200, "expected 200: {}", String::from_utf8_lossy(&reply.body));
            check_accepted(reply, request, i64::try_from(round).expect("a round fits i64"));
            let received = inbox.received();
            assert_eq!(received.len(), round, "the inbox does not hold every accepted request");
            assert_eq!(received.last(), Some(request), "the inbox holds another request than the one sent");
            return;
        }
    }
    assert_eq!(inbox.received().len(), 0, "a refused request was stored");
}

/// With `TOLLGATE_FUZZ_TRACE` set, each input's two statuses are printed (to check what a seed
/// or a reproducer exercises).
fn trace() -> bool {
    static TRACE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *TRACE.get_or_init(|| std::env::var_os("TOLLGATE_FUZZ_TRACE").is_some())
}

fuzz_target!(|data: &[u8]| {
    let input = split(data);
    let headers: Vec<(&str, &[u8])> = input.headers.iter().map(|(n, v)| (n.as_str(), *v)).collect();
    // A fresh inbox per input: what it stores stays bounded, and each run is reproducible.
    let inbox = Inbox::new(&input.config);
    let expected = expect(&input);

    let first = respond(&inbox, &headers, input.body);
    check(&expected, &first, &inbox, 1);
    let second = respond(&inbox, &headers, input.body);
    check(&expected, &second, &inbox, 2);
    if trace() {
        eprintln!("statuses {} {}: {}", first.status, second.status, String::from_utf8_lossy(&first.body));
    }
    if first.status == 200 {
        assert_ne!(first.body, second.body, "two accepted messages got the same answer");
    } else {
        assert_eq!(first, second, "the same refused request got two different answers");
    }
});
