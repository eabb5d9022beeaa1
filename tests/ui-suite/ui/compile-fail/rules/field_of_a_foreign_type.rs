use std::time::Duration;
use tollgate::Payload;

#[derive(Payload)]
struct Message {
    ttl: Option<Duration>,
}

fn main() {}
