use tollgate::Payload;

#[derive(Payload)]
struct Request {
    #[payload(lenght(max = 3))]
    a: Option<String>,
}

fn main() {}
