//! A three-segment path into another crate's types: `Note` and its list of `Line`s are in
//! `payloads_elsewhere`, and the pushed `Line` builder has no `label_text`.
use payloads_elsewhere::{Line, Note};
use tollgate::Payload;

#[derive(Payload, Debug)]
#[payload(required(note.lines.label_text))]
struct Board {
    note: Option<Note>,
}

fn main() {
    let _ = Board::builder()
        .note(Note::builder().text("hello").push_lines(Line::builder()))
        .build();
}
