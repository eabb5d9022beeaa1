//! What the derive's generated code calls. Not a public API: names and signatures here
//! change without notice. Generated code reaches it by absolute path,
//! `::tollgate::__private::...`, so that a user's own items never shadow it.

mod nested;
mod typestate;

pub use nested::{descend, descend_in, require_in, AnyFields, Descend, Member, Node, Visit};
pub use typestate::{
    checked, collect, expect_set, push, some_collect, some_input, some_into, Accepts, Builder, Built, Chosen,
    Each, FieldAt, Get, HasMember, Input, IsOpen, IsOpenFor, IsSet, IsUnset, Items, KindOf, Meets, Missing,
    Open, Push, Pushed, Reach, ReadOnly, Seg, StateOf, Unset, Val, Walk, Wraps, D0, D1, D2, D3, D4, D5, D6,
    D7,
};

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
