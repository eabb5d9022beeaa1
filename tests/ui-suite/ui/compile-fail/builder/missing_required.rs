use tollgate::Payload;

#[derive(Payload, Debug)]
#[payload(required(conversation_id, message))]
struct Request {
    conversation_id: Option<String>,
    message: Option<String>,
}

fn main() {
    let _ = Request::builder().message("hi").build();
}
