//! The shape the project exists for: Wix's Send Message request, built in a few lines.
use tollgate::{Payload, Validate};

#[derive(Payload, Debug, PartialEq)]
#[payload(required(conversation_id, message, message.content))]
pub struct SendMessageRequest {
    #[payload(guid)]
    pub conversation_id: Option<String>,
    pub message: Option<Message>,
    pub send_notifications: Option<bool>,
}

#[derive(Payload, Debug, PartialEq)]
pub struct Message {
    pub content: Option<MessageContent>,
    #[payload(read_only)]
    pub id: Option<String>,
}

#[derive(Payload, Debug, PartialEq)]
#[payload(exactly_one_of(basic, template, minimal, form))]
pub struct MessageContent {
    pub basic: Option<BasicMessagePayload>,
    pub template: Option<String>,
    pub minimal: Option<String>,
    pub form: Option<String>,
    #[payload(length(max = 256))]
    pub preview_text: Option<String>,
}

#[derive(Payload, Debug, PartialEq)]
#[payload(required(items))]
pub struct BasicMessagePayload {
    #[payload(size(min = 1))]
    pub items: Vec<BasicMessageData>,
}

#[derive(Payload, Debug, PartialEq)]
#[payload(one_of(text, image))]
pub struct BasicMessageData {
    #[payload(length(min = 1, max = 16384))]
    pub text: Option<String>,
    pub image: Option<String>,
}

fn main() {
    let request = SendMessageRequest::builder()
        .conversation_id("6202c3bb-f263-3c16-8c90-d6387d9ed420")
        .message(Message::builder().content(
            MessageContent::builder()
                .basic(BasicMessagePayload::builder().items(vec![BasicMessageData::builder().text("Hey!").build().unwrap()]))
                .preview_text("Hey!"),
        ))
        .send_notifications(true)
        .build()
        .unwrap();
    assert_eq!(request.message.as_ref().unwrap().id, None);
    assert!(request.validate().is_ok());
}
