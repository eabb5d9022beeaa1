use tollgate::Payload;

#[derive(Payload)]
#[payload(required(id))]
struct Message {
    #[payload(read_only)]
    id: Option<String>,
}

fn main() {}
