//! `required(line_items.id)`: builders pushed one by one may differ in state, and each is
//! held to the path; the second one has no `id`.
use tollgate::Payload;

#[derive(Payload, Debug)]
#[payload(required(line_items, line_items.id))]
struct CreateCheckoutRequest {
    line_items: Vec<LineItem>,
}

#[derive(Payload, Debug)]
struct LineItem {
    id: Option<String>,
    quantity: Option<u32>,
}

fn main() {
    let _ = CreateCheckoutRequest::builder()
        .push_line_items(LineItem::builder().id("a").quantity(1))
        .push_line_items(LineItem::builder().quantity(2))
        .build();
}
