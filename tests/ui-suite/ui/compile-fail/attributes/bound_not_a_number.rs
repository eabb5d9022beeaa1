use tollgate::Payload;

#[derive(Payload)]
struct Request {
    #[payload(length(max = "256"))]
    a: Option<String>,
    #[payload(size(min = -1))]
    b: Vec<String>,
}

fn main() {}
