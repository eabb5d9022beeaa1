//! A required path that crosses into a payload type from another crate, given through that
//! crate's builder and as a plain value.
use payloads_elsewhere::{Line, Note};
use tollgate::{Payload, Validate};

#[derive(Payload, Debug)]
#[payload(required(note, note.text, note.lines.label_text))]
struct Board {
    note: Option<Note>,
}

fn main() {
    let board = Board::builder().note(Note::builder().text("hello")).build().unwrap();
    assert_eq!(board.note.unwrap().text.as_deref(), Some("hello"));

    // A plain value: the compiler cannot see inside it, `build()` checks it, with the
    // other crate's wire names.
    let note = Note {
        link: Some("https://example.com".into()),
        lines: vec![Line { label_text: None, words: None }],
        ..Note::default()
    };
    let violations = Board::builder().note(note).build().unwrap_err();
    let found: Vec<(String, &str)> =
        violations.iter().map(|v| (v.path().to_string(), v.wix_rule())).collect();
    assert_eq!(
        found,
        [("note.text".to_string(), "REQUIRED_FIELD"), ("note.lines[0].labelText".to_string(), "REQUIRED_FIELD")]
    );
    assert!(Board { note: None }.validate().is_err());
}
