use tollgate::Payload;

#[derive(Payload)]
#[payload(length(max = 3))]
struct Request {
    a: Option<String>,
}

fn main() {}
