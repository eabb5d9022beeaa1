use tollgate::Payload;

#[derive(Payload)]
#[payload(required(items))]
struct Basic {
    #[payload(no_presence, size(min = 1))]
    items: Vec<String>,
}

fn main() {}
