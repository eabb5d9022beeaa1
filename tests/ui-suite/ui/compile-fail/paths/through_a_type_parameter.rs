use tollgate::Payload;

#[derive(Payload)]
#[payload(required(items.label))]
struct Page<T> {
    items: Vec<T>,
}

fn main() {}
