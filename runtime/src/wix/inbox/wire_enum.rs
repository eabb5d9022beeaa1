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
                let wire = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(deserializer)?;
                Ok($name::from_wire(&wire))
            }
        }

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
