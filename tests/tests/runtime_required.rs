//! Run-time required paths: `a` must be present, `a.b` requires `b` only where `a` is present,
//! through `Option`, `Box`, lists (every element, at its index), nested lists, any depth, and
//! into payload types of another crate (with that crate's wire names).

use payloads_elsewhere::{Line, Note};
use serde::Serialize;
use tollgate::{Payload, Validate};

/// Every violation of `value` as `"path RULE"`, in the order reported; empty when valid.
fn found<T: Validate>(value: &T) -> Vec<String> {
    match value.validate() {
        Ok(()) => Vec::new(),
        Err(violations) => {
            assert!(!violations.is_empty(), "validate() returned Err with no violations");
            violations.iter().map(|v| format!("{} {}", v.path(), v.wix_rule())).collect()
        }
    }
}

/// `Some(text.to_owned())`, short for the many optional strings below.
#[allow(clippy::unnecessary_wraps)]
fn s(text: &str) -> Option<String> {
    Some(text.to_owned())
}

// ---------------------------------------------------------------------------------------------
// One level: `parent.child`

#[derive(Payload, Serialize, Debug, Default)]
#[payload(required(parent.child))]
struct Conditional {
    parent: Option<Parent>,
}

#[derive(Payload, Serialize, Debug, Default)]
struct Parent {
    other: Option<String>,
    child: Option<String>,
}

#[test]
fn absent_parent_does_not_require_its_child() {
    assert!(Conditional { parent: None }.validate().is_ok());
    assert_eq!(found(&Conditional::default()), Vec::<String>::new());
}

#[test]
fn present_parent_requires_its_child() {
    let value = Conditional { parent: Some(Parent { other: s("x"), child: None }) };
    assert_eq!(found(&value), ["parent.child REQUIRED_FIELD"]);
    let violations = value.validate().unwrap_err();
    assert_eq!(violations.len(), 1);
    let violation = violations.iter().next().unwrap();
    assert_eq!(violation.path(), "parent.child");
    assert_eq!(violation.description(), "is required");
}

#[test]
fn present_parent_with_child_is_valid() {
    let value = Conditional { parent: Some(Parent { other: None, child: s("here") }) };
    assert!(value.validate().is_ok());
}

#[test]
fn some_empty_string_is_present() {
    // `Some("")` is present: only a bare `String` uses proto3's "empty is unset".
    let value = Conditional { parent: Some(Parent { other: None, child: s("") }) };
    assert!(value.validate().is_ok());
}

#[derive(Payload, Serialize, Debug, Default)]
#[payload(required(parent, parent.child))]
struct BothRequired {
    parent: Option<Parent>,
}

#[test]
fn required_parent_absent_reports_only_the_parent() {
    assert_eq!(found(&BothRequired { parent: None }), ["parent REQUIRED_FIELD"]);
}

#[test]
fn required_parent_present_without_child_reports_the_child() {
    let value = BothRequired { parent: Some(Parent::default()) };
    assert_eq!(found(&value), ["parent.child REQUIRED_FIELD"]);
}

#[derive(Payload, Serialize, Debug, Default)]
#[payload(required(first, second, third))]
struct TopLevel {
    first: Option<String>,
    second: Option<u32>,
    third: Option<bool>,
    unrelated: Option<String>,
}

#[test]
fn top_level_required_fields_each_reported_in_field_order() {
    assert_eq!(
        found(&TopLevel::default()),
        ["first REQUIRED_FIELD", "second REQUIRED_FIELD", "third REQUIRED_FIELD"]
    );
    let partly = TopLevel { second: Some(0), ..TopLevel::default() };
    assert_eq!(found(&partly), ["first REQUIRED_FIELD", "third REQUIRED_FIELD"]);
    let full = TopLevel { first: s("a"), second: Some(0), third: Some(false), unrelated: None };
    assert!(full.validate().is_ok());
}

// ---------------------------------------------------------------------------------------------
// Lists

#[derive(Payload, Serialize, Debug, Default)]
#[payload(required(items.name))]
struct Order {
    items: Vec<Item>,
}

#[derive(Payload, Serialize, Debug, Default, Clone)]
struct Item {
    name: Option<String>,
    sku: Option<String>,
}

fn item(name: Option<&str>) -> Item {
    Item { name: name.map(str::to_owned), sku: s("sku") }
}

#[test]
fn list_segment_applies_to_every_element_at_its_index() {
    let order = Order { items: vec![item(Some("a")), item(None), item(Some("c")), item(None)] };
    assert_eq!(found(&order), ["items[1].name REQUIRED_FIELD", "items[3].name REQUIRED_FIELD"]);
}

#[test]
fn list_segment_first_and_only_element() {
    assert_eq!(found(&Order { items: vec![item(None)] }), ["items[0].name REQUIRED_FIELD"]);
    assert!(Order { items: vec![item(Some("a"))] }.validate().is_ok());
}

#[test]
fn empty_list_has_no_elements_to_require_anything_of() {
    assert!(Order { items: vec![] }.validate().is_ok());
}

#[test]
fn list_with_many_elements_reports_two_digit_indices() {
    let mut items: Vec<Item> = (0..12).map(|_| item(Some("x"))).collect();
    items[10] = item(None);
    assert_eq!(found(&Order { items }), ["items[10].name REQUIRED_FIELD"]);
}

#[derive(Payload, Serialize, Debug, Default)]
#[payload(required(items, items.name))]
struct OptionalList {
    items: Option<Vec<Item>>,
}

#[test]
fn option_of_list_some_empty_is_present_and_none_is_absent() {
    assert!(OptionalList { items: Some(vec![]) }.validate().is_ok());
    assert_eq!(found(&OptionalList { items: None }), ["items REQUIRED_FIELD"]);
    assert_eq!(
        found(&OptionalList { items: Some(vec![item(None), item(Some("b"))]) }),
        ["items[0].name REQUIRED_FIELD"]
    );
}

#[derive(Payload, Serialize, Debug, Default)]
#[payload(required(slots.name))]
struct Slots {
    slots: Vec<Option<Item>>,
}

#[test]
fn absent_elements_of_a_list_of_options_are_skipped_and_indices_kept() {
    let value = Slots { slots: vec![None, Some(item(Some("a"))), None, Some(item(None))] };
    assert_eq!(found(&value), ["slots[3].name REQUIRED_FIELD"]);
}

#[derive(Payload, Serialize, Debug, Default)]
#[payload(required(grid.text))]
struct Grid {
    grid: Vec<Vec<Cell>>,
}

#[derive(Payload, Serialize, Debug, Default)]
struct Cell {
    text: Option<String>,
}

fn cell(text: Option<&str>) -> Cell {
    Cell { text: text.map(str::to_owned) }
}

#[test]
fn nested_lists_give_one_index_per_level() {
    let value = Grid {
        grid: vec![vec![cell(Some("a")), cell(None)], vec![], vec![cell(None), cell(Some("b")), cell(None)]],
    };
    assert_eq!(
        found(&value),
        [
            "grid[0][1].text REQUIRED_FIELD",
            "grid[2][0].text REQUIRED_FIELD",
            "grid[2][2].text REQUIRED_FIELD"
        ]
    );
}

#[derive(Payload, Serialize, Debug, Default)]
#[payload(required(sections.rows.cells.text))]
struct Document {
    sections: Option<Vec<Section>>,
}

#[derive(Payload, Serialize, Debug, Default)]
struct Section {
    rows: Vec<Row>,
}

#[derive(Payload, Serialize, Debug, Default)]
struct Row {
    cells: Vec<Vec<Cell>>,
}

#[test]
fn lists_inside_lists_inside_an_option() {
    let value = Document {
        sections: Some(vec![
            Section { rows: vec![Row { cells: vec![vec![cell(Some("ok"))]] }] },
            Section {
                rows: vec![
                    Row { cells: vec![] },
                    Row {
                        cells: vec![
                            vec![cell(Some("a")), cell(Some("b"))],
                            vec![cell(Some("c")), cell(None)],
                        ],
                    },
                ],
            },
        ]),
    };
    assert_eq!(found(&value), ["sections[1].rows[1].cells[1][1].text REQUIRED_FIELD"]);
    assert!(Document { sections: None }.validate().is_ok());
    assert!(Document { sections: Some(vec![]) }.validate().is_ok());
}

// ---------------------------------------------------------------------------------------------
// Option<Box<..>>, Box and depth

#[derive(Payload, Serialize, Debug, Default)]
#[payload(required(node, node.value, node.next.value, node.next.next.value))]
struct Chain {
    node: Option<Box<Node>>,
}

#[derive(Payload, Serialize, Debug, Default)]
struct Node {
    value: Option<String>,
    next: Option<Box<Node>>,
}

fn node(value: Option<&str>, next: Option<Node>) -> Node {
    Node { value: value.map(str::to_owned), next: next.map(Box::new) }
}

#[test]
fn option_box_absent_at_each_depth_stops_the_path() {
    assert_eq!(found(&Chain { node: None }), ["node REQUIRED_FIELD"]);
    // node present, node.next absent: node.next.value and below are not required.
    let one = Chain { node: Some(Box::new(node(Some("1"), None))) };
    assert!(one.validate().is_ok());
    let two = Chain { node: Some(Box::new(node(Some("1"), Some(node(Some("2"), None))))) };
    assert!(two.validate().is_ok());
}

#[test]
fn option_box_missing_values_at_three_depths() {
    let value = Chain { node: Some(Box::new(node(None, Some(node(None, Some(node(None, None))))))) };
    assert_eq!(
        found(&value),
        [
            "node.value REQUIRED_FIELD",
            "node.next.value REQUIRED_FIELD",
            "node.next.next.value REQUIRED_FIELD"
        ]
    );
}

#[test]
fn option_box_only_the_deepest_missing() {
    let value =
        Chain { node: Some(Box::new(node(Some("1"), Some(node(Some("2"), Some(node(None, None))))))) };
    assert_eq!(found(&value), ["node.next.next.value REQUIRED_FIELD"]);
}

#[derive(Payload, Serialize, Debug)]
#[payload(required(boxed.value))]
struct Boxed {
    boxed: Box<Node>,
}

#[test]
fn bare_box_is_walked_through() {
    assert_eq!(found(&Boxed { boxed: Box::new(node(None, None)) }), ["boxed.value REQUIRED_FIELD"]);
    assert!(Boxed { boxed: Box::new(node(Some("v"), None)) }.validate().is_ok());
}

#[derive(Payload, Serialize, Debug, Default)]
#[payload(required(a.b.c.d.e))]
struct Deep {
    a: Option<LevelA>,
}

#[derive(Payload, Serialize, Debug, Default)]
struct LevelA {
    b: Option<Box<LevelB>>,
}

#[derive(Payload, Serialize, Debug, Default)]
struct LevelB {
    c: Vec<LevelC>,
}

#[derive(Payload, Serialize, Debug, Default)]
struct LevelC {
    d: Option<Box<LevelD>>,
}

#[derive(Payload, Serialize, Debug, Default)]
struct LevelD {
    e: Option<String>,
}

/// A `LevelC` whose `d` is present and holds `e`.
fn level_c(e: Option<&str>) -> LevelC {
    LevelC { d: Some(Box::new(LevelD { e: e.map(str::to_owned) })) }
}

/// A `LevelC` without `d`.
fn level_c_without_d() -> LevelC {
    LevelC { d: None }
}

#[test]
fn five_segments_deep_through_option_box_and_list() {
    let value = Deep {
        a: Some(LevelA {
            b: Some(Box::new(LevelB {
                c: vec![level_c(Some("ok")), level_c(None), level_c_without_d(), level_c(None)],
            })),
        }),
    };
    assert_eq!(found(&value), ["a.b.c[1].d.e REQUIRED_FIELD", "a.b.c[3].d.e REQUIRED_FIELD"]);
}

#[test]
fn five_segments_deep_absent_at_every_level_is_valid() {
    assert!(Deep { a: None }.validate().is_ok());
    assert!(Deep { a: Some(LevelA { b: None }) }.validate().is_ok());
    assert!(Deep { a: Some(LevelA { b: Some(Box::new(LevelB { c: vec![] })) }) }.validate().is_ok());
    let no_d = Deep { a: Some(LevelA { b: Some(Box::new(LevelB { c: vec![level_c_without_d()] })) }) };
    assert!(no_d.validate().is_ok());
}

// ---------------------------------------------------------------------------------------------
// Another crate's types

#[derive(Payload, Serialize, Debug, Default)]
#[serde(rename_all = "camelCase")]
#[payload(required(pinned_note, pinned_note.text, pinned_note.preview_title, pinned_note.lines.label_text))]
struct Board {
    pinned_note: Option<Note>,
}

fn line(label: Option<&str>) -> Line {
    Line { label_text: label.map(str::to_owned), words: None }
}

#[test]
fn cross_crate_paths_use_the_other_crates_wire_names() {
    let note = Note {
        text: None,
        link: s("https://example.com"),
        preview_title: None,
        lines: vec![line(Some("a")), line(None), line(None)],
    };
    let board = Board { pinned_note: Some(note) };
    assert_eq!(
        found(&board),
        [
            "pinnedNote.text REQUIRED_FIELD",
            // `preview_title` is `#[serde(rename = "headline")]` in the other crate.
            "pinnedNote.headline REQUIRED_FIELD",
            "pinnedNote.lines[1].labelText REQUIRED_FIELD",
            "pinnedNote.lines[2].labelText REQUIRED_FIELD",
        ]
    );
}

#[test]
fn cross_crate_absent_parent_and_complete_child() {
    assert_eq!(found(&Board { pinned_note: None }), ["pinnedNote REQUIRED_FIELD"]);
    let complete =
        Note { text: s("hi"), link: None, preview_title: s("title"), lines: vec![line(Some("one"))] };
    assert!(Board { pinned_note: Some(complete) }.validate().is_ok());
}

#[test]
fn cross_crate_type_is_also_validated_by_its_own_rules() {
    // Required paths pass, but the note's own `length(max = 20)` on `text` and the line's
    // `length(max = 5)` on `label_text` still apply, with the other crate's wire names.
    let note = Note {
        text: s("this text is longer than twenty"),
        link: None,
        preview_title: s("t"),
        lines: vec![line(Some("ok")), line(Some("too long"))],
    };
    assert_eq!(
        found(&Board { pinned_note: Some(note) }),
        ["pinnedNote.text MAX_LENGTH", "pinnedNote.lines[1].labelText MAX_LENGTH"]
    );
}

#[derive(Payload, Serialize, Debug, Default)]
#[payload(required(notes.preview_title, notes.lines.label_text))]
struct Wall {
    notes: Vec<Note>,
}

#[test]
fn cross_crate_types_inside_a_list() {
    let note = |title: Option<&str>, lines: Vec<Line>| Note {
        text: s("t"),
        link: None,
        preview_title: title.map(str::to_owned),
        lines,
    };
    let wall = Wall {
        notes: vec![note(Some("a"), vec![line(Some("x"))]), note(None, vec![line(Some("x")), line(None)])],
    };
    assert_eq!(
        found(&wall),
        ["notes[1].headline REQUIRED_FIELD", "notes[1].lines[1].labelText REQUIRED_FIELD"]
    );
}

// ---------------------------------------------------------------------------------------------
// Bare `String` and `Vec`: empty is absent

#[derive(Payload, Serialize, Debug, Default)]
#[payload(required(name, tags, child, child.label, child.codes))]
struct Plain {
    name: String,
    tags: Vec<String>,
    child: Option<PlainChild>,
}

#[derive(Payload, Serialize, Debug, Default)]
struct PlainChild {
    label: String,
    codes: Vec<u32>,
}

#[test]
fn empty_string_and_empty_vec_are_absent() {
    assert_eq!(
        found(&Plain::default()),
        ["name REQUIRED_FIELD", "tags REQUIRED_FIELD", "child REQUIRED_FIELD"]
    );
    let value = Plain { name: String::new(), tags: vec![], child: Some(PlainChild::default()) };
    assert_eq!(
        found(&value),
        [
            "name REQUIRED_FIELD",
            "tags REQUIRED_FIELD",
            "child.label REQUIRED_FIELD",
            "child.codes REQUIRED_FIELD"
        ]
    );
}

#[test]
fn non_empty_string_and_vec_are_present() {
    let value = Plain {
        name: " ".into(),
        tags: vec![String::new()],
        child: Some(PlainChild { label: "l".into(), codes: vec![0] }),
    };
    assert!(value.validate().is_ok());
}

#[derive(Payload, Serialize, Debug, Default)]
#[payload(required(tags, ids))]
struct OptionalLists {
    tags: Option<Vec<String>>,
    ids: Option<Vec<u64>>,
}

#[test]
fn option_vec_some_empty_is_present() {
    assert!(OptionalLists { tags: Some(vec![]), ids: Some(vec![]) }.validate().is_ok());
    assert_eq!(found(&OptionalLists { tags: None, ids: Some(vec![]) }), ["tags REQUIRED_FIELD"]);
    assert_eq!(found(&OptionalLists::default()), ["tags REQUIRED_FIELD", "ids REQUIRED_FIELD"]);
}

#[derive(Payload, Serialize, Debug, Default)]
#[payload(required(items))]
struct RequiredPayloadList {
    items: Vec<Item>,
}

#[test]
fn empty_list_of_payloads_is_absent() {
    assert_eq!(found(&RequiredPayloadList { items: vec![] }), ["items REQUIRED_FIELD"]);
    assert!(RequiredPayloadList { items: vec![Item::default()] }.validate().is_ok());
}

// ---------------------------------------------------------------------------------------------
// Into a wide payload: each field's wire name and position come from one table per payload,
// found by the field's place among the builder's states (two digits past eight settable
// fields) or, for a field without setter, after them; a wrong index names the wrong field.

#[derive(Payload, Serialize, Debug, Default)]
#[payload(required(wide.field_ten, wide.field_one, wide.server_two, wide.field_eight))]
struct ToWide {
    wide: Option<Wide>,
}

#[derive(Payload, Serialize, Debug, Default)]
#[serde(rename_all = "camelCase")]
struct Wide {
    field_zero: Option<String>,
    field_one: Option<String>,
    #[payload(read_only)]
    server_two: Option<String>,
    field_three: Option<String>,
    field_four: Option<String>,
    field_five: Option<String>,
    field_six: Option<String>,
    field_seven: Option<String>,
    field_eight: Option<String>,
    #[payload(read_only)]
    server_nine: Option<String>,
    field_ten: Option<String>,
}

#[test]
fn paths_into_a_wide_payload_name_each_field_by_its_wire_name_in_field_order() {
    let value = ToWide { wide: Some(Wide::default()) };
    assert_eq!(
        found(&value),
        [
            "wide.fieldOne REQUIRED_FIELD",
            "wide.serverTwo REQUIRED_FIELD",
            "wide.fieldEight REQUIRED_FIELD",
            "wide.fieldTen REQUIRED_FIELD"
        ]
    );
}
