//! Checks shared by the fuzz targets: what every reported violation must satisfy.

#![allow(dead_code)]

use serde_json::Value;
use tollgate::wix::inbox::SendMessageRequest;
use tollgate::{Rule, Validate, Violations};

/// One step of a wire path.
#[derive(Debug, PartialEq, Eq)]
pub enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// Parses a wire path as tollgate renders it: `a.b[2].c`, serde names joined by `.`, list
/// indices in brackets; empty for the root. `None` when it is not of that shape.
pub fn parse_path(path: &str) -> Option<Vec<Step<'_>>> {
    let mut steps = Vec::new();
    if path.is_empty() {
        return Some(steps);
    }
    for (i, segment) in path.split('.').enumerate() {
        let (name, mut rest) = match segment.find('[') {
            Some(at) => segment.split_at(at),
            None => (segment, ""),
        };
        let name_ok = !name.is_empty()
            && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        // Only the first segment may start with an index (a list at the root).
        if !name_ok && !(i == 0 && name.is_empty() && !rest.is_empty()) {
            return None;
        }
        if !name.is_empty() {
            steps.push(Step::Key(name));
        }
        while !rest.is_empty() {
            let inner = rest.strip_prefix('[')?;
            let close = inner.find(']')?;
            let digits = &inner[..close];
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            if digits.len() > 1 && digits.starts_with('0') {
                return None;
            }
            steps.push(Step::Index(digits.parse().ok()?));
            rest = &inner[close + 1..];
        }
    }
    Some(steps)
}

/// The value at `steps` inside `root`.
pub fn resolve<'v>(root: &'v Value, steps: &[Step<'_>]) -> Option<&'v Value> {
    steps.iter().try_fold(root, |node, step| match step {
        Step::Key(key) => node.as_object()?.get(*key),
        Step::Index(index) => node.as_array()?.get(*index),
    })
}

/// Everything that must hold of the violations tollgate reports for `request`, whose JSON
/// (as serialized by serde) is `json`:
///
/// - each path renders, `Display` of the path is its text, and it is a well-formed wire path;
/// - each path points into the request: a `REQUIRED_FIELD` at an absent child of a present
///   object, every other rule at a present value of the right kind, except that `MIN_LENGTH`
///   and `MIN_SIZE` may also name an absent child (a field without presence, which serde
///   leaves out when empty);
/// - each violation's `Display` is `path: description [RULE]`, with a known rule;
/// - `Display` of the whole set is its violations, one per line;
/// - `serde_json::to_string` succeeds and reads back as `fieldViolations` entries that say the
///   same thing.
pub fn check_violations(json: &Value, violations: &Violations) {
    assert!(!violations.is_empty(), "validate() returned Err with no violations");
    let mut lines = Vec::with_capacity(violations.len());
    for violation in violations {
        let path = violation.path();
        let rendered = path.to_string();
        assert_eq!(rendered, path.as_str(), "WirePath's Display differs from as_str()");
        let Some(steps) = parse_path(&rendered) else {
            panic!("violation path {rendered:?} is not a well-formed wire path ({violation})");
        };
        let rule = violation.rule();
        assert_ne!(rule, Rule::Other, "local validation reported Rule::Other: {violation}");
        assert_eq!(violation.wix_rule(), rule.wix_name(), "wix_rule() differs from the rule's name");
        assert_eq!(Rule::from_wix_name(violation.wix_rule()), Some(rule), "rule name does not read back");
        assert!(!violation.description().is_empty(), "empty description at {rendered:?}");

        match rule {
            Rule::RequiredField => {
                let (last, parent) = steps.split_last().unwrap_or_else(|| panic!("REQUIRED_FIELD at the root"));
                let Some(parent_value) = resolve(json, parent) else {
                    panic!("REQUIRED_FIELD at {rendered:?}, but its parent is not in the request: {json}");
                };
                let child = match last {
                    Step::Key(key) => parent_value.as_object().map(|object| object.get(*key)),
                    Step::Index(index) => parent_value.as_array().map(|items| items.get(*index)),
                };
                match child {
                    Some(None) => {}
                    Some(Some(value)) => panic!("REQUIRED_FIELD at {rendered:?}, but it is present: {value}"),
                    None => panic!("REQUIRED_FIELD at {rendered:?}, but its parent is not a container"),
                }
            }
            Rule::MinLength | Rule::MinSize if resolve(json, &steps).is_none() => {
                let (_, parent) = steps.split_last().unwrap_or_else(|| panic!("{rule} at the root"));
                assert!(
                    resolve(json, parent).is_some_and(Value::is_object),
                    "{rule} at {rendered:?}, absent, but its parent is not an object in the request: {json}"
                );
            }
            _ => {
                let Some(value) = resolve(json, &steps) else {
                    panic!("{rule} at {rendered:?}, but nothing is there in the request: {json}");
                };
                let kind_ok = match rule {
                    Rule::RequiredOneOfField => value.is_object(),
                    Rule::OneOfAlignment => !value.is_null(),
                    Rule::MinLength | Rule::MaxLength | Rule::Format => value.is_string(),
                    Rule::MinSize | Rule::MaxSize => value.is_array(),
                    _ => true,
                };
                assert!(kind_ok, "{rule} at {rendered:?} points at {value}");
            }
        }

        let shown = violation.to_string();
        let where_ = if rendered.is_empty() { "(root)" } else { rendered.as_str() };
        assert_eq!(shown, format!("{where_}: {} [{}]", violation.description(), violation.wix_rule()));
        lines.push(shown);
    }
    assert_eq!(violations.to_string(), lines.join("\n"), "Violations' Display is not its lines");

    let text = serde_json::to_string(violations).expect("serde_json::to_string(&violations) failed");
    let entries: Value = serde_json::from_str(&text).expect("serialized violations are not JSON");
    let entries = entries.as_array().expect("serialized violations are not an array");
    assert_eq!(entries.len(), violations.len());
    for (entry, violation) in entries.iter().zip(violations) {
        assert_eq!(entry["field"], violation.path().as_str());
        assert_eq!(entry["description"], violation.description());
        assert_eq!(entry["violatedRule"], violation.wix_rule());
    }
}

/// Validates `request` twice, checks the two results agree, and checks the violations.
/// Returns the request as JSON and the (first) result.
pub fn validate_and_check(request: &SendMessageRequest) -> (Value, Result<(), Violations>) {
    let first = request.validate();
    let second = request.validate();
    assert_eq!(first, second, "validating twice gave different results");
    if let (Err(a), Err(b)) = (&first, &second) {
        // PartialEq ignores field order keys; the rendered text does not.
        assert_eq!(a.to_string(), b.to_string(), "validating twice gave a different order");
    }
    let json = serde_json::to_value(request).expect("a parsed request does not serialize");
    if let Err(violations) = &first {
        check_violations(&json, violations);
    }
    (json, first)
}
