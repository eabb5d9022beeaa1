//! App OAuth against the sandbox, over real HTTP: the token is fetched once and reused,
//! refreshed across an expiry by one request however many sends run, a 401 gets one retry
//! with a new token, and a failed token request sends nothing.

mod support;

use std::time::Duration;

use support::{
    app_client, app_sandbox, client_with, quick_retries, text_request, Captured, APP_ID, APP_SECRET,
    INSTANCE_ID,
};
use tollgate::wix::{Auth, Delivery, RetryPolicy, SendError, TokenError};
use tollgate_sandbox::{Fault, Route};

const FOUR_HOURS: Duration = Duration::from_hours(4);

#[tokio::test]
async fn the_token_is_fetched_once_and_reused() {
    let sandbox = app_sandbox(FOUR_HOURS).await;
    let client = app_client(&sandbox);
    for n in 0..5 {
        client.send_message(&text_request(&format!("message {n}"))).await.expect("sent");
    }
    assert_eq!(sandbox.requests_seen_on(Route::Token), 1);
    assert_eq!(sandbox.requests_seen(), 5);
    let clone = client.clone();
    clone.send_message(&text_request("from a clone")).await.expect("sent");
    assert_eq!(sandbox.requests_seen_on(Route::Token), 1, "clones share the token");
}

#[tokio::test]
async fn messages_are_sent_as_the_app() {
    let sandbox = app_sandbox(FOUR_HOURS).await;
    let stored = app_client(&sandbox).send_message(&text_request("hi")).await.expect("sent");
    let message = stored.message.expect("the stored message");
    assert_eq!(message.app_id.as_deref(), Some(APP_ID));
    assert_eq!(message.sender.and_then(|sender| sender.app_id).as_deref(), Some(APP_ID));
}

/// 32 sends at once, twice, with the token expiring in between: one token request per
/// token, never one per send.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thirty_two_concurrent_sends_across_an_expiry_make_one_token_request_each_time() {
    let sandbox = app_sandbox(Duration::from_secs(1)).await;
    let client = app_client(&sandbox);
    for wave in 0..2 {
        // A slow token endpoint: every send of the wave waits on the one refresh.
        sandbox.inject_on(Route::Token, Fault::Delay { millis: 200 });
        let sends: Vec<_> = (0..32)
            .map(|n| {
                let client = client.clone();
                tokio::spawn(async move {
                    client.send_message(&text_request(&format!("wave {wave} send {n}"))).await
                })
            })
            .collect();
        for send in sends {
            send.await.unwrap().expect("every send succeeds");
        }
        assert_eq!(sandbox.requests_seen_on(Route::Token), wave + 1, "wave {wave}");
        tokio::time::sleep(Duration::from_millis(1100)).await;
    }
    assert_eq!(sandbox.requests_seen(), 64, "no send was refused with a stale token and sent again");
    println!(
        "token requests for 2 x 32 concurrent sends across one expiry: {}",
        sandbox.requests_seen_on(Route::Token)
    );
}

/// 32 tasks sending without pause for 2.5 s while 1 s tokens expire under them: the token
/// is refreshed once per lifetime (less the margin), not once per send, and no send is
/// refused with a stale token.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thirty_two_sends_running_through_several_expiries_refresh_once_per_token() {
    let sandbox = app_sandbox(Duration::from_secs(1)).await;
    let client = app_client(&sandbox);
    let started = std::time::Instant::now();
    let senders: Vec<_> = (0..32)
        .map(|task| {
            let client = client.clone();
            tokio::spawn(async move {
                let mut sent = 0;
                while started.elapsed() < Duration::from_millis(2500) {
                    client
                        .send_message(&text_request(&format!("task {task} send {sent}")))
                        .await
                        .expect("sent");
                    sent += 1;
                }
                sent
            })
        })
        .collect();
    let mut sends = 0;
    for sender in senders {
        sends += sender.await.unwrap();
    }
    let tokens = sandbox.requests_seen_on(Route::Token);
    // A token is used for three quarters of its second: 2.5 s need 4 of them.
    assert!((2..=5).contains(&tokens), "{tokens} token requests for {sends} sends");
    assert_eq!(sandbox.requests_seen(), sends, "no send was refused with an expired token");
    println!("32 tasks, 2.5 s, 1 s tokens: {sends} sends, {tokens} token requests");
}

/// A token endpoint that is down costs one fetch (with its retries), not one per waiting send.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thirty_two_sends_waiting_on_a_failing_token_endpoint_share_its_failure() {
    let sandbox = app_sandbox(FOUR_HOURS).await;
    let retry_once = RetryPolicy { max_retries: 1, ..quick_retries() };
    let client = client_with(&sandbox, Auth::app(APP_ID, APP_SECRET, INSTANCE_ID), retry_once);
    for _ in 0..2 {
        sandbox.inject_on(Route::Token, Fault::Status { status: 500, body: "{}".into(), retry_after: None });
    }
    sandbox.inject_on(Route::Token, Fault::Delay { millis: 100 });
    let sends: Vec<_> = (0..32)
        .map(|n| {
            let client = client.clone();
            tokio::spawn(async move { client.send_message(&text_request(&format!("send {n}"))).await })
        })
        .collect();
    for send in sends {
        let error = send.await.unwrap().unwrap_err();
        assert!(matches!(error, SendError::Auth { error: TokenError::Unavailable { .. }, .. }), "{error:?}");
    }
    assert_eq!(sandbox.requests_seen_on(Route::Token), 2, "one fetch: a request and its retry");
    assert_eq!(sandbox.requests_seen(), 0);
    client.send_message(&text_request("later")).await.expect("a later send asks again, and gets a token");
}

#[tokio::test]
async fn a_token_is_refreshed_before_it_expires() {
    let sandbox = app_sandbox(Duration::from_secs(2)).await;
    let client = app_client(&sandbox);
    client.send_message(&text_request("first")).await.expect("sent");
    // Past three quarters of the lifetime, inside the refresh margin, not yet expired.
    tokio::time::sleep(Duration::from_millis(1600)).await;
    client.send_message(&text_request("second")).await.expect("sent");
    assert_eq!(sandbox.requests_seen_on(Route::Token), 2);
    assert_eq!(sandbox.requests_seen(), 2, "the old token was not tried first");
}

#[tokio::test]
async fn a_revoked_token_gets_a_401_then_one_retry_with_a_new_token() {
    let sandbox = app_sandbox(FOUR_HOURS).await;
    let client = app_client(&sandbox);
    client.send_message(&text_request("first")).await.expect("sent");
    sandbox.revoke_tokens();
    client.send_message(&text_request("second")).await.expect("sent after a new token");
    assert_eq!(sandbox.requests_seen_on(Route::Token), 2);
    assert_eq!(sandbox.requests_seen(), 3, "one refused attempt, one retry");
    assert_eq!(sandbox.received().len(), 2);
}

#[tokio::test]
async fn a_401_that_persists_is_retried_once_only() {
    let sandbox = app_sandbox(FOUR_HOURS).await;
    let client = app_client(&sandbox);
    let unauthorized = r#"{"message":"nope","details":{"applicationError":{"code":"UNAUTHENTICATED","description":"no","data":{}}}}"#;
    for _ in 0..3 {
        sandbox.inject(Fault::Status { status: 401, body: unauthorized.into(), retry_after: None });
    }
    let error = client.send_message(&text_request("hi")).await.unwrap_err();
    let SendError::Rejected { rejection, attempts } = &error else { panic!("{error:?}") };
    assert_eq!((rejection.status, rejection.code.as_deref(), *attempts), (401, Some("UNAUTHENTICATED"), 2));
    assert_eq!(error.delivery(), Delivery::NotDelivered);
    assert_eq!(sandbox.requests_seen(), 2);
    assert_eq!(sandbox.requests_seen_on(Route::Token), 2);
}

#[tokio::test]
async fn an_api_key_401_is_not_retried() {
    let sandbox = tollgate_sandbox::Sandbox::start_with(tollgate_sandbox::SandboxConfig {
        api_key: Some("the-key".into()),
        ..Default::default()
    })
    .await
    .unwrap();
    let client = client_with(&sandbox, Auth::access_token("another-key"), quick_retries());
    let error = client.send_message(&text_request("hi")).await.unwrap_err();
    assert_eq!(error.attempts(), 1, "{error}");
    assert_eq!(sandbox.requests_seen_on(Route::Token), 0);
}

#[tokio::test]
async fn a_wrong_secret_is_a_token_error_and_nothing_is_sent() {
    let sandbox = app_sandbox(FOUR_HOURS).await;
    let client =
        client_with(&sandbox, Auth::app(APP_ID, "made-up-wrong-secret", INSTANCE_ID), quick_retries());
    let error = client.send_message(&text_request("hi")).await.unwrap_err();
    let SendError::Auth { error: TokenError::Rejected(rejection), attempts: 0 } = &error else {
        panic!("{error:?}")
    };
    assert_eq!((rejection.status, rejection.code.as_deref()), (401, Some("UNAUTHENTICATED")));
    assert_eq!(error.delivery(), Delivery::NotSent);
    assert_eq!(sandbox.requests_seen_on(Route::Token), 1, "a refusal is not retried");
    assert_eq!(sandbox.requests_seen(), 0, "nothing was sent");
    let text = format!("{error} {error:?} {client:?}");
    assert!(!text.contains("made-up-wrong-secret"), "{text}");
    assert!(text.contains("token endpoint refused"), "{text}");
}

#[tokio::test]
async fn an_unknown_app_is_a_token_error() {
    let sandbox = app_sandbox(FOUR_HOURS).await;
    let client = client_with(&sandbox, Auth::app("not-installed", APP_SECRET, INSTANCE_ID), quick_retries());
    let error = client.send_message(&text_request("hi")).await.unwrap_err();
    assert!(matches!(error, SendError::Auth { error: TokenError::Rejected(_), .. }), "{error:?}");
    assert_eq!(sandbox.requests_seen(), 0);
}

/// An app client that waits 1 s for an answer: less than the token faults' delay.
fn impatient_app_client(sandbox: &tollgate_sandbox::Sandbox, retry: RetryPolicy) -> tollgate::wix::Client {
    tollgate::wix::Client::builder(Auth::app(APP_ID, APP_SECRET, INSTANCE_ID))
        .base_url(sandbox.base_url())
        .retry(retry)
        .timeout(Duration::from_secs(1))
        .build()
        .unwrap()
}

fn token_faults() -> Vec<Fault> {
    vec![
        Fault::Status { status: 500, body: "{}".into(), retry_after: None },
        Fault::Status { status: 503, body: "{}".into(), retry_after: Some("0".into()) },
        Fault::Status { status: 429, body: "{}".into(), retry_after: None },
        Fault::Delay { millis: 1500 },
        Fault::MalformedJson,
        Fault::Oversized { bytes: 2 << 20 },
        Fault::DropConnection,
        Fault::DropBeforeStoring,
    ]
}

/// Every fault kind on the token endpoint, with no retries: a typed token error, and the
/// send is never made.
#[tokio::test]
async fn every_token_fault_without_retries_is_a_token_error_and_sends_nothing() {
    for fault in token_faults() {
        let sandbox = app_sandbox(FOUR_HOURS).await;
        let client = impatient_app_client(&sandbox, RetryPolicy::none());
        sandbox.inject_on(Route::Token, fault.clone());
        // The delay is longer than the client's 1 s timeout: a timeout, so a token error too.
        let error = client.send_message(&text_request("hi")).await.expect_err(&format!("{fault:?}"));
        assert!(
            matches!(
                error,
                SendError::Auth { error: TokenError::Unavailable { attempts: 1, .. }, attempts: 0 }
            ),
            "{fault:?}: {error:?}"
        );
        assert_eq!(error.delivery(), Delivery::NotSent, "{fault:?}");
        assert_eq!(sandbox.requests_seen(), 0, "{fault:?}: nothing sent");
        assert!(!format!("{error} {error:?}").contains(APP_SECRET));
    }
}

/// The same faults, once each, with retries: the token request is asked again and the send
/// goes through.
#[tokio::test]
async fn every_token_fault_is_retried_then_the_send_goes_through() {
    for fault in token_faults() {
        let sandbox = app_sandbox(FOUR_HOURS).await;
        let client = impatient_app_client(&sandbox, quick_retries());
        sandbox.inject_on(Route::Token, fault.clone());
        client.send_message(&text_request("hi")).await.unwrap_or_else(|error| panic!("{fault:?}: {error}"));
        assert_eq!(sandbox.requests_seen_on(Route::Token), 2, "{fault:?}");
        assert_eq!(sandbox.requests_seen(), 1, "{fault:?}");
    }
}

#[tokio::test(flavor = "current_thread")]
async fn the_secret_and_the_tokens_appear_in_no_error_debug_output_or_log() {
    let (logs, _guard) = Captured::start();
    let sandbox = app_sandbox(Duration::from_secs(1)).await;
    let client = app_client(&sandbox);
    let mut seen = vec![format!("{client:?}"), format!("{:?}", Auth::app(APP_ID, APP_SECRET, INSTANCE_ID))];
    client.send_message(&text_request("one")).await.unwrap();
    sandbox.revoke_tokens();
    client.send_message(&text_request("two")).await.unwrap();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    client.send_message(&text_request("three")).await.unwrap();
    seen.push(format!("{client:?}"));
    sandbox.inject_on(Route::Token, Fault::Status { status: 400, body: "{}".into(), retry_after: None });
    sandbox.revoke_tokens();
    let error = client.send_message(&text_request("four")).await.unwrap_err();
    seen.push(format!("{error} {error:?}"));
    let wrong =
        client_with(&sandbox, Auth::app(APP_ID, "made-up-wrong-secret", INSTANCE_ID), quick_retries());
    let error = wrong.send_message(&text_request("five")).await.unwrap_err();
    seen.push(format!("{error} {error:?} {wrong:?}"));

    let logged = logs.text();
    assert!(logged.contains("got an access token"), "the token spans were not captured:\n{logged}");
    for text in seen.iter().chain([&logged]) {
        assert!(
            !text.contains(APP_SECRET) && !text.contains("made-up-wrong-secret"),
            "the secret leaked:\n{text}"
        );
        assert!(!text.contains(tollgate_sandbox::TOKEN_PREFIX), "a token leaked:\n{text}");
    }
}
