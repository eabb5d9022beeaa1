//! What the derive's generated code calls. Not a public API: names and signatures here
//! change without notice. Generated code reaches it by absolute path,
//! `::tollgate::__private::...`, so that a user's own items never shadow it.

mod nested;
mod typestate;

pub use nested::{descend, descend_in, require_in, AnyFields, Descend, Member, Node, Visit};
pub use typestate::{
    checked, collect, expect_set, push, some_collect, some_input, some_into, Accepts, Builder, FieldAt, Get,
    HasMember, Input, IsOpen, IsOpenFor, IsSet, IsUnset, KindOf, Meets, Missing, Push, Pushed, Reach,
    ReadOnly, Seg, StateOf, Walk, Wires, Wraps, D0, D1, D2, D3, D4, D5, D6, D7,
};

// The builders' states are defined here, not in `typestate` beside the traits that read them:
// debug information names every type by the path of the module that defines it, and a crate
// that builds nested payloads names these in full, many times over, in every builder type a
// chain of setters makes (`typestate::` was 17% of the debug strings of the nested
// compile-time benchmark's crate, and debug strings four times bon's).

/// The state of a field that has not been set.
pub struct Unset;
/// The state of a list field: `L` is `()`, `(K, L)` for one more pushed element of kind `K`,
/// or [`Each<K>`](Each) for the elements of an iterator.
pub struct Items<L>(PhantomData<L>);
/// The elements of an iterator passed to `xs(items)`, each of kind `K`; how many is known only
/// at run time.
pub struct Each<K>(PhantomData<K>);
/// The state of a one-of group with no member set.
pub struct Open;
/// The state of a one-of group with a member set.
pub struct Chosen;

/// The state of a field set to a finished value, whose rules `build()` checks at run time; also
/// what a setter records for one.
pub struct Val;
/// The state of a field set from the builder `B`, whose state the compiler checks.
pub struct Built<B>(PhantomData<B>);

pub use crate::rules::{
    check_each, check_size, check_size_without_presence, check_text, check_text_without_presence, one_of,
    one_of_group, require, Presence, TextRule,
};
pub use crate::{LazyPath, Path, Validate, Violations};
pub use core::marker::PhantomData;
pub use core::option::Option;
pub use core::result::Result;
pub use std::boxed::Box;
pub use std::vec::Vec;

/// `length(max = N)`, the commonest text rule, as the derive writes it: a call in place of the
/// struct literal `TextRule::Length { min: None, max: Some(N) }`, which costs the compiler a
/// path resolution per field and per variant and a promoted constant in every `validate_into`
/// that has one (measured: 0.7% of a 25 structs × 10 fields crate's instructions).
#[inline]
#[must_use]
pub const fn max_length(max: usize) -> TextRule {
    TextRule::Length { min: None, max: Some(max) }
}

/// A one-of group's check, the members' presence given as flags in member order: the derive's
/// `[is_present(&self.a), is_present(&self.b), ..]` costs the compiler less than the bit set
/// written out (`(is_present(&self.a) as u64) << 0 | ..`, a cast, a shift and an `|` to check
/// per member), and the presence is still asked of each member where an error points at it.
#[inline]
pub fn one_of_flags<const N: usize>(
    at: &Path<'_>,
    members: &[(&'static str, u32)],
    present: [bool; N],
    exactly: bool,
    out: &mut Violations,
) {
    const { assert!(N <= 64, "a group of more than 64 members takes `one_of`") };
    let mut bits = 0u64;
    let mut member = 0;
    while member < N {
        bits |= u64::from(present[member]) << member;
        member += 1;
    }
    one_of_group(at, members, bits, exactly, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every presence of a three-member group, both kinds of group: the flags report what the
    /// bit set written out reports.
    #[test]
    fn one_of_flags_reports_what_the_bit_set_reports() {
        const MEMBERS: [(&str, u32); 3] = [("a", 0), ("b", 2), ("c", 5)];
        let root = Path::root();
        for bits in 0u64..8 {
            let flags = [bits & 1 != 0, bits & 2 != 0, bits & 4 != 0];
            for exactly in [false, true] {
                let (mut by_flags, mut by_bits) = (Violations::new(), Violations::new());
                one_of_flags(&root, &MEMBERS, flags, exactly, &mut by_flags);
                one_of_group(&root, &MEMBERS, bits, exactly, &mut by_bits);
                assert_eq!(by_flags.to_string(), by_bits.to_string(), "bits {bits:03b}, exactly {exactly}");
                assert_eq!(by_flags.is_empty(), bits.is_power_of_two() || (bits == 0 && !exactly));
            }
        }
    }

    #[test]
    fn max_length_is_the_length_rule_without_minimum() {
        for max in [0, 1, 64, usize::MAX] {
            assert_eq!(max_length(max), TextRule::Length { min: None, max: Some(max) });
        }
    }
}
