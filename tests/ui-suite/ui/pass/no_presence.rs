//! `no_presence`: a field without presence on the wire reads absent as empty, so its
//! minimum applies when it is left out, under Wix's rule names.
use tollgate::{Payload, Validate};

#[derive(Payload, Default, Debug)]
struct Form {
    #[payload(no_presence, length(min = 1, max = 5), url)]
    text: String,
    #[payload(no_presence, length(min = 2))]
    title: Option<String>,
    #[payload(no_presence, size(min = 1, max = 2))]
    fields: Vec<String>,
    #[payload(no_presence, size(min = 1))]
    media: Option<Vec<u8>>,
}

fn main() {
    let empty = Form::default().validate().unwrap_err();
    assert_eq!(
        empty.to_string(),
        "text: must be at least 1 character long (it is 0) [MIN_LENGTH]\n\
         title: must be at least 2 characters long (it is 0) [MIN_LENGTH]\n\
         fields: must have at least 1 item (it has 0) [MIN_SIZE]\n\
         media: must have at least 1 item (it has 0) [MIN_SIZE]"
    );
    let present = Form {
        text: "toolong".into(),
        title: Some(String::new()),
        fields: vec!["a".into(), "b".into(), "c".into()],
        media: Some(vec![]),
    };
    let violations = present.validate().unwrap_err();
    let rules: Vec<&str> = violations.iter().map(|v| v.wix_rule()).collect();
    assert_eq!(rules, ["MAX_LENGTH", "FORMAT", "MIN_LENGTH", "MAX_SIZE", "MIN_SIZE"]);
    let built = Form::builder().build().unwrap_err();
    assert_eq!(built.len(), 4);
}
