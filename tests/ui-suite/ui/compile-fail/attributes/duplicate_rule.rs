use tollgate::Payload;

#[derive(Payload)]
struct Request {
    #[payload(length(max = 3), length(min = 1))]
    a: Option<String>,
}

fn main() {}
