use tollgate::Payload;

#[derive(Payload, Debug)]
struct Request {
    message: Option<Message>,
}

#[derive(Payload, Debug)]
struct Message {
    content: Option<String>,
}

fn main() {
    let _ = Request::builder().message("hi").build();
}
