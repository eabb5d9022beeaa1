//! `required(checkout_info.custom_fields.value)` (Wix eCommerce): a list inside a child, filled
//! by pushes on the child's builder.
use tollgate::Payload;

#[derive(Payload, Debug)]
#[payload(required(checkout_info.custom_fields.value))]
struct CreateCheckoutRequest {
    checkout_info: Option<CheckoutInfo>,
}

#[derive(Payload, Debug)]
struct CheckoutInfo {
    custom_fields: Vec<CustomField>,
}

#[derive(Payload, Debug)]
struct CustomField {
    value: Option<String>,
    title: Option<String>,
}

fn main() {
    let _ = CreateCheckoutRequest::builder()
        .checkout_info(
            CheckoutInfo::builder()
                .push_custom_fields(CustomField::builder().value("gift").title("Wrapping"))
                .push_custom_fields(CustomField::builder().title("Message")),
        )
        .build();
}
