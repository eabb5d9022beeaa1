use tollgate::Payload;

#[derive(Payload)]
#[payload(one_of(basic, tempalte))]
struct Content {
    basic: Option<String>,
    template: Option<String>,
}

fn main() {}
