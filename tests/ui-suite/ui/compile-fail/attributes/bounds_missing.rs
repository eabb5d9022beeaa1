use tollgate::Payload;

#[derive(Payload)]
struct Request {
    #[payload(length)]
    a: Option<String>,
    #[payload(size())]
    b: Vec<String>,
}

fn main() {}
