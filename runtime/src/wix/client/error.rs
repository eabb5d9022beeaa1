//! What a send can end in, and whether the message may have been delivered.

use std::fmt;
use std::time::Duration;

use super::token::TokenError;
use crate::wix::protocol::{self, ErrorBody};
use crate::Violations;

/// Whether the message may have reached the conversation. Send Message has no idempotency
/// key, so this decides whether sending again risks a duplicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// Nothing left this process.
    NotSent,
    /// The server certainly did not act: the connection was refused, or it answered that it
    /// did not (a 4xx, 429 or 503). Sending again is safe.
    NotDelivered,
    /// The request may have been processed: the connection failed or timed out after the
    /// request was sent, or the server failed (5xx). Check before sending again:
    /// [`Client::settle`](super::Client::settle) does.
    MayHaveBeenDelivered,
    /// The server accepted the message (it answered 2xx), but its answer could not be read.
    Delivered,
}

/// Wix's answer to a request it did not accept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// The HTTP status.
    pub status: u16,
    /// Wix's error code (`details.applicationError.code`), when given.
    pub code: Option<String>,
    /// Wix's message, when given.
    pub message: Option<String>,
    /// The `x-wix-request-id` header: quote it to Wix's support.
    pub request_id: Option<String>,
    /// Wix's `fieldViolations`, with the same paths and rule names as local violations.
    pub violations: Violations,
    /// How long Wix asked to wait (`Retry-After`), when it did.
    pub retry_after: Option<Duration>,
}

/// Why a call (`send_message`, `list_messages`, any [`Endpoint`](super::Endpoint)) did not
/// return its answer.
#[derive(Debug)]
#[non_exhaustive]
pub enum SendError {
    /// The request broke the model's rules; nothing was sent.
    Invalid(Violations),
    /// The request could not be turned into JSON (a user type's `Serialize` failed);
    /// nothing was sent.
    Unencodable(String),
    /// App credentials could not be exchanged for an access token; the call itself was not
    /// sent.
    Auth {
        /// What the token endpoint said, or why it could not be asked.
        error: TokenError,
        /// How many requests were made to the method itself before (0 unless a `401`
        /// asked for a new token).
        attempts: u32,
    },
    /// Wix answered with an error status and did not accept the message.
    Rejected {
        /// What Wix said.
        rejection: Rejection,
        /// How many requests were made.
        attempts: u32,
    },
    /// Wix kept answering 429 (too many requests) through every retry allowed, or asked to
    /// wait longer than the client is set to.
    RateLimited {
        /// What Wix said the last time.
        rejection: Rejection,
        /// How many requests were made.
        attempts: u32,
    },
    /// The connection failed.
    Transport {
        /// Whether the request had left before the failure.
        delivery: Delivery,
        /// What failed, from the HTTP stack (it never contains credentials).
        message: String,
        /// How many requests were made.
        attempts: u32,
    },
    /// No complete answer came in time.
    Timeout {
        /// Whether the request had left before the time ran out.
        delivery: Delivery,
        /// How many requests were made.
        attempts: u32,
    },
    /// Wix answered, but the answer could not be read: not JSON, not the expected shape, cut
    /// short, or larger than the client accepts.
    UnreadableResponse {
        /// The HTTP status.
        status: u16,
        /// The `x-wix-request-id` header, when present.
        request_id: Option<String>,
        /// What was wrong with the answer.
        reason: String,
        /// `Delivered` when the status was 2xx.
        delivery: Delivery,
        /// How many requests were made.
        attempts: u32,
    },
}

impl SendError {
    /// Whether the message may have been delivered.
    pub fn delivery(&self) -> Delivery {
        match self {
            SendError::Invalid(_) | SendError::Unencodable(_) => Delivery::NotSent,
            SendError::Auth { attempts, .. } => {
                if *attempts == 0 {
                    Delivery::NotSent
                } else {
                    Delivery::NotDelivered
                }
            }
            SendError::Rejected { rejection, .. } => {
                if protocol::not_delivered(rejection.status) {
                    Delivery::NotDelivered
                } else {
                    Delivery::MayHaveBeenDelivered
                }
            }
            SendError::RateLimited { .. } => Delivery::NotDelivered,
            SendError::Transport { delivery, .. }
            | SendError::Timeout { delivery, .. }
            | SendError::UnreadableResponse { delivery, .. } => *delivery,
        }
    }

    /// How many HTTP requests were made (0 for a request that was invalid).
    pub fn attempts(&self) -> u32 {
        match self {
            SendError::Invalid(_) | SendError::Unencodable(_) => 0,
            SendError::Auth { attempts, .. }
            | SendError::Rejected { attempts, .. }
            | SendError::RateLimited { attempts, .. }
            | SendError::Transport { attempts, .. }
            | SendError::Timeout { attempts, .. }
            | SendError::UnreadableResponse { attempts, .. } => *attempts,
        }
    }

    /// The violations, local or reported by Wix.
    pub fn violations(&self) -> Option<&Violations> {
        match self {
            SendError::Invalid(violations) => Some(violations),
            SendError::Rejected { rejection, .. } if !rejection.violations.is_empty() => {
                Some(&rejection.violations)
            }
            _ => None,
        }
    }

    /// Wix's `x-wix-request-id` for the last answer, when there was one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            SendError::Rejected { rejection, .. } | SendError::RateLimited { rejection, .. } => {
                rejection.request_id.as_deref()
            }
            SendError::UnreadableResponse { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }

    pub(crate) fn set_attempts(&mut self, count: u32) {
        match self {
            SendError::Invalid(_) | SendError::Unencodable(_) => {}
            SendError::Auth { attempts, .. }
            | SendError::Rejected { attempts, .. }
            | SendError::RateLimited { attempts, .. }
            | SendError::Transport { attempts, .. }
            | SendError::Timeout { attempts, .. }
            | SendError::UnreadableResponse { attempts, .. } => *attempts = count,
        }
    }
}

impl fmt::Display for Delivery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Delivery::NotSent => "nothing was sent",
            Delivery::NotDelivered => "the message was not delivered",
            Delivery::MayHaveBeenDelivered => {
                "the message may have been delivered: check before sending it again"
            }
            Delivery::Delivered => "the message was delivered",
        })
    }
}

impl fmt::Display for SendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let delivery = self.delivery();
        match self {
            SendError::Invalid(violations) => {
                write!(f, "the request is invalid ({delivery}):\n{violations}")
            }
            SendError::Unencodable(reason) => {
                write!(f, "the request cannot be encoded as JSON ({delivery}): {reason}")
            }
            SendError::Auth { error, .. } => write!(f, "no access token: {error}; {delivery}"),
            SendError::Rejected { rejection, .. } | SendError::RateLimited { rejection, .. } => {
                let what =
                    if matches!(self, SendError::RateLimited { .. }) { "rate-limited" } else { "rejected" };
                write!(f, "Wix {what} the request with status {}", rejection.status)?;
                if let Some(code) = &rejection.code {
                    write!(f, " ({code})")?;
                }
                if let Some(message) = rejection.message.as_deref().filter(|message| !message.is_empty()) {
                    write!(f, ": {message}")?;
                }
                if let Some(id) = &rejection.request_id {
                    write!(f, " [request id {id}]")?;
                }
                write!(f, "; {delivery}")?;
                if !rejection.violations.is_empty() {
                    write!(f, "\n{}", rejection.violations)?;
                }
                Ok(())
            }
            SendError::Transport { message, attempts, .. } => {
                write!(f, "the connection to Wix failed after {attempts} attempt(s): {message}; {delivery}")
            }
            SendError::Timeout { attempts, .. } => {
                write!(f, "Wix did not answer in time after {attempts} attempt(s); {delivery}")
            }
            SendError::UnreadableResponse { status, reason, request_id, .. } => {
                write!(f, "Wix answered with status {status} but the answer is unreadable: {reason}")?;
                if let Some(id) = request_id {
                    write!(f, " [request id {id}]")?;
                }
                write!(f, "; {delivery}")
            }
        }
    }
}

impl std::error::Error for SendError {}

impl Rejection {
    /// Reads what Wix said from an error body; a body that is not Wix-shaped leaves the
    /// fields empty rather than failing, since the status alone is the answer.
    pub(crate) fn from_body(
        status: u16,
        request_id: Option<String>,
        retry_after: Option<Duration>,
        body: &[u8],
    ) -> Self {
        let parsed = ErrorBody::read(body);
        Rejection {
            status,
            code: parsed.code().map(str::to_owned),
            message: parsed.text().map(str::to_owned),
            request_id,
            violations: parsed.violations(),
            retry_after,
        }
    }
}
