//! Generic payloads: type, lifetime and const parameters, with bounds inferred per field.
use std::borrow::Cow;
use tollgate::{Payload, Validate};

#[derive(Payload, Debug)]
#[payload(required(items, entries.label))]
struct Page<'a, T, const N: usize>
where
    T: Clone,
{
    #[payload(size(max = 2))]
    items: Vec<T>,
    entries: Vec<Entry<T>>,
    #[payload(length(max = 5))]
    title: Option<Cow<'a, str>>,
    #[payload(skip)]
    extra: Option<[u8; N]>,
}

#[derive(Payload, Debug, Clone)]
struct Entry<T = ()> {
    label: Option<String>,
    #[payload(skip)]
    tag: Option<T>,
}

#[derive(Payload, Debug)]
struct Wrapper<T = Entry> {
    inner: Option<T>,
}

fn main() {
    let entry = |label: Option<&str>| Entry { label: label.map(Into::into), tag: Some(7u8) };
    let page: Page<'_, u8, 2> = Page::builder()
        .items(vec![1, 2])
        .entries(vec![entry(Some("a"))])
        .title(Cow::Borrowed("short"))
        .extra([0, 1])
        .build()
        .unwrap();
    assert_eq!(page.items.len(), 2);

    let broken: Page<'_, u8, 0> = Page {
        items: vec![1, 2, 3],
        entries: vec![entry(None), entry(Some("b")), entry(None)],
        title: Some(Cow::Borrowed("too long")),
        extra: None,
    };
    let paths: Vec<String> = broken.validate().unwrap_err().iter().map(|v| v.path().to_string()).collect();
    assert_eq!(paths, ["items", "entries[0].label", "entries[2].label", "title"]);

    let wrapped: Wrapper = Wrapper::builder().inner(Entry { label: None, tag: None }).build().unwrap();
    assert!(wrapped.inner.is_some());
}
