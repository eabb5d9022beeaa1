//! Deep paths into another crate's payloads (which depends on tollgate renamed to `tg`):
//! `note.lines.words.href`, through that crate's builders, lists of them and pushes.
use payloads_elsewhere::{Line, Note, Word};
use tollgate::Payload;

#[derive(Payload, Debug)]
#[payload(required(note.lines.label_text, note.lines.words.href))]
struct Board {
    note: Option<Note>,
}

fn main() {
    let board = Board::builder()
        .note(
            Note::builder()
                .text("hello")
                .push_lines(Line::builder().label_text("one").push_words(Word::builder().spelling("hi").href("https://example.com/hi")))
                .push_lines(Line::builder().label_text("two")),
        )
        .build()
        .unwrap();
    let note = board.note.unwrap();
    assert_eq!(note.lines.len(), 2);
    assert_eq!(note.lines[0].words.as_ref().unwrap()[0].spelling.as_deref(), Some("hi"));

    // A `Word` value inside a builder: the compiler cannot see inside it, `build()` checks it.
    let violations = Board::builder()
        .note(Note::builder().link("https://example.com").push_lines(
            Line::builder().label_text("x").push_words(Word { spelling: Some("hi".into()), href: None }),
        ))
        .build()
        .unwrap_err();
    assert_eq!(violations.to_string(), "note.lines[0].words[0].href: is required [REQUIRED_FIELD]");
}
