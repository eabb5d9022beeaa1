use tollgate::Payload;

#[derive(Payload)]
#[payload(crate = "::tollgate", crate = "::tollgate")]
struct Request {
    message: Option<String>,
}

fn main() {}
