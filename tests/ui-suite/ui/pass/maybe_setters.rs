//! `maybe_x(Option<..>)` for run-time data: one builder type whichever branch is taken, the
//! same conversions as `x`, `None` leaving the field unset, and an at-most-one group closed
//! either way.
use tollgate::Payload;

#[derive(Payload, Debug, PartialEq)]
#[payload(required(conversation_id, message.content), one_of(basic, template))]
struct Request {
    conversation_id: Option<String>,
    message: Option<Message>,
    send_notifications: Option<bool>,
    tags: Vec<String>,
    items: Option<Vec<Item>>,
    basic: Option<String>,
    template: Option<String>,
}

#[derive(Payload, Debug, PartialEq)]
struct Message {
    content: Option<String>,
    preview_text: Option<String>,
}

#[derive(Payload, Debug, PartialEq)]
#[payload(required(label))]
struct Item {
    label: Option<String>,
}

fn request(preview: Option<&str>, notify: Option<bool>, template: Option<String>) -> Request {
    Request::builder()
        .conversation_id("c1")
        .message(Message::builder().content("hi").maybe_preview_text(preview))
        .maybe_send_notifications(notify)
        .maybe_tags(None::<Vec<String>>)
        .maybe_items(Some([Item::builder().label("a")]))
        .maybe_template(template)
        .build()
        .unwrap()
}

fn main() {
    let some = request(Some("Hey"), Some(true), Some("welcome".into()));
    assert_eq!(some.message.as_ref().unwrap().preview_text.as_deref(), Some("Hey"));
    assert_eq!(some.send_notifications, Some(true));
    assert_eq!(some.template.as_deref(), Some("welcome"));
    assert_eq!(some.items.as_ref().unwrap()[0].label.as_deref(), Some("a"));

    let none = request(None, None, None);
    assert_eq!(none.message.as_ref().unwrap().preview_text, None);
    assert_eq!(none.send_notifications, None);
    assert_eq!(none.template, None);
    assert!(none.tags.is_empty());

    // A payload field: `maybe_message` takes an `Option` of a value or of a builder, and a
    // builder inside is held to `message.content`.
    let message = Some(Message::builder().content("from a branch"));
    let built = Request::builder().conversation_id("c2").maybe_message(message).build().unwrap();
    assert_eq!(built.message.unwrap().content.as_deref(), Some("from a branch"));
    let absent = Request::builder().conversation_id("c3").maybe_message(None::<Message>).build().unwrap();
    assert_eq!(absent.message, None);
}
