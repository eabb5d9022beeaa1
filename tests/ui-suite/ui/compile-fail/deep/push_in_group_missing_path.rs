//! A builder pushed onto a one-of member list is held to the required paths below it.
use tollgate::Payload;

#[derive(Payload, Debug)]
#[payload(exactly_one_of(buttons, text), required(buttons.label))]
struct Card {
    buttons: Option<Vec<Button>>,
    text: Option<String>,
}

#[derive(Payload, Debug)]
struct Button {
    label: Option<String>,
    link: Option<String>,
}

fn main() {
    let _ = Card::builder().push_buttons(Button::builder().link("https://example.com")).build();
}
