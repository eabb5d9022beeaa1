use tollgate::Payload;

// Four mistakes, four errors, and nothing else: the stub keeps `builder()` and
// `validate()` compiling so that no second wave of errors follows.
#[derive(Payload)]
#[payload(required(missing), one_of(a))]
struct Request {
    #[payload(length(max = 3), lenght(min = 1))]
    a: Option<String>,
    #[payload(size(min = 2, max = 1))]
    b: Vec<String>,
}

fn main() {
    use tollgate::Validate;
    let request = Request::builder().a("x").b(vec![]).build().unwrap();
    let _ = request.validate();
}
