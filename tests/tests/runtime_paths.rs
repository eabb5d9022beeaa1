//! Wire paths: serde's names (`rename_all` in every convention, `rename`, `rename(serialize =
//! ..)`, raw identifiers, `flatten`) on every level, with list indices. Every path is also
//! looked up in the value's own `serde_json` serialization, so the names a violation reports
//! are the names on the wire.

// One case tests the shape `Option<Box<Vec<T>>>` (and the builder generated for it).
#![allow(clippy::box_collection)]

use serde::Serialize;
use serde_json::Value;
use tollgate::{Payload, Validate};

/// Every violation of `value` as `"path RULE"`, in the order reported; empty when valid.
fn found<T: Validate>(value: &T) -> Vec<String> {
    match value.validate() {
        Ok(()) => Vec::new(),
        Err(violations) => violations.iter().map(|v| format!("{} {}", v.path(), v.wix_rule())).collect(),
    }
}

/// The value at wire path `path` (`a.b[2].c`; empty for the root) in `json`.
fn lookup<'v>(json: &'v Value, path: &str) -> Option<&'v Value> {
    let mut at = json;
    if path.is_empty() {
        return Some(at);
    }
    for part in path.split('.') {
        let (name, indices) = part.find('[').map_or((part, ""), |i| part.split_at(i));
        if !name.is_empty() {
            at = at.as_object()?.get(name)?;
        }
        for index in indices.split('[').skip(1) {
            let index: usize = index.strip_suffix(']')?.parse().ok()?;
            at = at.as_array()?.get(index)?;
        }
    }
    Some(at)
}

/// The violations' paths of `value`, each checked to exist in `value`'s JSON serialization.
fn paths_on_the_wire<T: Validate + Serialize>(value: &T) -> Vec<String> {
    let json = serde_json::to_value(value).expect("serializes");
    let violations = value.validate().expect_err("expected violations");
    violations
        .iter()
        .map(|v| {
            let path = v.path().to_string();
            assert!(lookup(&json, &path).is_some(), "violation path {path:?} is not in the JSON:\n{json:#}");
            path
        })
        .collect()
}

/// `Some(text.to_owned())`, short for the many optional strings below.
#[allow(clippy::unnecessary_wraps)]
fn s(text: &str) -> Option<String> {
    Some(text.to_owned())
}

#[test]
fn lookup_finds_fields_and_indices() {
    let json = serde_json::json!({ "a": { "b-c": [1, { "d": [[0, null]] }] } });
    assert_eq!(lookup(&json, ""), Some(&json));
    assert_eq!(lookup(&json, "a.b-c[0]"), Some(&Value::from(1)));
    assert_eq!(lookup(&json, "a.b-c[1].d[0][1]"), Some(&Value::Null));
    assert_eq!(lookup(&json, "a.b-c[2]"), None);
    assert_eq!(lookup(&json, "a.bc"), None);
    assert_eq!(lookup(&json, "a.b-c[1].d[0][2]"), None);
}

// ---------------------------------------------------------------------------------------------
// rename_all, every convention

/// A payload with every kind of rule on fields with one word, several words and a digit.
macro_rules! convention {
    ($name:ident, $rule:tt) => {
        #[derive(Payload, Serialize, Debug, Default)]
        #[serde(rename_all = $rule)]
        #[payload(required(conversation_id, id, x_ray_2d), one_of(first_choice, second_choice))]
        struct $name {
            conversation_id: Option<String>,
            id: Option<String>,
            x_ray_2d: Option<String>,
            #[payload(length(max = 1))]
            long_field_name: Option<String>,
            first_choice: Option<u8>,
            second_choice: Option<u8>,
            #[payload(size(max = 1), each(guid))]
            member_ids: Vec<String>,
        }

        impl $name {
            fn broken() -> Self {
                $name {
                    conversation_id: None,
                    id: None,
                    x_ray_2d: None,
                    long_field_name: s("ab"),
                    first_choice: Some(1),
                    second_choice: Some(2),
                    member_ids: vec!["6202c3bb-f263-3c16-8c90-d6387d9ed420".into(), "nope".into()],
                }
            }
        }
    };
}

convention!(Camel, "camelCase");
convention!(Pascal, "PascalCase");
convention!(Snake, "snake_case");
convention!(ScreamingSnake, "SCREAMING_SNAKE_CASE");
convention!(Kebab, "kebab-case");
convention!(ScreamingKebab, "SCREAMING-KEBAB-CASE");
convention!(Lower, "lowercase");
convention!(Upper, "UPPERCASE");

/// Asserts the violations of the convention's broken value, given the wire names of its
/// fields in order, and that its JSON has exactly those keys.
fn assert_convention<T: Validate + Serialize>(value: &T, names: [&str; 7]) {
    let [conversation_id, id, x_ray_2d, long_field_name, first_choice, second_choice, member_ids] = names;
    assert_eq!(
        found(value),
        [
            format!("{conversation_id} REQUIRED_FIELD"),
            format!("{id} REQUIRED_FIELD"),
            format!("{x_ray_2d} REQUIRED_FIELD"),
            format!("{long_field_name} MAX_LENGTH"),
            format!("{second_choice} ONE_OF_ALIGNMENT"),
            format!("{member_ids} MAX_SIZE"),
            format!("{member_ids}[1] FORMAT"),
        ]
    );
    let violations = value.validate().unwrap_err();
    let one_of = violations.iter().find(|v| v.wix_rule() == "ONE_OF_ALIGNMENT").unwrap();
    assert_eq!(
        one_of.description(),
        format!(
            "only one of `{first_choice}`, `{second_choice}` may be set, \
             but `{first_choice}` and `{second_choice}` are"
        )
    );

    paths_on_the_wire(value);
    let json = serde_json::to_value(value).unwrap();
    let mut keys: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    let mut sorted = names.to_vec();
    sorted.sort_unstable();
    assert_eq!(keys, sorted, "serde's keys differ from the wire names tollgate reports");
}

#[test]
fn rename_all_camel_case() {
    let names =
        ["conversationId", "id", "xRay2d", "longFieldName", "firstChoice", "secondChoice", "memberIds"];
    assert_convention(&Camel::broken(), names);
}

#[test]
fn rename_all_pascal_case() {
    let names =
        ["ConversationId", "Id", "XRay2d", "LongFieldName", "FirstChoice", "SecondChoice", "MemberIds"];
    assert_convention(&Pascal::broken(), names);
}

#[test]
fn rename_all_snake_case() {
    let names = [
        "conversation_id",
        "id",
        "x_ray_2d",
        "long_field_name",
        "first_choice",
        "second_choice",
        "member_ids",
    ];
    assert_convention(&Snake::broken(), names);
}

#[test]
fn rename_all_screaming_snake_case() {
    let names = [
        "CONVERSATION_ID",
        "ID",
        "X_RAY_2D",
        "LONG_FIELD_NAME",
        "FIRST_CHOICE",
        "SECOND_CHOICE",
        "MEMBER_IDS",
    ];
    assert_convention(&ScreamingSnake::broken(), names);
}

#[test]
fn rename_all_kebab_case() {
    let names = [
        "conversation-id",
        "id",
        "x-ray-2d",
        "long-field-name",
        "first-choice",
        "second-choice",
        "member-ids",
    ];
    assert_convention(&Kebab::broken(), names);
}

#[test]
fn rename_all_screaming_kebab_case() {
    let names = [
        "CONVERSATION-ID",
        "ID",
        "X-RAY-2D",
        "LONG-FIELD-NAME",
        "FIRST-CHOICE",
        "SECOND-CHOICE",
        "MEMBER-IDS",
    ];
    assert_convention(&ScreamingKebab::broken(), names);
}

#[test]
fn rename_all_lowercase() {
    // serde's "lowercase" leaves snake_case field names as they are.
    let names = [
        "conversation_id",
        "id",
        "x_ray_2d",
        "long_field_name",
        "first_choice",
        "second_choice",
        "member_ids",
    ];
    assert_convention(&Lower::broken(), names);
}

#[test]
fn rename_all_uppercase() {
    let names = [
        "CONVERSATION_ID",
        "ID",
        "X_RAY_2D",
        "LONG_FIELD_NAME",
        "FIRST_CHOICE",
        "SECOND_CHOICE",
        "MEMBER_IDS",
    ];
    assert_convention(&Upper::broken(), names);
}

#[derive(Payload, Serialize, Debug, Default)]
#[payload(required(conversation_id))]
struct NoRenameAll {
    conversation_id: Option<String>,
}

#[test]
fn no_rename_all_keeps_the_rust_names() {
    assert_eq!(paths_on_the_wire(&NoRenameAll::default()), ["conversation_id"]);
}

// ---------------------------------------------------------------------------------------------
// rename, rename(serialize = ..), rename_all(serialize = ..), raw identifiers

#[derive(Payload, Serialize, Debug, Default)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[payload(required(conversation_id, new_name, old_name, both_names, plain_field, r#type))]
struct Renames {
    #[serde(rename = "convId")]
    conversation_id: Option<String>,
    #[serde(rename(serialize = "newName", deserialize = "new"))]
    new_name: Option<String>,
    // Only a deserialize name: serialization falls back to `rename_all`.
    #[serde(rename(deserialize = "legacy"))]
    old_name: Option<String>,
    #[serde(rename(deserialize = "in", serialize = "out"))]
    both_names: Option<String>,
    plain_field: Option<String>,
    r#type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "after-other-keys")]
    #[payload(length(max = 1))]
    after_other_keys: Option<String>,
}

#[test]
fn rename_overrides_rename_all() {
    let value = Renames { after_other_keys: s("too long"), ..Renames::default() };
    assert_eq!(
        paths_on_the_wire(&value),
        ["convId", "newName", "OLD_NAME", "out", "PLAIN_FIELD", "TYPE", "after-other-keys"]
    );
}

#[derive(Payload, Serialize, Debug, Default)]
#[serde(rename_all(serialize = "kebab-case", deserialize = "camelCase"))]
#[payload(required(page_token))]
struct SplitRenameAll {
    page_token: Option<String>,
}

#[derive(Payload, Serialize, Debug, Default)]
#[serde(rename_all(deserialize = "camelCase"))]
#[payload(required(page_token))]
struct DeserializeOnlyRenameAll {
    page_token: Option<String>,
}

#[test]
fn rename_all_uses_the_serialize_rule() {
    assert_eq!(paths_on_the_wire(&SplitRenameAll::default()), ["page-token"]);
    assert_eq!(paths_on_the_wire(&DeserializeOnlyRenameAll::default()), ["page_token"]);
}

#[derive(Payload, Serialize, Debug, Default)]
#[serde(rename_all = "camelCase")]
#[payload(required(r#type, r#match.r#ref))]
struct RawIdents {
    r#type: Option<String>,
    r#match: Option<RawInner>,
}

#[derive(Payload, Serialize, Debug, Default)]
#[serde(rename_all = "PascalCase")]
struct RawInner {
    r#ref: Option<String>,
}

#[test]
fn raw_identifiers_lose_their_prefix() {
    let value = RawIdents { r#type: None, r#match: Some(RawInner::default()) };
    assert_eq!(paths_on_the_wire(&value), ["type", "match.Ref"]);
}

// ---------------------------------------------------------------------------------------------
// flatten

#[derive(Payload, Serialize, Debug, Default)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[payload(required(request_id, paging.page_token))]
struct Listing {
    request_id: Option<String>,
    #[serde(flatten)]
    paging: Paging,
    #[serde(flatten)]
    filter: Option<Filter>,
}

#[derive(Payload, Serialize, Debug, Default)]
#[serde(rename_all = "camelCase")]
struct Paging {
    #[payload(length(max = 2))]
    page_token: Option<String>,
    #[payload(size(max = 1), each(length(max = 3)))]
    sort_keys: Vec<String>,
}

#[derive(Payload, Serialize, Debug, Default)]
#[serde(rename_all = "kebab-case")]
#[payload(one_of(by_name, by_id))]
struct Filter {
    by_name: Option<String>,
    #[payload(guid)]
    by_id: Option<String>,
}

#[test]
fn flattened_fields_sit_at_the_parents_level_with_their_own_names() {
    let value = Listing {
        request_id: None,
        paging: Paging { page_token: None, sort_keys: vec!["a".into(), "long".into()] },
        filter: Some(Filter { by_name: s("n"), by_id: s("nope") }),
    };
    assert_eq!(
        paths_on_the_wire(&value),
        ["REQUEST_ID", "pageToken", "sortKeys", "sortKeys[1]", "by-id", "by-id"]
    );
    assert_eq!(
        found(&value),
        [
            "REQUEST_ID REQUIRED_FIELD",
            "pageToken REQUIRED_FIELD",
            "sortKeys MAX_SIZE",
            "sortKeys[1] MAX_LENGTH",
            "by-id ONE_OF_ALIGNMENT",
            "by-id FORMAT",
        ]
    );
}

#[test]
fn flattened_value_rule_on_a_present_field() {
    let value = Listing {
        request_id: s("r"),
        paging: Paging { page_token: s("abc"), sort_keys: vec![] },
        filter: None,
    };
    assert_eq!(paths_on_the_wire(&value), ["pageToken"]);
    assert_eq!(found(&value), ["pageToken MAX_LENGTH"]);
}

#[derive(Payload, Serialize, Debug, Default)]
#[serde(rename_all = "camelCase")]
struct Listings {
    all_listings: Vec<Listing>,
    #[serde(rename = "main")]
    main_listing: Option<Box<Listing>>,
}

#[test]
fn flattened_fields_inside_list_elements_and_boxes() {
    let valid = || Listing {
        request_id: s("r"),
        paging: Paging { page_token: s("t"), sort_keys: vec![] },
        filter: None,
    };
    let value = Listings {
        all_listings: vec![valid(), Listing { request_id: s("r"), ..Listing::default() }],
        main_listing: Some(Box::new(Listing {
            filter: Some(Filter { by_name: None, by_id: s("bad") }),
            ..valid()
        })),
    };
    assert_eq!(paths_on_the_wire(&value), ["allListings[1].pageToken", "main.by-id"]);
    assert_eq!(found(&value), ["allListings[1].pageToken REQUIRED_FIELD", "main.by-id FORMAT"]);
}

// ---------------------------------------------------------------------------------------------
// A different rename on every level

#[derive(Payload, Serialize, Debug, Default)]
#[serde(rename_all = "camelCase")]
#[payload(required(message_body, message_body.content_items.item_text))]
struct Request {
    #[serde(rename = "msg")]
    message_body: Option<Body>,
}

#[derive(Payload, Serialize, Debug, Default)]
#[serde(rename_all = "PascalCase")]
struct Body {
    content_items: Vec<Entry>,
    #[payload(length(max = 3))]
    body_title: Option<String>,
}

#[derive(Payload, Serialize, Debug, Default)]
#[serde(rename_all = "kebab-case")]
struct Entry {
    #[serde(rename = "TXT")]
    item_text: Option<String>,
    #[payload(length(max = 3))]
    alt_text: Option<String>,
    sub_entries: Option<Vec<SubEntry>>,
}

#[derive(Payload, Serialize, Debug, Default)]
#[serde(rename_all = "SCREAMING-KEBAB-CASE")]
struct SubEntry {
    #[payload(url)]
    image_url: Option<String>,
}

fn entry(text: Option<&str>, alt: Option<&str>, subs: Option<Vec<Option<&str>>>) -> Entry {
    Entry {
        item_text: text.map(str::to_owned),
        alt_text: alt.map(str::to_owned),
        sub_entries: subs
            .map(|subs| subs.into_iter().map(|url| SubEntry { image_url: url.map(str::to_owned) }).collect()),
    }
}

#[test]
fn required_path_renamed_on_every_level() {
    let value = Request {
        message_body: Some(Body {
            content_items: vec![
                entry(Some("a"), None, None),
                entry(Some("b"), None, None),
                entry(None, None, None),
            ],
            body_title: None,
        }),
    };
    assert_eq!(paths_on_the_wire(&value), ["msg.ContentItems[2].TXT"]);
    assert_eq!(paths_on_the_wire(&Request::default()), ["msg"]);
}

#[test]
fn value_rules_renamed_on_every_level() {
    let value = Request {
        message_body: Some(Body {
            content_items: vec![
                entry(Some("a"), Some("ok"), Some(vec![Some("https://example.com/a.png")])),
                entry(Some("b"), Some("long"), None),
                entry(Some("c"), None, Some(vec![None, Some("https://example.com"), Some("nope")])),
            ],
            body_title: s("long"),
        }),
    };
    assert_eq!(
        paths_on_the_wire(&value),
        ["msg.ContentItems[1].alt-text", "msg.ContentItems[2].sub-entries[2].IMAGE-URL", "msg.BodyTitle",]
    );
}

/// A path continues through a `Box` around a list or an `Option`, as through the list or the
/// `Option` itself (`Option<Box<Vec<T>>>`).
#[derive(Payload, Serialize)]
#[serde(rename_all = "camelCase")]
#[payload(required(boxed_items.item_name, boxed_maybe.item_name))]
struct BoxedContainers {
    boxed_items: Option<Box<Vec<BoxedItem>>>,
    boxed_maybe: Box<Option<BoxedItem>>,
}

#[derive(Payload, Serialize)]
#[serde(rename_all = "camelCase")]
struct BoxedItem {
    item_name: Option<String>,
}

#[test]
fn paths_continue_through_a_box_around_a_list_or_an_option() {
    let value = BoxedContainers {
        boxed_items: Some(Box::new(vec![
            BoxedItem { item_name: Some("a".into()) },
            BoxedItem { item_name: None },
        ])),
        boxed_maybe: Box::new(Some(BoxedItem { item_name: None })),
    };
    assert_eq!(
        found(&value),
        ["boxedItems[1].itemName REQUIRED_FIELD", "boxedMaybe.itemName REQUIRED_FIELD"]
    );
    let json = serde_json::to_value(&value).unwrap();
    assert!(lookup(&json, "boxedItems[1]").is_some() && lookup(&json, "boxedMaybe").is_some());
}

/// Fields behind `Rc`, `Arc` and `Box` report what the same fields without them report, at the
/// same paths: absent and empty pointees add nothing, present ones everything.
#[test]
fn pointers_validate_as_their_pointees() {
    use std::rc::Rc;
    use std::sync::Arc;

    #[derive(Payload, Clone, Default)]
    #[payload(required(id))]
    struct Item {
        id: Option<String>,
    }

    #[derive(Payload)]
    struct Plain {
        items: Vec<Item>,
        one: Option<Item>,
        boxed: Item,
    }

    #[derive(Payload)]
    struct Pointers {
        items: Rc<Vec<Item>>,
        one: Arc<Option<Item>>,
        boxed: Box<Item>,
    }

    let missing = Item { id: None };
    let plain = |items: Vec<Item>, one: Option<Item>| Plain { items, one, boxed: missing.clone() };
    let pointers = |items: Vec<Item>, one: Option<Item>| Pointers {
        items: Rc::new(items),
        one: Arc::new(one),
        boxed: Box::new(missing.clone()),
    };
    for (items, one) in [
        (Vec::new(), None),
        (vec![missing.clone(), Item { id: Some("x".into()) }, missing.clone()], Some(missing.clone())),
    ] {
        let expected = found(&plain(items.clone(), one.clone()));
        assert_eq!(found(&pointers(items, one)), expected);
        assert!(expected.iter().any(|v| v == "boxed.id REQUIRED_FIELD"), "{expected:?}");
    }
    let full = found(&pointers(vec![missing.clone(), missing.clone()], Some(missing.clone())));
    assert_eq!(
        full,
        [
            "items[0].id REQUIRED_FIELD",
            "items[1].id REQUIRED_FIELD",
            "one.id REQUIRED_FIELD",
            "boxed.id REQUIRED_FIELD"
        ]
    );
}

/// A payload whose checks are all rules on its own fields validates as a field's value
/// (`validate_member`, which the derive writes for it to check at unbuilt paths) with the
/// violations, paths and order of `validate_into` at the built path: each rule kind broken,
/// alone and together, under a renamed, flattened-free parent at a position.
#[test]
fn a_leaf_payload_as_a_field_reports_what_validate_into_reports() {
    use tollgate::{Path, Violations};

    #[derive(Payload, Serialize, Clone)]
    #[serde(rename_all = "camelCase")]
    #[payload(required(item_id, note))]
    struct Leaf {
        #[payload(no_presence, length(min = 1, max = 4))]
        item_id: String,
        note: Option<String>,
        #[payload(url)]
        link_url: Option<String>,
        #[payload(size(max = 1), each(guid))]
        tag_ids: Vec<String>,
    }

    let valid =
        Leaf { item_id: "a".into(), note: s("n"), link_url: s("https://x.example/"), tag_ids: vec![] };
    let mut cases = vec![valid.clone()];
    cases.push(Leaf { item_id: String::new(), ..valid.clone() });
    cases.push(Leaf { item_id: "toolong".into(), note: None, ..valid.clone() });
    cases.push(Leaf { link_url: s("ftp://x"), ..valid.clone() });
    cases.push(Leaf {
        tag_ids: vec!["x".into(), "6202c3bb-f263-3c16-8c90-d6387d9ed420".into()],
        ..valid.clone()
    });
    cases.push(Leaf { item_id: String::new(), note: None, link_url: s("x"), tag_ids: vec!["y".into(); 3] });
    let root = Path::root();
    let parent = root.member("outer", 5);
    for leaf in &cases {
        let mut built = Violations::new();
        leaf.validate_into(&parent.member("leafValue", 2), &mut built);
        let mut lazy = Violations::new();
        Some(leaf.clone()).validate_member(parent.lazy("leafValue", 2), &mut lazy);
        let text = |out: &Violations| {
            out.iter().map(|v| format!("{} {}", v.path(), v.wix_rule())).collect::<Vec<_>>()
        };
        assert_eq!(text(&lazy), text(&built));
    }
    let mut out = Violations::new();
    Some(cases[5].clone()).validate_member(parent.lazy("leafValue", 2), &mut out);
    assert_eq!(out.len(), 7, "{out}");
    assert!(out.iter().all(|v| v.path().to_string().starts_with("outer.leafValue.")), "{out}");
}
