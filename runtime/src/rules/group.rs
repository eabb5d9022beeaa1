use std::fmt::Write as _;

use crate::{Path, Rule, Violation, Violations};

/// Checks a one-of group of the value at `at`; `members` gives each member's wire name, its
/// position among the struct's fields, and whether it is present.
///
/// Two or more present members give one `ONE_OF_ALIGNMENT` violation at the second one's
/// path, naming every member that is set. With `exactly` set, no present member gives
/// `REQUIRED_ONE_OF_FIELD` at `at`.
///
/// ```
/// use tollgate::{rules::one_of, Path, Violations};
///
/// let mut out = Violations::new();
/// let root = Path::root();
/// let content = root.field("content");
/// one_of(&content, &[("basic", 0, true), ("template", 1, true), ("form", 3, false)], true, &mut out);
/// assert_eq!(
///     out.to_string(),
///     "content.template: only one of `basic`, `template`, `form` may be set, \
///      but `basic` and `template` are [ONE_OF_ALIGNMENT]",
/// );
/// ```
#[inline]
pub fn one_of(at: &Path<'_>, members: &[(&'static str, u32, bool)], exactly: bool, out: &mut Violations) {
    let present = members.iter().filter(|(_, _, present)| *present).count();
    if present > 1 {
        record_conflict(at, members, out);
    } else if present == 0 && exactly {
        record_none(at, members, out);
    }
}

#[cold]
fn record_conflict(at: &Path<'_>, members: &[(&'static str, u32, bool)], out: &mut Violations) {
    let set: Vec<(&'static str, u32)> = members
        .iter()
        .filter(|(_, _, present)| *present)
        .map(|(wire, position, _)| (*wire, *position))
        .collect();
    let mut description =
        format!("only one of {} may be set, but ", quoted_list(members.iter().map(|(wire, _, _)| *wire)));
    for (i, (wire, _)) in set.iter().enumerate() {
        let joiner = match i {
            0 => "",
            _ if i + 1 == set.len() => " and ",
            _ => ", ",
        };
        let _ = write!(description, "{joiner}`{wire}`");
    }
    description.push_str(" are");
    let (second, position) = set[1];
    out.push(Violation::new(&at.member(second, position), Rule::OneOfAlignment, description));
}

#[cold]
fn record_none(at: &Path<'_>, members: &[(&'static str, u32, bool)], out: &mut Violations) {
    let description = format!(
        "exactly one of {} must be set, but none is",
        quoted_list(members.iter().map(|(wire, _, _)| *wire))
    );
    // Reported at the object's path, ordered where the group's first member is declared.
    let first = members.first().map_or(0, |(_, position, _)| *position);
    out.push(Violation::new(&at.member("", first), Rule::RequiredOneOfField, description));
}

fn quoted_list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for (i, name) in names.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let _ = write!(out, "`{name}`");
    }
    out
}
