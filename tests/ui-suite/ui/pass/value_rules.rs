//! Every value rule on every field type it supports.
use std::borrow::Cow;
use tollgate::{Payload, Validate};

#[derive(Payload, Debug, Default)]
struct Everything<'a> {
    #[payload(length(min = 1, max = 3))]
    plain: String,
    #[payload(length(max = 3), guid)]
    optional: Option<String>,
    #[payload(url)]
    boxed: Option<Box<str>>,
    #[payload(length(max = 3))]
    cow: Option<Cow<'a, str>>,
    #[payload(size(min = 1, max = 2), each(length(max = 2), url))]
    list: Vec<String>,
    #[payload(size(max = 1), each(guid))]
    optional_list: Option<Vec<String>>,
    #[payload(each(length(min = 2)))]
    borrowed: Vec<&'a str>,
}

fn main() {
    assert!(Everything::default().validate().is_ok());
    let broken = Everything {
        plain: "four".into(),
        optional: Some("abcd".into()),
        boxed: Some("ftp://x".into()),
        cow: Some(Cow::Borrowed("ünïcödé")),
        list: vec!["https://a.io".into(), "b".into(), "c".into()],
        optional_list: Some(vec![]),
        borrowed: vec!["x"],
    };
    let found: Vec<String> =
        broken.validate().unwrap_err().iter().map(|v| format!("{} {}", v.path(), v.wix_rule())).collect();
    assert_eq!(
        found,
        [
            "plain MAX_LENGTH",
            "optional MAX_LENGTH",
            "optional FORMAT",
            "boxed FORMAT",
            "cow MAX_LENGTH",
            "list MAX_SIZE",
            "list[0] MAX_LENGTH",
            "list[1] FORMAT",
            "list[2] FORMAT",
            "borrowed[0] MIN_LENGTH",
        ]
    );
}
