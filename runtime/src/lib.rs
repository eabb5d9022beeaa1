//! tollgate checks API payloads before they leave.
//!
//! One derive, [`Payload`], on the structs that model a JSON API's request bodies enforces
//! the rules API references state in prose:
//!
//! - **one-of groups**: `#[payload(one_of(basic, template))]` (at most one member set) and
//!   `#[payload(exactly_one_of(...))]`;
//! - **conditional required paths**: `#[payload(required(message, message.content))]`, where
//!   `message.content` means *`content` is required whenever `message` is present*, through
//!   nested payloads, `Option`, `Box` and lists;
//! - value rules on fields: `length`, `size`, `each(...)`, `guid`, `url`.
//!
//! It enforces them twice: at compile time, through a typestate builder (`T::builder()`)
//! that does not compile a request breaking a presence or one-of rule, and at run time,
//! through [`Validate::validate`], which reports every violation with its wire path.
//!
//! ```
//! use tollgate::{Payload, Validate};
//!
//! #[derive(Payload, serde::Serialize)]
//! #[serde(rename_all = "camelCase")]
//! #[payload(required(conversation_id, message, message.content))]
//! struct SendMessage {
//!     #[payload(guid)]
//!     conversation_id: Option<String>,
//!     message: Option<Message>,
//! }
//!
//! #[derive(Payload, serde::Serialize)]
//! #[serde(rename_all = "camelCase")]
//! struct Message {
//!     #[payload(length(max = 256))]
//!     preview_text: Option<String>,
//!     content: Option<String>,
//! }
//!
//! // Compile time: `build()` only exists once the required fields are set, and `message`
//! // takes `Message`'s builder only once it has set `content`.
//! let request = SendMessage::builder()
//!     .conversation_id("6202c3bb-f263-3c16-8c90-d6387d9ed420")
//!     .message(Message::builder().content("Hey!"))
//!     .build()
//!     .expect("valid");
//!
//! // Run time: any value, however it was made.
//! let broken = SendMessage { conversation_id: Some("nope".into()), message: Some(Message { preview_text: None, content: None }) };
//! let violations = broken.validate().unwrap_err();
//! assert_eq!(
//!     violations.to_string(),
//!     "conversationId: must be a GUID (8-4-4-4-12 hexadecimal digits) [FORMAT]\n\
//!      message.content: is required [REQUIRED_FIELD]",
//! );
//! # drop(request);
//! ```

// The derive's generated code names this crate `::tollgate`, also inside it.
extern crate self as tollgate;

mod path;
pub mod rules;
mod validate;
mod violation;
#[cfg(feature = "wix")]
pub mod wix;

#[doc(hidden)]
pub mod __private;

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;

pub use path::{LazyMember, LazyPath, Location, Path};
pub use validate::Validate;
pub use violation::{Rule, Violation, Violations, WirePath};

/// Derives [`Validate`], a typestate builder, and the hooks that let other payloads'
/// required paths reach into this one. See the crate's README for the attribute language.
pub use tollgate_macros::Payload;
