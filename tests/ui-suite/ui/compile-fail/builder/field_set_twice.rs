use tollgate::Payload;

#[derive(Payload, Debug)]
struct Message {
    content: Option<String>,
}

fn main() {
    let _ = Message::builder().content("a").content("b").build();
}
