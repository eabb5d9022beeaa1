//! What the builders produce at run time: pushes in order, `Option<Vec<T>>` started by the
//! first push, `maybe_x(None)` leaving a field as `x` was never called, builders from run-time
//! branches in one type, finished values at any depth reported by `build()` with their wire
//! paths, and another crate's builders (that crate names tollgate `tg`).

use payloads_elsewhere::{Line, Note, Word};
use serde::Serialize;
use tollgate::{Payload, Violations};

/// Every violation as `"path RULE"`, in the order reported.
fn found(violations: &Violations) -> Vec<String> {
    violations.iter().map(|v| format!("{} {}", v.path(), v.wix_rule())).collect()
}

#[derive(Payload, Serialize, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
#[payload(required(line_items, line_items.catalog_reference.catalog_item_id, checkout_info.note.text))]
struct CreateCheckoutRequest {
    line_items: Vec<LineItem>,
    checkout_info: Option<CheckoutInfo>,
    coupon_codes: Option<Vec<String>>,
    #[payload(size(max = 2))]
    gift_card_codes: Vec<String>,
    channel_type: String,
}

#[derive(Payload, Serialize, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
struct LineItem {
    quantity: Option<u32>,
    catalog_reference: Option<CatalogReference>,
}

#[derive(Payload, Serialize, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
struct CatalogReference {
    #[payload(guid)]
    catalog_item_id: Option<String>,
    app_id: Option<String>,
}

#[derive(Payload, Serialize, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
struct CheckoutInfo {
    note: Option<Note2>,
}

#[derive(Payload, Serialize, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
struct Note2 {
    #[payload(length(max = 8))]
    text: Option<String>,
}

const GUID: &str = "df19c1f7-07d8-a265-42f8-e8dfa824cc6e";

/// A line item's builder, its catalog reference set. (A macro: a function returning
/// `impl Sized` would hide the builder's state, which the paths are checked against.)
macro_rules! line {
    ($quantity:expr) => {
        LineItem::builder()
            .quantity($quantity)
            .catalog_reference(CatalogReference::builder().catalog_item_id(GUID))
    };
}

#[test]
fn pushes_keep_their_order_and_start_an_optional_list() {
    let request = CreateCheckoutRequest::builder()
        .push_line_items(line!(1))
        .push_line_items(LineItem { quantity: Some(2), catalog_reference: None })
        .push_line_items(line!(3))
        .push_coupon_codes("SUMMER")
        .push_coupon_codes("VIP")
        .push_gift_card_codes("G1")
        .build();
    // The value pushed in the middle has no `catalogReference`: absent, so the path holds.
    let request = request.unwrap();
    let quantities: Vec<_> = request.line_items.iter().map(|item| item.quantity).collect();
    assert_eq!(quantities, [Some(1), Some(2), Some(3)]);
    assert_eq!(request.coupon_codes.as_deref(), Some(&["SUMMER".to_owned(), "VIP".to_owned()][..]));
    assert_eq!(request.gift_card_codes, ["G1"]);
    assert_eq!(request.channel_type, "");
}

#[test]
fn maybe_none_is_the_same_as_never_setting_the_field() {
    let with_none = CreateCheckoutRequest::builder()
        .line_items([line!(1)])
        .maybe_checkout_info(None::<CheckoutInfo>)
        .maybe_coupon_codes(None::<Vec<String>>)
        .maybe_channel_type(None::<&str>)
        .build()
        .unwrap();
    let without = CreateCheckoutRequest::builder().line_items([line!(1)]).build().unwrap();
    assert_eq!(with_none, without);
    let with_some = CreateCheckoutRequest::builder()
        .line_items([line!(1)])
        .maybe_channel_type(Some("WEB"))
        .maybe_coupon_codes(Some(vec!["A".into()]))
        .maybe_checkout_info(Some(CheckoutInfo { note: None }))
        .build()
        .unwrap();
    assert_eq!(with_some.channel_type, "WEB");
    assert_eq!(with_some.coupon_codes, Some(vec!["A".to_owned()]));
    assert_eq!(with_some.checkout_info, Some(CheckoutInfo { note: None }));
}

/// A `Vec` field's builder keeps the list itself (empty until set or pushed), an
/// `Option<Vec<T>>` field's an `Option` of it: held here to what the plain reading says.
#[test]
fn lists_set_maybe_set_and_pushed_build_what_they_say() {
    let set_then_pushed = CreateCheckoutRequest::builder()
        .line_items([line!(1), line!(2)])
        .push_line_items(line!(3))
        .gift_card_codes(vec!["G1".to_owned()])
        .push_gift_card_codes("G2")
        .build()
        .unwrap();
    let quantities: Vec<_> = set_then_pushed.line_items.iter().map(|item| item.quantity).collect();
    assert_eq!(quantities, [Some(1), Some(2), Some(3)]);
    assert_eq!(set_then_pushed.gift_card_codes, ["G1", "G2"]);
    assert_eq!(set_then_pushed.coupon_codes, None);

    let maybe_none_then_pushed = CreateCheckoutRequest::builder()
        .line_items([line!(1)])
        .maybe_gift_card_codes(None)
        .push_gift_card_codes("G3")
        .build()
        .unwrap();
    assert_eq!(maybe_none_then_pushed.gift_card_codes, ["G3"]);

    let maybe_some = CreateCheckoutRequest::builder()
        .line_items([line!(1)])
        .maybe_gift_card_codes(Some(vec!["G4".to_owned()]))
        .maybe_coupon_codes(Some(Vec::new()))
        .build()
        .unwrap();
    assert_eq!(maybe_some.gift_card_codes, ["G4"]);
    // Set to an empty list is not unset where the field is an `Option`.
    assert_eq!(maybe_some.coupon_codes, Some(Vec::new()));

    let never_set = CreateCheckoutRequest::builder().line_items([line!(1)]).build().unwrap();
    assert!(never_set.gift_card_codes.is_empty());
    assert_eq!(never_set.coupon_codes, None);
}

#[test]
fn builders_from_run_time_branches_share_one_type() {
    let notes = [Some("ring"), None];
    let requests: Vec<CreateCheckoutRequest> = notes
        .iter()
        .map(|note| {
            let info = note.map(|text| CheckoutInfo::builder().note(Note2::builder().text(text)));
            CreateCheckoutRequest::builder()
                .line_items([line!(1), line!(2)])
                .maybe_checkout_info(info)
                .build()
                .unwrap()
        })
        .collect();
    assert_eq!(
        requests[0].checkout_info.as_ref().unwrap().note.as_ref().unwrap().text.as_deref(),
        Some("ring")
    );
    assert_eq!(requests[1].checkout_info, None);
}

#[test]
fn finished_values_at_any_depth_are_reported_by_build() {
    let violations = CreateCheckoutRequest::builder()
        .push_line_items(
            LineItem::builder().catalog_reference(CatalogReference { catalog_item_id: None, app_id: None }),
        )
        .push_line_items(line!(2))
        .push_line_items(
            LineItem::builder().catalog_reference(CatalogReference::builder().catalog_item_id("x")),
        )
        .checkout_info(CheckoutInfo::builder().note(Note2 { text: Some("far too long".into()) }))
        .gift_card_codes(vec!["a".into(), "b".into(), "c".into()])
        .build()
        .unwrap_err();
    assert_eq!(
        found(&violations),
        [
            "lineItems[0].catalogReference.catalogItemId REQUIRED_FIELD",
            "lineItems[2].catalogReference.catalogItemId FORMAT",
            "checkoutInfo.note.text MAX_LENGTH",
            "giftCardCodes MAX_SIZE",
        ]
    );
    // An empty list passed whole cannot be seen empty by the compiler: `build()` reports it.
    let empty = CreateCheckoutRequest::builder().line_items(Vec::<LineItem>::new()).build().unwrap_err();
    assert_eq!(found(&empty), ["lineItems REQUIRED_FIELD"]);
}

#[test]
fn another_crates_builders_nest_and_push() {
    let note = Note::builder()
        .text("hello")
        .push_lines(Line::builder().label_text("a").push_words(Word::builder().spelling("hi")))
        .push_lines(Line { label_text: Some("toolong".into()), words: None })
        .build()
        .unwrap_err();
    assert_eq!(found(&note), ["lines[1].labelText MAX_LENGTH"]);
    let built = Note::builder().link("https://example.com").push_lines(Line::builder()).build().unwrap();
    assert_eq!(built.lines, [Line::default()]);
}

/// A payload that is neither `Send` nor `Sync`, only through a field the builder never holds.
#[derive(Payload, Serialize)]
struct StampedByServer {
    text: Option<String>,
    #[payload(read_only)]
    #[serde(skip)]
    stamp: Option<std::rc::Rc<str>>,
}

/// A builder is `Send`, `Sync` and `Unpin` whatever its state records: nothing set, finished
/// values, builders passed whole and pushed one by one, and lists set from iterators. (The
/// states are marker types held in a `PhantomData`; one that was not `Send` would make every
/// builder that records it unusable across an `.await` in a multi-threaded runtime.) The
/// payload type itself is held as `fn() -> T`, so a read-only field the builder has no slot
/// for does not take those traits away either.
#[test]
fn builders_in_every_state_are_send_sync_and_unpin() {
    fn auto_traits<T: Send + Sync + Unpin>(_: &T) {}
    auto_traits(&StampedByServer::builder().text("hi"));
    // The builder has no setter for the server's field: it builds unset.
    assert!(StampedByServer::builder().text("hi").build().unwrap().stamp.is_none());
    auto_traits(&CreateCheckoutRequest::builder());
    auto_traits(&CreateCheckoutRequest::builder().channel_type("WEB"));
    auto_traits(&CreateCheckoutRequest::builder().push_line_items(line!(1)).push_line_items(line!(2)));
    auto_traits(&CreateCheckoutRequest::builder().line_items([line!(1)]));
    auto_traits(
        &CreateCheckoutRequest::builder()
            .line_items(vec![LineItem { quantity: Some(1), catalog_reference: None }])
            .checkout_info(CheckoutInfo::builder().note(Note2::builder().text("hi"))),
    );
}
