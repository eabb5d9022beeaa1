//! Required paths at any depth, checked by the compiler through builders (Wix eCommerce's
//! Create Checkout shape), an absent intermediate satisfying the path, a finished value at any
//! level checked by `build()`, generic payloads on the way, and a five-level path.
// A quarter of the default limit (128): the five-level path and twenty pushes need less.
#![recursion_limit = "32"]
use tollgate::{Payload, Validate};

#[derive(Payload, Debug)]
#[payload(required(checkout_info.note.text, channel_type))]
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
    #[payload(length(max = 10))]
    text: Option<String>,
    author: Option<String>,
}

#[derive(Payload, Debug)]
#[payload(required(a.b.c.d.e))]
struct Five {
    a: Option<A>,
}
#[derive(Payload, Debug)]
struct A {
    b: Option<Box<B>>,
}
#[derive(Payload, Debug)]
struct B {
    c: Option<C>,
}
#[derive(Payload, Debug)]
struct C {
    d: Option<D>,
}
#[derive(Payload, Debug)]
struct D {
    e: Option<u32>,
}

#[derive(Payload, Debug)]
#[payload(required(page.inner.label))]
struct Catalog {
    page: Option<Wrapper<Entry<u8>>>,
}

#[derive(Payload, Debug)]
struct Wrapper<T> {
    inner: Option<T>,
}

#[derive(Payload, Debug)]
struct Entry<T> {
    label: Option<String>,
    #[payload(skip)]
    tag: Option<T>,
}

fn main() {
    // Every level through its builder, the path's end set.
    let request = CreateCheckoutRequest::builder()
        .channel_type("WEB")
        .checkout_info(CheckoutInfo::builder().note(Note::builder().author("me").text("gift")))
        .build()
        .unwrap();
    assert_eq!(request.checkout_info.unwrap().note.unwrap().text.as_deref(), Some("gift"));

    // `note` never set: an absent intermediate satisfies `checkout_info.note.text`.
    let request = CreateCheckoutRequest::builder()
        .channel_type("WEB")
        .checkout_info(CheckoutInfo::builder().buyer_note("ring twice"))
        .build()
        .unwrap();
    assert!(request.checkout_info.unwrap().note.is_none());

    // A finished value at the second or the third level: the compiler cannot see inside it,
    // `build()` checks it and reports the path.
    let violations = CreateCheckoutRequest::builder()
        .channel_type("WEB")
        .checkout_info(CheckoutInfo::builder().note(Note { text: None, author: None }))
        .build()
        .unwrap_err();
    assert_eq!(violations.to_string(), "checkout_info.note.text: is required [REQUIRED_FIELD]");
    let violations = CreateCheckoutRequest::builder()
        .channel_type("WEB")
        .checkout_info(CheckoutInfo { note: Some(Note { text: Some("far too long".into()), author: None }), buyer_note: None })
        .build()
        .unwrap_err();
    assert_eq!(violations.iter().next().unwrap().path().to_string(), "checkout_info.note.text");

    // Five levels, through a `Box`.
    let five = Five::builder()
        .a(A::builder().b(B::builder().c(C::builder().d(D::builder().e(5)))))
        .build()
        .unwrap();
    assert_eq!(five.a.unwrap().b.unwrap().c.unwrap().d.unwrap().e, Some(5));
    assert!(Five::builder().a(A::builder().b(B::builder().c(C::builder()))).build().is_ok());

    // Generic payloads on the path.
    let catalog = Catalog::builder()
        .page(Wrapper::builder().inner(Entry::builder().label("a").tag(7u8)))
        .build()
        .unwrap();
    assert_eq!(catalog.page.unwrap().inner.unwrap().tag, Some(7));
    let broken = Catalog { page: Some(Wrapper { inner: Some(Entry { label: None, tag: None }) }) };
    assert_eq!(broken.validate().unwrap_err().to_string(), "page.inner.label: is required [REQUIRED_FIELD]");
}
