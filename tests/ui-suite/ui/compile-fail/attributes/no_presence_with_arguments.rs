use tollgate::Payload;

#[derive(Payload)]
struct Minimal {
    #[payload(no_presence(true), length(min = 1))]
    text: String,
}

fn main() {}
