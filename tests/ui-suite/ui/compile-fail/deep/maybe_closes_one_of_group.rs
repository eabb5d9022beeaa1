//! `maybe_x` closes an at-most-one group as `x` does, whatever it was given: a second member
//! does not compile.
use tollgate::Payload;

#[derive(Payload, Debug)]
#[payload(one_of(basic, template))]
struct Content {
    basic: Option<String>,
    template: Option<String>,
}

fn main() {
    let _ = Content::builder().maybe_basic(None::<String>).template("welcome").build();
}
