//! Settling sends left in doubt, against the sandbox over real HTTP: each ambiguous fault,
//! and a List that fails too.

mod support;

use std::time::{Duration, SystemTime};

use support::{app_client, app_sandbox, client_with, quick_retries, text_request, CONVERSATION};
use tollgate::wix::inbox::SendMessageRequest;
use tollgate::wix::{Auth, Client, Delivery, SendError, Settlement};
use tollgate_sandbox::{Fault, Route, Sandbox};

async fn in_doubt(
    client: &Client,
    sandbox: &Sandbox,
    fault: Fault,
    request: &SendMessageRequest,
) -> SystemTime {
    sandbox.inject(fault);
    let started = SystemTime::now();
    let error = client.send_message(request).await.unwrap_err();
    assert_eq!(error.delivery(), Delivery::MayHaveBeenDelivered, "{error}");
    assert!(matches!(error, SendError::Transport { .. }), "{error:?}");
    started
}

async fn with_history() -> (Sandbox, Client) {
    let sandbox = app_sandbox(Duration::from_hours(4)).await;
    let client = app_client(&sandbox);
    for n in 0..3 {
        client.send_message(&text_request(&format!("earlier {n}"))).await.unwrap();
    }
    (sandbox, client)
}

#[tokio::test]
async fn dropped_after_storing_settles_as_delivered_with_the_stored_message() {
    let (sandbox, client) = with_history().await;
    let request = text_request("the one in doubt");
    let started = in_doubt(&client, &sandbox, Fault::DropConnection, &request).await;
    client.send_message(&text_request("a later one")).await.unwrap();
    let Settlement::Delivered(message) = client.settle(&request, started).await else {
        panic!("not delivered")
    };
    assert_eq!(message.content, request.message.unwrap().content);
    assert_eq!(message.sequence, Some(4), "the stored one, not a neighbour");
    assert_eq!(sandbox.received().len(), 5, "settling sent nothing");
}

#[tokio::test]
async fn dropped_before_storing_settles_as_not_delivered() {
    let (sandbox, client) = with_history().await;
    let request = text_request("the one in doubt");
    let started = in_doubt(&client, &sandbox, Fault::DropBeforeStoring, &request).await;
    assert!(matches!(client.settle(&request, started).await, Settlement::NotDelivered));
    assert_eq!(sandbox.requests_seen_on(Route::ListMessages), 1);
}

#[tokio::test]
async fn every_content_kind_is_matched_in_full() {
    let (sandbox, client) = with_history().await;
    let request: SendMessageRequest = serde_json::from_value(serde_json::json!({
        "conversationId": CONVERSATION,
        "message": {"content": {"minimal": {"text": "ping", "url": "https://example.com/a"}}},
    }))
    .unwrap();
    let started = in_doubt(&client, &sandbox, Fault::DropConnection, &request).await;
    assert!(matches!(client.settle(&request, started).await, Settlement::Delivered(_)));
    // Same text as a basic message is other content.
    let lookalike = text_request("ping");
    assert!(matches!(client.settle(&lookalike, started).await, Settlement::NotDelivered));
}

#[tokio::test]
async fn the_same_content_from_another_sender_does_not_count() {
    let (sandbox, client) = with_history().await;
    let request = text_request("twins");
    let other_app = client_with(&sandbox, Auth::access_token("any-api-key"), quick_retries());
    other_app.send_message(&request).await.unwrap();
    let started = in_doubt(&client, &sandbox, Fault::DropBeforeStoring, &request).await;
    assert!(matches!(client.settle(&request, started).await, Settlement::NotDelivered));
}

#[tokio::test]
async fn a_list_that_fails_too_leaves_it_in_doubt_and_says_so() {
    let (sandbox, client) = with_history().await;
    let request = text_request("the one in doubt");
    let started = in_doubt(&client, &sandbox, Fault::DropConnection, &request).await;
    for _ in 0..4 {
        sandbox.inject_on(
            Route::ListMessages,
            Fault::Status { status: 500, body: "{}".into(), retry_after: None },
        );
    }
    let Settlement::InDoubt { reason, error } = client.settle(&request, started).await else {
        panic!("settled")
    };
    assert!(reason.contains("could not be listed"), "{reason}");
    assert!(
        matches!(error, Some(SendError::Rejected { ref rejection, attempts: 4 }) if rejection.status == 500),
        "{error:?}"
    );
    assert_eq!(sandbox.requests_seen_on(Route::ListMessages), 4, "the read was retried");
}

#[tokio::test]
async fn messages_older_than_the_attempt_do_not_count() {
    let (sandbox, client) = with_history().await;
    let request = text_request("earlier 1");
    sandbox.inject(Fault::DropBeforeStoring);
    let _ = client.send_message(&request).await.unwrap_err();
    // As if the attempt began after the identical earlier message (beyond the clock skew).
    let later = SystemTime::now() + tollgate::wix::SETTLE_CLOCK_SKEW + Duration::from_secs(1);
    assert!(matches!(client.settle(&request, later).await, Settlement::NotDelivered));
    assert_eq!(sandbox.requests_seen_on(Route::ListMessages), 1, "stopped at the first older message");
}
