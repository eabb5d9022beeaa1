//! The vocabulary of the generated typestate builders.
//!
//! A builder's state is flat: one type parameter per settable field and one per one-of group,
//! so that two builders that set the same fields in any order have the same type (an array of
//! them compiles) and a chain of `push_` calls costs linear compile time. A field's parameter
//! records *how* it was set: [`Unset`], [`Set<M, K>`](Set) with `K` the kind of what was passed
//! ([`Val`] for a finished value, [`Built<B>`](Built) for a builder `B`), or, for a list,
//! [`Items<M, L>`](Items) with one entry per pushed element. A group's parameter is [`Open`] or
//! [`Chosen`]. Setters and `build()` bound those parameters by the traits below, whose
//! `on_unimplemented` messages are what a user reads when a rule is broken; the marker types
//! (`M`, `G`) name the field or group.

use core::marker::PhantomData;

/// The state of a field that has been set; `M` names the field, `K` says with what: [`Val`]
/// for a finished value, [`Built<B>`](Built) for the builder `B`.
pub struct Set<M, K>(PhantomData<(M, K)>);
/// The state of a field that has not been set; `M` names the field.
pub struct Unset<M>(PhantomData<M>);
/// The state of a list field: `L` is `()`, `(K, L)` for one more pushed element of kind `K`,
/// or [`Each<K>`](Each) for the elements of an iterator.
pub struct Items<M, L>(PhantomData<(M, L)>);
/// The elements of an iterator passed to `xs(items)`, each of kind `K`; how many is known only
/// at run time.
pub struct Each<K>(PhantomData<K>);
/// The state of a one-of group with no member set; `G` names the group.
pub struct Open<G>(PhantomData<G>);
/// The state of a one-of group whose member `M` is set.
pub struct Chosen<M>(PhantomData<M>);

/// What was passed to a setter: a finished value, whose rules `build()` checks at run time.
pub struct Val;
/// What was passed to a setter: the builder `B`, whose state the compiler checks.
pub struct Built<B>(PhantomData<B>);

#[diagnostic::on_unimplemented(
    message = "required field `{M}` is not set",
    label = "`{M}` must be set before this call"
)]
pub trait IsSet<M> {}
impl<M, K> IsSet<M> for Set<M, K> {}
impl<M, L> IsSet<M> for Items<M, L> {}
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

/// A list field's state once one more element of kind `K` is pushed: `Unset` starts the
/// list, `Items` grows it (also after `xs(items)`, which the pushes then extend).
pub trait Push<M, K> {
    /// The list with the element added.
    type Output;
}
impl<M, K> Push<M, K> for Unset<M> {
    type Output = Items<M, (K, ())>;
}
impl<M, K, L> Push<M, K> for Items<M, L> {
    type Output = Items<M, (K, L)>;
}

/// The state after `push_xs(item)` where the list was in state `S`.
pub type Pushed<S, M, K> = <S as Push<M, K>>::Output;

/// The stable id of a field name, used as a const argument: a path names a field of another
/// payload type by it (a `&str` cannot be a const argument on stable).
pub const fn field_id(name: &str) -> u64 {
    // FNV-1a: simple, const, and collisions between a struct's field names are checked by
    // the compiler (two impls of `FieldAt<ID>` for one builder would overlap).
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

/// One segment of a required path: the field whose name has the id `ID`.
pub struct Seg<const ID: u64>;

/// A builder, as the required paths of other payloads see it: implemented by the derive once
/// per builder.
pub trait Builder {
    /// The field states, as a tree of tuples of at most eight (`((S0, .., S7), (S8, ..))`), so
    /// that [`Get`] finds one in a few steps.
    type States;
    /// The payload type it builds, named in errors.
    type Owner: ?Sized;
    /// The type that maps field ids to places in `States` ([`FieldAt`]).
    type Fields;
}

/// Where the field with id `ID` is among a builder's states: implemented by the derive once per
/// field, on a marker type without generic parameters, so that it costs the same for a wide
/// struct as for a narrow one.
pub trait FieldAt<const ID: u64> {
    /// The place: a list of digits `(D2, (D5, ()))`, or [`ReadOnly`] for a field without setter.
    type Index;
}

/// The place of a field the builder has no setter for.
pub struct ReadOnly;

/// The element of a tuple tree at place `I`.
pub trait Get<I> {
    /// The element.
    type Out;
}
impl<X> Get<()> for X {
    type Out = X;
}
impl<X> Get<ReadOnly> for X {
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
    #[inline]
    fn into_value(self) -> T {
        self
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
    StateOf<B, ID>: Reach<Tag, R, B::Owner>,
{
}
impl<Tag, P> Walk<Tag, P> for () {}
impl<Tag, P, K: Walk<Tag, P>, L: Walk<Tag, P>> Walk<Tag, P> for (K, L) {}
impl<Tag, P, K: Walk<Tag, P>> Walk<Tag, P> for Each<K> {}

/// A field state (of a field of `Owner`) that meets the rest `R` of the required path `Tag`:
/// at the path's end the field must be set; before it, an unset field is an absent
/// intermediate, which satisfies the path, and a set one passes the walk on to what it holds.
pub trait Reach<Tag, R, Owner: ?Sized> {}
impl<Tag, Owner: ?Sized, M> Reach<Tag, (), Owner> for Unset<M> where Self: Missing<Tag, Owner, M> {}
impl<Tag, Owner: ?Sized, M, S, R> Reach<Tag, (S, R), Owner> for Unset<M> {}
impl<Tag, Owner: ?Sized, M, K> Reach<Tag, (), Owner> for Set<M, K> {}
impl<Tag, Owner: ?Sized, M, K: Walk<Tag, (S, R)>, S, R> Reach<Tag, (S, R), Owner> for Set<M, K> {}
impl<Tag, Owner: ?Sized, M, L> Reach<Tag, (), Owner> for Items<M, L> {}
impl<Tag, Owner: ?Sized, M, L: Walk<Tag, (S, R)>, S, R> Reach<Tag, (S, R), Owner> for Items<M, L> {}
/// A field the builder has no setter for (`read_only`): `build()` checks it.
impl<Tag, R, Owner: ?Sized> Reach<Tag, R, Owner> for Val {}

/// Never implemented: the last field `M` of the required path `Tag` is unset (`Self`) in a
/// builder of `Owner`. Its message is the error a user reads. (`Self` is this crate's type, so
/// that rustc's help line about it stays one line.)
#[diagnostic::on_unimplemented(
    message = "`{Tag}` is required: the `{Owner}` builder did not set `{M}`",
    label = "this needs `{M}` set on its `{Owner}` builder"
)]
pub trait Missing<Tag, Owner: ?Sized, M> {}

/// The value of a field the typestate proves was set.
#[inline]
pub fn expect_set<T>(slot: Option<T>) -> T {
    match slot {
        Some(value) => value,
        None => unreachable!("tollgate: the builder's state says this required field is set"),
    }
}

/// Appends `item` to the list in `slot`, starting it if there is none.
#[inline]
pub fn push<T>(slot: &mut Option<Vec<T>>, item: T) {
    slot.get_or_insert_with(Vec::new).push(item);
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
