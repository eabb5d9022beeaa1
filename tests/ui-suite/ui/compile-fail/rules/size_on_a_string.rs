use tollgate::Payload;

#[derive(Payload)]
struct Content {
    #[payload(size(max = 10))]
    title: Option<String>,
}

fn main() {}
