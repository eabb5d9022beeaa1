use tollgate::Payload;

#[derive(Payload)]
struct Image {
    #[payload(no_presence, length(min = 1))]
    width: i32,
}

fn main() {}
