//! A required field has no `maybe_` setter: `build()` needs it for sure.
use tollgate::Payload;

#[derive(Payload, Debug)]
#[payload(required(conversation_id))]
struct Request {
    conversation_id: Option<String>,
}

fn main() {
    let _ = Request::builder().maybe_conversation_id(Some("x")).build();
}
