//! The Wix Inbox **Send Message** model: one type per type of Wix's reference, with its names,
//! its one-of groups, its required paths and every limit it publishes.
//!
//! Wire names are camelCase; absent fields are left out of the JSON, never sent as `null`,
//! and read back as absent (every field is `default` for serde).
//!
//! Presence follows Wix's SDK typings (`@wix/auto_sdk_inbox_messages`), field by field: a field
//! typed `string | null` (a proto3 wrapper) or a one-of member is an `Option<String>`, absent
//! when `None`, and its rules apply only to a value; a field typed plain `string` has no
//! presence and is a `String`, where `""` is absent, so `@minLength 1` rejects leaving it out
//! (`no_presence`); a list is a `Vec`, where absent is empty, so `@minSize 1` reports `MIN_SIZE`.
//! Numbers and timestamps read as proto3 JSON does ([`proto_json`]).
//! Fields the server sets (`id`, `sender`, `sequence`, `createdDate`, ...) are `read_only`:
//! they read back from responses but have no builder setter.
//!
//! A basic text message to a conversation:
//!
//! ```
//! use tollgate::wix::inbox::{BasicMessageData, Message, MessageContent, SendMessageRequest};
//!
//! let request = SendMessageRequest::builder()
//!     .conversation_id("6202c3bb-f263-3c16-8c90-d6387d9ed420")
//!     .message(Message::builder().content(MessageContent::text("Hey!")))
//!     .build()
//!     .expect("a valid request");
//!
//! assert_eq!(
//!     serde_json::to_string(&request).unwrap(),
//!     r#"{"conversationId":"6202c3bb-f263-3c16-8c90-d6387d9ed420","message":{"content":{"basic":{"items":[{"text":"Hey!"}]}}}}"#,
//! );
//! # let _ = BasicMessageData::text("unused");
//! ```

mod enums;
mod in_place;
mod list;
pub mod proto_json;
mod wire_enum;

use serde::Serialize;

pub use enums::{BadgeVisibility, ChannelType, Direction, Orientation, SendAs, Visibility};
/// The timestamps of the model (`createdDate`, `urlExpiration`): [`jiff::Timestamp`], RFC 3339
/// on the wire.
pub use jiff::Timestamp;
pub use list::{
    CursorPaging, Cursors, ListMessagesRequest, ListMessagesResponse, PagingMetadata, SortOrder, Sorting,
    DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT,
};

use crate::Payload;
use in_place::model;

model! {
    /// The body of `POST /inbox/v2/messages`.
    #[derive(Payload, Serialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    #[payload(required(conversation_id, message, message.content))]
    pub struct SendMessageRequest {
        /// GUID of the conversation to add the message to (a plain `string`: empty is absent).
        #[payload(guid)]
        #[serde(
            default,
            skip_serializing_if = "String::is_empty",
            deserialize_with = "proto_json::null_as_default"
        )]
        pub conversation_id: String,
        /// The message to send.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub message: Option<Message>,
        /// Whether to notify the recipient (default `false`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub send_notifications: Option<bool>,
        /// Deprecated in favour of `message.silent`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub silent: Option<bool>,
        /// Who the message is sent as (default `CALLER`; `BUSINESS_USER` is for Wix's own use).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub send_as: Option<SendAs>,
    }
}

model! {
    /// What Wix answers to Send Message: the message as stored.
    #[derive(Payload, Serialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct SendMessageResponse {
        /// The message, with `id`, `sequence`, `sender`, `appId` and `createdDate` filled in.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub message: Option<Message>,
    }
}

model! {
    /// A message in a conversation.
    #[derive(Payload, Serialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct Message {
        /// Message GUID, set by the server.
        #[payload(read_only)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub id: Option<String>,
        /// Structured message content; required when sending (`message.content`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub content: Option<MessageContent>,
        /// Who sent the message, set by the server.
        #[payload(read_only)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub sender: Option<IdentificationData>,
        /// A badge shown beside the message; at most one.
        #[payload(size(max = 1))]
        #[serde(
            default,
            skip_serializing_if = "Vec::is_empty",
            deserialize_with = "proto_json::null_as_default"
        )]
        pub badges: Vec<Badge>,
        /// Deprecated (use `target_channel_ids`); one channel only (a limit of the SDK's prose).
        #[payload(size(max = 1))]
        #[serde(
            default,
            skip_serializing_if = "Vec::is_empty",
            deserialize_with = "proto_json::null_as_default"
        )]
        pub target_channels: Vec<ChannelType>,
        /// Deprecated (use `source_channel_id`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub source_channel: Option<ChannelType>,
        /// GUID of the app that sent the message, set by the server.
        #[payload(read_only)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub app_id: Option<String>,
        /// Who can see the message.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub visibility: Option<Visibility>,
        /// Position in the conversation, set by the server (an `int64`: a string on the wire).
        #[payload(read_only)]
        #[serde(default, skip_serializing_if = "Option::is_none", with = "proto_json::int64")]
        pub sequence: Option<i64>,
        /// From the business to the participant, or the other way.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub direction: Option<Direction>,
        /// When the message was created (RFC 3339), set by the server.
        #[payload(read_only)]
        #[serde(default, skip_serializing_if = "Option::is_none", with = "proto_json::timestamp")]
        pub created_date: Option<Timestamp>,
        /// The channels to send on; at most 100, each at most 100 characters.
        #[payload(size(max = 100), each(length(max = 100)))]
        #[serde(
            default,
            skip_serializing_if = "Vec::is_empty",
            deserialize_with = "proto_json::null_as_default"
        )]
        pub target_channel_ids: Vec<String>,
        /// The channel the message came from; at most 100 characters.
        #[payload(length(max = 100))]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub source_channel_id: Option<String>,
        /// Send without notifying (default `false`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub silent: Option<bool>,
    }
}

model! {
    /// The message's content: exactly one payload — `basic`, `template`, `minimal`, `form` or
    /// `system` — chosen "by including the appropriate object".
    #[derive(Payload, Serialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    #[payload(exactly_one_of(basic, template, minimal, form, system))]
    pub struct MessageContent {
        /// Plain text, file, or image messages.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub basic: Option<BasicMessagePayload>,
        /// An image, title, text and up to 10 buttons.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub template: Option<TemplateMessagePayload>,
        /// One line of text with an optional icon and link.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub minimal: Option<MinimalMessagePayload>,
        /// A submitted form.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub form: Option<FormMessagePayload>,
        /// For Wix's internal use.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub system: Option<SystemMessagePayload>,
        /// Shown in notifications and lists; at most 256 characters.
        #[payload(length(max = 256))]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub preview_text: Option<String>,
        /// The content's title.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub title: Option<String>,
    }
}

impl MessageContent {
    /// Content of one basic text message: the common case, in one call.
    pub fn text(text: impl Into<String>) -> Self {
        MessageContent {
            basic: Some(BasicMessagePayload { items: vec![BasicMessageData::text(text)] }),
            ..MessageContent::default()
        }
    }
}

model! {
    /// Plain text, file, or image messages, shown as separate messages.
    #[derive(Payload, Serialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    #[payload(required(items))]
    pub struct BasicMessagePayload {
        /// The messages; at least one (absent is empty: `MIN_SIZE`).
        #[payload(no_presence, size(min = 1))]
        #[serde(
            default,
            skip_serializing_if = "Vec::is_empty",
            deserialize_with = "proto_json::null_as_default"
        )]
        pub items: Vec<BasicMessageData>,
    }
}

model! {
    /// One item of a basic message: text, an image or a file.
    #[derive(Payload, Serialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    #[payload(one_of(text, image, file))]
    pub struct BasicMessageData {
        /// Text message; 1 to 16384 characters.
        #[payload(length(min = 1, max = 16384))]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub text: Option<String>,
        /// An image, from Wix Media or an external provider.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub image: Option<ImageMessage>,
        /// A file attachment, from Wix Media or an external provider.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub file: Option<FileMessage>,
    }
}

impl BasicMessageData {
    /// A text item.
    pub fn text(text: impl Into<String>) -> Self {
        BasicMessageData { text: Some(text.into()), ..BasicMessageData::default() }
    }
}

model! {
    /// An image message.
    #[derive(Payload, Serialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct ImageMessage {
        /// Wix Media id; at most 2000 characters.
        #[payload(length(max = 2000))]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub id: Option<String>,
        /// Where the image is hosted; at most 2000 characters.
        #[payload(length(max = 2000))]
        #[serde(
            default,
            skip_serializing_if = "String::is_empty",
            deserialize_with = "proto_json::null_as_default"
        )]
        pub url: String,
        /// Name of the original file; at most 255 characters.
        #[payload(length(max = 255))]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub filename: Option<String>,
        /// Original width, in pixels (an `int32`: `100`, `"100"` and `100.0` all read as 100).
        #[serde(default, skip_serializing_if = "Option::is_none", with = "proto_json::int32")]
        pub width: Option<i32>,
        /// Original height, in pixels (an `int32`).
        #[serde(default, skip_serializing_if = "Option::is_none", with = "proto_json::int32")]
        pub height: Option<i32>,
        /// When `url` stops working, set by the server.
        #[payload(read_only)]
        #[serde(default, skip_serializing_if = "Option::is_none", with = "proto_json::timestamp")]
        pub url_expiration: Option<Timestamp>,
    }
}

model! {
    /// A file attachment.
    #[derive(Payload, Serialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct FileMessage {
        /// Wix Media id; at most 2000 characters.
        #[payload(length(max = 2000))]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub id: Option<String>,
        /// Where the file is hosted; at most 2000 characters.
        #[payload(length(max = 2000))]
        #[serde(
            default,
            skip_serializing_if = "String::is_empty",
            deserialize_with = "proto_json::null_as_default"
        )]
        pub url: String,
        /// Name of the original file; at most 255 characters.
        #[payload(length(max = 255))]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub filename: Option<String>,
        /// MIME type; at most 100 characters.
        #[payload(length(max = 100))]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub mime_type: Option<String>,
        /// When `url` stops working, set by the server.
        #[payload(read_only)]
        #[serde(default, skip_serializing_if = "Option::is_none", with = "proto_json::timestamp")]
        pub url_expiration: Option<Timestamp>,
    }
}

model! {
    /// A template: image, title, lines of text and call-to-action buttons.
    #[derive(Payload, Serialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct TemplateMessagePayload {
        /// Title shown in the message.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub title: Option<String>,
        /// Call-to-action buttons; at most 10.
        #[payload(size(max = 10))]
        #[serde(
            default,
            skip_serializing_if = "Vec::is_empty",
            deserialize_with = "proto_json::null_as_default"
        )]
        pub buttons: Vec<Button>,
        /// Layout (default `PORTRAIT`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub orientation: Option<Orientation>,
        /// Lines of text; at most 10, each at most 512 characters (a limit of the SDK's prose).
        #[payload(size(max = 10), each(length(max = 512)))]
        #[serde(
            default,
            skip_serializing_if = "Vec::is_empty",
            deserialize_with = "proto_json::null_as_default"
        )]
        pub text_lines: Vec<String>,
        /// Web URL of the image; at most 2000 characters.
        #[payload(length(max = 2000), url)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub image_url: Option<String>,
    }
}

model! {
    /// A button that opens `launch_url` or posts back to an app.
    #[derive(Payload, Serialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    #[payload(required(label))]
    pub struct Button {
        /// Button text; 1 to 16384 characters (a plain `string`: absent is empty, `MIN_LENGTH`).
        #[payload(no_presence, length(min = 1, max = 16384))]
        #[serde(
            default,
            skip_serializing_if = "String::is_empty",
            deserialize_with = "proto_json::null_as_default"
        )]
        pub label: String,
        /// Web URL to open; at most 16384 characters.
        #[payload(length(max = 16384), url)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub launch_url: Option<String>,
        /// What to post back when the button is clicked.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub postback_properties: Option<PostbackProperties>,
    }
}

model! {
    /// What a button posts back.
    #[derive(Payload, Serialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    #[payload(required(interaction_id))]
    pub struct PostbackProperties {
        /// GUID of the app that receives the postback, set by the server.
        #[payload(read_only)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub app_id: Option<String>,
        /// The interaction's id; 1 to 256 characters (a plain `string`: absent is `MIN_LENGTH`).
        #[payload(no_presence, length(min = 1, max = 256))]
        #[serde(
            default,
            skip_serializing_if = "String::is_empty",
            deserialize_with = "proto_json::null_as_default"
        )]
        pub interaction_id: String,
    }
}

model! {
    /// One line of text with an optional icon and link.
    #[derive(Payload, Serialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    #[payload(required(text))]
    pub struct MinimalMessagePayload {
        /// The text; 1 to 16384 characters (a plain `string`: absent is empty, `MIN_LENGTH`).
        #[payload(no_presence, length(min = 1, max = 16384))]
        #[serde(
            default,
            skip_serializing_if = "String::is_empty",
            deserialize_with = "proto_json::null_as_default"
        )]
        pub text: String,
        /// Web URL of the icon; at most 2000 characters.
        #[payload(length(max = 2000), url)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub icon_url: Option<String>,
        /// Web URL to open; at most 2000 characters.
        #[payload(length(max = 2000), url)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub url: Option<String>,
    }
}

model! {
    /// A submitted form.
    #[derive(Payload, Serialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    #[payload(required(fields))]
    pub struct FormMessagePayload {
        /// The form's title; 1 to 256 characters.
        #[payload(length(min = 1, max = 256))]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub title: Option<String>,
        /// The form's description; 1 to 16384 characters.
        #[payload(length(min = 1, max = 16384))]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub description: Option<String>,
        /// The submitted fields; 1 to 15 (absent is empty: `MIN_SIZE`).
        #[payload(no_presence, size(min = 1, max = 15))]
        #[serde(
            default,
            skip_serializing_if = "Vec::is_empty",
            deserialize_with = "proto_json::null_as_default"
        )]
        pub fields: Vec<FormField>,
        /// Attached media; at most 15.
        #[payload(size(max = 15))]
        #[serde(
            default,
            skip_serializing_if = "Vec::is_empty",
            deserialize_with = "proto_json::null_as_default"
        )]
        pub media: Vec<MediaItem>,
    }
}

model! {
    /// One submitted form field.
    #[derive(Payload, Serialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct FormField {
        /// The field's name; at most 8192 characters.
        #[payload(length(max = 8192))]
        #[serde(
            default,
            skip_serializing_if = "String::is_empty",
            deserialize_with = "proto_json::null_as_default"
        )]
        pub name: String,
        /// The submitted value; at most 8192 characters.
        #[payload(length(max = 8192))]
        #[serde(
            default,
            skip_serializing_if = "String::is_empty",
            deserialize_with = "proto_json::null_as_default"
        )]
        pub value: String,
    }
}

model! {
    /// A form's media item: an image or a file.
    #[derive(Payload, Serialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    #[payload(one_of(image, file))]
    pub struct MediaItem {
        /// An image.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub image: Option<ImageMessage>,
        /// A file.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub file: Option<FileMessage>,
    }
}

model! {
    /// A system message, for Wix's internal use.
    #[derive(Payload, Serialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct SystemMessagePayload {
        /// The text; at most 16384 characters.
        #[payload(length(max = 16384))]
        #[serde(
            default,
            skip_serializing_if = "String::is_empty",
            deserialize_with = "proto_json::null_as_default"
        )]
        pub text: String,
        /// Buttons; at most 10.
        #[payload(size(max = 10))]
        #[serde(
            default,
            skip_serializing_if = "Vec::is_empty",
            deserialize_with = "proto_json::null_as_default"
        )]
        pub buttons: Vec<Button>,
        /// Web URL of an image; at most 2000 characters.
        #[payload(length(max = 2000), url)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub image_url: Option<String>,
    }
}

model! {
    /// Who sent a message: one of an anonymous visitor, a member, a Wix user or an app.
    #[derive(Payload, Serialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    #[payload(one_of(anonymous_visitor_id, member_id, wix_user_id, app_id))]
    pub struct IdentificationData {
        /// GUID of an anonymous site visitor.
        #[payload(guid)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub anonymous_visitor_id: Option<String>,
        /// GUID of a site member.
        #[payload(guid)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub member_id: Option<String>,
        /// GUID of a Wix user.
        #[payload(guid)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub wix_user_id: Option<String>,
        /// GUID of an app.
        #[payload(guid)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub app_id: Option<String>,
        /// GUID of the sender's contact, set by the server.
        #[payload(read_only)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub contact_id: Option<String>,
    }
}

model! {
    /// A badge shown beside a message.
    #[derive(Payload, Serialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct Badge {
        /// The badge's text.
        #[serde(
            default,
            skip_serializing_if = "String::is_empty",
            deserialize_with = "proto_json::null_as_default"
        )]
        pub text: String,
        /// Web URL of the badge's icon.
        #[payload(url)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub icon_url: Option<String>,
        /// Who sees the badge.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub badge_visibility: Option<BadgeVisibility>,
    }
}
