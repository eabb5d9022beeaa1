//! Required paths that cross into another payload type: `message.content`.
//!
//! The parent's derive cannot see `Message`'s fields, so it writes the walk in terms of
//! field access (`message.content`, which the compiler checks at the path's span) and
//! these traits, which the child's derive implements.

use crate::rules::Presence;
use crate::{Path, Violations};

/// A payload type's table of fields, implemented by the derive.
pub trait Node {
    /// The wire name (empty for a field serde flattens) and declaration position of the
    /// field whose Rust name is `rust_name`.
    fn field(rust_name: &str) -> (&'static str, u32);
}

/// A value a required path can continue through: a payload type, or an `Option`, `Box` or
/// list of one. Lists visit every element, each at its index.
#[diagnostic::on_unimplemented(
    message = "a required path cannot continue through `{Self}`",
    label = "this segment's type has no fields to require",
    note = "only payload types (and `Option`, `Box`, `Vec` of them) have fields a path can name"
)]
pub trait Descend {
    /// The payload type at the end of the containers.
    type Target: Node + ?Sized;

    /// Calls `visit` once per payload value held, with its path.
    fn descend(&self, at: &Path<'_>, visit: &mut dyn FnMut(&Self::Target, &Path<'_>));
}

impl<T: Descend> Descend for Option<T> {
    type Target = T::Target;

    fn descend(&self, at: &Path<'_>, visit: &mut dyn FnMut(&Self::Target, &Path<'_>)) {
        if let Some(value) = self {
            value.descend(at, visit);
        }
    }
}

impl<T: Descend + ?Sized> Descend for Box<T> {
    type Target = T::Target;

    fn descend(&self, at: &Path<'_>, visit: &mut dyn FnMut(&Self::Target, &Path<'_>)) {
        (**self).descend(at, visit);
    }
}

impl<T: Descend> Descend for [T] {
    type Target = T::Target;

    fn descend(&self, at: &Path<'_>, visit: &mut dyn FnMut(&Self::Target, &Path<'_>)) {
        // An index loop, not `iter().enumerate()`: the adapters would be instantiated per
        // element type in every crate that validates, and a debug build compiles each copy.
        let mut index = 0;
        while index < self.len() {
            self[index].descend(&at.index(index), visit);
            index += 1;
        }
    }
}

impl<T: Descend> Descend for Vec<T> {
    type Target = T::Target;

    fn descend(&self, at: &Path<'_>, visit: &mut dyn FnMut(&Self::Target, &Path<'_>)) {
        self.as_slice().descend(at, visit);
    }
}

/// `REQUIRED_FIELD` for the field `rust_name` of `owner`, a value of another payload type at
/// `at`; its wire name is looked up only when the field is missing.
#[inline]
pub fn require_in<M: Node + ?Sized, T: Presence + ?Sized>(
    _owner: &M,
    rust_name: &'static str,
    value: &T,
    at: &Path<'_>,
    out: &mut Violations,
) {
    if !value.is_present() {
        let (wire, position) = M::field(rust_name);
        crate::rules::require(value, &at.member(wire, position), out);
    }
}

/// Walks into the field at `at`, calling `visit` on each payload it holds.
#[inline]
pub fn descend<T: Descend + ?Sized>(value: &T, at: &Path<'_>, visit: &mut dyn FnMut(&T::Target, &Path<'_>)) {
    value.descend(at, visit);
}

/// [`descend`] into the field `rust_name` of `owner`, a value of another payload type at `at`.
#[inline]
pub fn descend_in<M: Node + ?Sized, T: Descend + ?Sized>(
    _owner: &M,
    rust_name: &'static str,
    value: &T,
    at: &Path<'_>,
    visit: &mut dyn FnMut(&T::Target, &Path<'_>),
) {
    let (wire, position) = M::field(rust_name);
    value.descend(&at.member(wire, position), visit);
}
