//! Wix: the Inbox model, the wire protocol, and the client that speaks it.

pub mod inbox;
pub mod protocol;

#[cfg(feature = "client")]
mod client;

#[cfg(feature = "client")]
pub use client::{
    Auth, Client, ClientBuilder, ConfigError, Delivery, Endpoint, ListMessages, Method, Pages, Rejection,
    RetryPolicy, Secret, SendError, SendMessage, Settlement, TokenError, SETTLE_CLOCK_SKEW, WIX_BASE_URL,
};
