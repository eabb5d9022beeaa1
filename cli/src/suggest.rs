//! "Did you mean `previewText`?" for a field serde would drop.
//!
//! The known fields at each place of a document come from the model itself: serde's derive
//! passes every struct's field names to `deserialize_struct`, so deserializing the document once
//! more through [`FieldNames`] records them per wire path, without a hand-kept list.

use std::cell::RefCell;
use std::collections::BTreeMap;

use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::forward_to_deserialize_any;
use serde_json::Value;
use tollgate::WirePath;

/// The field names a type `T` knows at every object of `document`, by wire path.
pub(crate) fn known_fields<'de, T: de::Deserialize<'de>>(
    document: &'de Value,
) -> BTreeMap<String, &'static [&'static str]> {
    let found = RefCell::new(BTreeMap::new());
    // A type error ends the walk early; what was recorded before it still helps.
    let _ = T::deserialize(FieldNames { value: document, path: WirePath::new(), found: &found });
    found.into_inner()
}

/// The known name nearest to `unknown`, as cargo and rustc pick one: the same name in another
/// case, or else the closest by edit distance within a third of the name's length.
pub(crate) fn nearest<'a>(unknown: &str, known: &[&'a str]) -> Option<&'a str> {
    if let Some(same) = known.iter().find(|name| name.eq_ignore_ascii_case(unknown)) {
        return Some(same);
    }
    let lower = unknown.to_lowercase();
    let limit = (unknown.chars().count() / 3).max(1);
    known
        .iter()
        .map(|name| (strsim::damerau_levenshtein(&lower, &name.to_lowercase()), *name))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, name)| name)
}

/// A deserializer over a JSON value that records the field names of every struct read.
struct FieldNames<'v, 'r> {
    value: &'v Value,
    path: WirePath,
    found: &'r RefCell<BTreeMap<String, &'static [&'static str]>>,
}

impl<'v> FieldNames<'v, '_> {
    fn child(&self, value: &'v Value, push: impl FnOnce(&mut WirePath)) -> Self {
        let mut path = self.path.clone();
        push(&mut path);
        FieldNames { value, path, found: self.found }
    }
}

impl<'de> Deserializer<'de> for FieldNames<'de, '_> {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.value {
            Value::Array(items) => {
                visitor.visit_seq(Items { parent: &self, items: items.iter().enumerate() })
            }
            Value::Object(members) => {
                visitor.visit_map(ObjectMembers { parent: &self, entries: members.iter(), next: None })
            }
            other => other.deserialize_any(visitor),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        if self.value.is_object() {
            self.found.borrow_mut().insert(self.path.as_str().to_owned(), fields);
        }
        self.deserialize_any(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.value.deserialize_enum(name, variants, visitor)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct seq tuple tuple_struct map identifier ignored_any
    }
}

struct Items<'p, 'v, 'r, I> {
    parent: &'p FieldNames<'v, 'r>,
    items: I,
}

impl<'de, I: Iterator<Item = (usize, &'de Value)>> SeqAccess<'de> for Items<'_, 'de, '_, I> {
    type Error = serde_json::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Self::Error> {
        match self.items.next() {
            Some((index, item)) => {
                seed.deserialize(self.parent.child(item, |path| path.push_index(index))).map(Some)
            }
            None => Ok(None),
        }
    }
}

struct ObjectMembers<'p, 'v, 'r, I> {
    parent: &'p FieldNames<'v, 'r>,
    entries: I,
    next: Option<(&'v String, &'v Value)>,
}

impl<'de, I: Iterator<Item = (&'de String, &'de Value)>> MapAccess<'de> for ObjectMembers<'_, 'de, '_, I> {
    type Error = serde_json::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Self::Error> {
        self.next = self.entries.next();
        match self.next {
            Some((key, _)) => seed.deserialize(key.as_str().into_deserializer()).map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Self::Error> {
        let (key, value) = self.next.take().ok_or_else(|| de::Error::custom("a value without its key"))?;
        seed.deserialize(self.parent.child(value, |path| path.push_field(key)))
    }
}

#[cfg(test)]
mod tests {
    use tollgate::wix::inbox::SendMessageRequest;

    use super::*;

    #[test]
    fn nearest_prefers_the_same_name_in_another_case_then_the_closest() {
        let known = ["basic", "template", "previewText", "title"];
        assert_eq!(nearest("previewtext", &known), Some("previewText"));
        assert_eq!(nearest("PREVIEWTEXT", &known), Some("previewText"));
        assert_eq!(nearest("previewTxt", &known), Some("previewText"));
        assert_eq!(nearest("tempalte", &known), Some("template"));
        assert_eq!(nearest("titel", &known), Some("title"));
        assert_eq!(nearest("colour", &known), None);
        assert_eq!(nearest("x", &known), None);
    }

    #[test]
    fn known_fields_come_from_the_model_at_each_path() {
        let document = serde_json::json!({
            "conversationId": "6202c3bb-f263-3c16-8c90-d6387d9ed420",
            "message": { "content": { "previewtext": "Hi", "basic": { "items": [
                { "text": "Hey" }, { "image": { "url": "https://example.com/a.png", "width": "100" } }
            ] } } }
        });
        let known = known_fields::<SendMessageRequest>(&document);
        assert!(known[""].contains(&"conversationId"));
        assert!(known["message"].contains(&"targetChannelIds"));
        assert!(known["message.content"].contains(&"previewText"));
        assert_eq!(known["message.content.basic"], ["items"]);
        assert!(known["message.content.basic.items[1]"].contains(&"image"));
        assert!(known["message.content.basic.items[1].image"].contains(&"urlExpiration"));
    }
}
