//! The rules themselves: presence, lengths, sizes, formats and one-of groups.
//!
//! The derive's generated code calls these functions; they are public so that a hand-written
//! [`Validate`](crate::Validate) implementation can check the same rules with the same wording.
//! Each takes the path of the field it checks (see [`Path::member`](crate::Path::member)), and
//! renders it only when it records a violation; the value rules take any
//! [`Location`](crate::Location), so that the derive's code passes a [`LazyPath`](crate::LazyPath)
//! that is not even built unless the rule is broken.

mod format;
mod group;
mod list;
mod presence;
mod text;
mod window;

pub use format::{is_guid, is_web_url};
pub use group::{one_of, one_of_group};
pub use list::{check_each, check_size, check_size_without_presence, ListValue};
pub use presence::{require, Presence};
pub use text::{check_text, check_text_without_presence, TextItem, TextRule, TextValue};
