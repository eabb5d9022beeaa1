//! What a failed validation reports: every violation in field order across nesting, its
//! `Display` text, its JSON (Wix's `fieldViolations`), the accessors, `build()` reporting the
//! same as `validate()`, and `validate()` on values deserialized from JSON.

use serde::{Deserialize, Serialize};
use serde_json::json;
use tollgate::{Payload, Rule, Validate, Violation, Violations};

/// Every violation as `"path RULE"`, in the order reported.
fn found(violations: &Violations) -> Vec<String> {
    violations.iter().map(|v| format!("{} {}", v.path(), v.wix_rule())).collect()
}

/// `Some(text.to_owned())`, short for the many optional strings below.
#[allow(clippy::unnecessary_wraps)]
fn s(text: &str) -> Option<String> {
    Some(text.to_owned())
}

const GUID: &str = "6202c3bb-f263-3c16-8c90-d6387d9ed420";

#[derive(Payload, Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
#[serde(rename_all = "camelCase")]
#[payload(required(conversation_id, message, message.content))]
struct SendRequest {
    #[payload(guid)]
    conversation_id: Option<String>,
    message: Option<Message>,
    #[serde(default)]
    #[payload(size(max = 2), each(length(max = 5)))]
    tags: Vec<String>,
}

#[derive(Payload, Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
#[serde(rename_all = "camelCase")]
struct Message {
    content: Option<Content>,
    #[payload(length(max = 10))]
    preview_text: Option<String>,
}

#[derive(Payload, Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
#[serde(rename_all = "camelCase")]
#[payload(exactly_one_of(basic, template))]
struct Content {
    basic: Option<Basic>,
    template: Option<String>,
}

#[derive(Payload, Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
#[serde(rename_all = "camelCase")]
#[payload(required(items))]
struct Basic {
    #[serde(default)]
    #[payload(size(max = 3))]
    items: Vec<Item>,
}

#[derive(Payload, Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
#[serde(rename_all = "camelCase")]
#[payload(one_of(text, image))]
struct Item {
    #[payload(length(min = 1, max = 8))]
    text: Option<String>,
    #[payload(url)]
    image: Option<String>,
}

fn text(text: &str) -> Item {
    Item { text: s(text), image: None }
}

/// Nine violations on four levels, none of them of a required path below a list.
fn broken() -> SendRequest {
    SendRequest {
        conversation_id: s("nope"),
        message: Some(Message {
            content: Some(Content {
                basic: Some(Basic {
                    items: vec![
                        text("ok"),
                        Item { text: s("hi"), image: s("ftp://example.com/a.png") },
                        text("far too long"),
                        text(""),
                    ],
                }),
                template: None,
            }),
            preview_text: s("a preview longer than ten"),
        }),
        tags: vec!["a".into(), "toolong".into(), "b".into()],
    }
}

fn valid() -> SendRequest {
    SendRequest {
        conversation_id: s(GUID),
        message: Some(Message {
            content: Some(Content {
                basic: Some(Basic {
                    items: vec![text("hello"), Item { text: None, image: s("https://x.io/a.png") }],
                }),
                template: None,
            }),
            preview_text: s("hello"),
        }),
        tags: vec!["a".into(), "b".into()],
    }
}

#[test]
fn valid_value_has_no_violations() {
    assert_eq!(valid().validate(), Ok(()));
}

#[test]
fn every_violation_in_field_order_across_nesting() {
    let violations = broken().validate().unwrap_err();
    assert_eq!(
        found(&violations),
        [
            "conversationId FORMAT",
            "message.content.basic.items MAX_SIZE",
            "message.content.basic.items[1].image ONE_OF_ALIGNMENT",
            "message.content.basic.items[1].image FORMAT",
            "message.content.basic.items[2].text MAX_LENGTH",
            "message.content.basic.items[3].text MIN_LENGTH",
            "message.previewText MAX_LENGTH",
            "tags MAX_SIZE",
            "tags[1] MAX_LENGTH",
        ]
    );
    assert_eq!(violations.len(), 9);
}

const BROKEN_DISPLAY: &str = "\
conversationId: must be a GUID (8-4-4-4-12 hexadecimal digits) [FORMAT]
message.content.basic.items: must have at most 3 items (it has 4) [MAX_SIZE]
message.content.basic.items[1].image: only one of `text`, `image` may be set, but `text` and `image` are [ONE_OF_ALIGNMENT]
message.content.basic.items[1].image: must be an absolute http(s) URL with a host [FORMAT]
message.content.basic.items[2].text: must be at most 8 characters long (it is 12) [MAX_LENGTH]
message.content.basic.items[3].text: must be at least 1 character long (it is 0) [MIN_LENGTH]
message.previewText: must be at most 10 characters long (it is 25) [MAX_LENGTH]
tags: must have at most 2 items (it has 3) [MAX_SIZE]
tags[1]: must be at most 5 characters long (it is 7) [MAX_LENGTH]";

#[test]
fn display_is_one_line_per_violation_exactly() {
    let violations = broken().validate().unwrap_err();
    assert_eq!(violations.to_string(), BROKEN_DISPLAY);
    assert_eq!(violations.to_string().lines().count(), violations.len());
    // Each violation's own Display is its line.
    let lines: Vec<String> = violations.iter().map(ToString::to_string).collect();
    assert_eq!(lines.join("\n"), BROKEN_DISPLAY);
}

#[test]
fn display_of_a_root_violation_says_root() {
    let violations = Content::default().validate().unwrap_err();
    assert_eq!(
        violations.to_string(),
        "(root): exactly one of `basic`, `template` must be set, but none is [REQUIRED_ONE_OF_FIELD]"
    );
    let nested = SendRequest {
        message: Some(Message { content: Some(Content::default()), ..Message::default() }),
        ..valid()
    };
    assert_eq!(
        nested.validate().unwrap_err().to_string(),
        "message.content: exactly one of `basic`, `template` must be set, but none is [REQUIRED_ONE_OF_FIELD]"
    );
}

#[test]
fn serializes_like_wix_field_violations_exactly() {
    let violations = broken().validate().unwrap_err();
    let expected = json!([
        {
            "field": "conversationId",
            "description": "must be a GUID (8-4-4-4-12 hexadecimal digits)",
            "violatedRule": "FORMAT"
        },
        {
            "field": "message.content.basic.items",
            "description": "must have at most 3 items (it has 4)",
            "violatedRule": "MAX_SIZE"
        },
        {
            "field": "message.content.basic.items[1].image",
            "description": "only one of `text`, `image` may be set, but `text` and `image` are",
            "violatedRule": "ONE_OF_ALIGNMENT"
        },
        {
            "field": "message.content.basic.items[1].image",
            "description": "must be an absolute http(s) URL with a host",
            "violatedRule": "FORMAT"
        },
        {
            "field": "message.content.basic.items[2].text",
            "description": "must be at most 8 characters long (it is 12)",
            "violatedRule": "MAX_LENGTH"
        },
        {
            "field": "message.content.basic.items[3].text",
            "description": "must be at least 1 character long (it is 0)",
            "violatedRule": "MIN_LENGTH"
        },
        {
            "field": "message.previewText",
            "description": "must be at most 10 characters long (it is 25)",
            "violatedRule": "MAX_LENGTH"
        },
        {
            "field": "tags",
            "description": "must have at most 2 items (it has 3)",
            "violatedRule": "MAX_SIZE"
        },
        {
            "field": "tags[1]",
            "description": "must be at most 5 characters long (it is 7)",
            "violatedRule": "MAX_LENGTH"
        }
    ]);
    assert_eq!(serde_json::to_value(&violations).unwrap(), expected);
}

#[test]
fn serialized_text_has_wix_key_order_and_root_field_is_empty() {
    let violations = Content::default().validate().unwrap_err();
    assert_eq!(
        serde_json::to_string(&violations).unwrap(),
        r#"[{"field":"","description":"exactly one of `basic`, `template` must be set, but none is","violatedRule":"REQUIRED_ONE_OF_FIELD"}]"#
    );
    let one = violations.iter().next().unwrap();
    assert_eq!(
        serde_json::to_value(one).unwrap(),
        json!({
            "field": "",
            "description": "exactly one of `basic`, `template` must be set, but none is",
            "violatedRule": "REQUIRED_ONE_OF_FIELD"
        })
    );
}

#[test]
fn accessors() {
    let violations = broken().validate().unwrap_err();
    assert_eq!(violations.len(), 9);
    assert!(!violations.is_empty());
    assert_eq!(violations.iter().count(), violations.len());

    let mut through_ref = Vec::new();
    for violation in &violations {
        through_ref.push(violation.path().to_string());
    }
    let through_iter: Vec<String> = violations.iter().map(|v| v.path().to_string()).collect();
    assert_eq!(through_ref, through_iter);

    let first: &Violation = violations.iter().next().unwrap();
    assert_eq!(first.path(), "conversationId"); // PartialEq<&str>
    assert!(first.path() != "conversation_id");
    assert_eq!(*first.path(), *"conversationId"); // PartialEq<str>
    assert_eq!(first.path().to_string(), "conversationId"); // Display
    assert_eq!(format!("<{}>", first.path()), "<conversationId>");
    assert_eq!(first.path().as_str(), "conversationId");
    assert_eq!(first.rule(), Rule::Format);
    assert_eq!(first.wix_rule(), "FORMAT");
    assert_eq!(first.rule().wix_name(), first.wix_rule());
    assert_eq!(first.description(), "must be a GUID (8-4-4-4-12 hexadecimal digits)");

    let last = violations.iter().last().unwrap();
    assert_eq!(last.path(), "tags[1]");
    assert_eq!(last.rule(), Rule::MaxLength);

    let rules: Vec<Rule> = violations.iter().map(Violation::rule).collect();
    assert_eq!(
        rules,
        [
            Rule::Format,
            Rule::MaxSize,
            Rule::OneOfAlignment,
            Rule::Format,
            Rule::MaxLength,
            Rule::MinLength,
            Rule::MaxLength,
            Rule::MaxSize,
            Rule::MaxLength,
        ]
    );

    // Owned iteration yields the same, in the same order.
    let owned: Vec<Violation> = violations.clone().into_iter().collect();
    assert_eq!(owned.iter().collect::<Vec<_>>(), violations.iter().collect::<Vec<_>>());
}

#[test]
fn every_wix_rule_name() {
    #[derive(Payload, Serialize, Default)]
    #[payload(required(a), one_of(b, c), exactly_one_of(d, e))]
    struct AllRules {
        a: Option<String>,
        b: Option<u8>,
        c: Option<u8>,
        d: Option<u8>,
        e: Option<u8>,
        #[payload(length(min = 2))]
        f: Option<String>,
        #[payload(length(max = 1))]
        g: Option<String>,
        #[payload(size(min = 2))]
        h: Option<Vec<u8>>,
        #[payload(size(max = 0))]
        i: Vec<u8>,
        #[payload(guid)]
        j: Option<String>,
    }
    let value = AllRules {
        a: None,
        b: Some(1),
        c: Some(1),
        d: None,
        e: None,
        f: s("x"),
        g: s("xy"),
        h: Some(vec![1]),
        i: vec![1],
        j: s("x"),
    };
    let violations = value.validate().unwrap_err();
    let names: Vec<&str> = violations.iter().map(Violation::wix_rule).collect();
    assert_eq!(
        names,
        [
            "REQUIRED_FIELD",
            "ONE_OF_ALIGNMENT",
            "REQUIRED_ONE_OF_FIELD",
            "MIN_LENGTH",
            "MAX_LENGTH",
            "MIN_SIZE",
            "MAX_SIZE",
            "FORMAT"
        ]
    );
    for violation in &violations {
        assert_eq!(Rule::from_wix_name(violation.wix_rule()), Some(violation.rule()));
    }
}

#[test]
fn violations_is_an_error() {
    fn fails() -> Result<(), Box<dyn std::error::Error>> {
        broken().validate()?;
        Ok(())
    }
    let error = fails().unwrap_err();
    assert_eq!(error.to_string(), BROKEN_DISPLAY);
}

// ---------------------------------------------------------------------------------------------
// build() runs the same run-time rules

#[test]
fn build_returns_the_same_violations_as_validate() {
    let message = Message {
        content: Some(Content { basic: None, template: None }),
        preview_text: s("a preview longer than ten"),
    };
    let built = SendRequest::builder()
        .conversation_id("nope")
        .message(message.clone())
        .tags(vec!["toolong".into()])
        .build()
        .unwrap_err();
    let literal =
        SendRequest { conversation_id: s("nope"), message: Some(message), tags: vec!["toolong".into()] };
    let validated = literal.validate().unwrap_err();
    assert_eq!(built, validated);
    assert_eq!(
        found(&built),
        [
            "conversationId FORMAT",
            "message.content REQUIRED_ONE_OF_FIELD",
            "message.previewText MAX_LENGTH",
            "tags[0] MAX_LENGTH",
        ]
    );
}

#[test]
fn build_checks_paths_through_lists() {
    let basic =
        Basic { items: vec![text("ok"), Item { text: s("t"), image: s("https://x.io") }, text("nine char")] };
    let violations = Content::builder().basic(basic.clone()).build().unwrap_err();
    assert_eq!(
        found(&violations),
        ["basic.items[1].image ONE_OF_ALIGNMENT", "basic.items[2].text MAX_LENGTH"]
    );
    assert_eq!(violations, Content { basic: Some(basic), template: None }.validate().unwrap_err());
}

#[test]
fn build_of_a_valid_value_returns_it() {
    let built = SendRequest::builder()
        .conversation_id(GUID)
        .message(Message::builder().content(Content::builder().template("welcome")).preview_text("hi"))
        .tags(vec!["a".into()])
        .build()
        .expect("valid");
    let expected = SendRequest {
        conversation_id: s(GUID),
        message: Some(Message {
            content: Some(Content { basic: None, template: s("welcome") }),
            preview_text: s("hi"),
        }),
        tags: vec!["a".into()],
    };
    assert_eq!(built, expected);
    assert_eq!(built.validate(), Ok(()));
}

// ---------------------------------------------------------------------------------------------
// Deserialized values

#[test]
fn validate_a_deserialized_value() {
    let body = r#"{
        "conversationId": "6202c3bb-f263-3c16-8c90-d6387d9ed420",
        "message": {
            "content": {
                "template": "welcome",
                "basic": { "items": [ { "text": "hello" }, { "text": "hi", "image": "https://x.io/a.png" }, {} ] }
            },
            "previewText": "hello"
        },
        "tags": ["x", "y", "z"]
    }"#;
    let request: SendRequest = serde_json::from_str(body).unwrap();
    let violations = request.validate().unwrap_err();
    assert_eq!(
        found(&violations),
        [
            // `basic` is declared before `template`: its items' violations come first, and
            // the group's conflict sits at `template`, the second member set.
            "message.content.basic.items[1].image ONE_OF_ALIGNMENT",
            "message.content.template ONE_OF_ALIGNMENT",
            "tags MAX_SIZE",
        ]
    );
}

#[test]
fn validate_deserialized_values_with_missing_parts() {
    let parse = |body: &str| serde_json::from_str::<SendRequest>(body).unwrap().validate();
    assert_eq!(found(&parse("{}").unwrap_err()), ["conversationId REQUIRED_FIELD", "message REQUIRED_FIELD"]);
    assert_eq!(
        found(
            &parse(r#"{"conversationId": "6202c3bb-f263-3c16-8c90-d6387d9ed420", "message": {}}"#)
                .unwrap_err()
        ),
        ["message.content REQUIRED_FIELD"]
    );
    assert_eq!(
        found(
            &parse(r#"{"conversationId": "6202c3bb-f263-3c16-8c90-d6387d9ed420", "message": {"content": {"basic": {}}}}"#)
                .unwrap_err()
        ),
        ["message.content.basic.items REQUIRED_FIELD"]
    );
    assert_eq!(
        parse(
            r#"{"conversationId": "6202c3bb-f263-3c16-8c90-d6387d9ed420", "message": {"content": {"template": "t"}}}"#
        ),
        Ok(())
    );
}

#[test]
fn a_valid_value_round_trips_through_json_and_stays_valid() {
    let json = serde_json::to_string(&valid()).unwrap();
    let back: SendRequest = serde_json::from_str(&json).unwrap();
    assert_eq!(back, valid());
    assert_eq!(back.validate(), Ok(()));
}

// ---------------------------------------------------------------------------------------------
// Field order when required paths reach below a field that is validated in its own right

#[derive(Payload, Serialize, Debug, Default)]
#[payload(required(outer.second))]
struct ChildOrder {
    outer: Option<TwoFields>,
}

#[derive(Payload, Serialize, Debug, Default)]
struct TwoFields {
    #[payload(length(max = 1))]
    first: Option<String>,
    second: Option<String>,
}

#[test]
fn required_path_violation_keeps_the_childs_field_order() {
    let value = ChildOrder { outer: Some(TwoFields { first: s("long"), second: None }) };
    assert_eq!(
        found(&value.validate().unwrap_err()),
        ["outer.first MAX_LENGTH", "outer.second REQUIRED_FIELD"]
    );
}

#[derive(Payload, Serialize, Debug, Default)]
#[payload(required(items.second))]
struct ElementOrder {
    items: Vec<TwoFields>,
}

#[test]
fn required_path_violations_in_lists_keep_element_order() {
    let value = ElementOrder {
        items: vec![
            TwoFields { first: s("long"), second: None },
            TwoFields { first: s("long"), second: None },
        ],
    };
    assert_eq!(
        found(&value.validate().unwrap_err()),
        [
            "items[0].first MAX_LENGTH",
            "items[0].second REQUIRED_FIELD",
            "items[1].first MAX_LENGTH",
            "items[1].second REQUIRED_FIELD",
        ]
    );
}

#[test]
fn required_path_violations_when_no_other_rule_breaks_are_in_element_order() {
    let value = ElementOrder {
        items: vec![
            TwoFields { first: None, second: None },
            TwoFields { first: None, second: s("ok") },
            TwoFields { first: s("x"), second: None },
        ],
    };
    assert_eq!(
        found(&value.validate().unwrap_err()),
        ["items[0].second REQUIRED_FIELD", "items[2].second REQUIRED_FIELD"]
    );
}
