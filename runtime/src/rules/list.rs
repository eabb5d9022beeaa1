// `#[inline(always)]` as in text.rs: the rule slice and the bounds fold away only where the
// generated code calls these, and a `LazyPath` stays unbuilt only if it is never stored.
#![allow(clippy::inline_always)]

use super::text::{check_str, keeps_all, TextItem, TextRule};
use crate::path::LazyIndex;
use crate::{Location, Path, Rule, Violation, Violations};

/// A list field: `Vec<T>`, `Option<Vec<T>>` and their kin.
///
/// `present_items` is `None` for an absent list (an empty `Vec`, or `None`); `Some(vec![])`
/// is present and empty.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a list, so a list rule cannot apply to it",
    label = "`size` and `each` apply to `Vec<_>` and `Option<Vec<_>>` fields",
    note = "for the length of a string, use `length`"
)]
pub trait ListValue {
    /// The type of the list's items.
    type Item;

    /// The items, when the field is present.
    fn present_items(&self) -> Option<&[Self::Item]>;
}

impl<T> ListValue for Vec<T> {
    type Item = T;

    fn present_items(&self) -> Option<&[T]> {
        (!self.is_empty()).then_some(self.as_slice())
    }
}

impl<T> ListValue for [T] {
    type Item = T;

    fn present_items(&self) -> Option<&[T]> {
        (!self.is_empty()).then_some(self)
    }
}

impl<T> ListValue for Option<Vec<T>> {
    type Item = T;

    fn present_items(&self) -> Option<&[T]> {
        self.as_deref()
    }
}

/// Checks the number of items of the list field at `at`, when it is present.
///
/// ```
/// use tollgate::{rules::check_size, Path, Violations};
///
/// let mut out = Violations::new();
/// let root = Path::root();
/// check_size(&Some(vec![1, 2, 3]), &root.member("badges", 0), None, Some(1), &mut out);
/// assert_eq!(out.to_string(), "badges: must have at most 1 item (it has 3) [MAX_SIZE]");
/// ```
#[inline(always)]
pub fn check_size<T: ListValue + ?Sized>(
    value: &T,
    at: impl Location,
    min: Option<usize>,
    max: Option<usize>,
    out: &mut Violations,
) {
    if let Some(items) = value.present_items() {
        check_count(items.len(), at, min, max, out);
    }
}

/// Checks the number of items of a list field that has no presence on the wire (a proto3
/// repeated field, `#[payload(no_presence)]`): an absent list is an empty one, so a minimum
/// applies to it (`MIN_SIZE`, as Wix reports `@minSize`).
///
/// ```
/// use tollgate::{rules::check_size_without_presence, Path, Violations};
///
/// let mut out = Violations::new();
/// let root = Path::root();
/// check_size_without_presence(&Vec::<u8>::new(), &root.member("items", 0), Some(1), None, &mut out);
/// assert_eq!(out.to_string(), "items: must have at least 1 item (it has 0) [MIN_SIZE]");
/// ```
#[inline(always)]
pub fn check_size_without_presence<T: ListValue + ?Sized>(
    value: &T,
    at: impl Location,
    min: Option<usize>,
    max: Option<usize>,
    out: &mut Violations,
) {
    check_count(value.present_items().map_or(0, <[T::Item]>::len), at, min, max, out);
}

/// The test inline (two comparisons with constants), the report out of line.
#[inline(always)]
fn check_count(
    count: usize,
    at: impl Location,
    min: Option<usize>,
    max: Option<usize>,
    out: &mut Violations,
) {
    let short = min.is_some_and(|min| count < min);
    let long = max.is_some_and(|max| count > max);
    if short || long {
        at.with_path(|at| record_count(count, at, min, max, out));
    }
}

#[cold]
#[inline(never)]
fn record_count(count: usize, at: &Path<'_>, min: Option<usize>, max: Option<usize>, out: &mut Violations) {
    if let Some(min) = min.filter(|&min| count < min) {
        out.push(Violation::new(
            at,
            Rule::MinSize,
            format!("must have at least {min} {} (it has {count})", item_word(min)),
        ));
    }
    if let Some(max) = max.filter(|&max| count > max) {
        out.push(Violation::new(
            at,
            Rule::MaxSize,
            format!("must have at most {max} {} (it has {count})", item_word(max)),
        ));
    }
}

/// Checks `rules` on every string item of the list field at `at`, each at its index.
///
/// ```
/// use tollgate::rules::{check_each, TextRule};
/// use tollgate::{Path, Violations};
///
/// let mut out = Violations::new();
/// let lines = vec!["ok".to_string(), "far too long".to_string()];
/// let root = Path::root();
/// let rules = [TextRule::Length { min: None, max: Some(5) }];
/// check_each(&lines, &root.member("textLines", 0), &rules, &mut out);
/// assert_eq!(out.iter().next().unwrap().path(), "textLines[1]");
/// ```
#[inline(always)]
pub fn check_each<T>(value: &T, at: impl Location, rules: &[TextRule], out: &mut Violations)
where
    T: ListValue + ?Sized,
    T::Item: TextItem,
{
    let Some(items) = value.present_items() else {
        return;
    };
    // First a pass with no index to keep: where every item keeps every rule, the common case,
    // that is one test an item (the length rules' byte comparisons), where the reporting loop
    // below also counts. Only a list that breaks a rule is walked again, to report.
    if items.iter().all(|item| keeps_all(item.text(), rules)) {
        return;
    }
    for (index, item) in items.iter().enumerate() {
        check_str(item.text(), LazyIndex { list: at, index }, rules, out);
    }
}

fn item_word(n: usize) -> &'static str {
    if n == 1 {
        "item"
    } else {
        "items"
    }
}

#[cfg(test)]
mod tests {
    use super::check_each;
    use crate::rules::TextRule;
    use crate::{Path, Violations};

    /// The first pass, which lets a list whose every item keeps every rule go unreported, lets
    /// no broken item through: one broken item at each position of lists of 1 to 5, and every
    /// item broken, are reported at their indices.
    #[test]
    fn each_reports_every_broken_item_at_its_index() {
        let rules = [TextRule::Length { min: Some(2), max: Some(20) }, TextRule::Url];
        let root = Path::root();
        let report = |lines: &[String]| {
            let mut out = Violations::new();
            check_each(lines, &root.member("lines", 0), &rules, &mut out);
            out.iter().map(|violation| violation.path().to_string()).collect::<Vec<_>>()
        };
        for len in 1..=5 {
            let valid = vec!["https://a.bc/d".to_owned(); len];
            assert!(report(&valid).is_empty());
            for broken in 0..len {
                let mut lines = valid.clone();
                // Too short, and not a URL.
                lines[broken] = "x".to_owned();
                assert_eq!(report(&lines), [format!("lines[{broken}]"), format!("lines[{broken}]")]);
            }
            let all_broken = vec!["x".to_owned(); len];
            assert_eq!(report(&all_broken).len(), 2 * len);
        }
    }
}
