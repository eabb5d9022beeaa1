use tollgate::Payload;

#[derive(Payload)]
#[payload(one_of(basic, template, basic))]
struct Content {
    basic: Option<String>,
    template: Option<String>,
}

fn main() {}
