//! What the derive's generated code calls. Not a public API: names and signatures here
//! change without notice. Generated code reaches it by absolute path,
//! `::tollgate::__private::...`, so that a user's own items never shadow it.

mod nested;
mod typestate;

pub use nested::{descend, descend_in, require_in, Descend, Node};
pub use typestate::{
    expect_set, field_id, Chosen, HasMember, IsOpen, IsSet, IsUnset, Need, Open, Set, Sets, SetsAll,
    SetterInput, Unset,
};

pub use crate::rules::{
    check_each, check_size, check_size_without_presence, check_text, check_text_without_presence, one_of,
    require, Presence, TextRule,
};
pub use crate::{Path, Validate, Violations};
pub use core::marker::PhantomData;
pub use core::option::Option;
pub use core::result::Result;
pub use std::boxed::Box;
