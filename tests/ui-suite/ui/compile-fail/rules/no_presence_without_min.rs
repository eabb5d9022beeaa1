use tollgate::Payload;

#[derive(Payload)]
struct Button {
    // Only a maximum: an absent label is never too long, so `no_presence` changes nothing.
    #[payload(no_presence, length(max = 16384))]
    label: String,
    #[payload(no_presence, size(min = 0, max = 10))]
    lines: Vec<String>,
}

fn main() {}
