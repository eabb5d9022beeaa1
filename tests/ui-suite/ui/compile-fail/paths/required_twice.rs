use tollgate::Payload;

#[derive(Payload)]
#[payload(required(message.content))]
#[payload(required(message.content))]
struct Request {
    message: Option<Message>,
}

#[derive(Payload)]
struct Message {
    content: Option<String>,
}

fn main() {}
