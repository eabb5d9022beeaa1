//! A loop for instruction counts: one step of the validation path, `N` times, on one shared
//! payload, so that `valgrind --tool=callgrind` (or `perf stat -e instructions`) measures it
//! without the wall-clock noise of a shared machine.
//!
//! ```text
//! cargo build --release -p tollgate-benches --example count
//! benches/count.sh   # runs it under callgrind: instructions per call, per payload and step
//! ```
//!
//! Arguments: `STEP PAYLOAD N`, with `STEP` one of `validate` (`validate()` on the typed
//! value), `from_slice` (bytes to `SendMessageRequest`), `bytes` (both), `bytes_str` (the same
//! after checking UTF-8 once for the whole input, as `check --batch` reads), `parse_only` (the
//! same bytes read by serde_json into `IgnoredAny`: the parse with nothing built, the floor of
//! any model's deserialization), `value` (bytes to `serde_json::Value`), `mirror_owned` and
//! `mirror_borrowed` (the model's shape with `String`s or with borrowed `Cow<str>`s, below),
//! `response` (the answer to sending the payload, as the sandbox writes it, to
//! `SendMessageResponse`: the client's parse), `response_str` (the same after checking UTF-8
//! once, as the client reads it).
//! The per-call figure is
//! the difference between two runs (`N` and `0`) divided by `N`: setup cancels out.

use std::hint::black_box;
use std::process::ExitCode;

use tollgate::wix::inbox::{IdentificationData, SendMessageRequest, SendMessageResponse, Timestamp};
use tollgate::Validate;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [step, payload, n] = args.as_slice() else {
        eprintln!("usage: count STEP PAYLOAD N (see the source for the steps)");
        return ExitCode::from(2);
    };
    let Some((_, typed)) = tollgate_benches::payloads().into_iter().find(|(name, _)| name == payload) else {
        eprintln!("count: no payload named {payload}");
        return ExitCode::from(2);
    };
    let Ok(n) = n.parse::<usize>() else {
        eprintln!("count: N must be a number");
        return ExitCode::from(2);
    };
    let bytes = serde_json::to_vec(&typed).expect("serializable");
    let answer = serde_json::to_vec(&stored(&typed)).expect("serializable");
    let mut verdicts = 0usize;
    for _ in 0..n {
        let valid = match step.as_str() {
            "validate" => black_box(&typed).validate().is_ok(),
            "from_slice" => serde_json::from_slice::<SendMessageRequest>(black_box(&bytes)).is_ok(),
            "bytes" => serde_json::from_slice::<SendMessageRequest>(black_box(&bytes))
                .is_ok_and(|request| request.validate().is_ok()),
            "bytes_str" => std::str::from_utf8(black_box(&bytes)).is_ok_and(|text| {
                serde_json::from_str::<SendMessageRequest>(text)
                    .is_ok_and(|request| request.validate().is_ok())
            }),
            "parse_only" => serde_json::from_slice::<serde::de::IgnoredAny>(black_box(&bytes)).is_ok(),
            "value" => serde_json::from_slice::<serde_json::Value>(black_box(&bytes)).is_ok(),
            "response" => serde_json::from_slice::<SendMessageResponse>(black_box(&answer)).is_ok(),
            "response_str" => std::str::from_utf8(black_box(&answer))
                .is_ok_and(|text| serde_json::from_str::<SendMessageResponse>(text).is_ok()),
            "mirror_owned" => {
                serde_json::from_slice::<owned::SendMessageRequest<'_>>(black_box(&bytes)).is_ok()
            }
            "mirror_borrowed" => {
                serde_json::from_slice::<borrowed::SendMessageRequest<'_>>(black_box(&bytes)).is_ok()
            }
            other => {
                eprintln!("count: unknown step {other}");
                return ExitCode::from(2);
            }
        };
        verdicts += usize::from(valid);
    }
    println!("{verdicts}");
    ExitCode::SUCCESS
}

/// What the sandbox answers to `request` (`sandbox/src/inbox.rs`, `store`): the message with
/// the server's fields filled in.
fn stored(request: &SendMessageRequest) -> SendMessageResponse {
    const APP_ID: &str = "5ab4b2a8-7b4e-4c0e-9c52-0d1f3e6a9b71";
    let mut message = request.message.clone().unwrap_or_default();
    message.id = Some("0b7f0c3e-5d7a-4a45-a7a3-9a51c0f1b2d4".to_owned());
    message.created_date = Some(Timestamp::from_millisecond(1_764_633_600_123).expect("in range"));
    message.app_id = Some(APP_ID.to_owned());
    message.sender =
        Some(IdentificationData { app_id: Some(APP_ID.to_owned()), ..IdentificationData::default() });
    message.sequence = Some(12_345);
    SendMessageResponse { message: Some(message) }
}

/// The Send Message model's shape twice, for one question: what would borrowed strings in the
/// deserialized model gain? `owned` reads every string into a `String`, as the model does;
/// `borrowed` into `&'a str`, borrowed from the input. Same fields, same nesting, same
/// `Option`s and `Vec`s; no proto3 readers (numbers are plain `i64`) and no rules, so only the
/// strings differ between the two.
///
/// `&str` refuses a string with escapes; a real model would hold `Cow<'a, str>` read by a
/// borrowing deserializer (serde borrows a `Cow` only when it is the field's whole type, not
/// inside an `Option` or a `Vec`), which costs the same when there is nothing to unescape.
macro_rules! mirror {
    ($module:ident, $text:ty $(, #[$borrow:meta])?) => {
        #[allow(dead_code, reason = "the fields are read only by serde")]
        pub(crate) mod $module {
            use std::borrow::Cow;
            use std::marker::PhantomData;

            use serde::Deserialize;

            type Lifetime<'a> = PhantomData<Cow<'a, str>>;

            #[derive(Deserialize)]
            #[serde(rename_all = "camelCase")]
            pub(crate) struct SendMessageRequest<'a> {
                $(#[$borrow])? conversation_id: Option<$text>,
                $(#[$borrow])? message: Option<Message<'a>>,
            }

            #[derive(Deserialize)]
            #[serde(rename_all = "camelCase")]
            struct Message<'a> {
                $(#[$borrow])? content: Option<Content<'a>>,
                $(#[$borrow])? #[serde(default)] badges: Vec<Badge<'a>>,
                $(#[$borrow])? #[serde(default)] target_channels: Vec<$text>,
                $(#[$borrow])? source_channel_id: Option<$text>,
            }

            #[derive(Deserialize)]
            #[serde(rename_all = "camelCase")]
            struct Badge<'a> {
                $(#[$borrow])? text: Option<$text>,
                $(#[$borrow])? icon_url: Option<$text>,
                #[serde(skip)] lifetime: Lifetime<'a>,
            }

            #[derive(Deserialize)]
            #[serde(rename_all = "camelCase")]
            struct Content<'a> {
                $(#[$borrow])? basic: Option<Basic<'a>>,
                $(#[$borrow])? template: Option<Template<'a>>,
                $(#[$borrow])? minimal: Option<Minimal<'a>>,
                $(#[$borrow])? form: Option<Form<'a>>,
                $(#[$borrow])? preview_text: Option<$text>,
            }

            #[derive(Deserialize)]
            #[serde(rename_all = "camelCase")]
            struct Basic<'a> {
                $(#[$borrow])? #[serde(default)] items: Vec<Item<'a>>,
            }

            #[derive(Deserialize)]
            #[serde(rename_all = "camelCase")]
            struct Item<'a> {
                $(#[$borrow])? text: Option<$text>,
                $(#[$borrow])? image: Option<Image<'a>>,
                $(#[$borrow])? file: Option<Image<'a>>,
            }

            #[derive(Deserialize)]
            #[serde(rename_all = "camelCase")]
            struct Image<'a> {
                $(#[$borrow])? id: Option<$text>,
                $(#[$borrow])? url: Option<$text>,
                $(#[$borrow])? filename: Option<$text>,
                width: Option<i64>,
                height: Option<i64>,
                #[serde(skip)] lifetime: Lifetime<'a>,
            }

            #[derive(Deserialize)]
            #[serde(rename_all = "camelCase")]
            struct Template<'a> {
                $(#[$borrow])? title: Option<$text>,
                $(#[$borrow])? #[serde(default)] buttons: Vec<Button<'a>>,
                $(#[$borrow])? orientation: Option<$text>,
                $(#[$borrow])? #[serde(default)] text_lines: Vec<$text>,
                $(#[$borrow])? image_url: Option<$text>,
            }

            #[derive(Deserialize)]
            #[serde(rename_all = "camelCase")]
            struct Button<'a> {
                $(#[$borrow])? label: Option<$text>,
                $(#[$borrow])? launch_url: Option<$text>,
                $(#[$borrow])? postback_properties: Option<Postback<'a>>,
            }

            #[derive(Deserialize)]
            #[serde(rename_all = "camelCase")]
            struct Postback<'a> {
                $(#[$borrow])? interaction_id: Option<$text>,
                #[serde(skip)] lifetime: Lifetime<'a>,
            }

            #[derive(Deserialize)]
            #[serde(rename_all = "camelCase")]
            struct Minimal<'a> {
                $(#[$borrow])? text: Option<$text>,
                $(#[$borrow])? icon_url: Option<$text>,
                $(#[$borrow])? url: Option<$text>,
                #[serde(skip)] lifetime: Lifetime<'a>,
            }

            #[derive(Deserialize)]
            #[serde(rename_all = "camelCase")]
            struct Form<'a> {
                $(#[$borrow])? title: Option<$text>,
                $(#[$borrow])? description: Option<$text>,
                $(#[$borrow])? #[serde(default)] fields: Vec<Field<'a>>,
                $(#[$borrow])? #[serde(default)] media: Vec<Media<'a>>,
            }

            #[derive(Deserialize)]
            #[serde(rename_all = "camelCase")]
            struct Field<'a> {
                $(#[$borrow])? name: Option<$text>,
                $(#[$borrow])? value: Option<$text>,
                #[serde(skip)] lifetime: Lifetime<'a>,
            }

            #[derive(Deserialize)]
            #[serde(rename_all = "camelCase")]
            struct Media<'a> {
                $(#[$borrow])? image: Option<Image<'a>>,
                $(#[$borrow])? file: Option<Image<'a>>,
            }
        }
    };
}

mirror!(owned, String);
mirror!(borrowed, &'a str, #[serde(borrow)]);
