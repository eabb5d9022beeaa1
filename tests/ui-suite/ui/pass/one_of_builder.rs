//! One-of groups in the builder: zero or one member of `one_of`, exactly one of
//! `exactly_one_of`, in any order among other setters.
use tollgate::Payload;

#[derive(Payload, Debug)]
#[payload(one_of(image, file), exactly_one_of(text, link, card))]
struct Item {
    image: Option<String>,
    file: Option<String>,
    text: Option<String>,
    link: Option<String>,
    card: Option<String>,
    caption: Option<String>,
}

fn main() {
    let a = Item::builder().link("l").build().unwrap();
    assert!(a.image.is_none() && a.file.is_none());
    let b = Item::builder().file("f").caption("c").card("k").build().unwrap();
    assert_eq!(b.file.as_deref(), Some("f"));
    assert_eq!(b.card.as_deref(), Some("k"));
}
