//! What a Wix method is to the client: a method and path, a request type validated before
//! it is sent, a response type, and whether a retry after an ambiguous failure is safe.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::wix::inbox::{ListMessagesRequest, ListMessagesResponse, SendMessageRequest, SendMessageResponse};
use crate::wix::protocol::MESSAGES_PATH;
use crate::Validate;

/// An HTTP method. `GET` and `DELETE` carry their request in the query string (plain
/// parameters, or `.r` for a body with no flat form); the others in a JSON body.
///
/// ```
/// use tollgate::wix::{Endpoint, ListMessages, Method, SendMessage};
///
/// assert_eq!((SendMessage::METHOD, ListMessages::METHOD), (Method::Post, Method::Get));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `PATCH`.
    Patch,
    /// `DELETE`.
    Delete,
}

impl Method {
    pub(crate) fn http(self) -> reqwest::Method {
        match self {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Patch => reqwest::Method::PATCH,
            Method::Delete => reqwest::Method::DELETE,
        }
    }

    pub(crate) fn has_body(self) -> bool {
        !matches!(self, Method::Get | Method::Delete)
    }
}

/// A Wix method the client can call with [`Client::call`](crate::wix::Client::call): every
/// call gets the same validation, authorization, retry rules, size cap and typed errors.
///
/// Implement it for a method tollgate does not model, with your own [`Payload`] types. See
/// the README ("Your own Wix methods") for one against the sandbox.
///
/// ```
/// use tollgate::wix::{Endpoint, Method};
/// use tollgate::Payload;
///
/// #[derive(Payload, serde::Serialize)]
/// #[serde(rename_all = "camelCase")]
/// #[payload(required(conversation_id))]
/// struct GetConversation {
///     #[payload(guid)]
///     #[serde(skip)]
///     conversation_id: Option<String>,
/// }
///
/// #[derive(serde::Deserialize)]
/// struct Conversation {}
///
/// struct GetConversationEndpoint;
///
/// impl Endpoint for GetConversationEndpoint {
///     type Request = GetConversation;
///     type Response = Conversation;
///     const METHOD: Method = Method::Get;
///     const NAME: &'static str = "get_conversation";
///     const SAFE_TO_RETRY: bool = true;
///     fn path(request: &GetConversation) -> String {
///         format!("/inbox/v2/conversations/{}", request.conversation_id.as_deref().unwrap_or_default())
///     }
/// }
/// ```
///
/// [`Payload`]: crate::Payload
pub trait Endpoint {
    /// The request; validated before anything is sent.
    type Request: Validate + Serialize + Sync;
    /// The answer to a `2xx`.
    type Response: DeserializeOwned;
    /// The HTTP method.
    const METHOD: Method;
    /// A short name for logs, such as `send_message`.
    const NAME: &'static str;
    /// Whether sending the request again after a failure that may have come after the server
    /// acted (a dropped connection, a timeout, a 500) is harmless: true for reads, false for
    /// a method that creates something without an idempotency key.
    const SAFE_TO_RETRY: bool;

    /// The path under the base URL, such as `/inbox/v2/messages`.
    fn path(request: &Self::Request) -> String;
}

/// Send Message: `POST /inbox/v2/messages`. Not safe to retry once it may have acted: Wix
/// has no idempotency key for it, so a second post could deliver the message twice.
///
/// ```
/// use tollgate::wix::{Endpoint, SendMessage};
///
/// assert!(!SendMessage::SAFE_TO_RETRY);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct SendMessage;

impl Endpoint for SendMessage {
    type Request = SendMessageRequest;
    type Response = SendMessageResponse;
    const METHOD: Method = Method::Post;
    const NAME: &'static str = "send_message";
    const SAFE_TO_RETRY: bool = false;

    fn path(_: &SendMessageRequest) -> String {
        MESSAGES_PATH.to_owned()
    }
}

/// List Messages: `GET /inbox/v2/messages`. A read: safe to retry.
///
/// ```
/// use tollgate::wix::{Endpoint, ListMessages};
///
/// assert!(ListMessages::SAFE_TO_RETRY);
/// assert_eq!(ListMessages::path(&Default::default()), "/inbox/v2/messages");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct ListMessages;

impl Endpoint for ListMessages {
    type Request = ListMessagesRequest;
    type Response = ListMessagesResponse;
    const METHOD: Method = Method::Get;
    const NAME: &'static str = "list_messages";
    const SAFE_TO_RETRY: bool = true;

    fn path(_: &ListMessagesRequest) -> String {
        MESSAGES_PATH.to_owned()
    }
}
