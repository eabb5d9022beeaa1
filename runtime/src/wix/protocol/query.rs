//! How a GET carries its request: the REST reference's plain query parameters
//! (`conversationId=…&paging.limit=5`), or Wix's SDK's `.r=<base64url of the JSON>`.
//!
//! ```
//! use serde_json::json;
//! use tollgate::wix::protocol::query;
//!
//! let body = json!({"conversationId": "c", "paging": {"limit": 5}});
//! let pairs = query::to_pairs(&body);
//! assert_eq!(pairs, [("conversationId".to_string(), "c".to_string()), ("paging.limit".into(), "5".into())]);
//! // Both forms read back as the same JSON (plain values stay strings: the model reads
//! // numbers from strings as proto3 JSON allows).
//! let plain = query::read("conversationId=c&paging.limit=5").unwrap();
//! assert_eq!(plain, json!({"conversationId": "c", "paging": {"limit": "5"}}));
//! let sdk = format!(".r={}", query::base64url_encode(body.to_string().as_bytes()));
//! assert_eq!(query::read(&sdk).unwrap(), body);
//! ```

use serde_json::{Map, Value};

/// The parameter under which Wix's SDK sends a GET's body, as base64url of its JSON.
pub const BODY_PARAM: &str = ".r";

/// `body` (a JSON object) as query pairs: nested objects flatten to dotted keys, lists
/// repeat their key. A body holding a list of objects, which has no flat form, travels
/// whole in [`BODY_PARAM`].
///
/// ```
/// use tollgate::wix::protocol::query::to_pairs;
///
/// let pairs = to_pairs(&serde_json::json!({"ids": ["a", "b"], "filter": {"kind": "x"}}));
/// let keys: Vec<&str> = pairs.iter().map(|(key, _)| key.as_str()).collect();
/// assert_eq!(keys, ["filter.kind", "ids", "ids"]);
/// assert_eq!(to_pairs(&serde_json::json!({"items": [{"a": 1}]}))[0].0, ".r");
/// ```
pub fn to_pairs(body: &Value) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    if flatten("", body, &mut pairs).is_err() {
        return vec![(BODY_PARAM.to_owned(), base64url_encode(body.to_string().as_bytes()))];
    }
    pairs
}

/// A list of objects was found: no flat form.
struct NotFlat;

fn flatten(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) -> Result<(), NotFlat> {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
                flatten(&path, value, out)?;
            }
        }
        Value::Array(items) => {
            for item in items {
                match item {
                    Value::Object(_) | Value::Array(_) => return Err(NotFlat),
                    scalar => flatten(prefix, scalar, out)?,
                }
            }
        }
        Value::Null => {}
        Value::String(text) => out.push((prefix.to_owned(), text.clone())),
        scalar => out.push((prefix.to_owned(), scalar.to_string())),
    }
    Ok(())
}

/// The JSON request in a query string, in either form. Plain values are read as strings;
/// a repeated key makes a list.
///
/// ```
/// use tollgate::wix::protocol::query::read;
///
/// assert_eq!(read("ids=a&ids=b").unwrap(), serde_json::json!({"ids": ["a", "b"]}));
/// assert!(read(".r=not-json").is_err());
/// ```
pub fn read(query: &str) -> Result<Value, String> {
    let mut root = Map::new();
    for part in query.split('&').filter(|part| !part.is_empty()) {
        let (key, value) = part.split_once('=').unwrap_or((part, ""));
        let key = percent_decode(key)?;
        let value = percent_decode(value)?;
        if key == BODY_PARAM {
            let json = base64url_decode(&value).ok_or("`.r` is not base64url")?;
            let body: Value =
                serde_json::from_slice(&json).map_err(|error| format!("`.r` is not JSON: {error}"))?;
            match body {
                Value::Object(map) => root.extend(map),
                _ => return Err("`.r` is not a JSON object".to_owned()),
            }
            continue;
        }
        insert(&mut root, &key, value)?;
    }
    Ok(Value::Object(root))
}

fn insert(root: &mut Map<String, Value>, key: &str, value: String) -> Result<(), String> {
    let mut node = root;
    let mut segments = key.split('.').peekable();
    while let Some(segment) = segments.next() {
        if segments.peek().is_none() {
            match node.get_mut(segment) {
                None => {
                    node.insert(segment.to_owned(), Value::String(value));
                }
                Some(Value::Array(items)) => items.push(Value::String(value)),
                Some(existing @ Value::String(_)) => {
                    let first = existing.take();
                    *existing = Value::Array(vec![first, Value::String(value)]);
                }
                Some(_) => return Err(format!("`{key}` is both a value and an object")),
            }
            return Ok(());
        }
        let child = node.entry(segment.to_owned()).or_insert_with(|| Value::Object(Map::new()));
        node = child.as_object_mut().ok_or_else(|| format!("`{key}` is both a value and an object"))?;
    }
    Ok(())
}

/// `%XX` and `+` (a space, in a form-encoded query) decoded.
fn percent_decode(text: &str) -> Result<String, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes.get(index + 1..index + 3).and_then(|hex| std::str::from_utf8(hex).ok());
                let byte = hex.and_then(|hex| u8::from_str_radix(hex, 16).ok());
                out.push(byte.ok_or_else(|| format!("bad percent-escape in `{text}`"))?);
                index += 2;
            }
            byte => out.push(byte),
        }
        index += 1;
    }
    String::from_utf8(out).map_err(|_| format!("`{text}` is not UTF-8"))
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding, as Wix's SDK writes `.r`.
///
/// ```
/// assert_eq!(tollgate::wix::protocol::query::base64url_encode(b"{\"a\":1}"), "eyJhIjoxfQ");
/// ```
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let word =
            chunk.iter().enumerate().fold(0u32, |word, (i, &byte)| word | u32::from(byte) << (16 - 8 * i));
        for position in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(word >> (18 - 6 * position)) as usize & 63]));
        }
    }
    out
}

/// Base64url (or standard base64), padded or not; `None` for anything else.
///
/// ```
/// use tollgate::wix::protocol::query::base64url_decode;
///
/// assert_eq!(base64url_decode("eyJhIjoxfQ").as_deref(), Some(&b"{\"a\":1}"[..]));
/// assert_eq!(base64url_decode("eyJhIjoxfQ==").as_deref(), Some(&b"{\"a\":1}"[..]));
/// assert_eq!(base64url_decode("not base64!"), None);
/// ```
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let digits: Vec<u32> = text
        .trim_end_matches('=')
        .bytes()
        .map(|byte| match byte {
            b'+' => Some(62),
            b'/' => Some(63),
            _ => ALPHABET.iter().position(|&digit| digit == byte).and_then(|at| u32::try_from(at).ok()),
        })
        .collect::<Option<_>>()?;
    if digits.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let word = chunk.iter().enumerate().fold(0u32, |word, (i, &digit)| word | digit << (18 - 6 * i));
        for index in 0..chunk.len() - 1 {
            out.push(u8::try_from((word >> (16 - 8 * index)) & 0xff).ok()?);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn base64url_round_trips_every_length() {
        for length in 0..20 {
            let bytes: Vec<u8> = (0..length).map(|i| u8::try_from(i * 37 % 256).unwrap()).collect();
            let text = base64url_encode(&bytes);
            assert!(!text.contains(['+', '/', '=']), "{text}");
            assert_eq!(base64url_decode(&text), Some(bytes));
        }
        assert_eq!(base64url_encode(b"\xfb\xff"), "-_8");
        assert_eq!(base64url_decode("a"), None);
        assert_eq!(base64url_decode("a!"), None);
    }

    #[test]
    fn plain_parameters_nest_repeat_and_decode() {
        let read = read("a.b=1&a.c=x%20y+z&list=1&list=2&empty").unwrap();
        assert_eq!(read, json!({"a": {"b": "1", "c": "x y z"}, "list": ["1", "2"], "empty": ""}));
        assert!(super::read("a=1&a.b=2").is_err());
        assert!(super::read("a=%zz").is_err());
        assert!(super::read(".r=!!").is_err());
    }

    #[test]
    fn a_list_of_objects_travels_in_r() {
        let body = json!({"items": [{"a": 1}], "n": 2});
        let pairs = to_pairs(&body);
        assert_eq!(pairs.len(), 1);
        assert_eq!(pairs[0].0, ".r");
        assert_eq!(read(&format!(".r={}", pairs[0].1)).unwrap(), body);
        assert_eq!(to_pairs(&json!({"ids": ["a", "b"], "skip": null})).len(), 2);
    }
}
