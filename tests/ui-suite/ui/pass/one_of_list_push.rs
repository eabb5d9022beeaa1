//! A list that is a member of a one-of group has `push_`: the first push closes the group,
//! later pushes (and pushes after `xs(items)`) extend the list, and an exactly-one group is
//! satisfied by a push. Builders pushed into it are held to the paths below the list.
use tollgate::Payload;

#[derive(Payload, Debug)]
#[payload(exactly_one_of(buttons, text), one_of(labels, caption), required(buttons.label))]
struct Card {
    buttons: Option<Vec<Button>>,
    text: Option<String>,
    labels: Option<Vec<String>>,
    caption: Option<String>,
}

#[derive(Payload, Debug)]
struct Button {
    label: Option<String>,
    link: Option<String>,
}

fn main() {
    let card = Card::builder()
        .push_buttons(Button::builder().label("Yes"))
        .push_buttons(Button::builder().label("No").link("https://example.com/no"))
        .push_labels("a")
        .push_labels(String::from("b"))
        .build()
        .unwrap();
    let buttons = card.buttons.unwrap();
    assert_eq!(buttons.len(), 2);
    assert_eq!(buttons[0].label.as_deref(), Some("Yes"));
    assert_eq!(card.labels.unwrap(), ["a", "b"]);
    assert!(card.text.is_none() && card.caption.is_none());

    // After `xs(items)`, pushes extend the list; the other group stays open.
    let card = Card::builder()
        .buttons([Button::builder().label("One")])
        .push_buttons(Button { label: Some("Two".into()), link: None })
        .caption("c")
        .build()
        .unwrap();
    assert_eq!(card.buttons.unwrap().len(), 2);
    assert_eq!(card.caption.as_deref(), Some("c"));
}
