//! The vocabulary of the generated typestate builders.
//!
//! A builder's state is one type parameter `S` whose associated types record, per field,
//! [`Set`] or [`Unset`] and, per one-of group, [`Open`] or [`Chosen`]. Setters and `build()`
//! bound those associated types by the traits below, whose `on_unimplemented` messages are
//! what a user reads when a rule is broken; the marker types name the field or group.

use core::marker::PhantomData;

/// The state of a field that has been set; `M` names the field.
pub struct Set<M>(PhantomData<M>);
/// The state of a field that has not been set; `M` names the field.
pub struct Unset<M>(PhantomData<M>);
/// The state of a one-of group with no member set; `G` names the group.
pub struct Open<G>(PhantomData<G>);
/// The state of a one-of group whose member `M` is set.
pub struct Chosen<M>(PhantomData<M>);

#[diagnostic::on_unimplemented(
    message = "required field `{M}` is not set",
    label = "`{M}` must be set before this call"
)]
pub trait IsSet<M> {}
impl<M> IsSet<M> for Set<M> {}
impl<M> IsSet<M> for Chosen<M> {}

#[diagnostic::on_unimplemented(
    message = "field `{M}` is already set",
    label = "`{M}` was set before this call"
)]
pub trait IsUnset<M> {}
impl<M> IsUnset<M> for Unset<M> {}

#[diagnostic::on_unimplemented(
    message = "only one of `{G}` may be set, and one already is",
    label = "a second member of the one-of group `{G}`"
)]
pub trait IsOpen<G> {}
impl<G> IsOpen<G> for Open<G> {}

#[diagnostic::on_unimplemented(
    message = "exactly one of `{G}` must be set, but none is",
    label = "set one member of `{G}` before this call"
)]
pub trait HasMember<G> {}
impl<G, M> HasMember<G> for Chosen<M> {}

/// The stable id of a field name, used as a const argument by a parent builder to ask a
/// child builder whether it set that field (a `&str` cannot be a const argument on stable).
pub const fn field_id(name: &str) -> u64 {
    // FNV-1a: simple, const, and collisions between a struct's field names are checked by
    // the compiler (two impls of `Sets<ID>` for one builder would overlap).
    let bytes = name.as_bytes();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}

/// Implemented by a builder whose field with id `ID` is set.
pub trait Sets<const ID: u64> {}

/// One field a parent requires the child's builder to set.
pub struct Need<const ID: u64>;

/// Implemented by a builder that sets every field in the list `R`: `()` or `(Need<ID>, R)`.
pub trait SetsAll<R> {}
impl<B: ?Sized> SetsAll<()> for B {}
impl<B: Sets<ID> + SetsAll<R> + ?Sized, R, const ID: u64> SetsAll<(Need<ID>, R)> for B {}

/// What a setter of a field of type `T` accepts when the parent requires some of `T`'s
/// fields (`R`): a `T` itself (checked when `build()` validates), or `T`'s builder once it
/// has set them (checked now, by the compiler).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot set a field of type `{T}`",
    label = "expected a `{T}`, or a builder of one that can build"
)]
pub trait SetterInput<T, R> {
    /// The field's value.
    fn into_value(self) -> T;
}

impl<T, R> SetterInput<T, R> for T {
    fn into_value(self) -> T {
        self
    }
}

/// The value of a field the typestate proves was set.
#[inline]
pub fn expect_set<T>(slot: Option<T>) -> T {
    match slot {
        Some(value) => value,
        None => unreachable!("tollgate: the builder's state says this required field is set"),
    }
}
