use tollgate::Payload;

#[derive(Payload)]
struct Request {
    #[payload(each())]
    a: Vec<String>,
}

fn main() {}
