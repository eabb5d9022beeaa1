//! The vocabulary of the generated typestate builders.
//!
//! A builder's state is flat: one type parameter per settable field and one per one-of group,
//! so that two builders that set the same fields in any order have the same type (an array of
//! them compiles) and a chain of `push_` calls costs linear compile time. A field's parameter
//! records *how* it was set: [`Unset`], [`Val`] for a finished value, [`Built<B>`](Built) for a
//! builder `B`, or, for a list, [`Items<L>`](Items) with one entry per pushed element. A group's
//! parameter is [`Open`] or [`Chosen`]. Setters and `build()` bound those parameters by the
//! traits below, whose `on_unimplemented` messages are what a user reads when a rule is broken;
//! the marker types (`M`, `G`) in the traits' parameters name the field or group.
//!
//! The states hold no marker: every builder type a chain of setters makes is named in full in
//! the debug information of the crate that calls them, and a name without the field markers is
//! several times shorter (the nested compile-time benchmark spends its codegen there).

#![allow(
    clippy::inline_always,
    reason = "one-line forwarders, which a debug build would otherwise compile as functions per type"
)]

use core::marker::PhantomData;

use super::{Built, Chosen, Each, Items, Open, Unset, Val};

#[diagnostic::on_unimplemented(
    message = "required field `{M}` is not set",
    label = "`{M}` must be set before this call"
)]
pub trait IsSet<M> {}
impl<M> IsSet<M> for Val {}
impl<M, B> IsSet<M> for Built<B> {}
impl<M, L> IsSet<M> for Items<L> {}

#[diagnostic::on_unimplemented(
    message = "field `{M}` is already set",
    label = "`{M}` was set before this call"
)]
pub trait IsUnset<M> {}
impl<M> IsUnset<M> for Unset {}

#[diagnostic::on_unimplemented(
    message = "only one of `{G}` may be set, and one already is",
    label = "a second member of the one-of group `{G}`"
)]
pub trait IsOpen<G> {}
impl<G> IsOpen<G> for Open {}

#[diagnostic::on_unimplemented(
    message = "exactly one of `{G}` must be set, but none is",
    label = "set one member of `{G}` before this call"
)]
pub trait HasMember<G> {}
impl<G> HasMember<G> for Chosen {}

/// A list field's state once one more element of kind `K` is pushed: `Unset` starts the
/// list, `Items` grows it (also after `xs(items)`, which the pushes then extend).
pub trait Push<K> {
    /// The list with the element added.
    type Output;
}
impl<K> Push<K> for Unset {
    type Output = Items<(K, ())>;
}
impl<K, L> Push<K> for Items<L> {
    type Output = Items<(K, L)>;
}

/// The state after `push_xs(item)` where the list was in state `S`.
pub type Pushed<S, K> = <S as Push<K>>::Output;

/// What `push_xs` on a member of the one-of group `G` asks of the group's state, where the
/// list is in state `S`: the group is open (the first push closes it, as `xs(items)` does), or
/// closed by this very list (`S` holds items), so that later pushes extend it.
#[diagnostic::on_unimplemented(
    message = "only one of `{G}` may be set, and one already is",
    label = "a second member of the one-of group `{G}`"
)]
pub trait IsOpenFor<G, S> {}
impl<G> IsOpenFor<G, Unset> for Open {}
impl<G, L> IsOpenFor<G, Items<L>> for Chosen {}

/// One segment of a required path: the field whose name has the id `ID` (a hash of the name,
/// which the derive computes).
pub struct Seg<const ID: u64>;

/// A builder, as the required paths of other payloads see it: implemented by the derive once
/// per builder.
pub trait Builder {
    /// The field states, as a tree of tuples of at most eight (`((S0, .., S7), (S8, ..))`), so
    /// that [`Get`] finds one in a few steps.
    type States;
    /// The type that maps field ids to places in `States` ([`FieldAt`]).
    type Fields;
}

/// The field with id `ID` of a payload: where its state is among its builder's states and its
/// marker. Implemented by the derive once per field, on a marker type without generic
/// parameters, so that it costs the same for a wide struct as for a narrow one.
///
/// The place doubles as the field's index in the payload's one table of wire names and
/// positions ([`Wires`]), so that a field impl holds nothing else: each associated item of
/// the 250 impls of a 25 x 10 crate cost the compiler 1.5% to 2% of it (the two constants
/// this trait had, 4%). The name and position are computed only where a required path into
/// another payload uses the field ([`Member`](super::Member)).
pub trait FieldAt<const ID: u64> {
    /// The place: a list of digits `(D2, (D5, ()))`, or [`ReadOnly<N>`](ReadOnly) for a field
    /// without setter (`N` its index in [`Wires::FIELDS`], after the settable fields').
    type Index;
    /// The field's marker, which names it in errors (`()` for a field without setter).
    type Marker;
    /// `no_presence`: the field's own minimum reports it absent, so a required path into it
    /// adds no `REQUIRED_FIELD` of its own (the derive emits it only where it is `true`).
    const NO_PRESENCE: bool = false;
}

/// The place of a field the builder has no setter for: `N` (a `Number`) is its index in the
/// payload's [`Wires::FIELDS`].
pub struct ReadOnly<N>(PhantomData<N>);

/// A payload's fields in the order of their [`FieldAt::Index`] (settable fields in the order of
/// their states, then the others): each field's name on the wire (empty for a field serde
/// flattens) and declaration position, by which violations are ordered. One table per payload,
/// implemented by the derive on the same type as its `FieldAt` impls.
pub trait Wires {
    /// The fields' names and positions.
    const FIELDS: &'static [(&'static str, u32)];
}

/// The index in [`Wires::FIELDS`] that a field's [`FieldAt::Index`] stands for.
pub trait Number {
    /// The index.
    const VALUE: u32;
    /// `8^digits`, by which a digit written before this number counts.
    const SCALE: u32;
}
/// No digits: zero.
impl Number for () {
    const VALUE: u32 = 0;
    const SCALE: u32 = 1;
}
/// A list of digits, most significant first (the place of a state in the tree).
impl<D: Digit, R: Number> Number for (D, R) {
    const VALUE: u32 = D::VALUE * R::SCALE + R::VALUE;
    const SCALE: u32 = 8 * R::SCALE;
}
impl<N: Number> Number for ReadOnly<N> {
    const VALUE: u32 = N::VALUE;
    const SCALE: u32 = N::SCALE;
}

/// The element of a tuple tree at place `I`.
pub trait Get<I> {
    /// The element.
    type Out;
}
impl<X> Get<()> for X {
    type Out = X;
}
impl<X, N> Get<ReadOnly<N>> for X {
    type Out = Val;
}

/// The state of the field with id `ID` in the builder `B`.
pub type StateOf<B, const ID: u64> =
    <<B as Builder>::States as Get<<<B as Builder>::Fields as FieldAt<ID>>::Index>>::Out;

macro_rules! digits {
    ($($digit:ident)*) => {$(
        /// One digit of a place in a tuple tree.
        pub struct $digit;
    )*};
}
digits!(D0 D1 D2 D3 D4 D5 D6 D7);

/// The value of a digit type.
pub trait Digit {
    /// `k` for `Dk`.
    const VALUE: u32;
}
macro_rules! digit_values {
    ($($digit:ident = $value:literal)*) => {$(
        impl Digit for $digit {
            const VALUE: u32 = $value;
        }
    )*};
}
digit_values!(D0 = 0 D1 = 1 D2 = 2 D3 = 3 D4 = 4 D5 = 5 D6 = 6 D7 = 7);

/// `Get<(Dk, R)>` for every tuple of up to eight elements and every `k` below its length.
macro_rules! tuple_get {
    (@impl ($($all:ident),+) $digit:ident $at:ident) => {
        impl<$($all,)+ R> Get<($digit, R)> for ($($all,)+)
        where
            $at: Get<R>,
        {
            type Out = <$at as Get<R>>::Out;
        }
    };
    ($( $tuple:tt : $($digit:ident => $at:ident),+ ;)*) => {$($(
        tuple_get!(@impl $tuple $digit $at);
    )+)*};
}
tuple_get! {
    (A0): D0 => A0;
    (A0, A1): D0 => A0, D1 => A1;
    (A0, A1, A2): D0 => A0, D1 => A1, D2 => A2;
    (A0, A1, A2, A3): D0 => A0, D1 => A1, D2 => A2, D3 => A3;
    (A0, A1, A2, A3, A4): D0 => A0, D1 => A1, D2 => A2, D3 => A3, D4 => A4;
    (A0, A1, A2, A3, A4, A5): D0 => A0, D1 => A1, D2 => A2, D3 => A3, D4 => A4, D5 => A5;
    (A0, A1, A2, A3, A4, A5, A6): D0 => A0, D1 => A1, D2 => A2, D3 => A3, D4 => A4, D5 => A5, D6 => A6;
    (A0, A1, A2, A3, A4, A5, A6, A7): D0 => A0, D1 => A1, D2 => A2, D3 => A3, D4 => A4, D5 => A5, D6 => A6, D7 => A7;
}

/// What a setter of a field of type `T` accepts: a `T` itself (checked when `build()`
/// validates), or `T`'s builder once it can build (checked now, by the compiler).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot set a field of type `{T}`",
    label = "expected a `{T}`, or a builder of one that can build"
)]
pub trait Input<T> {
    /// [`Val`] for a value, [`Built<Self>`](Built) for a builder: what the state records.
    type Kind;
    /// The field's value.
    fn into_value(self) -> T;
}

impl<T> Input<T> for T {
    type Kind = Val;
    // `always` on the one-line forwarders here and in `nested`: a debug build does not inline
    // `#[inline]`, so each would be a function of its own per type, compiled to machine code in
    // every crate that builds or validates; `always` is inlined even at opt-level 0 and leaves
    // no function behind (nested compile-time shape: 3,254 → 2,918 functions).
    #[inline(always)]
    fn into_value(self) -> T {
        self
    }
}

/// What a finished builder of a `T` turns into: the `T` itself, or a `Box` of it (a field of
/// type `Box<T>` takes `T`'s builder too). A builder's [`Input`] impl is generic over it, so that
/// the derive emits one impl and one body for both field types instead of one of each.
pub trait Wraps<T> {
    /// `value`, wrapped.
    fn wrap(value: T) -> Self;
}
impl<T> Wraps<T> for T {
    #[inline(always)]
    fn wrap(value: T) -> T {
        value
    }
}
impl<T> Wraps<T> for Box<T> {
    #[inline(always)]
    fn wrap(value: T) -> Box<T> {
        Box::new(value)
    }
}

/// What a setter's bound says of its argument: an [`Input`] for the field's type. One blanket
/// impl, so that when a child builder cannot build, the error names what it misses and does
/// not list every builder's `Input` impls.
pub trait Accepts<T>: Input<T> {}
impl<V: Input<T>, T> Accepts<T> for V {}

/// The kind a setter records for the argument `V` of a field of type `T`.
pub type KindOf<V, T> = <V as Input<T>>::Kind;

/// A setter's argument `Self` for a field of type `T` that meets the rest `P` of the required
/// path `Tag`: what the setters' bounds say (one blanket impl, so that an error names the
/// path's end, not this trait's impls).
pub trait Meets<T, Tag, P> {}
impl<V: Input<T>, T, Tag, P> Meets<T, Tag, P> for V where V::Kind: Walk<Tag, P> {}

/// Something passed to a setter (`K`: [`Val`], [`Built`], a list of them) that meets the
/// rest of the required path `P` declared as `Tag`. A value meets every path (`build()`
/// checks it); a builder meets a path when its field state does.
pub trait Walk<Tag, P> {}
impl<Tag, P> Walk<Tag, P> for Val {}
impl<Tag, const ID: u64, R, B: Builder> Walk<Tag, (Seg<ID>, R)> for Built<B>
where
    B::Fields: FieldAt<ID>,
    B::States: Get<<B::Fields as FieldAt<ID>>::Index>,
    StateOf<B, ID>: Reach<Tag, R, <B::Fields as FieldAt<ID>>::Marker>,
{
}
impl<Tag, P> Walk<Tag, P> for () {}
impl<Tag, P, K: Walk<Tag, P>, L: Walk<Tag, P>> Walk<Tag, P> for (K, L) {}
impl<Tag, P, K: Walk<Tag, P>> Walk<Tag, P> for Each<K> {}

/// A field state (of the field `M`) that meets the rest `R` of the required path `Tag`: at the
/// path's end the field must be set; before it, an unset field is an absent intermediate, which
/// satisfies the path, and a set one passes the walk on to what it holds.
pub trait Reach<Tag, R, M> {}
impl<Tag, M> Reach<Tag, (), M> for Unset where Self: Missing<Tag, M> {}
impl<Tag, M, S, R> Reach<Tag, (S, R), M> for Unset {}
/// A finished value (or a field the builder has no setter for, `read_only`): `build()` checks it.
impl<Tag, R, M> Reach<Tag, R, M> for Val {}
impl<Tag, M, B> Reach<Tag, (), M> for Built<B> {}
impl<Tag, M, B, S, R> Reach<Tag, (S, R), M> for Built<B> where Self: Walk<Tag, (S, R)> {}
impl<Tag, M, L> Reach<Tag, (), M> for Items<L> {}
impl<Tag, M, L: Walk<Tag, (S, R)>, S, R> Reach<Tag, (S, R), M> for Items<L> {}

/// Never implemented: the last field `M` of the required path `Tag` is unset (`Self`) in the
/// builder given for it. Its message is the error a user reads: both names spell their owner
/// (`Request·message·content`, `Message·content`), so neither needs a module path. (`Self` is
/// this crate's type, so that rustc's help line about it stays one line.)
#[diagnostic::on_unimplemented(
    message = "`{Tag}` is required: `{M}` is not set",
    label = "this needs `{M}` set on its builder"
)]
pub trait Missing<Tag, M> {}

/// The value of a field the typestate proves was set.
#[inline]
pub fn expect_set<T>(slot: Option<T>) -> T {
    match slot {
        Some(value) => value,
        None => unreachable!("tollgate: the builder's state says this required field is set"),
    }
}

/// What `build()` returns for the finished `value`: it, once its run-time rules pass. One
/// generic function rather than the `?` and `Ok` in every builder's `build()`, which the
/// compiler would type-check and borrow-check once per payload type.
#[inline(always)]
pub fn checked<T: crate::Validate>(value: T) -> Result<T, crate::Violations> {
    // A `match`, not `?`: `?` instantiates `Try::branch` and a `FromResidual` per payload type.
    match value.validate() {
        Ok(()) => Ok(value),
        Err(violations) => Err(violations),
    }
}

/// Appends `item` to the list in `slot`, starting it if there is none.
#[inline]
pub fn push<T>(slot: &mut Option<Vec<T>>, item: T) {
    // One `Vec::push` call and no `Vec` held across a call: a debug build compiles this per
    // element type, with a landing pad per call that has a value to drop when it unwinds (two
    // pushes and a `list` to drop made it 136 lines of LLVM IR). No
    // `get_or_insert_with(Vec::new)`: its closure shim would be one more instance per type.
    if slot.is_none() {
        *slot = Some(Vec::new());
    }
    if let Some(list) = slot {
        list.push(item);
    }
}

/// The list from the elements of `items`, each a value or a builder.
#[inline]
pub fn collect<T, I>(items: I) -> Vec<T>
where
    I: IntoIterator,
    I::Item: Input<T>,
{
    items.into_iter().map(Input::into_value).collect()
}

/// `maybe_x(value)` for a field set through `Into`: the value converted, if there is one.
#[inline]
#[allow(
    clippy::manual_map,
    reason = "`Option::map` with a function item costs a `FnOnce` proof per instance"
)]
pub fn some_into<T, U: Into<T>>(value: Option<U>) -> Option<T> {
    match value {
        Some(value) => Some(value.into()),
        None => None,
    }
}

/// `maybe_x(value)` for a payload field: the value or built builder, if there is one.
#[inline]
#[allow(
    clippy::manual_map,
    reason = "`Option::map` with a function item costs a `FnOnce` proof per instance"
)]
pub fn some_input<T, V: Input<T>>(value: Option<V>) -> Option<T> {
    match value {
        Some(value) => Some(value.into_value()),
        None => None,
    }
}

/// `maybe_xs(items)` for a list of payloads: the list, if there is one.
#[inline]
#[allow(
    clippy::manual_map,
    reason = "`Option::map` with a function item costs a `FnOnce` proof per instance"
)]
pub fn some_collect<T, I>(items: Option<I>) -> Option<Vec<T>>
where
    I: IntoIterator,
    I::Item: Input<T>,
{
    match items {
        Some(items) => Some(collect(items)),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::push;

    #[test]
    fn push_starts_a_list_then_appends_as_vec_push_does() {
        // Held to the plain reading: `None` becomes a list of the item, a list grows at its end
        // (also one a plain setter started).
        let mut slot: Option<Vec<u32>> = None;
        push(&mut slot, 1);
        assert_eq!(slot, Some(vec![1]));
        push(&mut slot, 2);
        assert_eq!(slot, Some(vec![1, 2]));
        let mut started = Some(vec![7]);
        push(&mut started, 8);
        assert_eq!(started, Some(vec![7, 8]));
        let mut empty = Some(Vec::new());
        push(&mut empty, 3);
        assert_eq!(empty, Some(vec![3]));
    }
}
