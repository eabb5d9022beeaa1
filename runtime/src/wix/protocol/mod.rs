//! The Wix wire facts, written once: paths, header names, the error body, the token
//! exchange, what each status means, and how a GET carries its request.
//!
//! The client reads errors with these types and the sandbox writes them with the same ones,
//! so the two cannot drift apart.
//!
//! ```
//! use tollgate::wix::protocol::{self, ErrorBody};
//!
//! let body = ErrorBody::application("UNAUTHENTICATED", "token expired", "Ask for a new token.");
//! let text = serde_json::to_string(&body).unwrap();
//! let read: ErrorBody = serde_json::from_str(&text).unwrap();
//! assert_eq!(read.code(), Some("UNAUTHENTICATED"));
//! assert!(protocol::not_delivered(401) && !protocol::retryable(401));
//! ```

mod error_body;
pub mod query;
mod token;

pub use error_body::{ApplicationError, ErrorBody, ErrorDetails, FieldViolation, ValidationError};
pub use token::{TokenRequest, TokenResponse, CLIENT_CREDENTIALS};

/// Send Message (`POST`) and List Messages (`GET`).
pub const MESSAGES_PATH: &str = "/inbox/v2/messages";
/// The OAuth token endpoint: client credentials in, an access token out.
pub const TOKEN_PATH: &str = "/oauth2/token";
/// The header every Wix answer carries; quote it to Wix's support.
pub const REQUEST_ID_HEADER: &str = "x-wix-request-id";
/// The header that names the site an API-key call acts on.
pub const SITE_ID_HEADER: &str = "wix-site-id";
/// The error code of a `401`: no credentials, unknown ones, or an expired token.
pub const UNAUTHENTICATED: &str = "UNAUTHENTICATED";

/// Whether a request answered with `status` may be sent again at once: the server says it
/// did not act and that a later attempt may succeed (429 rate-limited, 503 unavailable).
///
/// ```
/// assert!(tollgate::wix::protocol::retryable(503));
/// assert!(!tollgate::wix::protocol::retryable(500));
/// ```
pub const fn retryable(status: u16) -> bool {
    matches!(status, 429 | 503)
}

/// Whether an error `status` means the server did not act on the request: a 4xx (it refused
/// the request as sent) or a 503 (it was not serving). Any other 5xx may come after the
/// server acted.
///
/// ```
/// use tollgate::wix::protocol::not_delivered;
///
/// assert!(not_delivered(400) && not_delivered(429) && not_delivered(503));
/// assert!(!not_delivered(500) && !not_delivered(502) && !not_delivered(200));
/// ```
pub const fn not_delivered(status: u16) -> bool {
    status == 503 || (status >= 400 && status < 500)
}
