//! Send Message without a network: the checks, the parsing, the validation, the storing and
//! the answer, as a plain function of the request's headers and body.
//!
//! The server calls [`respond`] once it has read a request (and applied any [`Fault`](crate::Fault)); a fuzz
//! target can call it with arbitrary bytes. It never panics.
//!
//! ```
//! use tollgate_sandbox::handler::{respond, Inbox};
//! use tollgate_sandbox::SandboxConfig;
//!
//! let inbox = Inbox::new(&SandboxConfig::default());
//! let body = br#"{"conversationId":"6202c3bb-f263-3c16-8c90-d6387d9ed420","message":{"content":{"basic":{"items":[{"text":"Hey!"}]}}}}"#;
//! let reply = respond(&inbox, &[("Authorization", b"any-key".as_slice())], body);
//! assert_eq!(reply.status, 200);
//! assert_eq!(inbox.received().len(), 1);
//!
//! let reply = respond(&inbox, &[], body);
//! assert_eq!(reply.status, 401);
//! ```

use serde::Deserialize as _;
use serde_json::Value;
use tollgate::wix::inbox::{SendMessageRequest, SendMessageResponse};
use tollgate::wix::protocol::{ErrorBody, FieldViolation};
use tollgate::Validate as _;

use crate::oauth;

/// The content type of every answer.
pub const JSON_CONTENT_TYPE: &str = "application/json";

/// Bodies larger than this are not searched for the path of a deserialization error.
const LOCATE_MAX_BYTES: usize = 64 * 1024;
/// How many trial deserializations the search for an error's path may make.
const LOCATE_BUDGET: usize = 256;

pub use crate::inbox::Inbox;

/// An answer: status, headers (besides `x-wix-request-id`, which the server adds) and body.
///
/// ```
/// use tollgate_sandbox::handler::Reply;
///
/// let reply = Reply::json(404, &serde_json::json!({"message": "not found"}));
/// assert_eq!(reply.header("Content-Type"), Some("application/json"));
/// assert_eq!(reply.body, br#"{"message":"not found"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The HTTP status code.
    pub status: u16,
    /// Response headers, names in lowercase.
    pub headers: Vec<(String, String)>,
    /// The response body.
    pub body: Vec<u8>,
}

impl Reply {
    /// A JSON answer with `status`.
    ///
    /// ```
    /// # use tollgate_sandbox::handler::Reply;
    /// assert_eq!(Reply::json(200, &serde_json::json!([])).body, b"[]");
    /// ```
    pub fn json(status: u16, body: &Value) -> Reply {
        Reply::raw(status, serde_json::to_vec(body).unwrap_or_default())
    }

    /// `body` as given, under the JSON content type.
    ///
    /// ```
    /// # use tollgate_sandbox::handler::Reply;
    /// assert_eq!(Reply::raw(503, b"busy".to_vec()).status, 503);
    /// ```
    pub fn raw(status: u16, body: Vec<u8>) -> Reply {
        Reply { status, headers: vec![("content-type".to_owned(), JSON_CONTENT_TYPE.to_owned())], body }
    }

    /// Wix's error body with `status`.
    ///
    /// ```
    /// # use tollgate_sandbox::handler::Reply;
    /// use tollgate::wix::protocol::ErrorBody;
    ///
    /// let reply = Reply::error(401, &ErrorBody::application("UNAUTHENTICATED", "no", "No."));
    /// assert_eq!(ErrorBody::read(&reply.body).code(), Some("UNAUTHENTICATED"));
    /// ```
    pub fn error(status: u16, body: &ErrorBody) -> Reply {
        Reply::raw(status, serde_json::to_vec(body).unwrap_or_default())
    }

    /// The value of header `name` (compared ignoring ASCII case), if present.
    ///
    /// ```
    /// # use tollgate_sandbox::handler::Reply;
    /// assert_eq!(Reply::raw(200, vec![]).header("x-missing"), None);
    /// ```
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Handles one Send Message request whose body has been read, and answers it.
///
/// `headers` are `(name, value)` pairs, names compared ignoring ASCII case (the first of a
/// repeated header counts). In order:
///
/// 1. `Authorization` missing or empty, a token the sandbox did not issue (or that expired),
///    or (when the inbox has an API key) a different key → `401`, Wix's `applicationError`
///    with code `UNAUTHENTICATED`;
/// 2. (an API-key call, when the inbox has a site id) `wix-site-id` missing or different →
///    `403`, code `FORBIDDEN`;
/// 3. `body` longer than [`Inbox::max_body_bytes`] → `413`, code `PAYLOAD_TOO_LARGE`;
/// 4. `body` not a JSON object of the request's shape → `400`, a `validationError` with one
///    field violation: `field` the wire path of the offending value when it can be found
///    (else `""`), `description` serde's message, `violatedRule` `FORMAT`;
/// 5. [`tollgate::Validate::validate`] fails → `400`, a `validationError` whose
///    `fieldViolations` are the violations;
/// 6. otherwise the request is stored and the answer is `200`, `{"message": <the Message as
///    stored>}`, sent by the token's app (or, for an API key, [`SANDBOX_APP_ID`](crate::SANDBOX_APP_ID)).
///
/// It never panics, whatever the input.
///
/// ```
/// use tollgate_sandbox::handler::{respond, Inbox};
/// use tollgate_sandbox::SandboxConfig;
///
/// let inbox = Inbox::new(&SandboxConfig::default());
/// let reply = respond(&inbox, &[("authorization", b"key".as_slice())], br#"{"conversationId":"nope"}"#);
/// assert_eq!(reply.status, 400);
/// let body: serde_json::Value = serde_json::from_slice(&reply.body).unwrap();
/// assert_eq!(body["details"]["validationError"]["fieldViolations"][0]["violatedRule"], "FORMAT");
/// ```
pub fn respond(inbox: &Inbox, headers: &[(&str, &[u8])], body: &[u8]) -> Reply {
    let caller = match oauth::authenticate(inbox, headers) {
        Ok(caller) => caller,
        Err(refused) => return refused,
    };
    if body.len() > inbox.max_body_bytes() {
        let limit = inbox.max_body_bytes();
        return application_error(
            413,
            "PAYLOAD_TOO_LARGE",
            &format!("request body exceeds {limit} bytes"),
            &format!("The sandbox accepts request bodies of at most {limit} bytes."),
        );
    }
    let request = match serde_json::from_slice::<SendMessageRequest>(body) {
        Ok(request) => request,
        Err(error) => {
            let field = if error.is_data() { locate_error(body) } else { String::new() };
            let description = error.to_string();
            let message = format!("invalid request body: {description}");
            let violation = FieldViolation { field, description, violated_rule: "FORMAT".to_owned() };
            return Reply::error(400, &ErrorBody::field_violations(&message, vec![violation]));
        }
    };
    if let Err(violations) = request.validate() {
        let message = match violations.len() {
            1 => violations.to_string(),
            n => format!(
                "{n} field violations; the first: {}",
                violations.iter().next().map_or_else(String::new, ToString::to_string)
            ),
        };
        return Reply::error(400, &ErrorBody::validation(&message, &violations));
    }
    let stored = inbox.store(request, caller.app_id());
    match serde_json::to_vec(&SendMessageResponse { message: Some(stored) }) {
        Ok(body) => Reply::raw(200, body),
        Err(error) => {
            application_error(500, "INTERNAL", "could not serialize the stored message", &error.to_string())
        }
    }
}

/// The first value of header `name`.
pub(crate) fn header<'a>(headers: &[(&str, &'a [u8])], name: &str) -> Option<&'a [u8]> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, value)| *value)
}

/// Wix's error shape for a request refused before its body is looked at.
fn application_error(status: u16, code: &str, message: &str, description: &str) -> Reply {
    Reply::error(status, &ErrorBody::application(code, message, description))
}

/// One step of a path into a JSON value.
enum Step {
    Key(String),
    Index(usize),
}

/// The wire path of the value that makes `body` fail to deserialize, such as
/// `message.content.basic.items[0].text`; empty when it cannot be told.
///
/// `body` is well-formed JSON whose shape is wrong somewhere. Every field of the model is
/// optional, so removing the offending value (or any value that contains it) makes the rest
/// deserialize: descend, at each level, into the one child whose removal does.
fn locate_error(body: &[u8]) -> String {
    if body.len() > LOCATE_MAX_BYTES {
        return String::new();
    }
    let Ok(mut root) = serde_json::from_slice::<Value>(body) else { return String::new() };
    if !root.is_object() {
        return String::new();
    }
    let mut path: Vec<Step> = Vec::new();
    let mut budget = LOCATE_BUDGET;
    'descend: loop {
        let children: Vec<Step> = match node_at(&mut root, &path) {
            Some(Value::Object(map)) => map.keys().cloned().map(Step::Key).collect(),
            Some(Value::Array(items)) => (0..items.len()).map(Step::Index).collect(),
            _ => break,
        };
        for child in children {
            if budget == 0 {
                break 'descend;
            }
            budget -= 1;
            let Some(removed) = node_at(&mut root, &path).and_then(|node| take_child(node, &child)) else {
                continue;
            };
            let fixed = SendMessageRequest::deserialize(&root).is_ok();
            if let Some(node) = node_at(&mut root, &path) {
                put_child(node, &child, removed);
            }
            if fixed {
                path.push(child);
                continue 'descend;
            }
        }
        break;
    }
    render(&path)
}

fn node_at<'v>(root: &'v mut Value, path: &[Step]) -> Option<&'v mut Value> {
    path.iter().try_fold(root, |node, step| match step {
        Step::Key(key) => node.get_mut(key.as_str()),
        Step::Index(index) => node.get_mut(*index),
    })
}

fn take_child(node: &mut Value, child: &Step) -> Option<Value> {
    match (node, child) {
        (Value::Object(map), Step::Key(key)) => map.remove(key),
        (Value::Array(items), Step::Index(index)) if *index < items.len() => Some(items.remove(*index)),
        _ => None,
    }
}

fn put_child(node: &mut Value, child: &Step, value: Value) {
    match (node, child) {
        (Value::Object(map), Step::Key(key)) => {
            map.insert(key.clone(), value);
        }
        (Value::Array(items), Step::Index(index)) if *index <= items.len() => items.insert(*index, value),
        _ => {}
    }
}

fn render(path: &[Step]) -> String {
    let mut out = tollgate::WirePath::new();
    for step in path {
        match step {
            Step::Key(key) => out.push_field(key),
            Step::Index(index) => out.push_index(*index),
        }
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_a_wrong_type_deep_inside() {
        let body = br#"{"conversationId":"6202c3bb-f263-3c16-8c90-d6387d9ed420","message":{"content":{"basic":{"items":[{"text":"a"},{"text":5}]}}}}"#;
        assert_eq!(locate_error(body), "message.content.basic.items[1].text");
    }

    #[test]
    fn locates_a_wrong_container() {
        assert_eq!(locate_error(br#"{"message":"hello"}"#), "message");
        assert_eq!(locate_error(br#"{"conversationId":7}"#), "conversationId");
        assert_eq!(locate_error(br#"{"message":{"badges":{}}}"#), "message.badges");
    }

    #[test]
    fn cannot_locate_what_is_not_an_object() {
        assert_eq!(locate_error(b"[]"), "");
        assert_eq!(locate_error(b"\"x\""), "");
        assert_eq!(locate_error(b"{"), "");
    }
}
