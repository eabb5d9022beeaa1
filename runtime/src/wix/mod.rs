//! Wix: the Inbox model, and the client that sends it.

pub mod inbox;

#[cfg(feature = "client")]
mod client;

#[cfg(feature = "client")]
pub use client::{
    Auth, Client, ClientBuilder, ConfigError, Delivery, Rejection, RetryPolicy, Secret, SendError,
    WIX_BASE_URL,
};
