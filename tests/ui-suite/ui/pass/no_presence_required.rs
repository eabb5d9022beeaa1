//! `required` on a `no_presence` field: the builder must set it, and at run time its minimum
//! alone reports it absent (`MIN_SIZE`, as Wix does), never twice, also through a path that a
//! parent declares into it.
use tollgate::{Payload, Validate};

#[derive(Payload, Default, Debug)]
#[payload(required(items))]
struct Basic {
    #[payload(no_presence, size(min = 1))]
    items: Vec<String>,
}

#[derive(Payload, Default, Debug)]
#[payload(required(basic.items))]
struct Content {
    basic: Option<Basic>,
}

fn main() {
    let basic = Basic::builder().push_items("a").build().unwrap();
    assert_eq!(basic.items, ["a"]);
    let empty = Basic::default().validate().unwrap_err();
    assert_eq!(empty.to_string(), "items: must have at least 1 item (it has 0) [MIN_SIZE]");
    let content = Content { basic: Some(Basic::default()) };
    assert_eq!(
        content.validate().unwrap_err().to_string(),
        "basic.items: must have at least 1 item (it has 0) [MIN_SIZE]"
    );
    let built = Content::builder().basic(Basic::builder().items(Vec::new())).build().unwrap_err();
    assert_eq!(built.len(), 1);
}
