use tollgate::Payload;

#[derive(Payload, Debug)]
#[payload(required(conversation_id, message, message.content))]
struct Request {
    conversation_id: Option<String>,
    message: Option<Message>,
}

#[derive(Payload, Debug)]
struct Message {
    content: Option<String>,
    #[payload(length(max = 256))]
    preview_text: Option<String>,
}

fn main() {
    let _ = Request::builder()
        .conversation_id("6202c3bb-f263-3c16-8c90-d6387d9ed420")
        .message(Message::builder().preview_text("Hey!"))
        .build();
}
