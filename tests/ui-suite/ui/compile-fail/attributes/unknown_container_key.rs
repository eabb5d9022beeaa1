use tollgate::Payload;

#[derive(Payload)]
#[payload(requird(a))]
struct Request {
    a: Option<String>,
}

fn main() {}
