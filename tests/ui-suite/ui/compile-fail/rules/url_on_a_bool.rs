use tollgate::Payload;

#[derive(Payload)]
struct Button {
    #[payload(url)]
    launch: bool,
}

fn main() {}
