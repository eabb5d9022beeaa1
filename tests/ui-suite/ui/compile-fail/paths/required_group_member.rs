use tollgate::Payload;

#[derive(Payload)]
#[payload(required(basic), one_of(basic, form))]
struct Content {
    basic: Option<String>,
    form: Option<String>,
}

fn main() {}
