use std::collections::HashMap;
use tollgate::Payload;

#[derive(Payload)]
#[payload(required(labels.key))]
struct Request {
    #[payload(skip)]
    labels: Option<HashMap<String, String>>,
}

fn main() {}
