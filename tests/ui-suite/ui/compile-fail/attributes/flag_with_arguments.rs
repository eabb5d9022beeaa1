use tollgate::Payload;

#[derive(Payload)]
struct Request {
    #[payload(guid(strict))]
    a: Option<String>,
}

fn main() {}
