//! A push onto a one-of member after another member closed the group is a second member.
use tollgate::Payload;

#[derive(Payload, Debug)]
#[payload(one_of(labels, caption))]
struct Card {
    labels: Option<Vec<String>>,
    caption: Option<String>,
}

fn main() {
    let _ = Card::builder().caption("c").push_labels("a").build();
}
