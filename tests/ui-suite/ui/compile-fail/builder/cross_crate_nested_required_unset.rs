use payloads_elsewhere::Note;
use tollgate::Payload;

#[derive(Payload, Debug)]
#[payload(required(note.link))]
struct Board {
    note: Option<Note>,
}

fn main() {
    let _ = Board::builder().note(Note::builder().text("hello")).build();
}
