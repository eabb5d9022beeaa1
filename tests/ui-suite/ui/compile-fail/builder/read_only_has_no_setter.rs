use tollgate::Payload;

#[derive(Payload, Debug)]
struct Message {
    #[payload(read_only)]
    id: Option<String>,
    content: Option<String>,
}

fn main() {
    let _ = Message::builder().id("set-by-server").content("hi").build();
}
