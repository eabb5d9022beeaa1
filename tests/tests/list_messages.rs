//! List Messages against the sandbox, over real HTTP: validation before sending, paging
//! through more than one page in both orders (and back with `prev`), visibility, both query
//! forms, and retries where a read is safe to repeat.

mod support;

use std::time::Duration;

use support::{app_client, app_sandbox, text_request, CONVERSATION};
use tollgate::wix::inbox::{
    CursorPaging, ListMessagesRequest, Message, SendMessageRequest, SortOrder, Sorting, Visibility,
};
use tollgate::wix::protocol::{query, ErrorBody};
use tollgate::wix::{Client, SendError};
use tollgate_sandbox::{Fault, Route, Sandbox};

const OTHER_CONVERSATION: &str = "11111111-2222-4333-8444-555555555555";

fn listing(limit: Option<i32>, order: Option<SortOrder>) -> ListMessagesRequest {
    ListMessagesRequest {
        conversation_id: CONVERSATION.into(),
        visibility: Some(Visibility::Business),
        paging: limit.map(CursorPaging::first),
        sorting: order.map(Sorting::by_sequence),
    }
}

/// A sandbox holding `count` messages `m1..` in the conversation, and one elsewhere.
async fn filled(count: usize) -> (Sandbox, Client) {
    let sandbox = app_sandbox(Duration::from_hours(4)).await;
    let client = app_client(&sandbox);
    for n in 1..=count {
        client.send_message(&text_request(&format!("m{n}"))).await.expect("sent");
    }
    let mut elsewhere = text_request("elsewhere");
    elsewhere.conversation_id = OTHER_CONVERSATION.into();
    client.send_message(&elsewhere).await.expect("sent");
    (sandbox, client)
}

fn texts(messages: &[Message]) -> Vec<String> {
    messages
        .iter()
        .map(|message| {
            let content = message.content.as_ref().and_then(|content| content.basic.as_ref());
            content.and_then(|basic| basic.items[0].text.clone()).unwrap_or_default()
        })
        .collect()
}

fn names(range: impl Iterator<Item = usize>) -> Vec<String> {
    range.map(|n| format!("m{n}")).collect()
}

#[tokio::test]
async fn pages_newest_first_by_default_through_every_page() {
    let (_sandbox, client) = filled(7).await;
    let mut pages = client.pages(listing(Some(3), None));
    let mut sizes = Vec::new();
    let mut all = Vec::new();
    while let Some(page) = pages.next_page().await {
        let page = page.expect("listed");
        let metadata = page.paging_metadata.clone().expect("paging metadata");
        assert_eq!(metadata.count, Some(i32::try_from(page.messages.len()).unwrap()));
        sizes.push(page.messages.len());
        all.extend(page.messages);
    }
    assert_eq!(sizes, [3, 3, 1]);
    assert_eq!(texts(&all), names((1..=7).rev()));
}

#[tokio::test]
async fn pages_oldest_first_when_asked() {
    let (_sandbox, client) = filled(7).await;
    let all = client.pages(listing(Some(2), Some(SortOrder::Asc))).all_messages().await.expect("listed");
    assert_eq!(texts(&all), names(1..=7));
    let sequences: Vec<i64> = all.iter().map(|m| m.sequence.unwrap()).collect();
    assert!(sequences.windows(2).all(|pair| pair[0] < pair[1]), "{sequences:?}");
}

#[tokio::test]
async fn the_prev_cursor_leads_back_and_the_last_page_has_no_next() {
    let (_sandbox, client) = filled(5).await;
    let first = client.list_messages(&listing(Some(2), Some(SortOrder::Asc))).await.unwrap();
    let cursors = first.paging_metadata.as_ref().unwrap().cursors.clone().unwrap();
    assert!(cursors.prev.is_none(), "the first page has no previous page");
    let second = client
        .list_messages(&ListMessagesRequest {
            paging: Some(CursorPaging { limit: Some(2), cursor: cursors.next }),
            sorting: None,
            ..listing(None, None)
        })
        .await
        .unwrap();
    assert_eq!(texts(&second.messages), ["m3", "m4"], "the cursor keeps the ascending order");
    let back = second.paging_metadata.unwrap().cursors.unwrap().prev.expect("a previous page");
    let again = client
        .list_messages(&ListMessagesRequest {
            paging: Some(CursorPaging { limit: Some(2), cursor: Some(back) }),
            ..listing(None, None)
        })
        .await
        .unwrap();
    assert_eq!(texts(&again.messages), ["m1", "m2"]);
    let last = client.list_messages(&listing(Some(100), None)).await.unwrap();
    assert_eq!(last.messages.len(), 5);
    assert!(last.next_cursor().is_none());
}

#[tokio::test]
async fn thirty_messages_by_default_and_only_this_conversation() {
    let (_sandbox, client) = filled(32).await;
    let page = client.list_messages(&listing(None, None)).await.unwrap();
    assert_eq!(page.messages.len(), 30);
    assert!(!texts(&page.messages).contains(&"elsewhere".to_string()));
}

#[tokio::test]
async fn business_and_participant_leaves_out_business_only_messages() {
    let (_sandbox, client) = filled(2).await;
    let mut hidden: SendMessageRequest = text_request("business only");
    hidden.message.as_mut().unwrap().visibility = Some(Visibility::Business);
    client.send_message(&hidden).await.unwrap();
    let everything = client.list_messages(&listing(None, None)).await.unwrap();
    assert_eq!(everything.messages.len(), 3);
    let shared =
        ListMessagesRequest { visibility: Some(Visibility::BusinessAndParticipant), ..listing(None, None) };
    let shared = client.list_messages(&shared).await.unwrap();
    assert_eq!(texts(&shared.messages), ["m2", "m1"]);
}

#[tokio::test]
async fn an_invalid_list_request_is_refused_before_sending() {
    let (sandbox, client) = filled(0).await;
    let broken = ListMessagesRequest {
        conversation_id: "nope".into(),
        visibility: None,
        paging: Some(CursorPaging::first(101)),
        sorting: None,
    };
    let error = client.list_messages(&broken).await.unwrap_err();
    let SendError::Invalid(violations) = &error else { panic!("{error:?}") };
    let found: Vec<String> = violations.iter().map(|v| format!("{} {}", v.path(), v.wix_rule())).collect();
    assert_eq!(found, ["conversationId FORMAT", "visibility REQUIRED_FIELD", "paging.limit MAX"]);
    assert_eq!(sandbox.requests_seen_on(Route::ListMessages), 0);
}

/// Straight HTTP, as Wix's SDK and the REST reference send it: the sandbox reads both forms
/// and answers validation errors in Wix's shape.
#[tokio::test]
async fn the_sandbox_reads_plain_parameters_and_the_sdk_r_form() {
    let (sandbox, _client) = filled(4).await;
    let http = reqwest::Client::new();
    let list = |query: String| {
        let url = format!("{}/inbox/v2/messages?{query}", sandbox.base_url());
        let http = http.clone();
        async move { http.get(url).header("Authorization", "any-api-key").send().await.unwrap() }
    };
    let plain =
        list(format!("conversationId={CONVERSATION}&visibility=BUSINESS&paging.limit=3&sorting.order=ASC"))
            .await;
    assert_eq!(plain.status(), 200);
    let plain: serde_json::Value = serde_json::from_slice(&plain.bytes().await.unwrap()).unwrap();
    assert_eq!(plain["messages"].as_array().unwrap().len(), 3);
    assert_eq!(plain["pagingMetadata"]["count"], 3);
    let body = serde_json::json!({"conversationId": CONVERSATION, "visibility": "BUSINESS", "paging": {"limit": 3}, "sorting": {"fieldName": "sequence", "order": "ASC"}});
    let sdk = list(format!(".r={}", query::base64url_encode(body.to_string().as_bytes()))).await;
    assert_eq!(sdk.status(), 200);
    let sdk: serde_json::Value = serde_json::from_slice(&sdk.bytes().await.unwrap()).unwrap();
    assert_eq!(sdk["messages"], plain["messages"]);
    let missing = list("visibility=BUSINESS".into()).await;
    assert_eq!(missing.status(), 400);
    let error = ErrorBody::read(&missing.bytes().await.unwrap());
    assert_eq!(error.violations().to_string(), "conversationId: is required [REQUIRED_FIELD]");
    let unsortable =
        list(format!("conversationId={CONVERSATION}&visibility=BUSINESS&sorting.fieldName=text")).await;
    assert_eq!(unsortable.status(), 400);
    let bad_cursor =
        list(format!("conversationId={CONVERSATION}&visibility=BUSINESS&paging.cursor=zzz")).await;
    assert_eq!(bad_cursor.status(), 400);
}

/// A read is safe to repeat: a dropped connection or a 500 on List is retried.
#[tokio::test]
async fn a_list_is_retried_after_an_ambiguous_failure() {
    let (sandbox, client) = filled(3).await;
    sandbox.inject_on(Route::ListMessages, Fault::DropConnection);
    sandbox
        .inject_on(Route::ListMessages, Fault::Status { status: 500, body: "{}".into(), retry_after: None });
    let page = client.list_messages(&listing(None, None)).await.expect("listed after two retries");
    assert_eq!(page.messages.len(), 3);
    assert_eq!(sandbox.requests_seen_on(Route::ListMessages), 3);
}

/// The same failures on Send are never retried: the message may have been stored.
#[tokio::test]
async fn a_send_is_not_retried_after_an_ambiguous_failure() {
    let (sandbox, client) = filled(0).await;
    sandbox.inject(Fault::Status { status: 500, body: "{}".into(), retry_after: None });
    let error = client.send_message(&text_request("once")).await.unwrap_err();
    assert_eq!(error.attempts(), 1);
    assert_eq!(sandbox.requests_seen(), 2, "the one setup send elsewhere, and this one");
}
