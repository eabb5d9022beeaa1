use tollgate::Payload;

#[derive(Payload)]
#[payload(exactly_one_of(basic))]
struct Content {
    basic: Option<String>,
}

fn main() {}
