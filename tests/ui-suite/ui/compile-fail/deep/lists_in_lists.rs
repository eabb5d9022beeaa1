//! `required(custom_line_items.modifier_groups.modifiers.label)` (Wix eCommerce): a list in a
//! list in a list, the missing label pushed on the grandchild's builder.
use tollgate::Payload;

#[derive(Payload, Debug)]
#[payload(required(custom_line_items.modifier_groups.modifiers.label))]
struct CreateCheckoutRequest {
    custom_line_items: Vec<CustomLineItem>,
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

fn main() {
    let _ = CreateCheckoutRequest::builder()
        .push_custom_line_items(
            CustomLineItem::builder().quantity(1).push_modifier_groups(
                ModifierGroup::builder()
                    .id("size")
                    .push_modifiers(Modifier::builder().label("Large"))
                    .push_modifiers(Modifier::builder().quantity(2)),
            ),
        )
        .build();
}
