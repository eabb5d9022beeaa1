use tollgate::Payload;

#[derive(Payload)]
struct Request {
    #[payload(each(size(max = 3)))]
    a: Vec<String>,
}

fn main() {}
