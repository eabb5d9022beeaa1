use tollgate::Payload;

#[derive(Payload)]
#[payload = "required(a)"]
struct Request {
    a: Option<String>,
}

fn main() {}
