use tollgate::Payload;

#[derive(Payload, Debug)]
#[payload(required(message.content))]
struct Request {
    message: Option<Message>,
}

#[derive(Payload, Debug)]
#[payload(required(direction))]
struct Message {
    content: Option<String>,
    direction: Option<String>,
}

fn main() {
    // `Message`'s own required `direction` is unset: its builder is not a `Message` yet.
    let _ = Request::builder().message(Message::builder().content("hi")).build();
}
