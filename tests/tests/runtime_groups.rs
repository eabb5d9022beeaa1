//! Run-time one-of groups: `one_of` allows at most one member, `exactly_one_of` exactly one.
//! A conflict is one `ONE_OF_ALIGNMENT` at the second present member, naming every member
//! that is set; an empty exactly-one group is `REQUIRED_ONE_OF_FIELD` at its container.

use payloads_elsewhere::Note;
use serde::Serialize;
use tollgate::{Payload, Rule, Validate, Violation, Violations};

/// Every violation of `value` as `"path RULE"`, in the order reported; empty when valid.
fn found<T: Validate>(value: &T) -> Vec<String> {
    match value.validate() {
        Ok(()) => Vec::new(),
        Err(violations) => violations.iter().map(|v| format!("{} {}", v.path(), v.wix_rule())).collect(),
    }
}

fn only(violations: &Violations) -> &Violation {
    assert_eq!(violations.len(), 1, "expected exactly one violation, got:\n{violations}");
    violations.iter().next().unwrap()
}

/// `Some(text.to_owned())`, short for the many optional strings below.
#[allow(clippy::unnecessary_wraps)]
fn s(text: &str) -> Option<String> {
    Some(text.to_owned())
}

#[derive(Payload, Serialize, Debug, Default, Clone)]
#[payload(one_of(text, image, video))]
struct Media {
    text: Option<String>,
    image: Option<String>,
    video: Option<String>,
    caption: Option<String>,
}

const MEDIA_MEMBERS: &str = "only one of `text`, `image`, `video` may be set";

#[test]
fn one_of_with_no_member_set_is_valid() {
    assert!(Media::default().validate().is_ok());
    assert!(Media { caption: s("c"), ..Media::default() }.validate().is_ok());
}

#[test]
fn one_of_with_one_member_set_is_valid() {
    assert!(Media { text: s("t"), ..Media::default() }.validate().is_ok());
    assert!(Media { image: s("i"), ..Media::default() }.validate().is_ok());
    assert!(Media { video: s("v"), caption: s("c"), ..Media::default() }.validate().is_ok());
}

#[test]
fn one_of_first_and_second_set_reports_at_the_second() {
    let violations = Media { text: s("t"), image: s("i"), ..Media::default() }.validate().unwrap_err();
    let violation = only(&violations);
    assert_eq!(violation.path(), "image");
    assert_eq!(violation.rule(), Rule::OneOfAlignment);
    assert_eq!(violation.wix_rule(), "ONE_OF_ALIGNMENT");
    assert_eq!(violation.description(), format!("{MEDIA_MEMBERS}, but `text` and `image` are"));
}

#[test]
fn one_of_first_and_third_set_reports_at_the_third() {
    let violations = Media { text: s("t"), video: s("v"), ..Media::default() }.validate().unwrap_err();
    let violation = only(&violations);
    assert_eq!(violation.path(), "video");
    assert_eq!(violation.description(), format!("{MEDIA_MEMBERS}, but `text` and `video` are"));
}

#[test]
fn one_of_second_and_third_set_reports_at_the_third() {
    let violations = Media { image: s("i"), video: s("v"), ..Media::default() }.validate().unwrap_err();
    let violation = only(&violations);
    assert_eq!(violation.path(), "video");
    assert_eq!(violation.description(), format!("{MEDIA_MEMBERS}, but `image` and `video` are"));
}

#[test]
fn one_of_all_three_set_is_one_violation_at_the_second_naming_all_three() {
    let value = Media { text: s("t"), image: s("i"), video: s("v"), caption: None };
    let violations = value.validate().unwrap_err();
    let violation = only(&violations);
    assert_eq!(violation.path(), "image");
    assert_eq!(violation.wix_rule(), "ONE_OF_ALIGNMENT");
    assert_eq!(violation.description(), format!("{MEDIA_MEMBERS}, but `text`, `image` and `video` are"));
    for member in ["`text`", "`image`", "`video`"] {
        assert!(violation.description().contains(member), "{member} missing from {violation}");
    }
}

#[test]
fn one_of_conflict_counts_some_empty_string_as_set() {
    let violations = Media { text: s(""), image: s(""), ..Media::default() }.validate().unwrap_err();
    assert_eq!(only(&violations).path(), "image");
}

#[derive(Payload, Serialize, Debug, Default)]
#[serde(rename_all = "camelCase")]
#[payload(one_of(plain_text, image_url))]
struct Renamed {
    plain_text: Option<String>,
    image_url: Option<String>,
}

#[test]
fn one_of_uses_wire_names_in_path_and_description() {
    let violations = Renamed { plain_text: s("t"), image_url: s("u") }.validate().unwrap_err();
    let violation = only(&violations);
    assert_eq!(violation.path(), "imageUrl");
    assert_eq!(
        violation.description(),
        "only one of `plainText`, `imageUrl` may be set, but `plainText` and `imageUrl` are"
    );
}

// ---------------------------------------------------------------------------------------------
// exactly_one_of

#[derive(Payload, Serialize, Debug, Default, Clone)]
#[serde(rename_all = "camelCase")]
#[payload(exactly_one_of(basic, template_id, form))]
struct Content {
    basic: Option<String>,
    template_id: Option<String>,
    form: Option<Vec<String>>,
    #[payload(length(max = 5))]
    preview_text: Option<String>,
}

const NONE_SET: &str = "exactly one of `basic`, `templateId`, `form` must be set, but none is";

#[test]
fn exactly_one_with_none_set_at_the_root_reports_the_empty_path() {
    let violations = Content::default().validate().unwrap_err();
    let violation = only(&violations);
    assert_eq!(violation.path(), "");
    assert_eq!(violation.path().as_str(), "");
    assert_eq!(violation.rule(), Rule::RequiredOneOfField);
    assert_eq!(violation.wix_rule(), "REQUIRED_ONE_OF_FIELD");
    assert_eq!(violation.description(), NONE_SET);
    assert_eq!(violations.to_string(), format!("(root): {NONE_SET} [REQUIRED_ONE_OF_FIELD]"));
}

#[test]
fn exactly_one_with_one_set_is_valid() {
    assert!(Content { basic: s("b"), ..Content::default() }.validate().is_ok());
    assert!(Content { template_id: s("t"), ..Content::default() }.validate().is_ok());
    // `Some(vec![])` is present.
    assert!(Content { form: Some(vec![]), ..Content::default() }.validate().is_ok());
}

#[test]
fn exactly_one_with_two_set_is_one_alignment_violation_only() {
    let violations =
        Content { template_id: s("t"), form: Some(vec![]), ..Content::default() }.validate().unwrap_err();
    let violation = only(&violations);
    assert_eq!(violation.path(), "form");
    assert_eq!(violation.wix_rule(), "ONE_OF_ALIGNMENT");
    assert_eq!(
        violation.description(),
        "only one of `basic`, `templateId`, `form` may be set, but `templateId` and `form` are"
    );
}

#[test]
fn exactly_one_with_none_set_and_another_rule_broken() {
    let value = Content { preview_text: s("too long"), ..Content::default() };
    assert_eq!(found(&value), [" REQUIRED_ONE_OF_FIELD", "previewText MAX_LENGTH"]);
}

#[derive(Payload, Serialize, Debug, Default)]
#[serde(rename_all = "camelCase")]
struct Message {
    message_content: Option<Content>,
}

#[derive(Payload, Serialize, Debug, Default)]
struct Envelope {
    message: Option<Message>,
}

#[test]
fn exactly_one_with_none_set_nested_reports_the_containing_object() {
    let value = Envelope { message: Some(Message { message_content: Some(Content::default()) }) };
    let violations = value.validate().unwrap_err();
    let violation = only(&violations);
    assert_eq!(violation.path(), "message.messageContent");
    assert_eq!(violation.wix_rule(), "REQUIRED_ONE_OF_FIELD");
    assert_eq!(violation.description(), NONE_SET);
}

#[test]
fn exactly_one_in_an_absent_container_is_not_checked() {
    assert!(Envelope { message: None }.validate().is_ok());
    assert!(Envelope { message: Some(Message { message_content: None }) }.validate().is_ok());
}

#[test]
fn nested_conflict_path_goes_through_the_container() {
    let content =
        Content { basic: s("b"), template_id: s("t"), form: Some(vec!["f".into()]), preview_text: None };
    let value = Envelope { message: Some(Message { message_content: Some(content) }) };
    let violations = value.validate().unwrap_err();
    let violation = only(&violations);
    assert_eq!(violation.path(), "message.messageContent.templateId");
    assert_eq!(
        violation.description(),
        "only one of `basic`, `templateId`, `form` may be set, but `basic`, `templateId` and `form` are"
    );
}

// ---------------------------------------------------------------------------------------------
// Groups inside list elements

#[derive(Payload, Serialize, Debug, Default)]
struct Thread {
    contents: Vec<Content>,
    media: Option<Vec<Media>>,
}

#[test]
fn groups_in_list_elements_report_with_indices() {
    let value = Thread {
        contents: vec![
            Content { basic: s("ok"), ..Content::default() },
            Content::default(),
            Content { basic: s("b"), template_id: s("t"), ..Content::default() },
            Content::default(),
        ],
        media: Some(vec![
            Media::default(),
            Media { image: s("i"), video: s("v"), ..Media::default() },
            Media { text: s("t"), ..Media::default() },
        ]),
    };
    assert_eq!(
        found(&value),
        [
            "contents[1] REQUIRED_ONE_OF_FIELD",
            "contents[2].templateId ONE_OF_ALIGNMENT",
            "contents[3] REQUIRED_ONE_OF_FIELD",
            "media[1].video ONE_OF_ALIGNMENT",
        ]
    );
}

#[test]
fn groups_in_valid_list_elements() {
    let value = Thread {
        contents: vec![Content { form: Some(vec![]), ..Content::default() }],
        media: Some(vec![Media::default(), Media { video: s("v"), ..Media::default() }]),
    };
    assert!(value.validate().is_ok());
}

// ---------------------------------------------------------------------------------------------
// Two groups in one type; a group in another crate's type

#[derive(Payload, Serialize, Debug, Default)]
#[payload(one_of(a, b), exactly_one_of(c, d))]
struct TwoGroups {
    a: Option<u8>,
    b: Option<u8>,
    c: Option<u8>,
    d: Option<u8>,
}

#[test]
fn two_groups_are_checked_independently_in_field_order() {
    assert_eq!(found(&TwoGroups { c: Some(1), ..TwoGroups::default() }), Vec::<String>::new());
    assert_eq!(found(&TwoGroups::default()), [" REQUIRED_ONE_OF_FIELD"]);
    assert_eq!(
        found(&TwoGroups { a: Some(1), b: Some(2), c: Some(3), d: Some(4) }),
        ["b ONE_OF_ALIGNMENT", "d ONE_OF_ALIGNMENT"]
    );
    assert_eq!(
        found(&TwoGroups { a: Some(1), b: Some(2), ..TwoGroups::default() }),
        ["b ONE_OF_ALIGNMENT", " REQUIRED_ONE_OF_FIELD"]
    );
}

#[derive(Payload, Serialize, Debug, Default)]
#[serde(rename_all = "camelCase")]
struct Board {
    pinned_notes: Vec<Note>,
}

#[test]
fn group_of_another_crates_type_reports_with_its_wire_names() {
    let value = Board {
        pinned_notes: vec![
            Note { text: s("t"), ..Note::default() },
            Note::default(),
            Note { text: s("t"), link: s("https://example.com"), ..Note::default() },
        ],
    };
    let violations = value.validate().unwrap_err();
    assert_eq!(
        found(&value),
        ["pinnedNotes[1] REQUIRED_ONE_OF_FIELD", "pinnedNotes[2].link ONE_OF_ALIGNMENT"]
    );
    let descriptions: Vec<&str> = violations.iter().map(Violation::description).collect();
    assert_eq!(
        descriptions,
        [
            "exactly one of `text`, `link` must be set, but none is",
            "only one of `text`, `link` may be set, but `text` and `link` are",
        ]
    );
}

/// Two structs with one `Option<u8>` field per name and an exactly-one group of all of them:
/// `Wide64` with the 64 names, `Wide65` with one more. The derive checks groups of up to 64
/// members as a bit set and larger ones as a list, and both must read bit 63 and member 65 like
/// any other.
macro_rules! wide_groups {
    ([$($field:ident),*], $extra:ident) => {
        #[derive(Payload, Debug, Default)]
        #[payload(exactly_one_of($($field),*))]
        struct Wide64 {
            $($field: Option<u8>,)*
        }

        #[derive(Payload, Debug, Default)]
        #[payload(exactly_one_of($($field,)* $extra))]
        struct Wide65 {
            $($field: Option<u8>,)*
            $extra: Option<u8>,
        }
    };
}

wide_groups!(
    [
        m00, m01, m02, m03, m04, m05, m06, m07, m08, m09, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19,
        m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39,
        m40, m41, m42, m43, m44, m45, m46, m47, m48, m49, m50, m51, m52, m53, m54, m55, m56, m57, m58, m59,
        m60, m61, m62, m63
    ],
    m64
);

#[test]
fn groups_of_64_and_65_members_read_every_member() {
    assert_eq!(found(&Wide64::default()), [" REQUIRED_ONE_OF_FIELD"]);
    assert_eq!(found(&Wide64 { m63: Some(1), ..Wide64::default() }), Vec::<String>::new());
    assert_eq!(found(&Wide64 { m00: Some(1), m63: Some(1), ..Wide64::default() }), ["m63 ONE_OF_ALIGNMENT"]);
    assert_eq!(found(&Wide64 { m62: Some(1), m63: Some(1), ..Wide64::default() }), ["m63 ONE_OF_ALIGNMENT"]);

    assert_eq!(found(&Wide65::default()), [" REQUIRED_ONE_OF_FIELD"]);
    assert_eq!(found(&Wide65 { m64: Some(1), ..Wide65::default() }), Vec::<String>::new());
    assert_eq!(found(&Wide65 { m63: Some(1), m64: Some(1), ..Wide65::default() }), ["m64 ONE_OF_ALIGNMENT"]);
    let violations = Wide65 { m01: Some(1), m64: Some(1), ..Wide65::default() }.validate().unwrap_err();
    assert!(only(&violations).description().ends_with("but `m01` and `m64` are"), "{violations}");
}
