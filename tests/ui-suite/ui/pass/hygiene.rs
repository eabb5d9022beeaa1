//! Generated code uses absolute paths: local items named like prelude types do not break it.
#![allow(dead_code)]
use tollgate::Payload;

struct Option;
struct Some;
struct None;
struct Result;
struct Ok;
struct Box;
struct Vec;
struct String;
mod tollgate_private {}

#[derive(Payload)]
#[payload(required(a, b.c), one_of(d, e))]
struct Request {
    a: std::option::Option<std::string::String>,
    b: std::option::Option<Inner>,
    d: std::option::Option<u8>,
    e: std::option::Option<u8>,
}

#[derive(Payload)]
struct Inner {
    c: std::option::Option<std::string::String>,
}

fn main() {
    let _ = Request::builder().a("x").b(Inner::builder().c("y")).d(1).build();
}
