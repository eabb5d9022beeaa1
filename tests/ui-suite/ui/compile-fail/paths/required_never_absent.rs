use tollgate::Payload;

#[derive(Payload)]
#[payload(required(silent))]
struct Message {
    silent: bool,
}

fn main() {}
