//! Numbers, timestamps and defaults as proto3 JSON, the wire format of Wix's APIs, reads and
//! writes them. Use them on your own Wix payloads with `#[serde(with = "...")]`.
//!
//! - [`int32`]: written as a number; read from `100`, `"100"`, `100.0` or `"1e2"` (any
//!   integral value in range), and `1.5`, `"abc"` or `2147483648` refused.
//! - [`int64`]: written as a string (`"1718023456789012"`, so that JavaScript loses no digits);
//!   read from a string or a number alike.
//! - [`timestamp`]: RFC 3339 in UTC, as `google.protobuf.Timestamp` is: written with 0, 3, 6 or 9
//!   fractional digits (what Wix sends, `2024-06-14T10:15:30.123Z`, comes back byte for byte);
//!   read from any RFC 3339 time, offsets included.
//! - [`null_as_default`]: `null` reads as the default (`""`, `[]`), as proto3 reads it for a
//!   field without presence.
//!
//! Each of the first three takes an `Option` field (`null` reads as `None`, pair it with
//! `skip_serializing_if = "Option::is_none"`) or the bare value, for a field without presence
//! (`null` reads as the default; see [`ScalarField`]).
//!
//! ```
//! #[derive(serde::Serialize, serde::Deserialize)]
//! struct Image {
//!     #[serde(default, with = "tollgate::wix::inbox::proto_json::int32")]
//!     width: Option<i32>,
//! }
//!
//! for wire in [r#"{"width":100}"#, r#"{"width":"100"}"#, r#"{"width":100.0}"#] {
//!     let image: Image = serde_json::from_str(wire).unwrap();
//!     assert_eq!(image.width, Some(100));
//! }
//! assert!(serde_json::from_str::<Image>(r#"{"width":1.5}"#).is_err());
//! assert_eq!(serde_json::to_string(&Image { width: Some(100) }).unwrap(), r#"{"width":100}"#);
//! ```

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Unexpected, Visitor};
use serde::{Deserialize, Deserializer, Serializer};

/// Reads `null` as `T::default()`: proto3's reading of `null` for a field without presence.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Button {
///     #[serde(default, deserialize_with = "tollgate::wix::inbox::proto_json::null_as_default")]
///     label: String,
/// }
///
/// let button: Button = serde_json::from_str(r#"{"label":null}"#).unwrap();
/// assert_eq!(button.label, "");
/// ```
pub fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Option::<T>::deserialize(deserializer).map(Option::unwrap_or_default)
}

/// A field that holds a proto3 scalar `W`: `Option<W>`, where `null` reads as `None`, or `W`
/// itself, a field without presence, where `null` reads as `W::default()`.
///
/// ```
/// #[derive(serde::Serialize, serde::Deserialize)]
/// struct Paging {
///     #[serde(default, with = "tollgate::wix::inbox::proto_json::int32")]
///     limit: i32,
///     #[serde(default, with = "tollgate::wix::inbox::proto_json::int64")]
///     offset: Option<i64>,
/// }
///
/// let paging: Paging = serde_json::from_str(r#"{"limit":"30","offset":null}"#).unwrap();
/// assert_eq!((paging.limit, paging.offset), (30, None));
/// let paging: Paging = serde_json::from_str(r#"{"limit":null,"offset":7}"#).unwrap();
/// assert_eq!((paging.limit, paging.offset), (0, Some(7)));
/// assert_eq!(serde_json::to_string(&paging).unwrap(), r#"{"limit":0,"offset":"7"}"#);
/// ```
pub trait ScalarField<W>: Sized {
    /// The field for what was read: `None` for `null`.
    fn from_wire(value: Option<W>) -> Self;
    /// What to write: `None` for an absent `Option`.
    fn to_wire(&self) -> Option<&W>;
}

impl<W: Default> ScalarField<W> for W {
    fn from_wire(value: Option<W>) -> Self {
        value.unwrap_or_default()
    }

    fn to_wire(&self) -> Option<&W> {
        Some(self)
    }
}

impl<W> ScalarField<W> for Option<W> {
    fn from_wire(value: Option<W>) -> Self {
        value
    }

    fn to_wire(&self) -> Option<&W> {
        self.as_ref()
    }
}

/// An integer type proto3 JSON carries: its range, and how it is written.
trait ProtoInteger: Sized + Copy {
    /// `a 32-bit integer`, for the error.
    const WHAT: &'static str;
    fn from_i128(value: i128) -> Option<Self>;
}

impl ProtoInteger for i32 {
    const WHAT: &'static str = "an int32: a whole number such as 100, \"100\" or 100.0";
    fn from_i128(value: i128) -> Option<Self> {
        i32::try_from(value).ok()
    }
}

impl ProtoInteger for i64 {
    const WHAT: &'static str = "an int64: a whole number such as \"100\" or 100";
    fn from_i128(value: i128) -> Option<Self> {
        i64::try_from(value).ok()
    }
}

/// A value read from proto3 JSON by `deserialize_any`; `Option<Proto<T>>` reads `null` as
/// `None` through serde's own `Option`.
struct Proto<T>(T);

impl<'de, T: ProtoInteger> Deserialize<'de> for Proto<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(IntegerVisitor(PhantomData)).map(Proto)
    }
}

/// A proto3 value into its field: `null` is `None`, or the default for a bare field.
fn read<'de, D: Deserializer<'de>, W, F: ScalarField<W>>(deserializer: D) -> Result<F, D::Error>
where
    Proto<W>: Deserialize<'de>,
{
    Option::<Proto<W>>::deserialize(deserializer).map(|value| F::from_wire(value.map(|Proto(value)| value)))
}

/// Reads a proto3 integer from a number or a string.
struct IntegerVisitor<T>(PhantomData<T>);

impl<T: ProtoInteger> IntegerVisitor<T> {
    fn whole<E: de::Error>(value: i128, unexpected: Unexpected<'_>) -> Result<T, E> {
        T::from_i128(value).ok_or_else(|| E::invalid_value(unexpected, &Self(PhantomData)))
    }

    fn float<E: de::Error>(value: f64, unexpected: Unexpected<'_>) -> Result<T, E> {
        // 2^63 and above do not fit either type; the range check below is exact under it.
        const TWO_TO_63: f64 = 9_223_372_036_854_775_808.0;
        if value.fract() != 0.0 || !value.is_finite() || value.abs() >= TWO_TO_63 {
            return Err(E::invalid_value(unexpected, &Self(PhantomData)));
        }
        #[allow(clippy::cast_possible_truncation)] // integral and below 2^63 in magnitude
        let whole = value as i128;
        Self::whole(whole, unexpected)
    }
}

impl<T: ProtoInteger> Visitor<'_> for IntegerVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::WHAT)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        Self::whole(i128::from(value), Unexpected::Signed(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        Self::whole(i128::from(value), Unexpected::Unsigned(value))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        Self::float(value, Unexpected::Float(value))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        let unexpected = Unexpected::Str(text);
        let trimmed = text.trim();
        if trimmed != text || text.is_empty() {
            return Err(E::invalid_value(unexpected, &self));
        }
        match text.parse::<i128>() {
            Ok(whole) => Self::whole(whole, unexpected),
            // `"100.0"`, `"1e2"`: an integral value written as a float.
            Err(_) => match text.parse::<f64>() {
                Ok(value) => Self::float(value, unexpected),
                Err(_) => Err(E::invalid_value(unexpected, &self)),
            },
        }
    }
}

/// A proto3 `int32` (`i32` or `Option<i32>`): a number on the wire, read from a number or a
/// string.
pub mod int32 {
    use super::{read, Deserializer, ScalarField, Serializer};

    /// Writes the number, or `null` for `None` (pair with `skip_serializing_if`).
    pub fn serialize<F: ScalarField<i32>, S: Serializer>(
        value: &F,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value.to_wire() {
            Some(value) => serializer.serialize_i32(*value),
            None => serializer.serialize_none(),
        }
    }

    /// Reads `100`, `"100"`, `100.0`; refuses `1.5`, `"abc"` and values outside `i32`.
    pub fn deserialize<'de, F: ScalarField<i32>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<F, D::Error> {
        read::<D, i32, F>(deserializer)
    }
}

/// A proto3 `int64` (`i64` or `Option<i64>`): a string on the wire, read from a string or a
/// number.
pub mod int64 {
    use super::{read, Deserializer, ScalarField, Serializer};

    /// Writes the decimal string, or `null` for `None` (pair with `skip_serializing_if`).
    pub fn serialize<F: ScalarField<i64>, S: Serializer>(
        value: &F,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value.to_wire() {
            Some(value) => serializer.collect_str(value),
            None => serializer.serialize_none(),
        }
    }

    /// Reads `"100"`, `100`, `100.0`; refuses fractions, text and values outside `i64`.
    pub fn deserialize<'de, F: ScalarField<i64>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<F, D::Error> {
        read::<D, i64, F>(deserializer)
    }
}

/// A `google.protobuf.Timestamp` (`Option<Timestamp>`, or a bare one that reads `null` as the
/// epoch): RFC 3339 in UTC.
///
/// ```
/// #[derive(serde::Serialize, serde::Deserialize)]
/// struct Message {
///     #[serde(default, with = "tollgate::wix::inbox::proto_json::timestamp")]
///     created_date: Option<jiff::Timestamp>,
/// }
///
/// for wire in [
///     r#"{"created_date":"2024-06-14T10:15:30Z"}"#,
///     r#"{"created_date":"2024-06-14T10:15:30.120Z"}"#,
///     r#"{"created_date":"2024-06-14T10:15:30.123456789Z"}"#,
/// ] {
///     let message: Message = serde_json::from_str(wire).unwrap();
///     assert_eq!(serde_json::to_string(&message).unwrap(), wire);
/// }
/// ```
pub mod timestamp {
    use std::fmt;

    use jiff::Timestamp;
    use serde::de::{self, Unexpected, Visitor};
    use serde::Deserialize;

    use super::{read, Deserializer, Proto, ScalarField, Serializer};

    /// Writes UTC with `Z` and 0, 3, 6 or 9 fractional digits, the fewest that hold the value.
    pub fn serialize<F: ScalarField<Timestamp>, S: Serializer>(
        value: &F,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value.to_wire() {
            Some(time) => serializer.collect_str(&Rfc3339(*time)),
            None => serializer.serialize_none(),
        }
    }

    /// Reads any RFC 3339 time (`Z` or an offset, any number of fractional digits).
    pub fn deserialize<'de, F: ScalarField<Timestamp>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<F, D::Error> {
        read::<D, Timestamp, F>(deserializer)
    }

    impl<'de> Deserialize<'de> for Proto<Timestamp> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_any(TimestampVisitor).map(Proto)
        }
    }

    /// `time` as proto3 JSON writes a Timestamp.
    struct Rfc3339(Timestamp);

    impl fmt::Display for Rfc3339 {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            let nanos = self.0.subsec_nanosecond();
            let digits = match nanos {
                0 => 0,
                _ if nanos % 1_000_000 == 0 => 3,
                _ if nanos % 1_000 == 0 => 6,
                _ => 9,
            };
            write!(f, "{:.*}", digits, self.0)
        }
    }

    struct TimestampVisitor;

    impl Visitor<'_> for TimestampVisitor {
        type Value = Timestamp;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an RFC 3339 timestamp such as \"2024-06-14T10:15:30.123Z\"")
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
            parse(text).ok_or_else(|| E::invalid_value(Unexpected::Str(text), &self))
        }
    }

    /// `text` as an RFC 3339 time: what Wix writes (`2024-06-14T10:15:30.123Z`) read
    /// directly, anything else (offsets, leap seconds, lower case) by jiff, which decides.
    pub(super) fn parse(text: &str) -> Option<Timestamp> {
        utc_fast(text.as_bytes()).or_else(|| text.parse::<Timestamp>().ok())
    }

    /// `YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z` with every field in range, else `None` (not an error:
    /// jiff then reads it). A tenth of jiff's instructions for the shape every answer carries.
    pub(super) fn utc_fast(text: &[u8]) -> Option<Timestamp> {
        let (head, tail) = text.split_at_checked(19)?;
        let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1, b'T', h0, h1, b':', i0, i1, b':', s0, s1] = *head
        else {
            return None;
        };
        let year = number(&[y0, y1, y2, y3])?;
        let (month, day) = (number(&[m0, m1])?, number(&[d0, d1])?);
        let (hour, minute, second) = (number(&[h0, h1])?, number(&[i0, i1])?, number(&[s0, s1])?);
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        if hour > 23 || minute > 59 || second > 59 {
            return None;
        }
        let nanos = match tail {
            [b'Z'] => 0,
            [b'.', digits @ .., b'Z'] if (1..=9).contains(&digits.len()) => {
                // What one unit of the last digit is worth, in nanoseconds, by digit count.
                const SCALE: [i64; 10] =
                    [0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];
                number(digits)? * SCALE[digits.len()]
            }
            _ => return None,
        };
        let seconds = days_from_civil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second;
        #[allow(clippy::cast_possible_truncation)] // below 10^9
        Timestamp::new(seconds, nanos as i32).ok()
    }

    /// Decimal digits, or `None` for anything else.
    fn number(digits: &[u8]) -> Option<i64> {
        digits.iter().try_fold(0_i64, |value, &digit| {
            digit.is_ascii_digit().then(|| value * 10 + i64::from(digit - b'0'))
        })
    }

    fn days_in_month(year: i64, month: i64) -> i64 {
        match month {
            2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
        let year = if month <= 2 { year - 1 } else { year };
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;

    /// The direct reading agrees with jiff's on every input: the same time, or refused by both.
    #[test]
    fn a_timestamp_reads_as_jiff_reads_it() {
        let mut inputs = vec![
            "2024-06-14T10:15:30Z".to_owned(),
            "2024-06-14T10:15:30.1Z".to_owned(),
            "2024-06-14T10:15:30.123456789Z".to_owned(),
            "2024-06-14T10:15:30.1234567890Z".to_owned(),
            "2024-06-14T10:15:30.Z".to_owned(),
            "2024-06-14T10:15:60Z".to_owned(),
            "2024-06-14T24:00:00Z".to_owned(),
            "2024-06-14t10:15:30z".to_owned(),
            "2024-06-14 10:15:30Z".to_owned(),
            "2024-06-14T10:15:30+02:00".to_owned(),
            "2024-06-14T10:15:30".to_owned(),
            "0000-01-01T00:00:00Z".to_owned(),
            "9999-12-31T23:59:59.999999999Z".to_owned(),
            "9999-12-30T21:59:59Z".to_owned(),
            "+2024-06-14T10:15:30Z".to_owned(),
            "2024-6-14T10:15:30Z".to_owned(),
            "２024-06-14T10:15:30Z".to_owned(),
            String::new(),
        ];
        for year in [1600, 1899, 1900, 1969, 1970, 1999, 2000, 2023, 2024, 2100, 2400, 9998] {
            for month in 0..=13 {
                for day in [0, 1, 15, 28, 29, 30, 31, 32] {
                    inputs.push(format!("{year:04}-{month:02}-{day:02}T23:59:59.5Z"));
                }
            }
        }
        for wix in ["2024-06-14T10:15:30Z", "2024-06-14T10:15:30.123Z", "2024-02-29T00:00:00.000001Z"] {
            assert!(super::timestamp::utc_fast(wix.as_bytes()).is_some(), "{wix} is read directly");
        }
        for text in &inputs {
            assert_eq!(super::timestamp::parse(text), text.parse::<Timestamp>().ok(), "{text:?}");
        }
    }
}
