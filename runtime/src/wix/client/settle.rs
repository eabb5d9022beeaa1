//! Settling a send left in doubt: look for the message in the conversation.
//!
//! The rule: list the conversation's messages newest first, back to the moment the attempt
//! began (less [`SETTLE_CLOCK_SKEW`], since the server's clock is not this machine's), and look for
//! one with the same content, sent by the same app. Found: it was delivered. Reached older
//! messages (or the start of the conversation) without finding it: it was not. Listing
//! failed: still in doubt.
//!
//! Limits: a message identical in content, sent on purpose by the same app to the same
//! conversation inside that window, cannot be told from the one being settled, and reads as
//! delivered. With API-key or access-token credentials the client does not know its app's
//! id, so the sender is not compared. And a server still processing the lost request when
//! the list is read will not list it yet: settle after the failed attempt has ended (its
//! connection is closed by then; [`Client::send_message`] returns only after that).

use std::time::{Duration, SystemTime};

use serde_json::Value;

use super::{Client, SendError};
use crate::wix::inbox::{
    CursorPaging, ListMessagesRequest, Message, SendMessageRequest, SortOrder, Sorting, Visibility,
};

/// How far before the attempt began a message may be dated and still be the one sent: room
/// for the server's clock to run behind this machine's.
pub const SETTLE_CLOCK_SKEW: Duration = Duration::from_mins(1);
/// How many pages of 100 messages are searched before giving up.
const MAX_PAGES: usize = 10;

/// What [`Client::settle`] found out about a send that ended `MayHaveBeenDelivered`; see
/// its example.
#[derive(Debug)]
#[non_exhaustive]
pub enum Settlement {
    /// It is in the conversation: the message as stored.
    Delivered(Box<Message>),
    /// It is not: sending it again will not duplicate it.
    NotDelivered,
    /// Still cannot tell; do not send it again without looking.
    InDoubt {
        /// Why not.
        reason: String,
        /// The failed List Messages call, when that was the reason.
        error: Option<SendError>,
    },
}

impl Client {
    /// Whether `request`, whose send began at `started` and ended in doubt, reached the
    /// conversation.
    ///
    /// The rule: list the conversation's messages newest first (every visibility), back to
    /// `started` less [`SETTLE_CLOCK_SKEW`](crate::wix::SETTLE_CLOCK_SKEW), and look for
    /// one whose content holds everything the request's content set, with the same values,
    /// sent by this client's app. Found: [`Settlement::Delivered`]. Reached older messages
    /// or the start of the conversation: [`Settlement::NotDelivered`]. Listing failed, or
    /// more than 1,000 messages are that recent: [`Settlement::InDoubt`].
    ///
    /// Limits: a message identical in content sent on purpose by the same app to the same
    /// conversation inside that window reads as this one, delivered. With an API key or a
    /// fixed access token the client does not know its app's id, and the sender is not
    /// compared. A server still processing the lost request when the list is read does not
    /// list it yet; settle after the failed attempt has ended, as `send_message` has when it
    /// returns.
    ///
    /// ```no_run
    /// use std::time::SystemTime;
    /// use tollgate::wix::{Client, Delivery, Settlement};
    /// # use tollgate::wix::inbox::SendMessageRequest;
    ///
    /// # async fn send(client: &Client, request: &SendMessageRequest) {
    /// let started = SystemTime::now();
    /// match client.send_message(request).await {
    ///     Ok(stored) => println!("sent: {stored:?}"),
    ///     Err(error) if error.delivery() == Delivery::MayHaveBeenDelivered => {
    ///         match client.settle(request, started).await {
    ///             Settlement::Delivered(message) => println!("it was delivered: {:?}", message.id),
    ///             Settlement::NotDelivered => println!("it was not; safe to send again"),
    ///             Settlement::InDoubt { reason, .. } => println!("still cannot tell: {reason}"),
    ///             _ => {}
    ///         }
    ///     }
    ///     Err(error) => println!("not sent: {error}"),
    /// }
    /// # }
    /// ```
    pub async fn settle(&self, request: &SendMessageRequest, started: SystemTime) -> Settlement {
        if request.conversation_id.is_empty() {
            return Settlement::NotDelivered;
        }
        let conversation_id = request.conversation_id.clone();
        let wanted = request.message.as_ref().and_then(|message| message.content.as_ref());
        let wanted = serde_json::to_value(wanted).unwrap_or(Value::Null);
        let since = started.checked_sub(SETTLE_CLOCK_SKEW).unwrap_or(SystemTime::UNIX_EPOCH);
        let mut pages = self.pages(ListMessagesRequest {
            conversation_id,
            visibility: Some(Visibility::Business),
            paging: Some(CursorPaging::first(crate::wix::inbox::MAX_PAGE_LIMIT)),
            sorting: Some(Sorting::by_sequence(SortOrder::Desc)),
        });
        for _ in 0..MAX_PAGES {
            let page = match pages.next_page().await {
                None => return Settlement::NotDelivered,
                Some(Ok(page)) => page,
                Some(Err(error)) => {
                    let reason = format!("the conversation could not be listed: {error}");
                    return Settlement::InDoubt { reason, error: Some(error) };
                }
            };
            for message in page.messages {
                if !sent_since(&message, since) {
                    return Settlement::NotDelivered;
                }
                if self.sent_by_us(&message) && contains(&wanted, message.content.as_ref()) {
                    return Settlement::Delivered(Box::new(message));
                }
            }
        }
        let reason =
            format!("more than {MAX_PAGES} pages of messages since the attempt began; not all were searched");
        Settlement::InDoubt { reason, error: None }
    }

    /// Whether `message` came from this client's app; always, when the app is not known.
    fn sent_by_us(&self, message: &Message) -> bool {
        let Some(app_id) = self.auth.app_id() else { return true };
        let sender = message.sender.as_ref().and_then(|sender| sender.app_id.as_deref());
        sender == Some(app_id) || message.app_id.as_deref() == Some(app_id)
    }
}

/// Whether `message` was created at or after `since`. The one place that reads
/// `createdDate`: a message without a date counts as recent, so that it is compared rather
/// than skipped.
fn sent_since(message: &Message, since: SystemTime) -> bool {
    let Some(created) = message.created_date else { return true };
    jiff::Timestamp::try_from(since).is_ok_and(|since| created >= since)
}

/// Whether the stored content holds everything the request's content set, with the same
/// values; the server may add fields of its own (ids, expirations).
fn contains(wanted: &Value, stored: Option<&crate::wix::inbox::MessageContent>) -> bool {
    let stored = serde_json::to_value(stored).unwrap_or(Value::Null);
    is_subset(wanted, &stored)
}

fn is_subset(wanted: &Value, stored: &Value) -> bool {
    match (wanted, stored) {
        (Value::Object(wanted), Value::Object(stored)) => {
            wanted.iter().all(|(key, value)| stored.get(key).is_some_and(|stored| is_subset(value, stored)))
        }
        (Value::Array(wanted), Value::Array(stored)) => {
            wanted.len() == stored.len()
                && wanted.iter().zip(stored).all(|(wanted, stored)| is_subset(wanted, stored))
        }
        _ => wanted == stored,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn stored_content_may_add_fields_but_not_change_them() {
        let wanted = json!({"basic": {"items": [{"image": {"url": "https://x/a.png"}}]}});
        assert!(is_subset(
            &wanted,
            &json!({"basic": {"items": [{"image": {"url": "https://x/a.png", "id": "1"}}]}})
        ));
        assert!(!is_subset(&wanted, &json!({"basic": {"items": [{"image": {"url": "https://x/b.png"}}]}})));
        assert!(!is_subset(&wanted, &json!({"basic": {"items": []}})));
        assert!(!is_subset(
            &json!({"basic": {"items": [{"text": "a"}]}}),
            &json!({"minimal": {"text": "a"}})
        ));
    }

    #[test]
    fn a_message_is_in_the_window_from_its_created_date() {
        let at = |date: &str| Message { created_date: Some(date.parse().unwrap()), ..Message::default() };
        let since = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert!(sent_since(&at("2023-11-14T22:13:20Z"), since));
        assert!(sent_since(&at("2023-11-14T22:13:20.001Z"), since));
        assert!(!sent_since(&at("2023-11-14T22:13:19.999Z"), since));
        assert!(sent_since(&Message::default(), since), "no date: compared, not skipped");
    }
}
