use tollgate::Payload;

#[derive(Payload)]
struct Image {
    #[payload(length(max = 10))]
    width: Option<u32>,
}

fn main() {}
