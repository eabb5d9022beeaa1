use tollgate::Payload;

#[derive(Payload)]
#[payload(required(message.content.bsic))]
struct Request {
    message: Option<Message>,
}

#[derive(Payload)]
struct Message {
    content: Option<Content>,
}

#[derive(Payload)]
struct Content {
    basic: Option<String>,
}

fn main() {}
