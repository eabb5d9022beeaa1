use tollgate::Payload;

#[derive(Payload)]
#[payload(one_of(text, image_url))]
struct Item {
    #[payload(no_presence, length(min = 1))]
    text: Option<String>,
    image_url: Option<String>,
}

fn main() {}
