use tollgate::Payload;

#[derive(Payload)]
struct Message {
    #[payload(read_only, guid)]
    id: Option<String>,
}

fn main() {}
