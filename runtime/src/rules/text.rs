// `#[inline(always)]` here is measured, not hopeful: with plain `#[inline]` the compiler keeps
// `check_text_without_presence` and `check_each` out of line and loops over the rule slice at
// run time (`benches/count.sh`: 4,055 instead of 3,171 instructions on the template payload).
#![allow(clippy::inline_always)]

use std::borrow::Cow;

use super::format::{is_guid, is_web_url};
use crate::{Location, Path, Rule, Violation, Violations};

/// A string field: `String`, `Option<String>` and their kin.
///
/// `present_text` is `None` for an absent field; value rules do not fire on it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a string, so a string rule cannot apply to it",
    label = "`length`, `guid` and `url` apply to `String` and `Option<String>` fields",
    note = "for a list of strings, wrap the rules in `each(...)`; for the number of items, use `size`"
)]
pub trait TextValue {
    /// The text, when the field is present.
    fn present_text(&self) -> Option<&str>;

    /// The text, empty when the field is absent: how a field without presence on the wire
    /// reads.
    ///
    /// ```
    /// use tollgate::rules::TextValue;
    ///
    /// assert_eq!(None::<String>.text_or_empty(), "");
    /// assert_eq!(Some("hi".to_string()).text_or_empty(), "hi");
    /// ```
    fn text_or_empty(&self) -> &str {
        self.present_text().unwrap_or_default()
    }
}

impl TextValue for String {
    fn present_text(&self) -> Option<&str> {
        (!self.is_empty()).then_some(self.as_str())
    }

    // The string itself: through `present_text`, an empty test and a test of the `Option`.
    fn text_or_empty(&self) -> &str {
        self
    }
}

impl TextValue for str {
    fn present_text(&self) -> Option<&str> {
        (!self.is_empty()).then_some(self)
    }

    fn text_or_empty(&self) -> &str {
        self
    }
}

impl TextValue for Cow<'_, str> {
    fn present_text(&self) -> Option<&str> {
        (**self).present_text()
    }

    fn text_or_empty(&self) -> &str {
        self
    }
}

impl<T: TextValue + ?Sized> TextValue for Box<T> {
    fn present_text(&self) -> Option<&str> {
        (**self).present_text()
    }

    fn text_or_empty(&self) -> &str {
        (**self).text_or_empty()
    }
}

impl<T: TextItem> TextValue for Option<T> {
    fn present_text(&self) -> Option<&str> {
        self.as_ref().map(TextItem::text)
    }
}

/// A string value inside an `Option` or a list: present whenever it is there, even empty.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a string, so a string rule cannot apply to it",
    label = "`length`, `guid` and `url` (also inside `each(...)`) apply to strings",
    note = "implement `tollgate::rules::TextItem` for a string type of your own"
)]
pub trait TextItem {
    /// The text.
    fn text(&self) -> &str;
}

impl TextItem for String {
    fn text(&self) -> &str {
        self
    }
}

impl TextItem for &str {
    fn text(&self) -> &str {
        self
    }
}

impl TextItem for Box<str> {
    fn text(&self) -> &str {
        self
    }
}

impl TextItem for Cow<'_, str> {
    fn text(&self) -> &str {
        self
    }
}

/// One rule on a string's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextRule {
    /// Length bounds in Unicode scalar values, inclusive.
    Length {
        /// The least number of characters.
        min: Option<usize>,
        /// The greatest number of characters.
        max: Option<usize>,
    },
    /// 8-4-4-4-12 hexadecimal GUID.
    Guid,
    /// Absolute http(s) URL with a host.
    Url,
}

/// Checks `rules` on the string field at `at`, when it is present.
///
/// ```
/// use tollgate::rules::{check_text, TextRule};
/// use tollgate::{Path, Violations};
///
/// let mut out = Violations::new();
/// let rules = [TextRule::Length { min: None, max: Some(3) }];
/// let root = Path::root();
/// check_text(&Some("héllo".to_string()), &root.member("title", 0), &rules, &mut out);
/// assert_eq!(out.to_string(), "title: must be at most 3 characters long (it is 5) [MAX_LENGTH]");
/// ```
#[inline(always)]
pub fn check_text<T: TextValue + ?Sized>(
    value: &T,
    at: impl Location,
    rules: &[TextRule],
    out: &mut Violations,
) {
    if let Some(text) = value.present_text() {
        check_str(text, at, rules, out);
    }
}

/// Checks `rules` on a string field that has no presence on the wire (a proto3 plain
/// `string`, `#[payload(no_presence)]`): absent, `None` and `""` all read as the empty
/// string, so a `length` minimum applies to them (`MIN_LENGTH`). Formats and maximums do not:
/// an empty value has nothing to check.
///
/// ```
/// use tollgate::rules::{check_text_without_presence, TextRule};
/// use tollgate::{Path, Violations};
///
/// let mut out = Violations::new();
/// let rules = [TextRule::Length { min: Some(1), max: Some(16384) }, TextRule::Url];
/// let root = Path::root();
/// check_text_without_presence(&String::new(), &root.member("text", 0), &rules, &mut out);
/// assert_eq!(out.to_string(), "text: must be at least 1 character long (it is 0) [MIN_LENGTH]");
/// ```
#[inline(always)]
pub fn check_text_without_presence<T: TextValue + ?Sized>(
    value: &T,
    at: impl Location,
    rules: &[TextRule],
    out: &mut Violations,
) {
    match value.text_or_empty() {
        "" => {
            let minimums = rules.iter().filter(|rule| matches!(rule, TextRule::Length { min: Some(_), .. }));
            for &rule in minimums {
                at.with_path(|at| report("", at, rule, out));
            }
        }
        text => check_str(text, at, rules, out),
    }
}

/// Checks `rules` on one string at `at`.
///
/// Always inline (as are `check_text` and `check_each`, which call it), with the rule's test
/// apart from its report: generated code passes `rules` as a constant slice, so the loop and
/// the `match` fold away where it is called, leaving a comparison of the byte length per
/// length rule and a call per format rule; building the violation stays out of line, and so
/// does building the path when `at` is a [`LazyPath`](crate::LazyPath).
#[inline(always)]
pub(super) fn check_str(text: &str, at: impl Location, rules: &[TextRule], out: &mut Violations) {
    for &rule in rules {
        if !holds(text, rule) {
            at.with_path(|at| report(text, at, rule, out));
        }
    }
}

/// Whether `text` keeps every one of `rules`, with no report: the test of [`check_str`].
#[inline(always)]
pub(super) fn keeps_all(text: &str, rules: &[TextRule]) -> bool {
    rules.iter().all(|&rule| holds(text, rule))
}

/// Records the violation of `rule`, broken by `text`, with the rule taken apart into plain
/// numbers: a `TextRule` passed whole goes through memory, and the compiler stores that copy
/// before every test, broken or not (4 stores per string checked).
#[inline(always)]
fn report(text: &str, at: &Path<'_>, rule: TextRule, out: &mut Violations) {
    match rule {
        TextRule::Length { min, max } => {
            record_length(text, at, min.unwrap_or(0), max.unwrap_or(usize::MAX), out);
        }
        TextRule::Guid => record_guid(text, at, out),
        TextRule::Url => record_url(text, at, out),
    }
}

/// [`report`] for a length rule; no bound is `0` and `usize::MAX`, which no text breaks.
#[cold]
#[inline(never)]
fn record_length(text: &str, at: &Path<'_>, min: usize, max: usize, out: &mut Violations) {
    let (min, max) = ((min > 0).then_some(min), (max < usize::MAX).then_some(max));
    record_broken(text, at, TextRule::Length { min, max }, out);
}

/// [`report`] for the GUID rule.
#[cold]
#[inline(never)]
fn record_guid(text: &str, at: &Path<'_>, out: &mut Violations) {
    record_broken(text, at, TextRule::Guid, out);
}

/// [`report`] for the URL rule.
#[cold]
#[inline(never)]
fn record_url(text: &str, at: &Path<'_>, out: &mut Violations) {
    record_broken(text, at, TextRule::Url, out);
}

/// Whether `text` keeps `rule`.
#[inline(always)]
fn holds(text: &str, rule: TextRule) -> bool {
    match rule {
        TextRule::Length { min, max } => {
            min.is_none_or(|min| !is_shorter_than(text, min))
                && max.is_none_or(|max| !is_longer_than(text, max))
        }
        TextRule::Guid => is_guid(text),
        TextRule::Url => is_web_url(text),
    }
}

/// Fewer than `min` characters. A character is one to four bytes, so the byte length alone
/// settles it unless it lies between `min` and `4 × min`; only then are characters counted.
#[inline(always)]
fn is_shorter_than(text: &str, min: usize) -> bool {
    let bytes = text.len();
    bytes < min || (bytes.div_ceil(4) < min && count_below(text, min))
}

/// More than `max` characters: never when the byte length is at most `max`.
#[inline(always)]
fn is_longer_than(text: &str, max: usize) -> bool {
    text.len() > max && count_above(text, max)
}

#[inline(never)]
fn count_below(text: &str, min: usize) -> bool {
    text.chars().count() < min
}

#[inline(never)]
fn count_above(text: &str, max: usize) -> bool {
    text.chars().count() > max
}

/// What [`record_length`], [`record_guid`] and [`record_url`] share, compiled into each.
#[inline(always)]
fn record_broken(text: &str, at: &Path<'_>, rule: TextRule, out: &mut Violations) {
    if let Some((violated, description)) = broken(text, rule) {
        out.push(Violation::new(at, violated, description));
    }
}

/// The rule `text` breaks and why, if any.
fn broken(text: &str, rule: TextRule) -> Option<(Rule, String)> {
    match rule {
        TextRule::Length { min, max } => {
            if let Some(min) = min.filter(|&min| is_shorter_than(text, min)) {
                let count = text.chars().count();
                return Some((
                    Rule::MinLength,
                    format!("must be at least {min} {} long (it is {count})", characters(min)),
                ));
            }
            if let Some(max) = max.filter(|&max| is_longer_than(text, max)) {
                let count = text.chars().count();
                return Some((
                    Rule::MaxLength,
                    format!("must be at most {max} {} long (it is {count})", characters(max)),
                ));
            }
            None
        }
        TextRule::Guid => (!is_guid(text))
            .then(|| (Rule::Format, "must be a GUID (8-4-4-4-12 hexadecimal digits)".to_owned())),
        TextRule::Url => (!is_web_url(text))
            .then(|| (Rule::Format, "must be an absolute http(s) URL with a host".to_owned())),
    }
}

fn characters(n: usize) -> &'static str {
    if n == 1 {
        "character"
    } else {
        "characters"
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::TextValue;

    /// Each shortcut `text_or_empty` reads what `present_text` reads, or `""`.
    #[test]
    fn text_or_empty_agrees_with_present_text() {
        fn agree<T: TextValue + ?Sized>(value: &T) {
            assert_eq!(value.text_or_empty(), value.present_text().unwrap_or(""));
        }
        for text in ["", "x", "héllo"] {
            agree(&text.to_owned());
            agree(text);
            agree(&Cow::Borrowed(text));
            agree(&Box::new(text.to_owned()));
            agree(&Some(text.to_owned()));
            agree(&Some(Box::<str>::from(text)));
        }
        agree(&None::<String>);
    }
}
