use tollgate::Payload;

#[derive(Payload)]
#[payload(required(message, message.contnt))]
struct Request {
    message: Option<Message>,
}

#[derive(Payload)]
struct Message {
    content: Option<String>,
}

fn main() {}
