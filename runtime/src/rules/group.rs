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
    if present > 1 || (present == 0 && exactly) {
        let names: Vec<(&'static str, u32)> =
            members.iter().map(|&(wire, position, _)| (wire, position)).collect();
        record(at, &names, |i| members[i].2, exactly, out);
    }
}

/// [`one_of`] with the members' names and positions apart from whether each is present: the
/// table is a constant and `present` has bit `i` set when member `i` is present, so a group
/// that holds costs two tests and no stores (what the derive calls). Groups of more than 64
/// members go through [`one_of`].
///
/// ```
/// use tollgate::{rules::one_of_group, Path, Violations};
///
/// const MEMBERS: [(&str, u32); 3] = [("basic", 0), ("template", 1), ("form", 3)];
/// let mut out = Violations::new();
/// let root = Path::root();
/// one_of_group(&root, &MEMBERS, 0b010, true, &mut out);
/// assert!(out.is_empty());
/// one_of_group(&root, &MEMBERS, 0b000, true, &mut out);
/// assert_eq!(
///     out.to_string(),
///     "(root): exactly one of `basic`, `template`, `form` must be set, but none is [REQUIRED_ONE_OF_FIELD]",
/// );
/// ```
#[inline]
pub fn one_of_group(
    at: &Path<'_>,
    members: &[(&'static str, u32)],
    present: u64,
    exactly: bool,
    out: &mut Violations,
) {
    // More than one bit set is a conflict, none an absence.
    if present & present.wrapping_sub(1) != 0 || (present == 0 && exactly) {
        record(at, members, |i| i < 64 && present & (1 << i) != 0, exactly, out);
    }
}

/// The violation of a group that does not hold: a conflict, or (with `exactly`) no member.
#[cold]
#[inline(never)]
fn record(
    at: &Path<'_>,
    members: &[(&'static str, u32)],
    is_present: impl Fn(usize) -> bool,
    exactly: bool,
    out: &mut Violations,
) {
    let set: Vec<(&'static str, u32)> =
        members.iter().enumerate().filter(|&(i, _)| is_present(i)).map(|(_, member)| *member).collect();
    match set.len() {
        0 if exactly => record_none(at, members, out),
        0 | 1 => {}
        _ => record_conflict(at, members, &set, out),
    }
}

fn record_conflict(
    at: &Path<'_>,
    members: &[(&'static str, u32)],
    set: &[(&'static str, u32)],
    out: &mut Violations,
) {
    let mut description =
        format!("only one of {} may be set, but ", quoted_list(members.iter().map(|(wire, _)| *wire)));
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

fn record_none(at: &Path<'_>, members: &[(&'static str, u32)], out: &mut Violations) {
    let description = format!(
        "exactly one of {} must be set, but none is",
        quoted_list(members.iter().map(|(wire, _)| *wire))
    );
    // Reported at the object's path, ordered where the group's first member is declared.
    let first = members.first().map_or(0, |(_, position)| *position);
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
