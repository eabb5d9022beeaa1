use tollgate::Payload;

#[derive(Payload)]
struct Request {
    #[payload(length(max = 3, max = 4))]
    a: Option<String>,
}

fn main() {}
