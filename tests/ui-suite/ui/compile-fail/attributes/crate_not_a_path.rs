use tollgate::Payload;

#[derive(Payload)]
#[payload(crate = "not a path")]
struct Request {
    message: Option<String>,
}

fn main() {}
