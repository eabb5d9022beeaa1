use tollgate::Payload;

#[derive(Payload)]
struct Template {
    #[payload(length(max = 512))]
    text_lines: Vec<String>,
}

fn main() {}
