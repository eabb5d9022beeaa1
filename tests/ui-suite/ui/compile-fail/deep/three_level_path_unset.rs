//! `required(checkout_info.note.text)` (Wix eCommerce, Create Checkout): the `Note` builder
//! given two levels down has no `text`.
use tollgate::Payload;

#[derive(Payload, Debug)]
#[payload(required(checkout_info.note.text))]
struct CreateCheckoutRequest {
    checkout_info: Option<CheckoutInfo>,
    channel_type: Option<String>,
}

#[derive(Payload, Debug)]
struct CheckoutInfo {
    note: Option<Note>,
    buyer_note: Option<String>,
}

#[derive(Payload, Debug)]
struct Note {
    text: Option<String>,
    author: Option<String>,
}

fn main() {
    let _ = CreateCheckoutRequest::builder()
        .checkout_info(CheckoutInfo::builder().note(Note::builder().author("me")))
        .build();
}
