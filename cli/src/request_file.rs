//! Reading a Send Message request from JSON, keeping what serde alone would lose: the path
//! of a type error, and the fields it would silently ignore.

use tollgate::wix::inbox::SendMessageRequest;
use tollgate::{Rule, Validate, Violation, Violations, WirePath};

use crate::{dropped, suggest};

/// A request as read, with every problem found in it.
pub(crate) struct Checked {
    /// The request, when the JSON had the request's shape.
    pub(crate) request: Option<SendMessageRequest>,
    /// Unknown fields, a type error, and the model's violations, in that order.
    pub(crate) violations: Violations,
}

/// Input that is not JSON at all.
pub(crate) struct Unreadable(pub(crate) String);

/// Parses and checks one request. Not JSON is `Err`; everything else is a finding.
pub(crate) fn check(bytes: &[u8]) -> Result<Checked, Unreadable> {
    // UTF-8 checked once for the whole document, not again string by string as `from_slice`
    // does.
    let text = std::str::from_utf8(bytes).map_err(|error| Unreadable(format!("not UTF-8: {error}")))?;
    let mut ignored = Vec::new();
    let mut json = serde_json::Deserializer::from_str(text);
    let parsed = {
        let mut on_ignored = |path: serde_ignored::Path<'_>| ignored.push(wire_path(&path));
        let tracked = serde_ignored::Deserializer::new(&mut json, &mut on_ignored);
        serde_path_to_error::deserialize::<_, SendMessageRequest>(tracked)
    };
    let mut violations = unknown_fields(bytes, ignored);
    let request = match parsed {
        Ok(request) => match json.end() {
            Ok(()) => Some(request),
            Err(error) => return Err(Unreadable(format!("not one JSON document: {error}"))),
        },
        Err(error) => {
            let path = error.path().to_string();
            let inner = error.into_inner();
            if !inner.is_data() {
                return Err(Unreadable(format!("not JSON: {inner}")));
            }
            let path = if path == "." { String::new() } else { path };
            violations.push(Violation::at_wire_path(path, Rule::Format, type_error_text(&inner)));
            None
        }
    };
    if let Some(request) = &request {
        if let Err(found) = request.validate() {
            violations.extend(found);
        }
    }
    Ok(Checked { request, violations })
}

/// Whether `bytes` is one request with no problem at all: what [`check`] finds nothing in.
///
/// The quick way to that answer, for `check --batch`: it reads the request without tracking
/// paths (which costs a `String` per field read, in `serde_path_to_error` and in
/// `serde_ignored` alike) and notes only whether a field was dropped, so a line with a
/// problem must go through [`check`] for its report.
pub(crate) fn is_clean(bytes: &[u8]) -> bool {
    // As in `check`: UTF-8 once, then `from_str`.
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    let mut json = serde_json::Deserializer::from_str(text);
    dropped::read::<SendMessageRequest, _>(&mut json)
        .is_ok_and(|(request, dropped)| !dropped && json.end().is_ok() && request.validate().is_ok())
}

/// `UNKNOWN_FIELD` at each ignored path, with the nearest known field when one is close.
fn unknown_fields(bytes: &[u8], ignored: Vec<WirePath>) -> Violations {
    if ignored.is_empty() {
        return Violations::new();
    }
    let document: Option<serde_json::Value> = serde_json::from_slice(bytes).ok();
    let known = document.as_ref().map(suggest::known_fields::<SendMessageRequest>).unwrap_or_default();
    ignored
        .into_iter()
        .map(|path| {
            let (parent, name) = split_last_field(path.as_str());
            let hint = known
                .get(parent)
                .and_then(|fields| suggest::nearest(name, fields))
                .map(|nearest| format!("; did you mean `{nearest}`?"))
                .unwrap_or_default();
            let description =
                format!("is not a field of the Send Message request: it would be dropped, not sent{hint}");
            Violation::with_wix_rule(path, "UNKNOWN_FIELD", description)
        })
        .collect()
}

/// `message.content` and `previewtext` for `message.content.previewtext`.
fn split_last_field(path: &str) -> (&str, &str) {
    path.rsplit_once('.').unwrap_or(("", path))
}

/// serde's message without its " at line L column C" tail: the path says where.
fn type_error_text(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

/// `message.content.previewtext`, `items[2].txt`: the path of an ignored field as it is
/// written on the wire.
fn wire_path(path: &serde_ignored::Path<'_>) -> WirePath {
    use serde_ignored::Path;
    match path {
        Path::Root => WirePath::new(),
        Path::Seq { parent, index } => {
            let mut path = wire_path(parent);
            path.push_index(*index);
            path
        }
        Path::Map { parent, key } => {
            let mut path = wire_path(parent);
            path.push_field(key);
            path
        }
        Path::Some { parent } | Path::NewtypeStruct { parent } | Path::NewtypeVariant { parent } => {
            wire_path(parent)
        }
    }
}

/// A request given whole, which must carry no problems at all, for `send --file`.
pub(crate) fn request_or_report(bytes: &[u8]) -> Result<SendMessageRequest, Result<Violations, Unreadable>> {
    let checked = check(bytes).map_err(Err)?;
    match checked.request {
        Some(request) if checked.violations.is_empty() => Ok(request),
        _ => Err(Ok(checked.violations)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_check_is_clean_exactly_when_the_full_check_finds_nothing() {
        let id = "6202c3bb-f263-3c16-8c90-d6387d9ed420";
        let documents = [
            format!(
                r#"{{"conversationId":"{id}","message":{{"content":{{"basic":{{"items":[{{"text":"Hey!"}}]}}}}}}}}"#
            ),
            format!(
                r#"{{"conversationId":"{id}","message":{{"content":{{"basic":{{"items":[{{"text":"Hey!"}}]}},"previewtext":"Hi"}}}}}}"#
            ),
            format!(
                r#"{{"conversationId":"{id}","message":{{"content":{{"basic":{{"items":[{{"text":42}}]}}}}}}}}"#
            ),
            format!(
                r#"{{"conversationId":"{id}","message":{{"content":{{"basic":{{"items":[{{"text":""}}]}}}}}}}}"#
            ),
            format!(
                r#"{{"conversationId":"{id}","message":{{"content":{{"basic":{{"items":[{{"text":"a"}}]}}}}}}}} {{}}"#
            ),
            format!(
                r#"{{"conversationId":"{id}","extra":null,"message":{{"content":{{"minimal":{{"text":"a"}}}}}}}}"#
            ),
            r#"{"conversationId":"x"}"#.to_owned(),
            "{ not json".to_owned(),
        ];
        let clean: Vec<bool> = documents.iter().map(|document| is_clean(document.as_bytes())).collect();
        let found_nothing: Vec<bool> = documents
            .iter()
            .map(|document| check(document.as_bytes()).is_ok_and(|checked| checked.violations.is_empty()))
            .collect();
        assert_eq!(clean, found_nothing);
        assert_eq!(clean, [true, false, false, false, false, false, false, false]);
        let not_utf8 = b"{\"conversationId\":\"\xff\"}";
        assert!(!is_clean(not_utf8));
        assert!(check(not_utf8).is_err_and(|Unreadable(reason)| reason.starts_with("not UTF-8: ")));
    }
}
