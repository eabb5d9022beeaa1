use tollgate::Payload;

#[derive(Payload, Debug)]
#[payload(one_of(basic, template, minimal, form))]
struct Content {
    basic: Option<String>,
    template: Option<String>,
    minimal: Option<String>,
    form: Option<String>,
}

fn main() {
    let _ = Content::builder().basic("hi").template("card").build();
}
