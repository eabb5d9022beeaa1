use std::borrow::Cow;
use std::rc::Rc;
use std::sync::Arc;

use crate::{Location, Path, Rule, Violation, Violations};

/// Whether a field holds a value, in the sense Wix's servers give "present".
///
/// `Some(_)` is present; a list is present when it has an item; a `String` that is not in an
/// `Option` is present when it is not empty (proto3's meaning of "unset"). Payload types that
/// derive [`Payload`](crate::Payload) are always present.
///
/// ```
/// use tollgate::rules::Presence;
///
/// assert!(Some(String::new()).is_present());
/// assert!(!String::new().is_present());
/// assert!(!Vec::<u8>::new().is_present());
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is never absent, so it cannot be required",
    label = "`required` and one-of groups need a field that can be absent",
    note = "make the field an `Option<_>`, a `Vec<_>` or a `String`"
)]
pub trait Presence {
    /// Whether the value counts as present.
    fn is_present(&self) -> bool;
}

impl<T> Presence for Option<T> {
    fn is_present(&self) -> bool {
        self.is_some()
    }
}

impl<T> Presence for Vec<T> {
    fn is_present(&self) -> bool {
        !self.is_empty()
    }
}

impl<T> Presence for [T] {
    fn is_present(&self) -> bool {
        !self.is_empty()
    }
}

impl Presence for String {
    fn is_present(&self) -> bool {
        !self.is_empty()
    }
}

impl Presence for str {
    fn is_present(&self) -> bool {
        !self.is_empty()
    }
}

impl Presence for Cow<'_, str> {
    fn is_present(&self) -> bool {
        !self.is_empty()
    }
}

impl<T: Presence + ?Sized> Presence for Box<T> {
    fn is_present(&self) -> bool {
        (**self).is_present()
    }
}

impl<T: Presence + ?Sized> Presence for Rc<T> {
    fn is_present(&self) -> bool {
        (**self).is_present()
    }
}

impl<T: Presence + ?Sized> Presence for Arc<T> {
    fn is_present(&self) -> bool {
        (**self).is_present()
    }
}

/// Records `REQUIRED_FIELD` at the field's path `at` unless `value` is present.
///
/// ```
/// use tollgate::{rules, Path, Violations};
///
/// let mut out = Violations::new();
/// let root = Path::root();
/// rules::require(&None::<String>, &root.member("conversationId", 0), &mut out);
/// assert_eq!(out.to_string(), "conversationId: is required [REQUIRED_FIELD]");
/// ```
#[inline]
pub fn require<T: Presence + ?Sized>(value: &T, at: impl Location, out: &mut Violations) {
    if !value.is_present() {
        at.with_path(|at| record_missing(at, out));
    }
}

#[cold]
fn record_missing(at: &Path<'_>, out: &mut Violations) {
    out.push(Violation::new(at, Rule::RequiredField, "is required"));
}
