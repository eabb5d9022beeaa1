use tollgate::Payload;

#[derive(Payload)]
#[payload(required(conversation_id, mesage))]
struct Request {
    conversation_id: Option<String>,
    message: Option<String>,
}

fn main() {}
