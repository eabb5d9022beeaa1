//! The Send Message client against the sandbox, over real HTTP on loopback: every outcome,
//! where it retries and where it must not, and that the credentials never leak.

use std::time::{Duration, Instant};

use tollgate::wix::inbox::{Message, MessageContent, SendMessageRequest};
use tollgate::wix::{Auth, Client, Delivery, RetryPolicy, SendError};
use tollgate_sandbox::{Fault, Sandbox, SandboxConfig};

mod support;

use support::Captured;

const API_KEY: &str = "IST.made-up-key-for-tests-0123456789";
const SITE_ID: &str = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

fn request() -> SendMessageRequest {
    SendMessageRequest::builder()
        .conversation_id("6202c3bb-f263-3c16-8c90-d6387d9ed420")
        .message(Message::builder().content(MessageContent::text("Hey!")))
        .build()
        .expect("a valid request")
}

/// Fast retries, so that a test of five retries takes milliseconds.
fn quick_retries() -> RetryPolicy {
    RetryPolicy {
        max_retries: 3,
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(20),
        max_retry_after: Duration::from_secs(5),
    }
}

async fn sandbox() -> Sandbox {
    Sandbox::start_with(SandboxConfig {
        api_key: Some(API_KEY.into()),
        site_id: Some(SITE_ID.into()),
        ..SandboxConfig::default()
    })
    .await
    .expect("the sandbox starts")
}

fn client(sandbox: &Sandbox) -> Client {
    Client::builder(Auth::api_key(API_KEY, SITE_ID))
        .base_url(sandbox.base_url())
        .retry(quick_retries())
        .timeout(Duration::from_secs(5))
        .build()
        .expect("a loopback base URL is allowed")
}

fn status(status: u16, body: &str) -> Fault {
    Fault::Status { status, body: body.into(), retry_after: None }
}

#[tokio::test]
async fn a_valid_request_is_stored_and_returned() {
    let sandbox = sandbox().await;
    let stored = client(&sandbox).send_message(&request()).await.expect("sent");
    let message = stored.message.expect("the stored message");
    assert!(message.id.as_deref().is_some_and(tollgate::rules::is_guid), "{message:?}");
    assert_eq!(message.sequence, Some(1));
    assert!(message.created_date.is_some());
    assert_eq!(message.content, request().message.unwrap().content);
    assert_eq!(sandbox.received(), vec![request()]);
    assert_eq!(sandbox.requests_seen(), 1);
}

#[tokio::test]
async fn an_invalid_request_never_reaches_the_server() {
    let sandbox = sandbox().await;
    let mut invalid = request();
    invalid.conversation_id = "not-a-guid".into();
    invalid.message.as_mut().unwrap().content = None;
    let error = client(&sandbox).send_message(&invalid).await.unwrap_err();
    let SendError::Invalid(violations) = &error else { panic!("{error:?}") };
    let paths: Vec<String> = violations.iter().map(|v| format!("{} {}", v.path(), v.wix_rule())).collect();
    assert_eq!(paths, ["conversationId FORMAT", "message.content REQUIRED_FIELD"]);
    assert_eq!((error.delivery(), error.attempts()), (Delivery::NotSent, 0));
    assert_eq!(sandbox.requests_seen(), 0);
    assert!(sandbox.received().is_empty());
}

#[tokio::test]
async fn a_wix_rejection_keeps_status_code_message_request_id_and_violations() {
    let sandbox = sandbox().await;
    sandbox.inject(status(
        400,
        r#"{"message": "request is invalid", "details": {
            "applicationError": {"code": "MESSAGE_TOO_LONG", "description": "too long"},
            "validationError": {"fieldViolations": [
                {"field": "message.content.basic.items[0].text", "description": "too long", "violatedRule": "MAX_LENGTH"},
                {"field": "message", "description": "new rule", "violatedRule": "A_RULE_FROM_THE_FUTURE"}
            ]}}}"#,
    ));
    let error = client(&sandbox).send_message(&request()).await.unwrap_err();
    let SendError::Rejected { rejection, attempts } = &error else { panic!("{error:?}") };
    assert_eq!(rejection.status, 400);
    assert_eq!(rejection.code.as_deref(), Some("MESSAGE_TOO_LONG"));
    assert_eq!(rejection.message.as_deref(), Some("request is invalid"));
    assert!(rejection.request_id.is_some());
    let violations: Vec<(String, &str)> =
        rejection.violations.iter().map(|v| (v.path().to_string(), v.wix_rule())).collect();
    assert_eq!(
        violations,
        [
            ("message.content.basic.items[0].text".to_string(), "MAX_LENGTH"),
            ("message".to_string(), "A_RULE_FROM_THE_FUTURE")
        ]
    );
    assert_eq!((*attempts, error.delivery()), (1, Delivery::NotDelivered));
    assert_eq!(sandbox.requests_seen(), 1, "a 400 is final");
    assert!(error.to_string().contains("MESSAGE_TOO_LONG"), "{error}");
}

#[tokio::test]
async fn wrong_credentials_are_rejected_without_retrying() {
    let sandbox = sandbox().await;
    let wrong = Client::builder(Auth::api_key("IST.made-up-wrong-key", SITE_ID))
        .base_url(sandbox.base_url())
        .retry(quick_retries())
        .build()
        .unwrap();
    let error = wrong.send_message(&request()).await.unwrap_err();
    assert!(matches!(&error, SendError::Rejected { rejection, .. } if rejection.status == 401), "{error:?}");
    assert_eq!(error.delivery(), Delivery::NotDelivered);

    let other_site = Client::builder(Auth::api_key(API_KEY, "11111111-2222-3333-4444-555555555555"))
        .base_url(sandbox.base_url())
        .build()
        .unwrap();
    let error = other_site.send_message(&request()).await.unwrap_err();
    assert!(matches!(&error, SendError::Rejected { rejection, .. } if rejection.status == 403), "{error:?}");
    assert_eq!(sandbox.requests_seen(), 2);
    assert!(sandbox.received().is_empty());
}

#[tokio::test]
async fn rate_limits_are_retried_after_the_wait_wix_asks_for() {
    let sandbox = sandbox().await;
    sandbox.inject(Fault::Status { status: 429, body: "{}".into(), retry_after: Some("1".into()) });
    let started = Instant::now();
    client(&sandbox).send_message(&request()).await.expect("sent on the second attempt");
    assert!(started.elapsed() >= Duration::from_secs(1), "Retry-After: 1 was not honoured");
    assert_eq!(sandbox.requests_seen(), 2);
    assert_eq!(sandbox.received().len(), 1);
}

#[tokio::test]
async fn retries_are_bounded() {
    let sandbox = sandbox().await;
    for _ in 0..10 {
        sandbox.inject(status(429, r#"{"message": "slow down"}"#));
    }
    let error = client(&sandbox).send_message(&request()).await.unwrap_err();
    assert!(
        matches!(&error, SendError::RateLimited { rejection, .. } if rejection.status == 429),
        "{error:?}"
    );
    assert_eq!((error.attempts(), error.delivery()), (4, Delivery::NotDelivered));
    assert_eq!(sandbox.requests_seen(), 4, "one attempt and three retries");
    assert!(sandbox.received().is_empty());
}

#[tokio::test]
async fn a_retry_after_longer_than_allowed_ends_the_send() {
    let sandbox = sandbox().await;
    sandbox.inject(Fault::Status { status: 429, body: "{}".into(), retry_after: Some("3600".into()) });
    let error = client(&sandbox).send_message(&request()).await.unwrap_err();
    let SendError::RateLimited { rejection, attempts } = &error else { panic!("{error:?}") };
    assert_eq!((rejection.retry_after, *attempts), (Some(Duration::from_hours(1)), 1));
    assert_eq!(sandbox.requests_seen(), 1);
}

#[tokio::test]
async fn service_unavailable_is_retried() {
    let sandbox = sandbox().await;
    sandbox.inject(status(503, "{}"));
    sandbox.inject(status(503, "{}"));
    client(&sandbox).send_message(&request()).await.expect("sent on the third attempt");
    assert_eq!(sandbox.requests_seen(), 3);
    assert_eq!(sandbox.received().len(), 1);
}

#[tokio::test]
async fn a_server_error_is_not_retried_and_may_have_delivered() {
    let sandbox = sandbox().await;
    for code in [500, 502, 504] {
        sandbox.clear();
        let seen = sandbox.requests_seen();
        sandbox.inject(status(code, r#"{"message": "internal"}"#));
        let error = client(&sandbox).send_message(&request()).await.unwrap_err();
        assert!(
            matches!(&error, SendError::Rejected { rejection, .. } if rejection.status == code),
            "{error:?}"
        );
        assert_eq!((error.attempts(), error.delivery()), (1, Delivery::MayHaveBeenDelivered));
        assert_eq!(sandbox.requests_seen(), seen + 1, "{code} was retried");
    }
}

#[tokio::test]
async fn an_unreadable_success_is_delivered_and_not_retried() {
    let sandbox = sandbox().await;
    sandbox.inject(Fault::MalformedJson);
    let error = client(&sandbox).send_message(&request()).await.unwrap_err();
    assert!(matches!(&error, SendError::UnreadableResponse { status: 200, .. }), "{error:?}");
    assert_eq!((error.attempts(), error.delivery()), (1, Delivery::Delivered));
    assert!(error.request_id().is_some());
    assert_eq!(sandbox.requests_seen(), 1);
    assert_eq!(sandbox.received().len(), 1, "the sandbox acted on it");
}

#[tokio::test]
async fn an_oversized_answer_is_refused_at_the_cap() {
    let sandbox = sandbox().await;
    sandbox.inject(Fault::Oversized { bytes: 2 << 20 });
    let error = client(&sandbox).send_message(&request()).await.unwrap_err();
    let SendError::UnreadableResponse { reason, delivery, .. } = &error else { panic!("{error:?}") };
    assert!(reason.contains("1048576 bytes"), "{reason}");
    assert_eq!(*delivery, Delivery::Delivered);

    // A smaller cap refuses a normal answer too: the cap is what the client reads, not a guess.
    let tiny = Client::builder(Auth::api_key(API_KEY, SITE_ID))
        .base_url(sandbox.base_url())
        .max_response_bytes(16)
        .build()
        .unwrap();
    let error = tiny.send_message(&request()).await.unwrap_err();
    assert!(matches!(&error, SendError::UnreadableResponse { .. }), "{error:?}");
    assert_eq!(sandbox.requests_seen(), 2);
}

#[tokio::test]
async fn a_dropped_connection_is_ambiguous_and_never_retried() {
    let sandbox = sandbox().await;
    sandbox.inject(Fault::DropConnection);
    let error = client(&sandbox).send_message(&request()).await.unwrap_err();
    assert!(
        matches!(&error, SendError::Transport { .. } | SendError::UnreadableResponse { .. }),
        "{error:?}"
    );
    assert_eq!((error.attempts(), error.delivery()), (1, Delivery::MayHaveBeenDelivered));
    assert_eq!(sandbox.requests_seen(), 1, "retrying could post the message twice");
    assert_eq!(sandbox.received().len(), 1, "the server did act: only an honest 'maybe' is right");
}

#[tokio::test]
async fn a_timeout_after_sending_is_ambiguous_and_never_retried() {
    let sandbox = sandbox().await;
    sandbox.inject(Fault::Delay { millis: 1500 });
    let impatient = Client::builder(Auth::api_key(API_KEY, SITE_ID))
        .base_url(sandbox.base_url())
        .retry(quick_retries())
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let error = impatient.send_message(&request()).await.unwrap_err();
    assert!(matches!(&error, SendError::Timeout { .. }), "{error:?}");
    assert_eq!((error.attempts(), error.delivery()), (1, Delivery::MayHaveBeenDelivered));
    assert_eq!(sandbox.requests_seen(), 1);
}

/// A loopback port with nothing listening on it.
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

#[tokio::test]
async fn a_refused_connection_is_retried_then_reported_as_not_delivered() {
    let port = closed_port();
    let client = Client::builder(Auth::access_token("made-up-token"))
        .base_url(format!("http://127.0.0.1:{port}"))
        .retry(quick_retries())
        .build()
        .unwrap();
    let error = client.send_message(&request()).await.unwrap_err();
    assert!(matches!(&error, SendError::Transport { .. }), "{error:?}");
    assert_eq!((error.attempts(), error.delivery()), (4, Delivery::NotDelivered));
}

#[tokio::test]
async fn a_server_that_comes_up_during_the_retries_gets_the_message() {
    let port = closed_port();
    let bind = format!("127.0.0.1:{port}").parse().unwrap();
    let late = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(100)).await;
        Sandbox::start_with(SandboxConfig { bind, ..SandboxConfig::default() }).await.unwrap()
    });
    let client = Client::builder(Auth::access_token("made-up-token"))
        .base_url(format!("http://127.0.0.1:{port}"))
        .retry(RetryPolicy {
            max_retries: 20,
            base_delay: Duration::from_millis(50),
            max_delay: Duration::from_millis(300),
            ..quick_retries()
        })
        .build()
        .unwrap();
    client.send_message(&request()).await.expect("sent once the server listens");
    let sandbox = late.await.unwrap();
    assert_eq!(sandbox.received().len(), 1);
}

#[tokio::test(flavor = "current_thread")]
async fn the_api_key_appears_in_no_error_debug_output_or_log() {
    let (logs, _guard) = Captured::start();

    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let mut seen = vec![format!("{client:?}"), format!("{:?}", Auth::api_key(API_KEY, SITE_ID))];
    for fault in [
        status(400, r#"{"message": "no"}"#),
        status(429, "{}"),
        status(500, "{}"),
        Fault::MalformedJson,
        Fault::DropConnection,
    ] {
        sandbox.clear();
        for _ in 0..4 {
            sandbox.inject(fault.clone());
        }
        let error = client.send_message(&request()).await.unwrap_err();
        seen.push(format!("{error} {error:?}"));
    }
    let mut invalid = request();
    invalid.message = None;
    let error = client.send_message(&invalid).await.unwrap_err();
    seen.push(format!("{error} {error:?}"));
    let unauthorized =
        Client::builder(Auth::access_token(API_KEY)).base_url(sandbox.base_url()).build().unwrap();
    let error = unauthorized.send_message(&request()).await.unwrap_err();
    seen.push(format!("{error} {error:?} {unauthorized:?}"));

    let logged = logs.text();
    assert!(
        logged.contains("wix.call{endpoint=\"send_message\""),
        "the send spans were not captured:\n{logged}"
    );
    for text in seen.iter().chain([&logged]) {
        assert!(!text.contains(API_KEY), "the API key leaked:\n{text}");
        assert!(!text.contains("made-up-key-for-tests"), "part of the API key leaked:\n{text}");
    }
}
