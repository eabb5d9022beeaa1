use tollgate::Payload;

#[derive(Payload)]
#[payload(one_of(basic, template))]
struct Content {
    basic: Option<String>,
    template: String,
}

fn main() {}
