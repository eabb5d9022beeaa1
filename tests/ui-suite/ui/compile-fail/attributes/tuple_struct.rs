use tollgate::Payload;

#[derive(Payload)]
struct Request(Option<String>);

fn main() {}
