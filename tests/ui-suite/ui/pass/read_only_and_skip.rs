//! `read_only` fields have no setter and are not validated; `skip` fields hold foreign types.
use std::time::Duration;
use tollgate::{Payload, Validate};

#[derive(Payload, Debug)]
struct Message {
    #[payload(read_only)]
    id: Option<String>,
    #[payload(read_only)]
    sequence: String,
    #[payload(skip)]
    ttl: Option<Duration>,
    #[payload(skip)]
    raw: Option<NotAPayload>,
    text: Option<String>,
}

#[derive(Debug)]
struct NotAPayload;

fn main() {
    let message = Message::builder().ttl(Duration::from_secs(5)).text("hi").build().unwrap();
    assert_eq!(message.id, None);
    assert_eq!(message.sequence, "");
    assert!(message.raw.is_none());
    let from_server = Message { id: Some("not-a-guid".into()), sequence: "7".into(), ttl: None, raw: Some(NotAPayload), text: None };
    assert!(from_server.validate().is_ok());
}
