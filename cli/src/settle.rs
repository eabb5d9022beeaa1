//! Settling a send that ended in doubt, for the command line: what to record and say.

use std::time::SystemTime;

use tollgate::wix::inbox::{Message, SendMessageRequest};
use tollgate::wix::{Client, Delivery, SendError, Settlement};

/// What a send came to, once settled where it was in doubt.
pub(crate) enum Fate {
    /// Stored; the message as stored, and whether it took a settle to know.
    Stored { message: Option<Box<Message>>, settled: bool },
    /// Not stored; sending again is safe. Why.
    NotDelivered(String),
    /// Invalid, never sent.
    Invalid(String),
    /// Still cannot tell. Why.
    InDoubt(String),
}

/// Sends `request`; if that ends `MayHaveBeenDelivered`, settles it.
pub(crate) async fn send(client: &Client, request: &SendMessageRequest) -> (Fate, SystemTime) {
    let started = SystemTime::now();
    let fate = match client.send_message(request).await {
        Ok(stored) => Fate::Stored { message: stored.message.map(Box::new), settled: false },
        Err(error) => after_failure(client, request, started, &error).await,
    };
    (fate, started)
}

/// The fate of a send that failed with `error`.
async fn after_failure(
    client: &Client,
    request: &SendMessageRequest,
    started: SystemTime,
    error: &SendError,
) -> Fate {
    let detail = error.to_string().replace('\n', "; ");
    match error.delivery() {
        Delivery::NotSent => Fate::Invalid(detail),
        Delivery::NotDelivered => Fate::NotDelivered(detail),
        Delivery::Delivered => Fate::Stored { message: None, settled: false },
        Delivery::MayHaveBeenDelivered => earlier(client, request, Some(started), &detail).await,
    }
}

/// Settles a send that began at `started` and ended in doubt (`why`): by looking for it in
/// the conversation.
pub(crate) async fn earlier(
    client: &Client,
    request: &SendMessageRequest,
    started: Option<SystemTime>,
    why: &str,
) -> Fate {
    let Some(started) = started else {
        return Fate::InDoubt(format!("{why}; the journal has no start time to settle it by"));
    };
    match client.settle(request, started).await {
        Settlement::Delivered(message) => Fate::Stored { message: Some(message), settled: true },
        Settlement::NotDelivered => Fate::NotDelivered(format!("{why}; settled: not in the conversation")),
        Settlement::InDoubt { reason, .. } => Fate::InDoubt(format!("{why}; still in doubt: {reason}")),
        _ => Fate::InDoubt(format!("{why}; still in doubt")),
    }
}
