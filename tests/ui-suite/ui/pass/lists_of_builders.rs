//! Lists of payloads take builders: `xs(items)` with any `IntoIterator` of values or of builders,
//! `push_xs(item)` one at a time with builders in different states, also for `Option<Vec<T>>`
//! and lists of strings or numbers, lists in lists, twenty pushes, and a struct wider than one
//! tuple of the state tree.
// A quarter of the default limit (128): the five-level path and twenty pushes need less.
#![recursion_limit = "32"]
use tollgate::Payload;

#[derive(Payload, Debug)]
#[payload(required(line_items, line_items.id, custom_line_items.modifier_groups.modifiers.label))]
struct CreateCheckoutRequest {
    line_items: Vec<LineItem>,
    custom_line_items: Option<Vec<CustomLineItem>>,
    coupon_codes: Vec<String>,
    gift_card_amounts: Option<Vec<u32>>,
}

#[derive(Payload, Debug, Clone)]
struct LineItem {
    id: Option<String>,
    quantity: Option<u32>,
}

#[derive(Payload, Debug)]
struct CustomLineItem {
    quantity: Option<u32>,
    modifier_groups: Vec<ModifierGroup>,
}

#[derive(Payload, Debug)]
struct ModifierGroup {
    id: Option<String>,
    modifiers: Vec<Modifier>,
}

#[derive(Payload, Debug)]
struct Modifier {
    label: Option<String>,
    quantity: Option<u32>,
}

#[derive(Payload, Debug)]
#[payload(required(wide.f11.id))]
struct HoldsWide {
    wide: Option<Wide>,
}

#[derive(Payload, Debug, Default)]
struct Wide {
    f0: Option<u8>, f1: Option<u8>, f2: Option<u8>, f3: Option<u8>, f4: Option<u8>,
    f5: Option<u8>, f6: Option<u8>, f7: Option<u8>, f8: Option<u8>, f9: Option<u8>,
    f10: Option<u8>, f11: Vec<LineItem>, f12: Option<String>,
}

fn item(id: &str) -> LineItem {
    LineItem { id: Some(id.into()), quantity: None }
}

fn main() {
    // An array of builders in one state; a `Vec` of values; pushes of builders in different
    // states and of values, mixed.
    let request = CreateCheckoutRequest::builder()
        .line_items([LineItem::builder().id("a"), LineItem::builder().id("b")])
        .build()
        .unwrap();
    assert_eq!(request.line_items.len(), 2);
    let values = CreateCheckoutRequest::builder().line_items(vec![item("a")]).build().unwrap();
    assert_eq!(values.line_items[0].id.as_deref(), Some("a"));
    let mixed = CreateCheckoutRequest::builder()
        .push_line_items(LineItem::builder().id("a"))
        .push_line_items(LineItem::builder().quantity(2).id("b"))
        .push_line_items(item("c"))
        .push_coupon_codes("SUMMER")
        .push_coupon_codes(String::from("VIP"))
        .push_gift_card_amounts(25)
        .build()
        .unwrap();
    let ids: Vec<_> = mixed.line_items.iter().map(|line| line.id.clone().unwrap()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(mixed.coupon_codes, ["SUMMER", "VIP"]);
    assert_eq!(mixed.gift_card_amounts, Some(vec![25]));
    assert!(mixed.custom_line_items.is_none());

    // `xs(items)` then pushes: the pushes extend the list.
    let extended = CreateCheckoutRequest::builder()
        .line_items(vec![item("a")])
        .push_line_items(LineItem::builder().id("b"))
        .coupon_codes(vec!["A".into()])
        .push_coupon_codes("B")
        .build()
        .unwrap();
    assert_eq!(extended.line_items.len(), 2);
    assert_eq!(extended.coupon_codes, ["A", "B"]);

    // A list in a list in a list, pushed on the grandchild's builder; a finished value on the
    // way, and a `Modifier` value, are checked by `build()`.
    let nested = CreateCheckoutRequest::builder()
        .push_line_items(item("a"))
        .push_custom_line_items(
            CustomLineItem::builder().quantity(1).push_modifier_groups(
                ModifierGroup::builder()
                    .id("size")
                    .push_modifiers(Modifier::builder().label("Large"))
                    .push_modifiers(Modifier::builder().quantity(2).label("Extra")),
            ),
        )
        .push_custom_line_items(CustomLineItem::builder().modifier_groups([ModifierGroup::builder().id("none")]))
        .build()
        .unwrap();
    assert_eq!(nested.custom_line_items.unwrap()[0].modifier_groups[0].modifiers.len(), 2);
    let violations = CreateCheckoutRequest::builder()
        .push_line_items(item("a"))
        .push_custom_line_items(
            CustomLineItem::builder()
                .push_modifier_groups(ModifierGroup::builder().push_modifiers(Modifier { label: None, quantity: None })),
        )
        .build()
        .unwrap_err();
    assert_eq!(
        violations.to_string(),
        "custom_line_items[0].modifier_groups[0].modifiers[0].label: is required [REQUIRED_FIELD]"
    );

    // Twenty pushed builders, each held to `line_items.id`: far from the recursion limit.
    let twenty = CreateCheckoutRequest::builder()
        .push_line_items(LineItem::builder().id("1")).push_line_items(LineItem::builder().id("2"))
        .push_line_items(LineItem::builder().id("3")).push_line_items(LineItem::builder().id("4"))
        .push_line_items(LineItem::builder().id("5")).push_line_items(LineItem::builder().id("6"))
        .push_line_items(LineItem::builder().id("7")).push_line_items(LineItem::builder().id("8"))
        .push_line_items(LineItem::builder().id("9")).push_line_items(LineItem::builder().id("10"))
        .push_line_items(LineItem::builder().id("11")).push_line_items(LineItem::builder().id("12"))
        .push_line_items(LineItem::builder().id("13")).push_line_items(LineItem::builder().id("14"))
        .push_line_items(LineItem::builder().id("15")).push_line_items(LineItem::builder().id("16"))
        .push_line_items(LineItem::builder().id("17")).push_line_items(LineItem::builder().id("18"))
        .push_line_items(LineItem::builder().id("19")).push_line_items(LineItem::builder().quantity(1).id("20"))
        .build()
        .unwrap();
    assert_eq!(twenty.line_items.len(), 20);
    assert_eq!(twenty.line_items[19].id.as_deref(), Some("20"));

    // A list held by a wide child (its state a tree of two levels).
    let wide = HoldsWide::builder()
        .wide(Wide::builder().f0(1).f12("x").push_f11(LineItem::builder().id("w")))
        .build()
        .unwrap();
    assert_eq!(wide.wide.unwrap().f11.len(), 1);
}
