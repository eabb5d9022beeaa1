use tollgate::Payload;

#[derive(Payload, Debug)]
struct Image {
    width: Option<u32>,
}

fn main() {
    let _ = Image::builder().width("wide").build();
}
