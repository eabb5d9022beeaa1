//! Fields outside `Option`: required ones must be set, others default; an empty required
//! `String` is absent (proto3), which `build()` reports.
use tollgate::Payload;

#[derive(Payload, Debug)]
#[payload(required(conversation_id, items))]
struct Request {
    conversation_id: String,
    items: Vec<String>,
    silent: bool,
    count: u32,
}

fn main() {
    let request = Request::builder().conversation_id("c").items(vec!["x".into()]).build().unwrap();
    assert!(!request.silent);
    assert_eq!(request.count, 0);
    let violations = Request::builder().conversation_id("").items(vec![]).silent(true).build().unwrap_err();
    assert_eq!(violations.to_string(), "conversation_id: is required [REQUIRED_FIELD]\nitems: is required [REQUIRED_FIELD]");
}
