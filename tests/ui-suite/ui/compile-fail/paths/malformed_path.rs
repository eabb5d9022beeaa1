use tollgate::Payload;

#[derive(Payload)]
#[payload(required(message..content, message.))]
struct Request {
    message: Option<String>,
}

fn main() {}
