use tollgate::Payload;

#[derive(Payload, Debug)]
#[payload(required(content.basic))]
struct Message {
    content: Option<Content>,
}

#[derive(Payload, Debug)]
#[payload(one_of(basic, form))]
struct Content {
    basic: Option<String>,
    form: Option<String>,
}

fn main() {
    let _ = Message::builder().content(Content::builder().form("f")).build();
}
