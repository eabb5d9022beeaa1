use tollgate::Payload;

#[derive(Payload)]
struct Button {
    #[payload(skip, length(max = 3))]
    label: Option<String>,
}

fn main() {}
