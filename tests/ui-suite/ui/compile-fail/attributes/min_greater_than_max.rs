use tollgate::Payload;

#[derive(Payload)]
struct Request {
    #[payload(length(min = 10, max = 3))]
    a: Option<String>,
}

fn main() {}
