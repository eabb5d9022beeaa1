use tollgate::Payload;

#[derive(Payload)]
#[payload(one_of(basic, template), exactly_one_of(template, form))]
struct Content {
    basic: Option<String>,
    template: Option<String>,
    form: Option<String>,
}

fn main() {}
