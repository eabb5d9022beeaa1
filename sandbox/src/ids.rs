//! The ids and times the sandbox hands out, shaped as Wix's: random version-4 GUIDs from the
//! `uuid` crate, and the current time as the model's [`Timestamp`] at Wix's precision.

use tollgate::wix::inbox::Timestamp;

/// A random version-4 GUID: lowercase, hyphenated, 8-4-4-4-12 hexadecimal digits.
pub(crate) fn guid() -> String {
    uuid::Uuid::new_v4().hyphenated().to_string()
}

/// Now, in whole milliseconds: Wix stores times to the millisecond (`…T17:20:04.123Z`).
pub(crate) fn now() -> Timestamp {
    Timestamp::from_millisecond(Timestamp::now().as_millisecond()).unwrap_or(Timestamp::UNIX_EPOCH)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn guids_are_lowercase_version_4_and_distinct() {
        let mut seen = HashSet::new();
        for _ in 0..10_000 {
            let id = guid();
            assert!(tollgate::rules::is_guid(&id), "{id}");
            assert_eq!(id, id.to_ascii_lowercase());
            assert_eq!(&id[14..15], "4", "{id}");
            assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"), "{id}");
            assert!(seen.insert(id));
        }
    }

    #[test]
    fn now_is_whole_milliseconds_and_current() {
        let before = Timestamp::now();
        let now = now();
        assert_eq!(now.subsec_nanosecond() % 1_000_000, 0);
        assert!(now <= Timestamp::now());
        assert!(before.as_millisecond() <= now.as_millisecond());
    }
}
