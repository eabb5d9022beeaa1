use tollgate::Payload;

#[derive(Payload, Debug)]
#[payload(exactly_one_of(text, image, file))]
struct Item {
    text: Option<String>,
    image: Option<String>,
    file: Option<String>,
    #[payload(length(max = 10))]
    caption: Option<String>,
}

fn main() {
    let _ = Item::builder().caption("no payload").build();
}
