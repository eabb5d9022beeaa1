//! Payloads inside modules, at any visibility, are built from outside them.
mod api {
    pub(crate) mod inbox {
        #[derive(tollgate::Payload, Debug)]
        #[payload(required(message.content))]
        pub(crate) struct Request {
            pub(crate) message: Option<super::Message>,
        }
    }

    #[derive(tollgate::Payload, Debug)]
    pub struct Message {
        pub content: Option<String>,
    }
}

fn main() {
    let request = api::inbox::Request::builder().message(api::Message::builder().content("hi")).build().unwrap();
    assert!(request.message.is_some());
}
