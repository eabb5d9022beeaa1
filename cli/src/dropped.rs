//! Whether deserializing a value dropped a field, without naming it.
//!
//! serde's derive skips the value of a field it does not know with `deserialize_ignored_any`,
//! the call `serde_ignored` reports. To name the field, `serde_ignored` copies every key it
//! reads into a `String`; [`read`] only notes that the call happened, at no cost per key, for
//! the quick check of `check --batch`, where a line with a dropped field is then read again by
//! the full check for its report.

use std::cell::Cell;
use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};

/// `T` read from `deserializer`, and whether a field was dropped on the way.
pub(crate) fn read<'de, T: de::Deserialize<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<(T, bool), D::Error> {
    let dropped = Cell::new(false);
    let value = T::deserialize(Noting { inner: deserializer, dropped: &dropped })?;
    Ok((value, dropped.get()))
}

/// A deserializer that sets `dropped` when anything below it is skipped.
struct Noting<'f, D> {
    inner: D,
    dropped: &'f Cell<bool>,
}

/// The visitor, seed or access that passes `dropped` on to the deserializers it hands out.
struct Watch<'f, X> {
    inner: X,
    dropped: &'f Cell<bool>,
}

impl<'f, X> Watch<'f, X> {
    fn new(inner: X, dropped: &'f Cell<bool>) -> Self {
        Watch { inner, dropped }
    }
}

macro_rules! forward_deserialize {
    ($($method:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            self.inner.$method($($arg,)* Watch::new(visitor, self.dropped))
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Noting<'_, D> {
    type Error = D::Error;

    forward_deserialize! {
        deserialize_any(), deserialize_bool(), deserialize_i8(), deserialize_i16(), deserialize_i32(),
        deserialize_i64(), deserialize_i128(), deserialize_u8(), deserialize_u16(), deserialize_u32(),
        deserialize_u64(), deserialize_u128(), deserialize_f32(), deserialize_f64(), deserialize_char(),
        deserialize_str(), deserialize_string(), deserialize_bytes(), deserialize_byte_buf(),
        deserialize_option(), deserialize_unit(), deserialize_seq(), deserialize_map(),
        deserialize_identifier(),
        deserialize_unit_struct(name: &'static str),
        deserialize_newtype_struct(name: &'static str),
        deserialize_tuple(len: usize),
        deserialize_tuple_struct(name: &'static str, len: usize),
        deserialize_struct(name: &'static str, fields: &'static [&'static str]),
        deserialize_enum(name: &'static str, variants: &'static [&'static str]),
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.dropped.set(true);
        self.inner.deserialize_ignored_any(visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

macro_rules! forward_visit {
    ($($method:ident($ty:ty)),* $(,)?) => {$(
        fn $method<E: de::Error>(self, value: $ty) -> Result<V::Value, E> {
            self.inner.$method(value)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Watch<'_, V> {
    type Value = V::Value;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(formatter)
    }

    forward_visit! {
        visit_bool(bool), visit_i8(i8), visit_i16(i16), visit_i32(i32), visit_i64(i64),
        visit_i128(i128), visit_u8(u8), visit_u16(u16), visit_u32(u32), visit_u64(u64),
        visit_u128(u128), visit_f32(f32), visit_f64(f64), visit_char(char), visit_str(&str),
        visit_borrowed_str(&'de str), visit_string(String), visit_bytes(&[u8]),
        visit_borrowed_bytes(&'de [u8]), visit_byte_buf(Vec<u8>),
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        self.inner.visit_some(Noting { inner: deserializer, dropped: self.dropped })
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        self.inner.visit_newtype_struct(Noting { inner: deserializer, dropped: self.dropped })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.inner.visit_seq(Watch::new(seq, self.dropped))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.inner.visit_map(Watch::new(map, self.dropped))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.inner.visit_enum(Watch::new(data, self.dropped))
    }
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Watch<'_, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<S::Value, D::Error> {
        self.inner.deserialize(Noting { inner: deserializer, dropped: self.dropped })
    }
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Watch<'_, A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, A::Error> {
        self.inner.next_element_seed(Watch::new(seed, self.dropped))
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Watch<'_, A> {
    type Error = A::Error;

    // A key is a field's name: nothing in it can be dropped.
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        self.inner.next_key_seed(seed)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.inner.next_value_seed(Watch::new(seed, self.dropped))
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

impl<'de, 'f, A: EnumAccess<'de>> EnumAccess<'de> for Watch<'f, A> {
    type Error = A::Error;
    type Variant = Watch<'f, A::Variant>;

    fn variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<(T::Value, Self::Variant), A::Error> {
        let (value, variant) = self.inner.variant_seed(seed)?;
        Ok((value, Watch::new(variant, self.dropped)))
    }
}

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Watch<'_, A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.inner.unit_variant()
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.inner.newtype_variant_seed(Watch::new(seed, self.dropped))
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.inner.tuple_variant(len, Watch::new(visitor, self.dropped))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.inner.struct_variant(fields, Watch::new(visitor, self.dropped))
    }
}

#[cfg(test)]
mod tests {
    use tollgate::wix::inbox::SendMessageRequest;

    use super::*;

    /// Whether `json` drops a field, by this module and by `serde_ignored`.
    fn both(json: &str) -> (bool, bool) {
        let (_, noted) =
            read::<SendMessageRequest, _>(&mut serde_json::Deserializer::from_str(json)).unwrap();
        let mut reported = false;
        let _: SendMessageRequest =
            serde_ignored::deserialize(&mut serde_json::Deserializer::from_str(json), |_| {
                reported = true;
            })
            .unwrap();
        (noted, reported)
    }

    #[test]
    fn notes_a_dropped_field_at_any_depth_as_serde_ignored_reports_it() {
        let id = "6202c3bb-f263-3c16-8c90-d6387d9ed420";
        for (json, dropped) in [
            (format!(r#"{{"conversationId":"{id}"}}"#), false),
            (format!(r#"{{"conversationId":"{id}","extra":1}}"#), true),
            (format!(r#"{{"conversationId":"{id}","message":{{"content":{{"previewtext":"Hi"}}}}}}"#), true),
            (
                r#"{"message":{"content":{"basic":{"items":[{"text":"a"},{"txt":"b"}]}}}}"#.to_owned(),
                true,
            ),
            (
                r#"{"message":{"content":{"template":{"orientation":"PORTRAIT","buttons":[{"label":"a","postbackProperties":{"interactionId":"x","other":[1]}}]}}}}"#.to_owned(),
                true,
            ),
            (
                r#"{"message":{"content":{"template":{"orientation":"PORTRAIT","buttons":[{"label":"a"}]}},"badges":[{"text":"b"}]}}"#.to_owned(),
                false,
            ),
            (r#"{"message":{"content":{"form":{"media":[{"image":{"url":"u","width":"3"}}]}}}}"#.to_owned(), false),
        ] {
            assert_eq!(both(&json), (dropped, dropped), "{json}");
        }
    }
}
