use tollgate::Payload;

#[derive(Payload)]
struct Request {
    #[payload(size(maximum = 3))]
    a: Vec<String>,
}

fn main() {}
