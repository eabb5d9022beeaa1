use tollgate::Payload;

#[derive(Payload)]
struct Message {
    #[payload(read_only, no_presence, length(min = 1))]
    sequence: String,
}

fn main() {}
