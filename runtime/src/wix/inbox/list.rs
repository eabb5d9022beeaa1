//! The Wix Inbox **List Messages** model (`GET /inbox/v2/messages`): a conversation's
//! messages, a page at a time, by `sequence`.
//!
//! ```
//! use tollgate::wix::inbox::{CursorPaging, ListMessagesRequest, Visibility};
//! use tollgate::Validate;
//!
//! let request = ListMessagesRequest::builder()
//!     .conversation_id("6202c3bb-f263-3c16-8c90-d6387d9ed420")
//!     .visibility(Visibility::Business)
//!     .paging(CursorPaging::first(5))
//!     .build()
//!     .expect("a valid request");
//! assert_eq!(
//!     serde_json::to_string(&request).unwrap(),
//!     r#"{"conversationId":"6202c3bb-f263-3c16-8c90-d6387d9ed420","visibility":"BUSINESS","paging":{"limit":5}}"#,
//! );
//!
//! let too_many = ListMessagesRequest { paging: Some(CursorPaging::first(101)), ..request };
//! assert_eq!(too_many.validate().unwrap_err().to_string(), "paging.limit: must be at most 100 (it is 101) [MAX]");
//! ```

use serde::{Deserialize, Serialize};

use super::wire_enum::wire_enum;
use super::{proto_json, Message, Visibility};
use crate::{Path, Payload, Rule, Validate, Violation, Violations};

/// The most messages one page may hold.
pub const MAX_PAGE_LIMIT: i32 = 100;
/// The page size when `paging.limit` is not given.
pub const DEFAULT_PAGE_LIMIT: i32 = 30;
/// The longest cursor Wix accepts.
const MAX_CURSOR_LENGTH: usize = 16_000;

/// The request of List Messages. Wix reads it from the query string of a `GET`.
#[derive(Payload, Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
#[serde(rename_all = "camelCase", default)]
#[payload(required(conversation_id, visibility))]
pub struct ListMessagesRequest {
    /// GUID of the conversation whose messages to list (a plain `string`: empty is absent).
    #[payload(guid)]
    #[serde(skip_serializing_if = "String::is_empty", deserialize_with = "proto_json::null_as_default")]
    pub conversation_id: String,
    /// `BUSINESS_AND_PARTICIPANT`: the messages both sides see; `BUSINESS`: every message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visibility: Option<Visibility>,
    /// The page size and, after the first page, the cursor.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paging: Option<CursorPaging>,
    /// The order (default: `sequence`, newest first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sorting: Option<Sorting>,
}

/// Cursor paging: at most `limit` messages (at most 100, default 30), from `cursor` on.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct CursorPaging {
    /// Messages per page, at most 100; 30 when absent.
    #[serde(skip_serializing_if = "Option::is_none", with = "proto_json::int32")]
    pub limit: Option<i32>,
    /// The `next` or `prev` cursor of an earlier page; absent for the first page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

impl CursorPaging {
    /// The first page, of `limit` messages.
    ///
    /// ```
    /// let paging = tollgate::wix::inbox::CursorPaging::first(10);
    /// assert_eq!((paging.limit, paging.cursor), (Some(10), None));
    /// ```
    pub fn first(limit: i32) -> CursorPaging {
        CursorPaging { limit: Some(limit), cursor: None }
    }
}

impl Validate for CursorPaging {
    fn validate_into(&self, at: &Path<'_>, out: &mut Violations) {
        if let Some(limit) = self.limit.filter(|limit| *limit > MAX_PAGE_LIMIT) {
            let description = format!("must be at most {MAX_PAGE_LIMIT} (it is {limit})");
            out.push(Violation::new_wix(&at.member("limit", 0), "MAX", description));
        }
        if let Some(count) = self
            .cursor
            .as_deref()
            .map(|cursor| cursor.chars().count())
            .filter(|count| *count > MAX_CURSOR_LENGTH)
        {
            let description = format!("must be at most {MAX_CURSOR_LENGTH} characters long (it is {count})");
            out.push(Violation::new(&at.member("cursor", 1), Rule::MaxLength, description));
        }
    }
}

/// The order of the list.
#[derive(Payload, Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Sorting {
    /// The field to sort by: `sequence` (a plain `string`: empty is absent).
    #[payload(length(max = 512))]
    #[serde(skip_serializing_if = "String::is_empty", deserialize_with = "proto_json::null_as_default")]
    pub field_name: String,
    /// `ASC` or `DESC` (the default).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<SortOrder>,
}

impl Sorting {
    /// By `sequence`, in `order`.
    ///
    /// ```
    /// use tollgate::wix::inbox::{SortOrder, Sorting};
    ///
    /// let json = serde_json::to_string(&Sorting::by_sequence(SortOrder::Asc)).unwrap();
    /// assert_eq!(json, r#"{"fieldName":"sequence","order":"ASC"}"#);
    /// ```
    pub fn by_sequence(order: SortOrder) -> Sorting {
        Sorting { field_name: "sequence".to_owned(), order: Some(order) }
    }
}

wire_enum! {
    /// Ascending or descending.
    pub enum SortOrder {
        /// Oldest first.
        Asc = "ASC",
        /// Newest first (the default).
        Desc = "DESC",
    }
}

/// What List Messages answers: a page of messages, and where the next and previous pages are.
#[derive(Payload, Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct ListMessagesResponse {
    /// The page's messages, in the order asked for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub messages: Vec<Message>,
    /// The page's size and cursors.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[payload(skip)]
    pub paging_metadata: Option<PagingMetadata>,
}

impl ListMessagesResponse {
    /// The cursor of the next page, if there is one.
    ///
    /// ```
    /// use tollgate::wix::inbox::ListMessagesResponse;
    ///
    /// let page: ListMessagesResponse =
    ///     serde_json::from_str(r#"{"messages":[],"pagingMetadata":{"count":0,"cursors":{"next":"abc"}}}"#).unwrap();
    /// assert_eq!(page.next_cursor(), Some("abc"));
    /// assert_eq!(ListMessagesResponse::default().next_cursor(), None);
    /// ```
    pub fn next_cursor(&self) -> Option<&str> {
        self.paging_metadata.as_ref()?.cursors.as_ref()?.next.as_deref().filter(|cursor| !cursor.is_empty())
    }
}

/// `pagingMetadata`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct PagingMetadata {
    /// How many messages this page holds.
    #[serde(skip_serializing_if = "Option::is_none", with = "proto_json::int32")]
    pub count: Option<i32>,
    /// The cursors to the neighbouring pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursors: Option<Cursors>,
}

/// `pagingMetadata.cursors`: absent where there is no such page.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Cursors {
    /// The page after this one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// The page before this one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prev: Option<String>,
}
