//! `GET /inbox/v2/messages`: List Messages over what the sandbox stored, by `sequence`, with
//! cursors.

use serde::{Deserialize, Serialize};
use tollgate::wix::inbox::{
    Cursors, ListMessagesRequest, ListMessagesResponse, Message, PagingMetadata, SortOrder, Visibility,
    DEFAULT_PAGE_LIMIT,
};
use tollgate::wix::protocol::{query, ErrorBody, FieldViolation};
use tollgate::Validate as _;

use crate::handler::Reply;
use crate::inbox::Inbox;
use crate::oauth;

/// The fields a list may be sorted by; both give the order messages were stored in.
const SORTABLE: [&str; 2] = ["sequence", "createdDate"];

/// Where a page starts, in a cursor: the conversation, the filter and the order it was made
/// for, and the `sequence` it continues from.
#[derive(Serialize, Deserialize)]
struct Cursor {
    conversation: String,
    visibility: String,
    descending: bool,
    /// The page holds the messages after this sequence (in the order) …
    after: Option<i64>,
    /// … or the ones before it.
    before: Option<i64>,
}

/// Answers List Messages for the query string `query` (either form, see
/// [`tollgate::wix::protocol::query`]).
pub(crate) fn respond(inbox: &Inbox, headers: &[(&str, &[u8])], query_string: &str) -> Reply {
    if let Err(refused) = oauth::authenticate(inbox, headers) {
        return refused;
    }
    let request = match query::read(query_string).and_then(|value| {
        serde_json::from_value::<ListMessagesRequest>(value).map_err(|error| error.to_string())
    }) {
        Ok(request) => request,
        Err(reason) => return format_violation("", &reason),
    };
    if let Err(violations) = request.validate() {
        return Reply::error(400, &ErrorBody::validation(&violations.to_string(), &violations));
    }
    if let Some(field) = request.sorting.as_ref().map(|sorting| sorting.field_name.as_str()) {
        if !field.is_empty() && !SORTABLE.contains(&field) {
            return format_violation("sorting.fieldName", &format!("cannot sort by `{field}`; use sequence"));
        }
    }
    let cursor = match request.paging.as_ref().and_then(|paging| paging.cursor.as_deref()) {
        None | Some("") => None,
        Some(text) => match read_cursor(text, &request) {
            Ok(cursor) => Some(cursor),
            Err(reason) => return format_violation("paging.cursor", reason),
        },
    };
    let page = page(inbox, &request, cursor.as_ref());
    Reply::json(200, &serde_json::to_value(page).unwrap_or_default())
}

fn format_violation(field: &str, description: &str) -> Reply {
    let violation = FieldViolation {
        field: field.to_owned(),
        description: description.to_owned(),
        violated_rule: "FORMAT".to_owned(),
    };
    Reply::error(
        400,
        &ErrorBody::field_violations(&format!("invalid request: {description}"), vec![violation]),
    )
}

fn read_cursor(text: &str, request: &ListMessagesRequest) -> Result<Cursor, &'static str> {
    let bytes = query::base64url_decode(text).ok_or("not a cursor this sandbox gave out")?;
    let cursor: Cursor = serde_json::from_slice(&bytes).map_err(|_| "not a cursor this sandbox gave out")?;
    if cursor.conversation != request.conversation_id {
        return Err("the cursor belongs to another conversation");
    }
    Ok(cursor)
}

fn write_cursor(cursor: &Cursor) -> String {
    query::base64url_encode(&serde_json::to_vec(cursor).unwrap_or_default())
}

fn sequence(message: &Message) -> i64 {
    message.sequence.unwrap_or(0)
}

/// The page the request (and its cursor, which fixes filter and order) asks for.
fn page(inbox: &Inbox, request: &ListMessagesRequest, cursor: Option<&Cursor>) -> ListMessagesResponse {
    let conversation = request.conversation_id.clone();
    let visibility = cursor.map_or_else(
        || request.visibility.as_ref().map(|v| v.as_wire().to_owned()).unwrap_or_default(),
        |cursor| cursor.visibility.clone(),
    );
    let descending = cursor.map_or_else(
        || {
            !matches!(
                request.sorting.as_ref().and_then(|sorting| sorting.order.as_ref()),
                Some(SortOrder::Asc)
            )
        },
        |cursor| cursor.descending,
    );
    let mut ordered: Vec<Message> = inbox
        .conversation(&conversation)
        .into_iter()
        .filter(|message| visible(message, &visibility))
        .collect();
    if descending {
        ordered.reverse();
    }
    // Position of each sequence along the order: a later one is "after".
    let rank = |sequence: i64| if descending { -i128::from(sequence) } else { i128::from(sequence) };
    // 0 (proto3's default) and below ask for the default page size.
    let limit = request.paging.as_ref().and_then(|paging| paging.limit).filter(|limit| *limit > 0);
    let limit = usize::try_from(limit.unwrap_or(DEFAULT_PAGE_LIMIT)).unwrap_or(1);
    let (start, end) = match cursor {
        Some(Cursor { after: Some(after), .. }) => {
            let start =
                ordered.iter().position(|m| rank(sequence(m)) > rank(*after)).unwrap_or(ordered.len());
            (start, (start + limit).min(ordered.len()))
        }
        Some(Cursor { before: Some(before), .. }) => {
            let end =
                ordered.iter().position(|m| rank(sequence(m)) >= rank(*before)).unwrap_or(ordered.len());
            (end.saturating_sub(limit), end)
        }
        _ => (0, limit.min(ordered.len())),
    };
    let make = |after, before| {
        write_cursor(&Cursor {
            conversation: conversation.clone(),
            visibility: visibility.clone(),
            descending,
            after,
            before,
        })
    };
    let messages = ordered[start..end].to_vec();
    let next = (end < ordered.len() && end > start).then(|| make(messages.last().map(sequence), None));
    let prev = (start > 0 && end > start).then(|| make(None, messages.first().map(sequence)));
    let count = i32::try_from(messages.len()).ok();
    ListMessagesResponse {
        messages,
        paging_metadata: Some(PagingMetadata { count, cursors: Some(Cursors { next, prev }) }),
    }
}

/// `BUSINESS` lists every message; `BUSINESS_AND_PARTICIPANT` those the participant sees.
fn visible(message: &Message, filter: &str) -> bool {
    filter == Visibility::Business.as_wire() || message.visibility != Some(Visibility::Business)
}
