//! An exactly-one group needs its member for sure: no `maybe_` setter, so `None` cannot leave
//! the group empty.
use tollgate::Payload;

#[derive(Payload, Debug)]
#[payload(exactly_one_of(text, link))]
struct Note {
    text: Option<String>,
    link: Option<String>,
}

fn main() {
    let text: Option<String> = None;
    let _ = Note::builder().maybe_text(text).build();
}
