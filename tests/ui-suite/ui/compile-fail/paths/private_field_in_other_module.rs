mod wire {
    #[derive(tollgate::Payload)]
    pub struct Message {
        content: Option<String>,
    }
}

#[derive(tollgate::Payload)]
#[payload(required(message.content))]
struct Request {
    message: Option<wire::Message>,
}

fn main() {}
