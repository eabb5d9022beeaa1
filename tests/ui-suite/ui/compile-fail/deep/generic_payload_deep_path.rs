//! A deep path through a generic payload: `Page<T>` holds `Entry<T>`s, and one pushed entry
//! builder has no `label`.
use tollgate::Payload;

#[derive(Payload, Debug)]
#[payload(required(page.entries.label))]
struct Catalog {
    page: Option<Page<u8>>,
}

#[derive(Payload, Debug)]
struct Page<T> {
    entries: Vec<Entry<T>>,
}

#[derive(Payload, Debug)]
struct Entry<T> {
    label: Option<String>,
    #[payload(skip)]
    tag: Option<T>,
}

fn main() {
    let _ = Catalog::builder()
        .page(Page::builder().push_entries(Entry::builder().label("a")).push_entries(Entry::builder().tag(7)))
        .build();
}
