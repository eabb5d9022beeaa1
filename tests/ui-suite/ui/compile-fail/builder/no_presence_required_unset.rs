use tollgate::Payload;

// `required` on a `no_presence` list: the run-time report is its `MIN_SIZE`, and the builder
// still demands it.
#[derive(Payload, Debug)]
#[payload(required(items))]
struct Basic {
    #[payload(no_presence, size(min = 1))]
    items: Vec<String>,
}

fn main() {
    let _ = Basic::builder().build();
}
