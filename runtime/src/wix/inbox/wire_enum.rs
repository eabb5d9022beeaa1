//! Wix's enums: upper-case names on the wire, and values this crate does not know yet kept
//! as they came, since Wix adds values over time.

/// Declares a wire enum: its known values with their wire names, and `Other(String)` for
/// the rest. Serializes and deserializes as the bare name; `Other` round-trips unchanged.
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $wire:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$variant_meta])* $variant, )+
            /// A value Wix sent that this version of tollgate does not know, kept as sent.
            Other(String),
        }

        impl $name {
            /// The name on the wire.
            pub fn as_wire(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )+
                    $name::Other(other) => other,
                }
            }

            /// The value named `wire`, or `Other(wire)`.
            pub fn from_wire(wire: &str) -> Self {
                match wire {
                    $( $wire => $name::$variant, )+
                    other => $name::Other(other.to_owned()),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_wire())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            fn from_str(wire: &str) -> Result<Self, Self::Err> {
                Ok($name::from_wire(wire))
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_wire())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                // A visitor rather than a `Cow<str>` (which serde always reads as an owned
                // `String`): a known name is matched on the parser's slice, no allocation.
                deserializer.deserialize_str($crate::wix::inbox::wire_enum::WireName($name::from_wire))
            }
        }

        // Read by value inside an `Option` or a list, as serde reads them.
        $crate::wix::inbox::in_place::read_by_value!($name);

        impl $crate::Validate for $name {
            #[inline]
            fn validate_into(&self, _: &$crate::Path<'_>, _: &mut $crate::Violations) {}
        }

        impl $crate::rules::Presence for $name {
            #[inline]
            fn is_present(&self) -> bool {
                true
            }
        }
    };
}

pub(crate) use wire_enum;

/// Reads a wire enum's name as a string, borrowed while it is matched, into a value by `from_wire`.
pub(crate) struct WireName<T>(pub(crate) fn(&str) -> T);

impl<T> serde::de::Visitor<'_> for WireName<T> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // What serde's `String` says, as before this visitor.
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, wire: &str) -> Result<T, E> {
        Ok((self.0)(wire))
    }

    fn visit_bytes<E: serde::de::Error>(self, wire: &[u8]) -> Result<T, E> {
        std::str::from_utf8(wire)
            .map(self.0)
            .map_err(|_| E::invalid_value(serde::de::Unexpected::Bytes(wire), &self))
    }
}

#[cfg(test)]
mod tests {
    use crate::wix::inbox::Direction;

    #[test]
    fn a_name_reads_as_its_value_or_as_other_and_anything_but_a_string_is_refused() {
        let read = |wire: &str| serde_json::from_str::<Direction>(wire);
        assert_eq!(read(r#""BUSINESS_TO_PARTICIPANT""#).unwrap(), Direction::BusinessToParticipant);
        // An escape makes serde_json hand over an unescaped copy instead of a slice.
        assert_eq!(read(r#""BUSINESS_TO_\u0050ARTICIPANT""#).unwrap(), Direction::BusinessToParticipant);
        assert_eq!(read(r#""SIDEWAYS""#).unwrap(), Direction::Other("SIDEWAYS".to_owned()));
        let error = read("7").unwrap_err().to_string();
        assert!(error.contains("invalid type: integer `7`, expected a string"), "{error}");
        assert!(read("null").is_err());
    }
}
