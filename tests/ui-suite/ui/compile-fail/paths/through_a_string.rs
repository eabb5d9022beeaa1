use tollgate::Payload;

#[derive(Payload)]
#[payload(required(conversation_id.length))]
struct Request {
    conversation_id: Option<String>,
}

fn main() {}
