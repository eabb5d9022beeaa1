use tollgate::Payload;

#[derive(Payload)]
enum Channel {
    Chat,
    Email(String),
}

fn main() {}
