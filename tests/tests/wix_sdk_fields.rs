//! Every request field of Wix's Send Message, as Wix's SDK types and annotates it, against the
//! Inbox model.
//!
//! `fixtures/wix-sdk/send-message-fields.tsv` lists every field of every interface reachable
//! from `SendMessageRequest` in `@wix/auto_sdk_inbox_messages` (the version is in the file),
//! with its TypeScript type (`string` has no presence, `string | null` has), its one-of group,
//! its annotations (`@minLength`, `@maxLength`, `@minSize`, `@maxSize`, `@format`,
//! `@readonly`, `@requiredField`) and the limits the SDK states only in prose. For each field,
//! in each place its interface occurs in a request, the test builds the documents at and past
//! each bound, absent, `null`, empty, malformed and in every proto3 JSON form of its number or
//! timestamp, works out from the table alone what Wix reports for each (rule and wire path), and
//! asserts that `validate()` (or, for a value of the wrong type, deserialization) says the same.

use std::collections::BTreeMap;

use serde_json::{json, Value};
use tollgate::wix::inbox::SendMessageRequest;
use tollgate::{Validate, WirePath};

const TABLE: &str = include_str!("../fixtures/wix-sdk/send-message-fields.tsv");
const GUID: &str = "6202c3bb-f263-3c16-8c90-d6387d9ed420";

// ---------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------

/// One row of the table: a field and what the SDK says of it.
#[derive(Debug, Clone)]
struct Field {
    interface: String,
    wire: String,
    sdk_type: String,
    proto3: String,
    one_of: Option<String>,
    annotations: BTreeMap<String, String>,
    prose: String,
}

impl Field {
    fn bound(&self, tag: &str) -> Option<usize> {
        self.annotations.get(tag).map(|value| value.parse().expect("a numeric bound"))
    }

    fn prose_bound(&self, rule: &str) -> Option<usize> {
        let rest = self.prose.strip_prefix(rule)?.trim_start();
        rest.split_whitespace().next()?.parse().ok()
    }

    fn repeated(&self) -> bool {
        self.proto3.starts_with("repeated ")
    }

    /// The kind of one value: `string`, `int32`, `message`, ... (of an element, for a list).
    fn kind(&self) -> &str {
        self.proto3.trim_start_matches("repeated ")
    }

    /// The interface a message field holds (of its elements, for a list).
    fn message_type(&self) -> &str {
        self.sdk_type.trim_end_matches(" | null").trim_end_matches("[]")
    }

    /// proto3 presence: a wrapper (`string | null`), a one-of member, a message.
    fn has_presence(&self) -> bool {
        !self.repeated()
            && (self.sdk_type.ends_with(" | null") || self.one_of.is_some() || self.kind() == "message")
    }

    fn read_only(&self) -> bool {
        self.annotations.contains_key("readonly")
    }

    fn required(&self) -> bool {
        self.annotations.contains_key("requiredField")
    }

    fn format(&self) -> Option<&str> {
        self.annotations.get("format").map(String::as_str)
    }

    fn min_length(&self) -> Option<usize> {
        self.bound("minLength")
    }

    /// `@maxLength` of the value, or of each element for a list.
    fn max_length(&self) -> Option<usize> {
        self.bound("maxLength").or_else(|| self.prose_bound("eachMaxLength"))
    }

    fn min_size(&self) -> Option<usize> {
        self.bound("minSize")
    }

    fn max_size(&self) -> Option<usize> {
        self.bound("maxSize").or_else(|| self.prose_bound("maxSize"))
    }

    fn exactly_one(&self) -> bool {
        self.prose.starts_with("exactlyOne")
    }
}

fn table() -> Vec<Field> {
    let mut lines = TABLE.lines().filter(|line| !line.starts_with('#'));
    let header: Vec<&str> = lines.next().expect("a header").split('\t').collect();
    assert_eq!(
        header,
        ["interface", "sdk_field", "wire_field", "sdk_type", "proto3", "one_of", "annotations", "prose"]
    );
    lines
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            assert_eq!(cells.len(), header.len(), "{line}");
            let dash = |cell: &str| (cell != "-").then(|| cell.to_owned());
            let mut annotations = BTreeMap::new();
            for annotation in cells[6].split('@').map(str::trim).filter(|a| !a.is_empty() && *a != "-") {
                let (tag, value) = annotation.split_once(' ').unwrap_or((annotation, ""));
                annotations.insert(tag.to_owned(), value.to_owned());
            }
            Field {
                interface: cells[0].to_owned(),
                wire: cells[2].to_owned(),
                sdk_type: cells[3].to_owned(),
                proto3: cells[4].to_owned(),
                one_of: dash(cells[5]),
                annotations,
                prose: dash(cells[7]).unwrap_or_default(),
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

fn wire_path(steps: &[Step]) -> String {
    let mut out = WirePath::new();
    for step in steps {
        match step {
            Step::Key(key) => out.push_field(key),
            Step::Index(index) => out.push_index(*index),
        }
    }
    out.into()
}

fn at<'a>(document: &'a mut Value, steps: &[Step]) -> &'a mut Value {
    steps.iter().fold(document, |value, step| match step {
        Step::Key(key) => &mut value[key.as_str()],
        Step::Index(index) => &mut value[*index],
    })
}

fn keys(path: &str) -> Vec<Step> {
    path.split('.')
        .filter(|segment| !segment.is_empty())
        .flat_map(|segment| match segment.split_once('[') {
            Some((key, index)) => {
                vec![
                    Step::Key(key.to_owned()),
                    Step::Index(index.trim_end_matches(']').parse().expect("an index")),
                ]
            }
            None => vec![Step::Key(segment.to_owned())],
        })
        .collect()
}

/// A valid value of each interface, as small as Wix accepts.
fn sample(interface: &str) -> Value {
    match interface {
        "SendMessageRequest" => json!({"conversationId": GUID, "message": sample("Message")}),
        "Message" => json!({"content": sample("MessageContent")}),
        "MessageContent" => json!({"basic": sample("BasicMessagePayload")}),
        "BasicMessagePayload" => json!({"items": [{"text": "Hi"}]}),
        "ImageMessage" => json!({"url": "https://example.com/pot.jpg"}),
        "FileMessage" => json!({"url": "https://example.com/receipt.pdf"}),
        "TemplateMessagePayload" => json!({"title": "Choose"}),
        "Button" => json!({"label": "Open"}),
        "PostbackProperties" => json!({"interactionId": "reschedule"}),
        "MinimalMessagePayload" => json!({"text": "Signed up"}),
        "FormMessagePayload" => json!({"title": "Booking", "fields": [sample("FormField")]}),
        "FormField" => json!({"name": "Name", "value": "Ada"}),
        "Badge" => json!({"text": "Email"}),
        "BasicMessageData" | "MediaItem" | "SystemMessagePayload" | "IdentificationData" => json!({}),
        other => panic!("no sample of {other}: add one for the table's new interface"),
    }
}

/// A place an interface occurs in a request: a valid request with a valid instance at `at`.
struct Place {
    document: Value,
    at: Vec<Step>,
    /// Inside a read-only field: the server ignores what is sent there.
    read_only: bool,
}

fn request_with(content: Value) -> Value {
    let mut request = json!({"conversationId": GUID, "message": {}});
    request["message"]["content"] = content;
    request
}

fn places(interface: &str) -> Vec<Place> {
    let place = |document: Value, path: &str| Place { document, at: keys(path), read_only: false };
    let basic = |item: Value| request_with(json!({"basic": {"items": [item]}}));
    let form = |change: &dyn Fn(&mut Value)| {
        let mut form = sample("FormMessagePayload");
        change(&mut form);
        request_with(json!({"form": form}))
    };
    let template_buttons = || {
        request_with(json!({"template": {"buttons": [
            {"label": "First", "postbackProperties": sample("PostbackProperties")}, sample("Button")
        ]}}))
    };
    match interface {
        "SendMessageRequest" => vec![place(sample("SendMessageRequest"), "")],
        "Message" => vec![place(sample("SendMessageRequest"), "message")],
        "MessageContent" => vec![place(sample("SendMessageRequest"), "message.content")],
        "BasicMessagePayload" => vec![place(sample("SendMessageRequest"), "message.content.basic")],
        "BasicMessageData" => vec![place(
            request_with(json!({"basic": {"items": [{"text": "Hi"}, {}]}})),
            "message.content.basic.items[1]",
        )],
        "ImageMessage" => vec![
            place(basic(json!({"image": sample("ImageMessage")})), "message.content.basic.items[0].image"),
            place(
                form(&|f| f["media"] = json!([{"image": sample("ImageMessage")}])),
                "message.content.form.media[0].image",
            ),
        ],
        "FileMessage" => vec![
            place(basic(json!({"file": sample("FileMessage")})), "message.content.basic.items[0].file"),
            place(
                form(&|f| f["media"] = json!([{"file": sample("FileMessage")}])),
                "message.content.form.media[0].file",
            ),
        ],
        "TemplateMessagePayload" => {
            vec![place(
                request_with(json!({"template": sample("TemplateMessagePayload")})),
                "message.content.template",
            )]
        }
        "Button" => vec![
            place(template_buttons(), "message.content.template.buttons[1]"),
            place(
                request_with(json!({"system": {"buttons": [sample("Button")]}})),
                "message.content.system.buttons[0]",
            ),
        ],
        "PostbackProperties" => {
            vec![place(template_buttons(), "message.content.template.buttons[0].postbackProperties")]
        }
        "MinimalMessagePayload" => {
            vec![place(
                request_with(json!({"minimal": sample("MinimalMessagePayload")})),
                "message.content.minimal",
            )]
        }
        "FormMessagePayload" => vec![place(form(&|_| {}), "message.content.form")],
        "FormField" => vec![place(form(&|_| {}), "message.content.form.fields[0]")],
        "MediaItem" => vec![place(form(&|f| f["media"] = json!([{}])), "message.content.form.media[0]")],
        "SystemMessagePayload" => vec![place(request_with(json!({"system": {}})), "message.content.system")],
        "IdentificationData" => {
            let mut document = sample("SendMessageRequest");
            document["message"]["sender"] = json!({});
            vec![Place { document, at: keys("message.sender"), read_only: true }]
        }
        "Badge" => {
            let mut document = sample("SendMessageRequest");
            document["message"]["badges"] = json!([sample("Badge")]);
            vec![place(document, "message.badges[0]")]
        }
        other => panic!("no place for {other}: add one for the table's new interface"),
    }
}

// ---------------------------------------------------------------------------------------------
// What Wix reports, from the table
// ---------------------------------------------------------------------------------------------

type Finding = (String, String);

fn finding(path: &str, rule: &str) -> Finding {
    (path.to_owned(), rule.to_owned())
}

/// What leaving `field` out (or `null`) at `path` is reported as.
fn absent(field: &Field, path: &str) -> Vec<Finding> {
    if field.required() {
        vec![finding(path, "REQUIRED_FIELD")]
    } else if field.repeated() && field.min_size().is_some_and(|min| min > 0) {
        vec![finding(path, "MIN_SIZE")]
    } else if !field.has_presence() && field.min_length().is_some_and(|min| min > 0) {
        vec![finding(path, "MIN_LENGTH")]
    } else if field.exactly_one() {
        // The member was the group's only one set: now none is.
        let parent = path.rsplit_once('.').map_or("", |(parent, _)| parent);
        vec![finding(parent, "REQUIRED_ONE_OF_FIELD")]
    } else {
        Vec::new()
    }
}

/// What an empty object of `interface` at `path` is reported as: each field absent.
fn empty_object(table: &[Field], interface: &str, path: &str) -> Vec<Finding> {
    let fields: Vec<&Field> = table.iter().filter(|field| field.interface == interface).collect();
    let mut out: Vec<Finding> = Vec::new();
    if fields.iter().any(|field| field.exactly_one()) {
        out.push(finding(path, "REQUIRED_ONE_OF_FIELD"));
    }
    for field in fields.iter().filter(|field| !field.exactly_one() && !field.read_only()) {
        out.extend(absent(field, &join(path, &field.wire)));
    }
    out
}

fn join(path: &str, wire: &str) -> String {
    if path.is_empty() {
        wire.to_owned()
    } else {
        format!("{path}.{wire}")
    }
}

/// `n` characters: a web URL when the field is one, else two-byte characters.
fn text_of(field: &Field, n: usize) -> String {
    match field.format() {
        Some("WEB_URL") => {
            let url = format!("https://example.com/{}", "é".repeat(n - 20));
            assert_eq!(url.chars().count(), n);
            url
        }
        _ => "é".repeat(n),
    }
}

fn valid_string(field: &Field) -> Value {
    match field.format() {
        Some("GUID") => json!(GUID),
        Some("WEB_URL") => json!("https://example.com/icon.png"),
        _ => json!("x".repeat(field.min_length().unwrap_or(1).max(1))),
    }
}

/// One document and what it must produce.
struct Case {
    what: String,
    document: Value,
    expected: Outcome,
}

#[derive(Debug)]
enum Outcome {
    /// These violations, in any order.
    Findings(Vec<Finding>),
    /// The value is of the wrong type: reading fails at this path (`FORMAT` in `tollgate check`).
    Unreadable(String),
}

/// Sets (or, for `None`, removes) the field in a copy of the place's document, alone in its
/// one-of group so that the case says one thing.
fn with(table: &[Field], place: &Place, field: &Field, value: Option<Value>) -> Value {
    let mut document = place.document.clone();
    let object = at(&mut document, &place.at).as_object_mut().expect("an object");
    if let Some(group) = &field.one_of {
        let members = table
            .iter()
            .filter(|other| other.interface == field.interface && other.one_of.as_ref() == Some(group));
        for member in members {
            object.remove(&member.wire);
        }
    }
    match value {
        Some(value) => object.insert(field.wire.clone(), value),
        None => object.remove(&field.wire),
    };
    document
}

type Findings<'a> = &'a dyn Fn(Vec<Finding>) -> Outcome;
type AddCase<'a> = &'a mut dyn FnMut(&str, Option<Value>, Outcome);

fn cases_for(table: &[Field], field: &Field, place: &Place) -> Vec<Case> {
    let path = join(&wire_path(&place.at), &field.wire);
    let ignored = place.read_only || field.read_only();
    let findings = |list: Vec<Finding>| Outcome::Findings(if ignored { Vec::new() } else { list });
    let mut cases = Vec::new();
    let mut case = |what: &str, value: Option<Value>, expected: Outcome| {
        cases.push(Case {
            what: format!("{path} {what}"),
            document: with(table, place, field, value),
            expected,
        });
    };

    let absent_findings = absent(field, &path);
    case("absent", None, findings(absent_findings.clone()));
    case("null", Some(Value::Null), findings(absent_findings.clone()));
    match field.kind() {
        _ if field.repeated() => list_cases(field, &path, &absent_findings, &findings, &mut case),
        "string" => string_cases(field, &path, &absent_findings, &findings, &mut case),
        "message" => {
            let interface = field.message_type();
            case("= a valid value", Some(sample(interface)), findings(Vec::new()));
            // `{}` is the value, set (so a group it is in is satisfied), with every field absent.
            case("= {}", Some(json!({})), findings(empty_object(table, interface, &path)));
        }
        kind => scalar_cases(kind, &path, &findings, &mut case),
    }
    cases.extend(conflict_case(table, field, place, &findings));
    cases
}

/// Numbers, timestamps, booleans and enums, in every form proto3 JSON reads and a few it does not.
fn scalar_cases(kind: &str, path: &str, findings: Findings<'_>, case: AddCase<'_>) {
    let (good, bad): (Vec<Value>, Vec<Value>) = match kind {
        "int32" => (
            vec![json!(100), json!("100"), json!(100.0), json!(-7), json!(2_147_483_647)],
            vec![json!(1.5), json!("abc"), json!("1.5"), json!(2_147_483_648_i64), json!(true)],
        ),
        "int64" => (
            vec![json!("1718023456789012"), json!(1_718_023_456_789_012_i64), json!("-1")],
            vec![json!("abc"), json!(0.5), json!("9223372036854775808")],
        ),
        "timestamp" => (
            vec![
                json!("2024-06-14T10:15:30Z"),
                json!("2024-06-14T10:15:30.123Z"),
                json!("2024-06-14T12:15:30.5+02:00"),
            ],
            vec![json!("yesterday"), json!("2024-06-14"), json!(1_718_360_130)],
        ),
        "bool" => (vec![json!(true), json!(false)], vec![json!("true")]),
        // Wix adds enum values over time: an unknown one is kept, not refused.
        "enum" => (vec![json!("A_VALUE_FROM_THE_FUTURE")], vec![json!(3)]),
        other => panic!("no cases for proto3 kind {other}"),
    };
    for value in good {
        case(&format!("= {value}"), Some(value), findings(Vec::new()));
    }
    for value in bad {
        case(&format!("= {value}"), Some(value), Outcome::Unreadable(path.to_owned()));
    }
}

/// A one-of member set beside another member of its group: Wix's conflict, at the later one.
fn conflict_case(table: &[Field], field: &Field, place: &Place, findings: Findings<'_>) -> Option<Case> {
    let group = field.one_of.as_ref()?;
    let other = table
        .iter()
        .find(|other| {
            other.interface == field.interface
                && other.one_of.as_ref() == Some(group)
                && other.wire != field.wire
        })
        .expect("a group has two members");
    let mut document = with(table, place, field, Some(other_value(field)));
    at(&mut document, &place.at)[other.wire.as_str()] = other_value(other);
    let later = later_member(table, field, other);
    Some(Case {
        what: format!("{} with {} also set", join(&wire_path(&place.at), &field.wire), other.wire),
        document,
        expected: findings(vec![finding(&join(&wire_path(&place.at), later), "ONE_OF_ALIGNMENT")]),
    })
}

fn other_value(field: &Field) -> Value {
    match field.kind() {
        "message" => sample(field.message_type()),
        _ => valid_string(field),
    }
}

/// Of two members of a group, the one declared later: where Wix's conflict is reported.
fn later_member<'a>(table: &'a [Field], a: &'a Field, b: &'a Field) -> &'a str {
    let position = |field: &Field| {
        table
            .iter()
            .position(|row| row.interface == field.interface && row.wire == field.wire)
            .expect("a row")
    };
    if position(a) > position(b) {
        &a.wire
    } else {
        &b.wire
    }
}

fn string_cases(
    field: &Field,
    path: &str,
    absent_findings: &[Finding],
    findings: Findings<'_>,
    case: AddCase<'_>,
) {
    case("= a valid value", Some(valid_string(field)), findings(Vec::new()));
    // `""` is absent for a plain `string`, a value for `string | null` and one-of members.
    let empty = if field.has_presence() {
        let mut empty = Vec::new();
        if field.min_length().is_some_and(|min| min > 0) {
            empty.push(finding(path, "MIN_LENGTH"));
        }
        if field.format().is_some() {
            empty.push(finding(path, "FORMAT"));
        }
        empty
    } else {
        absent_findings.to_vec()
    };
    case("= \"\"", Some(json!("")), findings(empty));
    if let Some(min) = field.min_length().filter(|&min| min > 1) {
        case("at its minimum", Some(json!(text_of(field, min))), findings(Vec::new()));
        case(
            "under its minimum",
            Some(json!(text_of(field, min - 1))),
            findings(vec![finding(path, "MIN_LENGTH")]),
        );
    }
    if let Some(max) = field.max_length() {
        case("at its maximum", Some(json!(text_of(field, max))), findings(Vec::new()));
        case(
            "over its maximum",
            Some(json!(text_of(field, max + 1))),
            findings(vec![finding(path, "MAX_LENGTH")]),
        );
    }
    match field.format() {
        Some("GUID") => {
            case("= an upper-case GUID", Some(json!(GUID.to_uppercase())), findings(Vec::new()));
            for bad in [
                "not-a-guid",
                "6202c3bb-f263-3c16-8c90-d6387d9ed42",
                "{6202c3bb-f263-3c16-8c90-d6387d9ed420}",
            ] {
                case(&format!("= {bad}"), Some(json!(bad)), findings(vec![finding(path, "FORMAT")]));
            }
        }
        Some("WEB_URL") => {
            for bad in ["example.com/icon.png", "ftp://example.com/icon.png", "/icon.png"] {
                case(&format!("= {bad}"), Some(json!(bad)), findings(vec![finding(path, "FORMAT")]));
            }
        }
        Some(other) => panic!("no cases for @format {other}"),
        None => {}
    }
    case("= 42", Some(json!(42)), Outcome::Unreadable(path.to_owned()));
}

fn list_cases(
    field: &Field,
    path: &str,
    absent_findings: &[Finding],
    findings: Findings<'_>,
    case: AddCase<'_>,
) {
    let element = match field.kind() {
        "message" => sample(field.message_type()),
        "enum" => json!("CHAT"),
        "string" => json!("channel-1"),
        other => panic!("no element of {other}"),
    };
    let list = |n: usize| Some(Value::Array(vec![element.clone(); n]));
    case("= []", list(0), findings(absent_findings.to_vec()));
    case("with one item", list(1), findings(Vec::new()));
    if let Some(min) = field.min_size().filter(|&min| min > 1) {
        case("at its minimum", list(min), findings(Vec::new()));
        case("under its minimum", list(min - 1), findings(vec![finding(path, "MIN_SIZE")]));
    }
    if let Some(max) = field.max_size() {
        case("at its maximum", list(max), findings(Vec::new()));
        case("over its maximum", list(max + 1), findings(vec![finding(path, "MAX_SIZE")]));
    }
    if let Some(max) = field.max_length() {
        let items = |n: usize| Some(json!(["channel-1", text_of(field, n)]));
        case("with an item at its maximum length", items(max), findings(Vec::new()));
        let second = format!("{path}[1]");
        case(
            "with an item over its maximum length",
            items(max + 1),
            findings(vec![finding(&second, "MAX_LENGTH")]),
        );
    }
    case("= \"x\"", Some(json!("x")), Outcome::Unreadable(path.to_owned()));
}

// ---------------------------------------------------------------------------------------------
// The test
// ---------------------------------------------------------------------------------------------

fn outcome_of(document: &Value) -> Outcome {
    let text = document.to_string();
    let mut deserializer = serde_json::Deserializer::from_str(&text);
    match serde_path_to_error::deserialize::<_, SendMessageRequest>(&mut deserializer) {
        Ok(request) => {
            let mut found: Vec<Finding> = match request.validate() {
                Ok(()) => Vec::new(),
                Err(violations) => {
                    violations.iter().map(|v| finding(v.path().as_str(), v.wix_rule())).collect()
                }
            };
            found.sort();
            Outcome::Findings(found)
        }
        Err(error) => Outcome::Unreadable(error.path().to_string()),
    }
}

fn agrees(expected: &Outcome, actual: &Outcome) -> bool {
    match (expected, actual) {
        (Outcome::Findings(expected), Outcome::Findings(actual)) => {
            let mut expected = expected.clone();
            expected.sort();
            expected == *actual
        }
        (Outcome::Unreadable(expected), Outcome::Unreadable(actual)) => expected == actual,
        _ => false,
    }
}

#[test]
fn every_request_field_is_judged_as_wix_judges_it() {
    let table = table();
    assert_eq!(table.len(), 73, "the table holds every field of @wix/auto_sdk_inbox_messages' request types");
    let mut failures = Vec::new();
    let mut documents = 0;
    for field in &table {
        let places = places(&field.interface);
        for place in &places {
            assert!(
                matches!(outcome_of(&place.document), Outcome::Findings(ref found) if found.is_empty()),
                "the place of {} is not a valid request: {}",
                field.interface,
                place.document
            );
            for case in cases_for(&table, field, place) {
                documents += 1;
                let actual = outcome_of(&case.document);
                if !agrees(&case.expected, &actual) {
                    failures.push(format!(
                        "{}\n  expected {:?}\n  got      {actual:?}\n  document {}",
                        case.what, case.expected, case.document
                    ));
                }
            }
        }
    }
    eprintln!("{} fields, {documents} documents", table.len());
    assert!(documents >= 600, "only {documents} documents");
    assert!(
        failures.is_empty(),
        "{} of {documents} documents disagree:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The model reads and writes back every field of the table: none is dropped as unknown.
#[test]
fn the_model_keeps_every_field_of_the_table() {
    let table = table();
    for field in &table {
        let place = &places(&field.interface)[0];
        let value = match field.kind() {
            _ if field.repeated() => match field.kind() {
                "message" => json!([sample(field.message_type())]),
                "enum" => json!(["CHAT"]),
                _ => json!(["channel-1"]),
            },
            "string" => valid_string(field),
            "int32" => json!(100),
            "int64" => json!("12"),
            "timestamp" => json!("2024-06-14T10:15:30.123Z"),
            "bool" => json!(true),
            "enum" => json!("CHAT"),
            _ => sample(field.message_type()),
        };
        let document = with(&table, place, field, Some(value.clone()));
        let request: SendMessageRequest = serde_json::from_value(document.clone())
            .unwrap_or_else(|error| panic!("{}.{}: {error}", field.interface, field.wire));
        let mut back = serde_json::to_value(&request).expect("serializes");
        let written = at(&mut back, &place.at).get(&field.wire).cloned();
        assert_eq!(written, Some(value), "{}.{} does not round-trip", field.interface, field.wire);
    }
}
