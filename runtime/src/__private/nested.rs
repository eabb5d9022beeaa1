//! Required paths that cross into another payload type: `message.content`.
//!
//! The parent's derive cannot see `Message`'s fields, so it writes the walk in terms of
//! field access (`message.content`, which the compiler checks at the path's span) and
//! these traits, which the child's derive implements; the field's position comes from the
//! child's `FieldAt` impl for the id of its name, as a type, and its wire name from the child's
//! table of them ([`Wires`]), both turned into constants here, only for the fields a path uses.

#![allow(
    clippy::inline_always,
    reason = "one-line forwarders, which a debug build would otherwise compile as functions per type"
)]

use super::typestate::{FieldAt, Number, ReadOnly, Wires};
use crate::rules::Presence;
use crate::{Path, Violations};

/// A payload type, as other payloads' required paths see it: implemented by the derive.
pub trait Node {
    /// The type that answers for each field, by the id of its name ([`FieldAt`]), and holds
    /// the wire names ([`Wires`]): resolved at compile time, so that nothing is looked up at
    /// run time.
    type Fields;
}

/// The field with id `ID` of the payload `M`, for a value `Self` read from that field: what
/// [`require_in`] and [`descend_in`] need. A blanket impl bound on the value's type, so that
/// where the field does not exist (a misspelt segment, whose access the compiler already
/// reports) the value's type is an error and this bound adds no second error.
pub trait Member<M: ?Sized, const ID: u64> {
    /// The field's name on the wire (empty for a field serde flattens).
    const WIRE: &'static str;
    /// The field's declaration position.
    const POSITION: u32;
    /// Whether the field has no presence on the wire ([`FieldAt::NO_PRESENCE`]).
    const NO_PRESENCE: bool;
    /// The field's entry in its payload's [`Wires::FIELDS`].
    const INDEX: usize;
}
impl<T: ?Sized, M: Node + ?Sized, const ID: u64> Member<M, ID> for T
where
    M::Fields: FieldAt<ID> + Wires,
    <M::Fields as FieldAt<ID>>::Index: Number,
{
    const WIRE: &'static str = <M::Fields as Wires>::FIELDS[<Self as Member<M, ID>>::INDEX].0;
    const POSITION: u32 = <M::Fields as Wires>::FIELDS[<Self as Member<M, ID>>::INDEX].1;
    const NO_PRESENCE: bool = <M::Fields as FieldAt<ID>>::NO_PRESENCE;
    const INDEX: usize = <<M::Fields as FieldAt<ID>>::Index as Number>::VALUE as usize;
}

/// What a payload whose attributes failed to compile answers for every field: the derive's
/// stub, so that other payloads' paths through it report nothing further.
pub struct AnyFields;
impl<const ID: u64> FieldAt<ID> for AnyFields {
    type Index = ReadOnly<()>;
    type Marker = ();
}
impl Wires for AnyFields {
    const FIELDS: &'static [(&'static str, u32)] = &[("", 0)];
}

/// What a required path does at the payloads it reaches: a function pointer, not a
/// `&mut dyn FnMut`. The generated visitors are closures that capture nothing (`out` is passed
/// along), so they coerce to this one type; a `dyn FnMut` cost a vtable and a second call shim
/// per visitor, each compiled in a debug build of every crate that validates.
pub type Visit<T> = fn(&T, &Path<'_>, &mut Violations);

/// A value a required path can continue through: a payload type (or a `Box` of one), or an
/// `Option` or list of one. Lists visit every element, each at its index.
#[diagnostic::on_unimplemented(
    message = "a required path cannot continue through `{Self}`",
    label = "this segment's type has no fields to require",
    note = "only payload types (and `Box`, `Option`, `Vec` of them) have fields a path can name"
)]
pub trait Descend {
    /// The payload type at the end of the containers.
    type Target: Node + ?Sized;

    /// Calls `visit` once per payload value held, with its path and `out`.
    fn descend(&self, at: &Path<'_>, visit: Visit<Self::Target>, out: &mut Violations);
}

impl<T: Descend> Descend for Option<T> {
    type Target = T::Target;

    fn descend(&self, at: &Path<'_>, visit: Visit<Self::Target>, out: &mut Violations) {
        if let Some(value) = self {
            value.descend(at, visit, out);
        }
    }
}

/// A payload is itself what a path continues through: one blanket impl, not one per payload
/// type, so that no derive emits a body for it (the compiler checks one here, not one per
/// struct). A `Box` of a payload is a payload too ([`Node`] for `Box<T>`), which keeps this impl
/// apart from the containers' below.
impl<T: Node + ?Sized> Descend for T {
    type Target = T;

    // `always`: a forwarder, inlined even in a debug build (see `typestate`'s `Input for T`).
    #[inline(always)]
    fn descend(&self, at: &Path<'_>, visit: Visit<Self::Target>, out: &mut Violations) {
        visit(self, at, out);
    }
}

impl<T: Node + ?Sized> Node for Box<T> {
    type Fields = T::Fields;
}

impl<T: Descend> Descend for [T] {
    type Target = T::Target;

    fn descend(&self, at: &Path<'_>, visit: Visit<Self::Target>, out: &mut Violations) {
        // An index loop, not `iter().enumerate()`: the adapters would be instantiated per
        // element type in every crate that validates, and a debug build compiles each copy.
        let mut index = 0;
        while index < self.len() {
            self[index].descend(&at.index(index), visit, out);
            index += 1;
        }
    }
}

impl<T: Descend> Descend for Vec<T> {
    type Target = T::Target;

    #[inline(always)]
    fn descend(&self, at: &Path<'_>, visit: Visit<Self::Target>, out: &mut Violations) {
        self.as_slice().descend(at, visit, out);
    }
}

/// A `Box` around a container of payloads: what `Option<Box<Vec<T>>>` needs. (A `Box` of a
/// payload is a [`Node`] itself and goes through the blanket impl above.)
impl<T: Descend> Descend for Box<Vec<T>> {
    type Target = T::Target;

    fn descend(&self, at: &Path<'_>, visit: Visit<Self::Target>, out: &mut Violations) {
        self.as_slice().descend(at, visit, out);
    }
}

impl<T: Descend> Descend for Box<Option<T>> {
    type Target = T::Target;

    fn descend(&self, at: &Path<'_>, visit: Visit<Self::Target>, out: &mut Violations) {
        (**self).descend(at, visit, out);
    }
}

/// `REQUIRED_FIELD` for the field with id `ID` of `owner`, a value of another payload type at
/// `at`.
#[inline]
pub fn require_in<M: ?Sized, T: Presence + Member<M, ID> + ?Sized, const ID: u64>(
    _owner: &M,
    value: &T,
    at: &Path<'_>,
    out: &mut Violations,
) {
    // A field without presence reports its own absence, by its minimum.
    if !T::NO_PRESENCE && !value.is_present() {
        crate::rules::require(value, &at.member(T::WIRE, T::POSITION), out);
    }
}

/// Walks into the field at `at`, calling `visit` on each payload it holds.
#[inline(always)]
pub fn descend<T: Descend + ?Sized>(value: &T, at: &Path<'_>, visit: Visit<T::Target>, out: &mut Violations) {
    value.descend(at, visit, out);
}

/// [`descend`] into the field with id `ID` of `owner`, a value of another payload type at `at`.
#[inline(always)]
pub fn descend_in<M: ?Sized, T: Descend + Member<M, ID> + ?Sized, const ID: u64>(
    _owner: &M,
    value: &T,
    at: &Path<'_>,
    visit: Visit<T::Target>,
    out: &mut Violations,
) {
    value.descend(&at.member(T::WIRE, T::POSITION), visit, out);
}
