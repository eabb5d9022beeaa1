//! The in-place reading held to serde's derived reading of the same definitions, struct by
//! struct (each level's children are read the same way in both, so agreement at every level
//! is agreement of the whole): the same value, or the same error message, position included,
//! on every document below, from a JSON text and from a `serde_json::Value`.

use std::fmt::Debug;

use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use super::Derived;
use crate::wix::inbox::{
    Badge, BasicMessageData, BasicMessagePayload, Button, FileMessage, FormField, FormMessagePayload,
    IdentificationData, ImageMessage, MediaItem, Message, MessageContent, MinimalMessagePayload,
    PostbackProperties, SendMessageRequest, SendMessageResponse, SystemMessagePayload,
    TemplateMessagePayload,
};

/// A request with every field of every struct set at least once (the `system` payload,
/// which cannot share `content` with `basic` under the one-of, sits in a second message).
fn rich_request() -> Value {
    let image = json!({
        "id": "media-1", "url": "https://example.com/a.png", "filename": "a.png",
        "width": "100", "height": 50.0, "urlExpiration": "2024-06-14T10:15:30.123Z"
    });
    let file = json!({
        "id": "media-2", "url": "https://example.com/a.pdf", "filename": "a.pdf",
        "mimeType": "application/pdf", "urlExpiration": "2024-06-14T10:15:30+02:00"
    });
    let button = json!({
        "label": "Open", "launchUrl": "https://example.com/",
        "postbackProperties": { "appId": "5ab4b2a8-7b4e-4c0e-9c52-0d1f3e6a9b71", "interactionId": "go" }
    });
    json!({
        "conversationId": "6202c3bb-f263-3c16-8c90-d6387d9ed420",
        "sendNotifications": true, "silent": false, "sendAs": "PARTICIPANT",
        "message": {
            "id": "0b7f0c3e-5d7a-4a45-a7a3-9a51c0f1b2d4",
            "sender": { "anonymousVisitorId": "a", "memberId": "b", "wixUserId": "c", "appId": "d", "contactId": "e" },
            "badges": [{ "text": "VIP", "iconUrl": "https://example.com/i.png", "badgeVisibility": "BUSINESS" }],
            "targetChannels": ["CHAT", "PIGEON"], "sourceChannel": "EMAIL", "appId": "app",
            "visibility": "BUSINESS", "sequence": "12345", "direction": "BUSINESS_TO_PARTICIPANT",
            "createdDate": "2024-06-14T10:15:30Z", "targetChannelIds": ["c1", "c2"],
            "sourceChannelId": "c0", "silent": true,
            "content": {
                "previewText": "Hi", "title": "T",
                "basic": { "items": [{ "text": "Hey!" }, { "image": image }, { "file": file }] },
                "template": {
                    "title": "Booked", "buttons": [button, { "label": "" }], "orientation": "LANDSCAPE",
                    "textLines": ["a", "b"], "imageUrl": "https://example.com/t.png"
                },
                "minimal": { "text": "m", "iconUrl": "https://example.com/m.png", "url": "https://example.com/" },
                "form": {
                    "title": "F", "description": "D",
                    "fields": [{ "name": "n", "value": "v" }],
                    "media": [{ "image": image }, { "file": file }]
                }
            }
        },
        "other": { "content": { "system": { "text": "s", "buttons": [button], "imageUrl": "https://example.com/s.png" } } }
    })
}

/// Where each struct occurs: the key that holds it (a list's elements for a list).
const HOLDERS: &[(&str, &str)] = &[
    ("message", "Message"),
    ("other", "Message"),
    ("content", "MessageContent"),
    ("sender", "IdentificationData"),
    ("badges", "Badge"),
    ("basic", "BasicMessagePayload"),
    ("items", "BasicMessageData"),
    ("image", "ImageMessage"),
    ("file", "FileMessage"),
    ("template", "TemplateMessagePayload"),
    ("buttons", "Button"),
    ("postbackProperties", "PostbackProperties"),
    ("minimal", "MinimalMessagePayload"),
    ("form", "FormMessagePayload"),
    ("fields", "FormField"),
    ("media", "MediaItem"),
    ("system", "SystemMessagePayload"),
];

/// Every object of `rich_request` with the struct it is read as.
fn samples() -> Vec<(&'static str, Value)> {
    fn walk(value: &Value, kind: &'static str, out: &mut Vec<(&'static str, Value)>) {
        let Value::Object(fields) = value else { return };
        out.push((kind, value.clone()));
        for (key, child) in fields {
            let Some(&(_, child_kind)) = HOLDERS.iter().find(|(holder, _)| holder == key) else {
                continue;
            };
            match child {
                Value::Array(elements) => elements.iter().for_each(|element| walk(element, child_kind, out)),
                _ => walk(child, child_kind, out),
            }
        }
    }
    let request = rich_request();
    let mut out = vec![("SendMessageResponse", json!({ "message": request["message"].clone() }))];
    walk(&request, "SendMessageRequest", &mut out);
    out
}

/// Texts of one object with each key in turn written twice, escaped, or the object as
/// an array, truncated, or with trailing text.
fn textual_variants(object: &serde_json::Map<String, Value>) -> Vec<String> {
    let entry = |key: &str, value: &Value| format!("{}:{value}", Value::from(key));
    let entries: Vec<String> = object.iter().map(|(key, value)| entry(key, value)).collect();
    let mut out = Vec::new();
    for (index, (key, value)) in object.iter().enumerate() {
        for repeat in [value.clone(), Value::Null] {
            let mut twice = entries.clone();
            twice.insert(index + 1, entry(key, &repeat));
            out.push(format!("{{{}}}", twice.join(",")));
        }
        let mut escaped = entries.clone();
        let first = key.chars().next().map_or(0, u32::from);
        escaped[index] = format!("\"\\u{first:04x}{}\":{value}", &key[1..]);
        out.push(format!("{{{}}}", escaped.join(",")));
    }
    let values: Vec<String> = object.values().map(Value::to_string).collect();
    for len in 0..=values.len() {
        out.push(format!("[{}]", values[..len].join(",")));
    }
    for nulls in 0..=20 {
        out.push(format!("[{}]", vec!["null"; nulls].join(",")));
    }
    let text = Value::Object(object.clone()).to_string();
    out.extend((0..text.len()).filter(|&end| text.is_char_boundary(end)).map(|end| text[..end].to_owned()));
    out.extend([format!("{text} x"), format!("{text},"), format!(" {text} "), format!("{text}}}")]);
    out
}

/// Each key set to each kind of JSON value, left out, and an unknown key added.
fn value_variants(object: &serde_json::Map<String, Value>) -> Vec<Value> {
    let replacements = [
        Value::Null,
        json!(true),
        json!(0),
        json!(-1),
        json!(1.5),
        json!(1e300),
        json!(u64::MAX),
        json!(""),
        json!("x"),
        json!("100"),
        json!([]),
        json!([null]),
        json!([{}]),
        json!(["x"]),
        json!({}),
        json!({ "zz": 1 }),
    ];
    let mut out = vec![Value::Object(object.clone())];
    for key in object.keys() {
        for replacement in &replacements {
            let mut changed = object.clone();
            changed.insert(key.clone(), replacement.clone());
            out.push(Value::Object(changed));
        }
        let mut removed = object.clone();
        removed.remove(key);
        out.push(Value::Object(removed));
    }
    let mut unknown = object.clone();
    unknown.insert("notAField".to_owned(), json!({ "deep": [1, { "x": null }] }));
    out.push(Value::Object(unknown));
    out.extend([Value::Null, json!(7), json!("text"), json!(true), json!([]), json!({})]);
    out
}

/// Both readings of `text` (as `serde_json::from_str` reads it), and of `value`.
fn agree<T: DeserializeOwned + Derived + PartialEq + Debug>(text: &str, value: Option<&Value>) {
    let derived = {
        let mut json = serde_json::Deserializer::from_str(text);
        T::derived(&mut json).and_then(|read| json.end().map(|()| read))
    };
    let in_place = serde_json::from_str::<T>(text);
    match (&in_place, &derived) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{text}"),
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "{text}"),
        _ => panic!("{text}: in place {in_place:?}, derived {derived:?}"),
    }
    if let Some(value) = value {
        let in_place = T::deserialize(value.clone()).map_err(|error| error.to_string());
        let derived = T::derived(value.clone()).map_err(|error| error.to_string());
        assert_eq!(in_place, derived, "{value}");
    }
}

/// Every variant of every sample, read by its struct.
#[test]
fn every_struct_reads_every_document_as_the_derive_does() {
    let mut documents = 0;
    for (kind, sample) in samples() {
        let Value::Object(object) = &sample else { unreachable!("samples are objects") };
        let check = |text: &str, value: Option<&Value>| match kind {
            "SendMessageRequest" => agree::<SendMessageRequest>(text, value),
            "SendMessageResponse" => agree::<SendMessageResponse>(text, value),
            "Message" => agree::<Message>(text, value),
            "MessageContent" => agree::<MessageContent>(text, value),
            "IdentificationData" => agree::<IdentificationData>(text, value),
            "Badge" => agree::<Badge>(text, value),
            "BasicMessagePayload" => agree::<BasicMessagePayload>(text, value),
            "BasicMessageData" => agree::<BasicMessageData>(text, value),
            "ImageMessage" => agree::<ImageMessage>(text, value),
            "FileMessage" => agree::<FileMessage>(text, value),
            "TemplateMessagePayload" => agree::<TemplateMessagePayload>(text, value),
            "Button" => agree::<Button>(text, value),
            "PostbackProperties" => agree::<PostbackProperties>(text, value),
            "MinimalMessagePayload" => agree::<MinimalMessagePayload>(text, value),
            "FormMessagePayload" => agree::<FormMessagePayload>(text, value),
            "FormField" => agree::<FormField>(text, value),
            "MediaItem" => agree::<MediaItem>(text, value),
            "SystemMessagePayload" => agree::<SystemMessagePayload>(text, value),
            other => unreachable!("no struct {other}"),
        };
        for variant in value_variants(object) {
            check(&variant.to_string(), Some(&variant));
            documents += 1;
        }
        for text in textual_variants(object) {
            check(&text, None);
            documents += 1;
        }
    }
    // Every struct of the model has a sample (17 kinds, and the response).
    let kinds: std::collections::BTreeSet<&str> = samples().into_iter().map(|(kind, _)| kind).collect();
    assert_eq!(kinds.len(), 18, "{kinds:?}");
    assert!(documents > 12_000, "{documents} documents");
}

/// The names the in-place reading matches are the ones serde's derive writes.
#[test]
fn wire_names_are_serdes_camel_case() {
    let name = |snake: &str| -> String {
        let bytes = match super::camel_case_len(snake) {
            14 => super::camel_case::<14>(snake).to_vec(),
            2 => super::camel_case::<2>(snake).to_vec(),
            len => unreachable!("no case for {len}"),
        };
        String::from_utf8(bytes).unwrap()
    };
    assert_eq!(name("conversation_id"), "conversationId");
    assert_eq!(name("id"), "id");
    assert_eq!(name("_i_d"), "iD");
}
