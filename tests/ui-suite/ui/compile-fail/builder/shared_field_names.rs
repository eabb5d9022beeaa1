//! Payloads that share field names (`id` on the order, its line items and their product, as on
//! Wix eCommerce's pages): every error still names the field without a module path.
use tollgate::Payload;

#[derive(Payload, Debug)]
#[payload(required(id, line_items.id, line_items.product.id))]
struct Order {
    id: Option<String>,
    line_items: Vec<LineItem>,
}

#[derive(Payload, Debug)]
struct LineItem {
    id: Option<String>,
    quantity: Option<u32>,
    product: Option<Product>,
}

#[derive(Payload, Debug)]
#[payload(required(id))]
struct Product {
    id: Option<String>,
    quantity: Option<u32>,
}

fn main() {
    // `id` of the order unset.
    let _ = Order::builder().push_line_items(LineItem::builder().id("a")).build();
    // `id` of a line item unset, where the order requires it.
    let _ = Order::builder().id("o").push_line_items(LineItem::builder().quantity(1)).build();
    // `id` of a product two levels down unset.
    let _ = Order::builder()
        .id("o")
        .push_line_items(LineItem::builder().id("a").product(Product::builder().quantity(1)))
        .build();
    // `quantity` set twice.
    let _ = Product::builder().id("p").quantity(1).quantity(2);
}
