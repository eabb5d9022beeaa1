//! Wire enums are payload leaves: fields of their type need no `skip`.
use tollgate::{Payload, Validate};

#[derive(Payload, Debug, Clone, Copy, PartialEq)]
enum Direction {
    BusinessToParticipant,
    ParticipantToBusiness,
}

#[derive(Payload, Debug)]
#[payload(required(direction))]
struct Message {
    direction: Option<Direction>,
    channels: Vec<Direction>,
}

fn main() {
    let message = Message::builder().direction(Direction::BusinessToParticipant).build().unwrap();
    assert_eq!(message.direction, Some(Direction::BusinessToParticipant));
    assert!(message.channels.is_empty());
    let missing = Message { direction: None, channels: vec![Direction::ParticipantToBusiness] };
    assert_eq!(missing.validate().unwrap_err().to_string(), "direction: is required [REQUIRED_FIELD]");
}
