use tollgate::Payload;

#[derive(Payload)]
struct Request {
    #[payload(required(a))]
    a: Option<String>,
}

fn main() {}
