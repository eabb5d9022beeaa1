//! The model's `Deserialize`, written to build each value where it will stay.
//!
//! serde's derive returns every struct it reads by value, through an `Option` per field and a
//! `Result` per level, and moves it again into its parent: a `Message` (~830 bytes) and its
//! `MessageContent` (~430) were copied about 19 times per Send Message read, 27% of the
//! instructions from bytes to verdict. Here a struct is read into a value that already exists:
//! the parent starts from `Default`, each field is read into its slot as its key arrives, and a
//! nested struct is read into its own slot (`Option::get_or_insert_with`, a list's last
//! element), so that nothing larger than a string is returned by value.
//!
//! The wire is read exactly as serde's derive reads it, which the tests hold it to: camelCase
//! names, unknown keys skipped (with `deserialize_ignored_any`, as `serde_ignored` expects),
//! a repeated key refused (`duplicate field`), `null` as the field's reading of it, a struct
//! also from a JSON array of its fields in order, and serde's own error messages.
//!
//! [`model!`] wraps a struct's definition: it emits the struct as written, with the `Serialize`
//! and everything else it derives, and the in-place `Deserialize` read off the same field
//! attributes. Under `cfg(test)` it also keeps serde's derived `Deserialize` of the same
//! definition ([`Derived`]), which the tests read every document with too.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;

use super::{proto_json, Timestamp};

/// A struct read into an existing value: each field the input has is read into its place,
/// and the others are left as they are (the default, for a fresh value).
pub(crate) trait ReadInPlace<'de>: Default {
    fn read_in_place<D: Deserializer<'de>>(deserializer: D, place: &mut Self) -> Result<(), D::Error>;
}

/// How an `Option<Self>` field is read (`null` is `None`): into its place for a model
/// struct, by value (as serde reads an `Option`) for a string, a flag or an enum.
pub(crate) trait ReadOption<'de>: Sized {
    fn read_option<D: Deserializer<'de>>(deserializer: D, place: &mut Option<Self>) -> Result<(), D::Error>;
}

/// How one element of a list field is read and appended: into its place for a model struct,
/// by value otherwise.
pub(crate) trait ReadElement<'de>: Sized {
    fn push_read<D: Deserializer<'de>>(deserializer: D, list: &mut Vec<Self>) -> Result<(), D::Error>;
}

/// [`ReadOption`] and [`ReadElement`] by value, as serde's `Option<T>` and `Vec<T>` read `T`.
macro_rules! read_by_value {
    ($($leaf:ty),* $(,)?) => {$(
        impl<'de> $crate::wix::inbox::in_place::ReadOption<'de> for $leaf {
            #[inline]
            fn read_option<D: ::serde::Deserializer<'de>>(
                deserializer: D,
                place: &mut Option<Self>,
            ) -> Result<(), D::Error> {
                *place = <Option<Self> as ::serde::Deserialize>::deserialize(deserializer)?;
                Ok(())
            }
        }

        impl<'de> $crate::wix::inbox::in_place::ReadElement<'de> for $leaf {
            #[inline]
            fn push_read<D: ::serde::Deserializer<'de>>(
                deserializer: D,
                list: &mut Vec<Self>,
            ) -> Result<(), D::Error> {
                list.push(<Self as ::serde::Deserialize>::deserialize(deserializer)?);
                Ok(())
            }
        }
    )*};
}

pub(crate) use read_by_value;

read_by_value!(String, bool);

/// Reads a model struct's `Option` into its place: `null` is `None`, anything else is read
/// into the value (a fresh default when there was none).
#[inline]
pub(crate) fn read_option_in_place<'de, T: ReadInPlace<'de>, D: Deserializer<'de>>(
    deserializer: D,
    place: &mut Option<T>,
) -> Result<(), D::Error> {
    deserializer.deserialize_option(OptionInPlace(place))
}

/// Appends a default `T` to `list` and reads the element into it.
#[inline]
pub(crate) fn push_in_place<'de, T: ReadInPlace<'de>, D: Deserializer<'de>>(
    deserializer: D,
    list: &mut Vec<T>,
) -> Result<(), D::Error> {
    list.push(T::default());
    match list.last_mut() {
        Some(element) => T::read_in_place(deserializer, element),
        None => unreachable!("an element was just pushed"),
    }
}

/// The visitor of [`read_option_in_place`]: what serde's `Option` visitor accepts.
struct OptionInPlace<'p, T>(&'p mut Option<T>);

impl<'de, T: ReadInPlace<'de>> Visitor<'de> for OptionInPlace<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("option")
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        *self.0 = None;
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        *self.0 = None;
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        T::read_in_place(deserializer, self.0.get_or_insert_with(T::default))
    }
}

/// One field's place, with how its value is read (the kind [`model!`] picked from the field's
/// serde attributes).
pub(crate) enum Slot<'p, T> {
    /// `Option<T>` read by [`ReadOption`].
    Optional(&'p mut Option<T>),
    /// A list read by [`ReadElement`], `null` as empty (`proto_json::null_as_default`).
    List(&'p mut Vec<T>),
}

impl<'de, T: ReadOption<'de> + ReadElement<'de>> DeserializeSeed<'de> for Slot<'_, T> {
    type Value = ();

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        match self {
            Slot::Optional(place) => T::read_option(deserializer, place),
            Slot::List(list) => deserializer.deserialize_option(ListOrNull(list)),
        }
    }
}

/// A list field: `null` leaves it empty, as `null_as_default` reads it; anything else is read
/// as serde reads a `Vec`.
struct ListOrNull<'p, T>(&'p mut Vec<T>);

impl<'de, T: ReadElement<'de>> Visitor<'de> for ListOrNull<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("option")
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.0.clear();
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.0.clear();
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        self.0.clear();
        deserializer.deserialize_seq(Elements(self.0))
    }
}

/// The elements of a list, appended one by one.
struct Elements<'p, T>(&'p mut Vec<T>);

impl<'de, T: ReadElement<'de>> Visitor<'de> for Elements<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // What serde's `Vec` says.
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Push(&mut *self.0))?.is_some() {}
        Ok(())
    }
}

/// Reads one element onto the end of a list.
struct Push<'p, T>(&'p mut Vec<T>);

impl<'de, T: ReadElement<'de>> DeserializeSeed<'de> for Push<'_, T> {
    type Value = ();

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        T::push_read(deserializer, self.0)
    }
}

/// A field read by value with one of `proto_json`'s readers.
pub(crate) enum ByValue<'p, T> {
    /// `proto_json::null_as_default`.
    NullAsDefault(&'p mut T),
}

impl<'de, T: Deserialize<'de> + Default> DeserializeSeed<'de> for ByValue<'_, T> {
    type Value = ();

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        match self {
            ByValue::NullAsDefault(place) => *place = proto_json::null_as_default(deserializer)?,
        }
        Ok(())
    }
}

/// A field read by one of `proto_json`'s scalar readers (`with = "proto_json::int32"`, ...).
macro_rules! scalar_seed {
    ($($seed:ident: $module:ident reads $wire:ty;)*) => {$(
        #[doc = concat!("A field read by `proto_json::", stringify!($module), "`.")]
        pub(crate) struct $seed<'p, F>(pub(crate) &'p mut F);

        impl<'de, F: proto_json::ScalarField<$wire>> DeserializeSeed<'de> for $seed<'_, F> {
            type Value = ();

            #[inline]
            fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
                *self.0 = proto_json::$module::deserialize(deserializer)?;
                Ok(())
            }
        }
    )*};
}

scalar_seed! {
    Int32: int32 reads i32;
    Int64: int64 reads i64;
    Time: timestamp reads Timestamp;
}

/// `field_name` in camelCase, as serde's `rename_all = "camelCase"` writes a snake_case name.
pub(crate) const fn camel_case<const N: usize>(snake: &str) -> [u8; N] {
    let snake = snake.as_bytes();
    let mut out = [0_u8; N];
    let (mut from, mut to, mut upper) = (0, 0, false);
    while from < snake.len() {
        let byte = snake[from];
        if byte == b'_' {
            upper = to > 0;
        } else {
            out[to] = if upper { byte.to_ascii_uppercase() } else { byte };
            upper = false;
            to += 1;
        }
        from += 1;
    }
    assert!(to == N, "the length camel_case_len gave");
    out
}

/// The length of [`camel_case`]'s answer.
pub(crate) const fn camel_case_len(snake: &str) -> usize {
    let snake = snake.as_bytes();
    let (mut index, mut len) = (0, 0);
    while index < snake.len() {
        if snake[index] != b'_' {
            len += 1;
        }
        index += 1;
    }
    len
}

/// `bytes` as text, at compile time.
pub(crate) const fn text(bytes: &'static [u8]) -> &'static str {
    match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => panic!("a wire name is ASCII"),
    }
}

/// serde's derived reading of a model struct, kept for the tests to compare with.
#[cfg(test)]
pub(crate) trait Derived: Sized {
    fn derived<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
}

/// The wire name of a snake_case field under `rename_all = "camelCase"`, as a constant.
macro_rules! camel_name {
    ($field:ident) => {{
        const LEN: usize = $crate::wix::inbox::in_place::camel_case_len(stringify!($field));
        const BYTES: [u8; LEN] = $crate::wix::inbox::in_place::camel_case::<LEN>(stringify!($field));
        const TEXT: &str = $crate::wix::inbox::in_place::text(&BYTES);
        TEXT
    }};
}

pub(crate) use camel_name;

/// The seed that reads a field into `$place`, picked from the field's serde attributes. An
/// attribute set with no reading here fails to compile, so a new kind of field is not read
/// differently from what its attributes say.
macro_rules! field_seed {
    ((default, skip_serializing_if = "Option::is_none"), $place:expr) => {
        $crate::wix::inbox::in_place::Slot::Optional($place)
    };
    ((default, skip_serializing_if = "Vec::is_empty", deserialize_with = "proto_json::null_as_default"), $place:expr) => {
        $crate::wix::inbox::in_place::Slot::List($place)
    };
    ((default, skip_serializing_if = "String::is_empty", deserialize_with = "proto_json::null_as_default"), $place:expr) => {
        $crate::wix::inbox::in_place::ByValue::NullAsDefault($place)
    };
    ((default, skip_serializing_if = "Option::is_none", with = "proto_json::int32"), $place:expr) => {
        $crate::wix::inbox::in_place::Int32($place)
    };
    ((default, skip_serializing_if = "Option::is_none", with = "proto_json::int64"), $place:expr) => {
        $crate::wix::inbox::in_place::Int64($place)
    };
    ((default, skip_serializing_if = "Option::is_none", with = "proto_json::timestamp"), $place:expr) => {
        $crate::wix::inbox::in_place::Time($place)
    };
    (($($other:tt)*), $place:expr) => {
        compile_error!(concat!("no in-place reading for a field with #[serde(", stringify!($($other)*), ")]"))
    };
}

pub(crate) use field_seed;

/// Declares a model struct: as written, plus the in-place `Deserialize` of its fields (see the
/// module's documentation). Each field is its doc comment, its `#[payload(...)]` rules if
/// any, one `#[serde(...)]` and `pub name: Type` or `pub name: Type<Inner>`: the types are
/// passed on as the tokens they are (a `$ty:ty` would reach the derives as one opaque group,
/// and `Payload` looks into it for `Option` and `Vec`).
macro_rules! model {
    (
        $(#[doc = $doc:literal])*
        #[derive($($derive:path),* $(,)?)]
        #[serde(rename_all = "camelCase")]
        $(#[payload $rules:tt])?
        pub struct $name:ident {
            $(
                $(#[doc = $field_doc:literal])*
                $(#[payload $field_rules:tt])?
                #[serde($($serde:tt)*)]
                pub $field:ident: $ty:ident $(<$inner:ident>)?,
            )*
        }
    ) => {
        $(#[doc = $doc])*
        #[derive($($derive),*)]
        #[serde(rename_all = "camelCase")]
        $(#[payload $rules])?
        pub struct $name {
            $(
                $(#[doc = $field_doc])*
                $(#[payload $field_rules])?
                #[serde($($serde)*)]
                pub $field: $ty $(<$inner>)?,
            )*
        }

        const _: () = {
            use ::serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
            use $crate::wix::inbox::in_place::{field_seed, camel_name, ReadInPlace};

            /// The fields, in declaration order (the order of a struct read from an array).
            #[allow(non_camel_case_types)]
            #[derive(Clone, Copy)]
            enum Field { $($field,)* }

            impl Field {
                const ALL: &[Field] = &[$(Field::$field),*];
                const WIRE: &[&str] = &[$(camel_name!($field)),*];

                /// The field a key names, `None` for a key to skip.
                #[inline]
                fn named(key: &str) -> Option<Field> {
                    $( if key == camel_name!($field) { return Some(Field::$field); } )*
                    None
                }

                fn bit(self) -> u64 {
                    1 << self as u32
                }
            }

            // The keys seen are one bit each in a `u64`.
            const _: () = assert!(Field::ALL.len() <= 64, "at most 64 fields");

            /// A key: a field, or `None` for one to skip (as serde's `__ignore`).
            struct Key;

            impl<'de> DeserializeSeed<'de> for Key {
                type Value = Option<Field>;

                #[inline]
                fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<Field>, D::Error> {
                    deserializer.deserialize_identifier(self)
                }
            }

            impl<'de> Visitor<'de> for Key {
                type Value = Option<Field>;

                fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str("field identifier")
                }

                fn visit_u64<E: de::Error>(self, index: u64) -> Result<Option<Field>, E> {
                    Ok(usize::try_from(index).ok().and_then(|index| Field::ALL.get(index).copied()))
                }

                #[inline]
                fn visit_str<E: de::Error>(self, key: &str) -> Result<Option<Field>, E> {
                    Ok(Field::named(key))
                }

                fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<Option<Field>, E> {
                    Ok(::std::str::from_utf8(key).ok().and_then(Field::named))
                }
            }

            /// Reads the fields into the struct they belong to.
            struct Fields<'p>(&'p mut $name);

            impl<'de> Visitor<'de> for Fields<'_> {
                type Value = ();

                fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(concat!("struct ", stringify!($name)))
                }

                fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
                    let $name { $($field),* } = self.0;
                    $( seq.next_element_seed(field_seed!(($($serde)*), $field))?; )*
                    Ok(())
                }

                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
                    let $name { $($field),* } = self.0;
                    let mut seen = 0_u64;
                    while let Some(key) = map.next_key_seed(Key)? {
                        let Some(field) = key else {
                            map.next_value::<de::IgnoredAny>()?;
                            continue;
                        };
                        if seen & field.bit() != 0 {
                            return Err(de::Error::duplicate_field(Field::WIRE[field as usize]));
                        }
                        seen |= field.bit();
                        match field {
                            $( Field::$field => map.next_value_seed(field_seed!(($($serde)*), &mut *$field))?, )*
                        }
                    }
                    Ok(())
                }
            }

            impl<'de> ReadInPlace<'de> for $name {
                #[inline]
                fn read_in_place<D: Deserializer<'de>>(deserializer: D, place: &mut Self) -> Result<(), D::Error> {
                    deserializer.deserialize_struct(stringify!($name), Field::WIRE, Fields(place))
                }
            }

            impl<'de> ::serde::Deserialize<'de> for $name {
                fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let mut value = Self::default();
                    Self::read_in_place(deserializer, &mut value)?;
                    Ok(value)
                }
            }

            impl<'de> $crate::wix::inbox::in_place::ReadOption<'de> for $name {
                #[inline]
                fn read_option<D: Deserializer<'de>>(deserializer: D, place: &mut Option<Self>) -> Result<(), D::Error> {
                    $crate::wix::inbox::in_place::read_option_in_place(deserializer, place)
                }
            }

            impl<'de> $crate::wix::inbox::in_place::ReadElement<'de> for $name {
                #[inline]
                fn push_read<D: Deserializer<'de>>(deserializer: D, list: &mut Vec<Self>) -> Result<(), D::Error> {
                    $crate::wix::inbox::in_place::push_in_place(deserializer, list)
                }
            }

            /// serde's derive of the same definition, for the tests: a struct of the same
            /// name, so that its messages (`expected struct Message`) are the derive's.
            #[cfg(test)]
            mod twin {
                #[allow(unused_imports, reason = "the field types and readers the model names")]
                use super::*;

                #[derive(::serde::Deserialize)]
                #[serde(rename_all = "camelCase")]
                #[allow(clippy::struct_field_names, reason = "the model's own names")]
                pub(super) struct $name {
                    $( #[serde($($serde)*)] pub(super) $field: $ty $(<$inner>)?, )*
                }
            }

            #[cfg(test)]
            impl $crate::wix::inbox::in_place::Derived for $name {
                fn derived<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let twin = <twin::$name as ::serde::Deserialize>::deserialize(deserializer)?;
                    Ok($name { $($field: twin.$field),* })
                }
            }
        };
    };
}

pub(crate) use model;

#[cfg(test)]
#[path = "in_place_tests.rs"]
mod tests;
