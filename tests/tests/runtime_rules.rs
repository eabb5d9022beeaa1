//! Run-time value rules: `length` (Unicode scalar values), `size` (list items), `each(...)`,
//! `guid` and `url`, each at its boundaries, and none of them on an absent value.

use serde::Serialize;
use tollgate::{Payload, Rule, Validate};

/// Every violation of `value` as `"path RULE"`, in the order reported; empty when valid.
fn found<T: Validate>(value: &T) -> Vec<String> {
    match value.validate() {
        Ok(()) => Vec::new(),
        Err(violations) => violations.iter().map(|v| format!("{} {}", v.path(), v.wix_rule())).collect(),
    }
}

/// The descriptions of `value`'s violations.
fn descriptions<T: Validate>(value: &T) -> Vec<String> {
    value.validate().unwrap_err().iter().map(|v| v.description().to_owned()).collect()
}

const NONE: [&str; 0] = [];

// ---------------------------------------------------------------------------------------------
// length

#[derive(Payload, Serialize, Debug, Default)]
struct Lengths {
    #[payload(length(min = 2, max = 4))]
    both: Option<String>,
    #[payload(length(min = 3))]
    min_only: Option<String>,
    #[payload(length(max = 3))]
    max_only: Option<String>,
    #[payload(length(max = 2))]
    max_two: Option<String>,
    #[payload(length(min = 2, max = 3))]
    plain: String,
    #[payload(length(min = 1, max = 1))]
    exactly_one: Option<String>,
}

fn both(text: &str) -> Vec<String> {
    found(&Lengths { both: Some(text.into()), ..Lengths::default() })
}

fn min_only(text: &str) -> Vec<String> {
    found(&Lengths { min_only: Some(text.into()), ..Lengths::default() })
}

fn max_only(text: &str) -> Vec<String> {
    found(&Lengths { max_only: Some(text.into()), ..Lengths::default() })
}

fn max_two(text: &str) -> Vec<String> {
    found(&Lengths { max_two: Some(text.into()), ..Lengths::default() })
}

fn plain(text: &str) -> Vec<String> {
    found(&Lengths { plain: text.into(), ..Lengths::default() })
}

fn exactly_one(text: &str) -> Vec<String> {
    found(&Lengths { exactly_one: Some(text.into()), ..Lengths::default() })
}

#[test]
fn length_min_and_max_ascii_boundaries() {
    assert_eq!(both(""), ["both MIN_LENGTH"]);
    assert_eq!(both("a"), ["both MIN_LENGTH"]); // min - 1
    assert_eq!(both("ab"), NONE); // min
    assert_eq!(both("abc"), NONE); // min + 1 = max - 1
    assert_eq!(both("abcd"), NONE); // max
    assert_eq!(both("abcde"), ["both MAX_LENGTH"]); // max + 1
    assert_eq!(both("abcdefghij"), ["both MAX_LENGTH"]);
}

#[test]
fn length_min_only_boundaries() {
    assert_eq!(min_only("ab"), ["min_only MIN_LENGTH"]);
    assert_eq!(min_only("abc"), NONE);
    assert_eq!(min_only("abcd"), NONE);
    assert_eq!(min_only(&"x".repeat(10_000)), NONE);
}

#[test]
fn length_max_only_boundaries() {
    assert_eq!(max_only("ab"), NONE);
    assert_eq!(max_only("abc"), NONE);
    assert_eq!(max_only("abcd"), ["max_only MAX_LENGTH"]);
    // `Some("")` is present: a max-only rule passes it, a min rule fails it.
    assert_eq!(max_only(""), NONE);
    assert_eq!(min_only(""), ["min_only MIN_LENGTH"]);
}

#[test]
fn length_min_equals_max() {
    assert_eq!(exactly_one(""), ["exactly_one MIN_LENGTH"]);
    assert_eq!(exactly_one("a"), NONE);
    assert_eq!(exactly_one("👍"), NONE);
    assert_eq!(exactly_one("ab"), ["exactly_one MAX_LENGTH"]);
}

#[test]
fn length_counts_two_byte_characters_once() {
    // "é" (U+00E9) is two bytes.
    assert_eq!(both("é"), ["both MIN_LENGTH"]); // 1 char, 2 bytes: below min = 2
    assert_eq!(both("éé"), NONE); // 2 chars, 4 bytes: at min
    assert_eq!(both("éééé"), NONE); // 4 chars, 8 bytes: at max
    assert_eq!(both("ééééé"), ["both MAX_LENGTH"]); // 5 chars
    assert_eq!(max_only("héé"), NONE);
    assert_eq!(max_only("héél"), ["max_only MAX_LENGTH"]);
}

#[test]
fn length_counts_three_byte_characters_once() {
    assert_eq!(both("日"), ["both MIN_LENGTH"]); // 1 char, 3 bytes
    assert_eq!(both("日本"), NONE); // 2 chars, 6 bytes
    assert_eq!(both("日本語で"), NONE); // 4 chars, 12 bytes
    assert_eq!(both("日本語です"), ["both MAX_LENGTH"]); // 5 chars
    assert_eq!(min_only("日本"), ["min_only MIN_LENGTH"]); // 6 bytes, but 2 chars
    assert_eq!(min_only("日本語"), NONE);
}

#[test]
fn length_counts_four_byte_characters_once() {
    let three = "👍🎉🚀"; // 3 chars, 12 bytes
    assert_eq!(three.chars().count(), 3);
    assert_eq!(three.len(), 12);
    assert_eq!(max_only(three), NONE, "3 four-byte chars must pass max = 3");
    assert_eq!(max_two(three), ["max_two MAX_LENGTH"], "3 four-byte chars must fail max = 2");
    assert_eq!(max_two("👍🎉"), NONE);
    assert_eq!(both("👍"), ["both MIN_LENGTH"]); // 4 bytes, 1 char: below min = 2
    assert_eq!(both("👍👍"), NONE);
    assert_eq!(both("👍👍👍👍"), NONE);
    assert_eq!(both("👍👍👍👍👍"), ["both MAX_LENGTH"]);
    assert_eq!(min_only("👍👍"), ["min_only MIN_LENGTH"]);
}

#[test]
fn length_counts_scalar_values_not_graphemes() {
    // "é" as "e" + U+0301 COMBINING ACUTE ACCENT is one grapheme but two scalar values.
    assert_eq!(max_two("e\u{301}"), NONE);
    assert_eq!(max_two("e\u{301}e"), ["max_two MAX_LENGTH"]);
    assert_eq!(exactly_one("e\u{301}"), ["exactly_one MAX_LENGTH"]);
    // A thumbs-up with a skin tone is two scalar values.
    assert_eq!(exactly_one("👍🏽"), ["exactly_one MAX_LENGTH"]);
}

#[test]
fn length_mixed_width_characters() {
    // 1 + 2 + 3 + 4 bytes = 10 bytes, 4 chars.
    assert_eq!(both("aé日👍"), NONE);
    assert_eq!(max_only("aé日👍"), ["max_only MAX_LENGTH"]);
    assert_eq!(max_only("é日👍"), NONE);
}

#[test]
fn length_on_a_bare_string_ignores_the_empty_string() {
    assert_eq!(plain(""), NONE, "an empty bare String is absent: no MIN_LENGTH");
    assert_eq!(plain("a"), ["plain MIN_LENGTH"]);
    assert_eq!(plain("ab"), NONE);
    assert_eq!(plain("abc"), NONE);
    assert_eq!(plain("abcd"), ["plain MAX_LENGTH"]);
    assert_eq!(plain("日本語"), NONE);
    assert_eq!(plain("日本語で"), ["plain MAX_LENGTH"]);
}

#[test]
fn length_descriptions() {
    let short = Lengths { both: Some("é".into()), ..Lengths::default() };
    assert_eq!(descriptions(&short), ["must be at least 2 characters long (it is 1)"]);
    let long = Lengths { both: Some("👍👍👍👍👍".into()), ..Lengths::default() };
    assert_eq!(descriptions(&long), ["must be at most 4 characters long (it is 5)"]);
    let empty = Lengths { exactly_one: Some(String::new()), ..Lengths::default() };
    assert_eq!(descriptions(&empty), ["must be at least 1 character long (it is 0)"]);
    let violation = short.validate().unwrap_err().into_iter().next().unwrap();
    assert_eq!(violation.rule(), Rule::MinLength);
    assert_eq!(long.validate().unwrap_err().iter().next().unwrap().rule(), Rule::MaxLength);
}

// ---------------------------------------------------------------------------------------------
// size

#[derive(Payload, Serialize, Debug, Default)]
struct Sizes {
    #[payload(size(min = 2, max = 4))]
    items: Vec<u32>,
    #[payload(size(min = 1, max = 2))]
    optional: Option<Vec<String>>,
    #[payload(size(min = 3))]
    min_only: Vec<u8>,
    #[payload(size(max = 1))]
    max_only: Option<Vec<u8>>,
}

fn items(count: u32) -> Vec<String> {
    found(&Sizes { items: (0..count).collect(), ..Sizes::default() })
}

fn optional(count: usize) -> Vec<String> {
    found(&Sizes { optional: Some(vec![String::new(); count]), ..Sizes::default() })
}

fn min_size(count: usize) -> Vec<String> {
    found(&Sizes { min_only: vec![0; count], ..Sizes::default() })
}

fn max_size(count: usize) -> Vec<String> {
    found(&Sizes { max_only: Some(vec![0; count]), ..Sizes::default() })
}

#[test]
fn size_min_and_max_boundaries_on_a_vec() {
    assert_eq!(items(0), NONE, "an empty Vec is absent: no MIN_SIZE");
    assert_eq!(items(1), ["items MIN_SIZE"]); // min - 1
    assert_eq!(items(2), NONE); // min
    assert_eq!(items(3), NONE);
    assert_eq!(items(4), NONE); // max
    assert_eq!(items(5), ["items MAX_SIZE"]); // max + 1
    assert_eq!(items(50), ["items MAX_SIZE"]);
}

#[test]
fn size_min_and_max_boundaries_on_an_option_vec() {
    assert_eq!(found(&Sizes::default()), NONE, "None is absent");
    assert_eq!(optional(0), ["optional MIN_SIZE"], "Some(vec![]) is present and below min = 1");
    assert_eq!(optional(1), NONE);
    assert_eq!(optional(2), NONE);
    assert_eq!(optional(3), ["optional MAX_SIZE"]);
}

#[test]
fn size_min_only_and_max_only() {
    assert_eq!(min_size(0), NONE);
    assert_eq!(min_size(2), ["min_only MIN_SIZE"]);
    assert_eq!(min_size(3), NONE);
    assert_eq!(min_size(1000), NONE);
    assert_eq!(max_size(0), NONE);
    assert_eq!(max_size(1), NONE);
    assert_eq!(max_size(2), ["max_only MAX_SIZE"]);
}

#[test]
fn size_descriptions() {
    let few = Sizes { items: vec![7], ..Sizes::default() };
    assert_eq!(descriptions(&few), ["must have at least 2 items (it has 1)"]);
    let many = Sizes { items: vec![0; 5], ..Sizes::default() };
    assert_eq!(descriptions(&many), ["must have at most 4 items (it has 5)"]);
    let none = Sizes { optional: Some(vec![]), ..Sizes::default() };
    assert_eq!(descriptions(&none), ["must have at least 1 item (it has 0)"]);
    let two = Sizes { max_only: Some(vec![1, 2]), ..Sizes::default() };
    assert_eq!(descriptions(&two), ["must have at most 1 item (it has 2)"]);
    assert_eq!(few.validate().unwrap_err().iter().next().unwrap().rule(), Rule::MinSize);
    assert_eq!(many.validate().unwrap_err().iter().next().unwrap().rule(), Rule::MaxSize);
}

// ---------------------------------------------------------------------------------------------
// each

#[derive(Payload, Serialize, Debug, Default)]
#[serde(rename_all = "camelCase")]
struct Lists {
    #[payload(each(length(min = 2, max = 3)))]
    tags: Vec<String>,
    #[payload(each(guid))]
    member_ids: Option<Vec<String>>,
    #[payload(size(max = 2), each(length(max = 24), url))]
    links: Vec<String>,
}

#[test]
fn each_length_applies_to_every_item_at_its_index() {
    let value = Lists {
        tags: ["a", "ab", "abc", "abcd", "日本", "日本語", "日本語で", "👍"].map(String::from).to_vec(),
        ..Lists::default()
    };
    assert_eq!(
        found(&value),
        ["tags[0] MIN_LENGTH", "tags[3] MAX_LENGTH", "tags[6] MAX_LENGTH", "tags[7] MIN_LENGTH"]
    );
}

#[test]
fn each_on_an_empty_item_checks_it() {
    // A list's items are there whatever their content: an empty item is checked.
    let value = Lists { tags: vec!["ok".into(), String::new()], ..Lists::default() };
    assert_eq!(found(&value), ["tags[1] MIN_LENGTH"]);
    assert_eq!(descriptions(&value), ["must be at least 2 characters long (it is 0)"]);
}

#[test]
fn each_on_an_option_vec() {
    let good = "6202c3bb-f263-3c16-8c90-d6387d9ed420".to_owned();
    let value = Lists {
        member_ids: Some(vec![good.clone(), "nope".into(), good.clone(), good.to_uppercase(), String::new()]),
        ..Lists::default()
    };
    assert_eq!(found(&value), ["memberIds[1] FORMAT", "memberIds[4] FORMAT"]);
    assert!(Lists { member_ids: Some(vec![]), ..Lists::default() }.validate().is_ok());
    assert!(Lists { member_ids: Some(vec![good]), ..Lists::default() }.validate().is_ok());
}

#[test]
fn each_with_several_rules_reports_each_broken_rule_in_order() {
    let value = Lists {
        links: vec![
            "https://example.com/ok".into(),
            "not a url".into(),
            "https://example.com/far/too/long".into(),
            "and this is not a url and too long".into(),
        ],
        ..Lists::default()
    };
    assert_eq!(
        found(&value),
        [
            "links MAX_SIZE",
            "links[1] FORMAT",
            "links[2] MAX_LENGTH",
            "links[3] MAX_LENGTH",
            "links[3] FORMAT",
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// guid and url

#[derive(Payload, Serialize, Debug, Default)]
struct Formats {
    #[payload(guid)]
    id: Option<String>,
    #[payload(url)]
    link: Option<String>,
    #[payload(guid)]
    plain_id: String,
    #[payload(url)]
    plain_link: String,
}

fn guid(text: &str) -> Vec<String> {
    found(&Formats { id: Some(text.into()), ..Formats::default() })
}

fn url(text: &str) -> Vec<String> {
    found(&Formats { link: Some(text.into()), ..Formats::default() })
}

#[test]
fn guid_accepts_8_4_4_4_12_hex_in_either_case() {
    for good in [
        "6202c3bb-f263-3c16-8c90-d6387d9ed420",
        "6202C3BB-F263-3C16-8C90-D6387D9ED420",
        "00000000-0000-0000-0000-000000000000",
        "ffffffff-FFFF-ffff-FFFF-ffffffffffff",
    ] {
        assert_eq!(guid(good), NONE, "{good:?} rejected");
        assert_eq!(found(&Formats { plain_id: good.into(), ..Formats::default() }), NONE);
    }
}

#[test]
fn guid_rejects_everything_else() {
    for bad in [
        "",
        "6202c3bb-f263-3c16-8c90-d6387d9ed42",    // one digit short
        "6202c3bb-f263-3c16-8c90-d6387d9ed4200",  // one digit long
        "6202c3bg-f263-3c16-8c90-d6387d9ed420",   // not hex
        "6202c3bbf263-3c16-8c90-d6387d9ed420-",   // hyphen moved
        "6202c3b-bf263-3c16-8c90-d6387d9ed420",   // groups 7-5
        "6202c3bb_f263_3c16_8c90_d6387d9ed420",   // underscores
        "{6202c3bb-f263-3c16-8c90-d6387d9ed420}", // braces
        "6202c3bbf2633c168c90d6387d9ed420",       // no hyphens
        " 6202c3bb-f263-3c16-8c90-d6387d9ed420",  // leading space
        "6202c3bb-f263-3c16-8c90-d6387d9ed42é",   // non-ASCII
        "----------------------------------- -",  // 36 bytes, no digits
    ] {
        assert_eq!(guid(bad), ["id FORMAT"], "{bad:?} accepted");
    }
}

#[test]
fn guid_description() {
    let violations = Formats { id: Some("x".into()), ..Formats::default() }.validate().unwrap_err();
    let violation = violations.iter().next().unwrap();
    assert_eq!(violation.rule(), Rule::Format);
    assert_eq!(violation.description(), "must be a GUID (8-4-4-4-12 hexadecimal digits)");
}

#[test]
fn url_accepts_absolute_http_and_https_urls_with_a_host() {
    for good in [
        "http://example.com",
        "https://example.com",
        "https://example.com/",
        "https://example.com/a/b.png?c=d&e=f#g",
        "HTTPS://EXAMPLE.COM",
        "Http://example.com",
        "https://sub.domain.example.co.uk/path",
        "http://localhost",
        "http://localhost:8080/x",
        "http://127.0.0.1:8080/",
        "https://user:pw@example.com:8443/x",
        "http://[::1]/",
        "http://[::1]:8080/path",
        "https://example.com?q=1",
        "https://example.com#top",
        "https://bücher.example/",
    ] {
        assert_eq!(url(good), NONE, "{good:?} rejected");
    }
}

#[test]
fn url_rejects_relative_other_schemes_missing_hosts_and_whitespace() {
    for bad in [
        "",
        "example.com",
        "www.example.com/path",
        "//example.com",
        "/relative/path",
        "https://",
        "https:///path",
        "http://?q",
        "https:/example.com",
        "https:example.com",
        "ftp://example.com/file",
        "ws://example.com",
        "mailto:someone@example.com",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "https://exa mple.com",
        " https://example.com",
        "https://example.com/a b",
        "https://example.com/\n",
        "https://example.com\t",
        "https://example.com:port/",
        "https://example.com:/",
        "https://example.com:123456/",
        "https://user@/path",
        "http://[::1/",
        "http://[]/",
        "http://exa<mple.com/",
    ] {
        assert_eq!(url(bad), ["link FORMAT"], "{bad:?} accepted");
    }
}

#[test]
fn url_rejects_a_port_out_of_range() {
    assert_eq!(url("https://example.com:65535/"), NONE);
    assert_eq!(url("https://example.com:65536/"), ["link FORMAT"]);
    assert_eq!(url("https://example.com:99999/"), ["link FORMAT"]);
}

#[test]
fn url_rejects_a_bracketed_host_that_is_not_ipv6() {
    assert_eq!(url("http://[::1]/"), NONE);
    assert_eq!(url("http://[2001:db8::7]:443/"), NONE);
    assert_eq!(url("http://[zz]/"), ["link FORMAT"]);
    assert_eq!(url("http://[example.com]/"), ["link FORMAT"]);
}

#[test]
fn url_description() {
    let violations = Formats { link: Some("ftp://x".into()), ..Formats::default() }.validate().unwrap_err();
    let violation = violations.iter().next().unwrap();
    assert_eq!(violation.rule(), Rule::Format);
    assert_eq!(violation.description(), "must be an absolute http(s) URL with a host");
}

#[test]
fn format_rules_on_bare_strings() {
    let bad = Formats { plain_id: "nope".into(), plain_link: "nope".into(), ..Formats::default() };
    assert_eq!(found(&bad), ["plain_id FORMAT", "plain_link FORMAT"]);
    let good = Formats {
        plain_id: "6202c3bb-f263-3c16-8c90-d6387d9ed420".into(),
        plain_link: "https://example.com".into(),
        ..Formats::default()
    };
    assert!(good.validate().is_ok());
}

#[test]
fn some_empty_string_is_present_so_formats_fire() {
    let value = Formats { id: Some(String::new()), link: Some(String::new()), ..Formats::default() };
    assert_eq!(found(&value), ["id FORMAT", "link FORMAT"]);
}

// ---------------------------------------------------------------------------------------------
// Several rules on one field, and absent values

#[derive(Payload, Serialize, Debug, Default)]
struct Combined {
    #[payload(length(max = 10), guid)]
    id: Option<String>,
}

#[test]
fn several_rules_on_one_field_each_report() {
    let value = Combined { id: Some("not a guid at all".into()) };
    assert_eq!(found(&value), ["id MAX_LENGTH", "id FORMAT"]);
    let long_guid = Combined { id: Some("6202c3bb-f263-3c16-8c90-d6387d9ed420".into()) };
    assert_eq!(found(&long_guid), ["id MAX_LENGTH"]);
    assert_eq!(found(&Combined { id: Some("short".into()) }), ["id FORMAT"]);
}

#[derive(Payload, Serialize, Debug, Default)]
struct EveryRule {
    #[payload(length(min = 5, max = 10), guid)]
    optional_text: Option<String>,
    #[payload(length(min = 5), url)]
    plain_text: String,
    #[payload(size(min = 2, max = 3), each(length(min = 5), guid, url))]
    list: Vec<String>,
    #[payload(size(min = 2), each(guid))]
    optional_list: Option<Vec<String>>,
    nested: Option<EveryRuleInner>,
    nested_list: Vec<EveryRuleInner>,
}

#[derive(Payload, Serialize, Debug, Default)]
struct EveryRuleInner {
    #[payload(length(min = 3), url)]
    text: Option<String>,
    #[payload(size(min = 1))]
    items: Vec<u8>,
}

#[test]
fn rules_on_absent_values_do_not_fire() {
    // None, an empty bare String, an empty Vec, a None list, and absent nested payloads.
    assert!(EveryRule::default().validate().is_ok());
    // Nested payloads that are present but hold only absent values.
    let value = EveryRule {
        nested: Some(EveryRuleInner::default()),
        nested_list: vec![EveryRuleInner::default(), EveryRuleInner::default()],
        ..EveryRule::default()
    };
    assert!(value.validate().is_ok());
}

#[test]
fn rules_on_present_values_of_the_same_type_fire() {
    // The counterpart of the test above: the same fields, present, break their rules.
    let value = EveryRule {
        optional_text: Some("x".into()),
        plain_text: "x".into(),
        list: vec!["x".into()],
        optional_list: Some(vec![]),
        nested: Some(EveryRuleInner { text: Some("x".into()), items: vec![] }),
        nested_list: vec![
            EveryRuleInner::default(),
            EveryRuleInner { text: Some(String::new()), items: vec![] },
        ],
    };
    assert_eq!(
        found(&value),
        [
            "optional_text MIN_LENGTH",
            "optional_text FORMAT",
            "plain_text MIN_LENGTH",
            "plain_text FORMAT",
            "list MIN_SIZE",
            "list[0] MIN_LENGTH",
            "list[0] FORMAT",
            "list[0] FORMAT",
            "optional_list MIN_SIZE",
            "nested.text MIN_LENGTH",
            "nested.text FORMAT",
            "nested_list[1].text MIN_LENGTH",
            "nested_list[1].text FORMAT",
        ]
    );
}
