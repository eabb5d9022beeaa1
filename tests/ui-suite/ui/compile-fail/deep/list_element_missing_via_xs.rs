//! `required(line_items.id)` (Wix eCommerce, Create Checkout): every element builder given to
//! `line_items([...])` must set `id`.
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
        .line_items([LineItem::builder().quantity(1), LineItem::builder().quantity(2)])
        .build();
}
