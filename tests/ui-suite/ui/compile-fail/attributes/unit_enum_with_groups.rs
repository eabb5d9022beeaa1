use tollgate::Payload;

#[derive(Payload)]
#[payload(one_of(Chat, Email))]
enum Channel {
    Chat,
    Email,
}

fn main() {}
