//! Wire names follow serde: `rename_all`, `rename`, `rename(serialize = ..)`, `flatten`, raw
//! identifiers.
use serde::Serialize;
use tollgate::{Payload, Validate};

#[derive(Payload, Serialize)]
#[serde(rename_all = "camelCase")]
#[payload(required(conversation_id, r#type, meta.source_id))]
struct Request {
    conversation_id: Option<String>,
    r#type: Option<String>,
    #[serde(rename = "x-meta")]
    meta: Option<Meta>,
    #[serde(flatten)]
    paging: Paging,
}

#[derive(Payload, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
struct Meta {
    #[serde(rename(serialize = "src", deserialize = "source"))]
    source_id: Option<String>,
}

#[derive(Payload, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
struct Paging {
    #[payload(length(max = 2))]
    page_token: Option<String>,
}

fn main() {
    let request = Request {
        conversation_id: None,
        r#type: None,
        meta: Some(Meta { source_id: None }),
        paging: Paging { page_token: Some("abc".into()) },
    };
    let paths: Vec<String> = request.validate().unwrap_err().iter().map(|v| v.path().to_string()).collect();
    assert_eq!(paths, ["conversationId", "type", "x-meta.src", "page-token"]);

    let built = Request::builder().conversation_id("c").r#type("t").paging(Paging::default()).build().unwrap();
    assert_eq!(built.r#type.as_deref(), Some("t"));
}
