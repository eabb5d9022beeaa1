//! What a failed validation reports: each broken rule with its wire path.

use std::fmt;

use serde::ser::{SerializeStruct as _, Serializer};
use serde::Serialize;

use crate::Path;

/// The rule a [`Violation`] broke, named as Wix's servers name it in `violatedRule`.
///
/// ```
/// use tollgate::Rule;
///
/// assert_eq!(Rule::MaxLength.wix_name(), "MAX_LENGTH");
/// assert_eq!(Rule::from_wix_name("ONE_OF_ALIGNMENT"), Some(Rule::OneOfAlignment));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// A required field, or the child of a present parent in an `a.b` path, is absent.
    RequiredField,
    /// More than one member of a one-of group is present.
    OneOfAlignment,
    /// No member of an exactly-one group is present.
    RequiredOneOfField,
    /// A string is shorter than its minimum length.
    MinLength,
    /// A string is longer than its maximum length.
    MaxLength,
    /// A list has fewer items than its minimum size.
    MinSize,
    /// A list has more items than its maximum size.
    MaxSize,
    /// A string is not in the required format (GUID, URL).
    Format,
    /// A rule a server reported that tollgate does not know; [`Violation::wix_rule`] keeps
    /// the server's name for it (Wix adds rules over time).
    Other,
}

impl Rule {
    const KNOWN: [Rule; 8] = [
        Rule::RequiredField,
        Rule::OneOfAlignment,
        Rule::RequiredOneOfField,
        Rule::MinLength,
        Rule::MaxLength,
        Rule::MinSize,
        Rule::MaxSize,
        Rule::Format,
    ];

    /// The name Wix's servers give this rule in a field violation's `violatedRule`.
    pub const fn wix_name(self) -> &'static str {
        match self {
            Rule::RequiredField => "REQUIRED_FIELD",
            Rule::OneOfAlignment => "ONE_OF_ALIGNMENT",
            Rule::RequiredOneOfField => "REQUIRED_ONE_OF_FIELD",
            Rule::MinLength => "MIN_LENGTH",
            Rule::MaxLength => "MAX_LENGTH",
            Rule::MinSize => "MIN_SIZE",
            Rule::MaxSize => "MAX_SIZE",
            Rule::Format => "FORMAT",
            Rule::Other => "OTHER",
        }
    }

    /// The rule that Wix names `name`, if tollgate knows it.
    pub fn from_wix_name(name: &str) -> Option<Rule> {
        Rule::KNOWN.into_iter().find(|rule| rule.wix_name() == name)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.wix_name())
    }
}

/// The wire path of a violation: serde's field names and list indices,
/// such as `message.content.basic.items[2].text`.
///
/// ```
/// # use tollgate::{Path, Rule, Violation};
/// let root = Path::root();
/// let id = root.field("conversationId");
/// let violation = Violation::new(&id, Rule::RequiredField, "is required");
/// assert_eq!(violation.path(), "conversationId");
/// assert_eq!(violation.path().to_string(), "conversationId");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct WirePath(String);

impl WirePath {
    /// The path of the whole value: empty.
    pub const fn new() -> Self {
        WirePath(String::new())
    }

    /// The path as text; empty for a violation of the whole value.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Appends the field `name`: `message` then `content` reads `message.content`.
    ///
    /// For code that walks JSON (or serde's own paths) rather than a [`Path`]:
    ///
    /// ```
    /// use tollgate::WirePath;
    ///
    /// let mut path = WirePath::new();
    /// path.push_field("items");
    /// path.push_index(2);
    /// path.push_field("text");
    /// assert_eq!(path, "items[2].text");
    /// ```
    pub fn push_field(&mut self, name: &str) {
        if !self.0.is_empty() {
            self.0.push('.');
        }
        self.0.push_str(name);
    }

    /// Appends the list index `index`: `items[2]`.
    pub fn push_index(&mut self, index: usize) {
        use fmt::Write as _;
        // Writing to a String cannot fail.
        let _ = write!(self.0, "[{index}]");
    }
}

impl From<WirePath> for String {
    fn from(path: WirePath) -> Self {
        path.0
    }
}

impl From<String> for WirePath {
    fn from(path: String) -> Self {
        WirePath(path)
    }
}

impl fmt::Display for WirePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for WirePath {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for WirePath {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// One broken rule: where (the wire path), which rule, and a sentence saying what is wrong.
#[derive(Debug, Clone)]
pub struct Violation {
    path: WirePath,
    rule: Rule,
    description: String,
    /// The server's name for a rule tollgate does not know (`rule` is then `Rule::Other`).
    server_rule: Option<Box<str>>,
    /// Field positions and list indices along the path: where it sorts in field order.
    order: Box<[u32]>,
}

/// Two violations are equal when they say the same thing; where each was found does not
/// count.
impl PartialEq for Violation {
    fn eq(&self, other: &Self) -> bool {
        (&self.path, self.rule, &self.description, &self.server_rule)
            == (&other.path, other.rule, &other.description, &other.server_rule)
    }
}

impl Eq for Violation {}

impl Violation {
    /// A violation of `rule` at `path`, described by `description`.
    pub fn new(path: &Path<'_>, rule: Rule, description: impl Into<String>) -> Self {
        Violation {
            order: path.order_key(),
            ..Violation::at_wire_path(path.to_wire_path(), rule, description)
        }
    }

    /// A violation at an already rendered wire path.
    pub fn at_wire_path(path: impl Into<WirePath>, rule: Rule, description: impl Into<String>) -> Self {
        Violation {
            path: path.into(),
            rule,
            description: description.into(),
            server_rule: None,
            order: Box::default(),
        }
    }

    /// A violation of the rule Wix names `wix_rule`, as a server reports it in
    /// `fieldViolations`; a name tollgate does not know is kept as given, under
    /// [`Rule::Other`].
    ///
    /// ```
    /// use tollgate::{Rule, Violation};
    ///
    /// let known = Violation::with_wix_rule("message.content", "REQUIRED_FIELD", "is required");
    /// assert_eq!(known.rule(), Rule::RequiredField);
    /// let new = Violation::with_wix_rule("message", "SOME_NEW_RULE", "is not allowed");
    /// assert_eq!((new.rule(), new.wix_rule()), (Rule::Other, "SOME_NEW_RULE"));
    /// ```
    pub fn with_wix_rule(path: impl Into<String>, wix_rule: &str, description: impl Into<String>) -> Self {
        let rule = Rule::from_wix_name(wix_rule).unwrap_or(Rule::Other);
        let server_rule = (rule == Rule::Other).then(|| wix_rule.into());
        Violation {
            path: WirePath(path.into()),
            rule,
            description: description.into(),
            server_rule,
            order: Box::default(),
        }
    }

    /// The violation of the rule Wix names `wix_rule` at `path`, in field order: for a rule
    /// without a [`Rule`] of its own, such as `MAX` on a number, in a hand-written
    /// [`Validate`](crate::Validate).
    ///
    /// ```
    /// use tollgate::{Path, Rule, Violation};
    ///
    /// let root = Path::root();
    /// let violation = Violation::new_wix(&root.field("limit"), "MAX", "must be at most 100");
    /// assert_eq!((violation.rule(), violation.wix_rule()), (Rule::Other, "MAX"));
    /// ```
    pub fn new_wix(path: &Path<'_>, wix_rule: &str, description: impl Into<String>) -> Self {
        Violation {
            order: path.order_key(),
            ..Violation::with_wix_rule(path.render(), wix_rule, description)
        }
    }

    /// The wire path of the offending field.
    pub fn path(&self) -> &WirePath {
        &self.path
    }

    /// The rule that was broken.
    pub fn rule(&self) -> Rule {
        self.rule
    }

    /// The name Wix's servers use for the same failure in `violatedRule`; for a rule
    /// reported by a server that tollgate does not know, the server's own name.
    pub fn wix_rule(&self) -> &str {
        self.server_rule.as_deref().unwrap_or(self.rule.wix_name())
    }

    /// What is wrong, in a sentence.
    pub fn description(&self) -> &str {
        &self.description
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.0.is_empty() { "(root)" } else { &self.path.0 };
        write!(f, "{path}: {} [{}]", self.description, self.wix_rule())
    }
}

/// Serializes like an entry of Wix's `fieldViolations`, so a local failure and a server
/// failure read the same.
impl Serialize for Violation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut entry = serializer.serialize_struct("FieldViolation", 3)?;
        entry.serialize_field("field", self.path.as_str())?;
        entry.serialize_field("description", &self.description)?;
        entry.serialize_field("violatedRule", self.wix_rule())?;
        entry.end()
    }
}

/// Every violation found in a value, in field order.
///
/// An empty `Violations` allocates nothing; `validate()` returns `Err` only when it holds
/// at least one violation.
///
/// ```
/// use tollgate::{Path, Rule, Violation, Violations};
///
/// let mut violations = Violations::new();
/// let root = Path::root();
/// violations.push(Violation::new(&root.field("conversationId"), Rule::RequiredField, "is required"));
/// assert_eq!(violations.len(), 1);
/// assert_eq!(violations.to_string(), "conversationId: is required [REQUIRED_FIELD]");
/// assert_eq!(
///     serde_json::to_string(&violations).unwrap(),
///     r#"[{"field":"conversationId","description":"is required","violatedRule":"REQUIRED_FIELD"}]"#,
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Violations(Vec<Violation>);

impl Violations {
    /// No violations; allocates nothing.
    pub const fn new() -> Self {
        Violations(Vec::new())
    }

    /// Records one more violation.
    pub fn push(&mut self, violation: Violation) {
        self.0.push(violation);
    }

    /// How many violations there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The violations, in field order.
    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.0.iter()
    }

    /// Puts the violations in field order: by the declaration position of each field along
    /// their paths, then by list index; violations at one path keep the order they were
    /// found in. `validate()` does this before it returns, since a required path below a
    /// field is checked before the nested value's own fields.
    #[inline]
    pub fn sort_in_field_order(&mut self) {
        // Inline with this test, so a valid value's `validate()` calls no sort at all.
        if self.0.len() > 1 {
            sort_by_order(&mut self.0);
        }
    }

    /// Whether nothing was ever recorded: no allocation (and so no violation) to drop.
    pub(crate) fn never_allocated(&self) -> bool {
        self.0.capacity() == 0
    }

    /// `Ok(())` when there are none, otherwise `Err(self)`.
    #[inline]
    pub fn into_result(self) -> Result<(), Violations> {
        if !self.0.is_empty() {
            return Err(self);
        }
        if self.never_allocated() {
            // No element and no allocation: nothing to drop, so no call to `Vec`'s drop on
            // the path every valid value takes.
            std::mem::forget(self);
        }
        Ok(())
    }
}

/// The sort of [`Violations::sort_in_field_order`], never inline and not generic, so that it is
/// compiled once, here: `sort_in_field_order` is inline and `validate()` a default method,
/// compiled in every crate for every payload type, and the stable sort for `Violation` called
/// from there put some sixty instances of the standard library's sort, in as many as twenty
/// codegen units, into each crate that derives `Payload`.
#[inline(never)]
fn sort_by_order(violations: &mut [Violation]) {
    violations.sort_by(|a, b| a.order.cmp(&b.order));
}

impl fmt::Display for Violations {
    /// One line per violation.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, violation) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            fmt::Display::fmt(violation, f)?;
        }
        Ok(())
    }
}

impl std::error::Error for Violations {}

impl<'a> IntoIterator for &'a Violations {
    type Item = &'a Violation;
    type IntoIter = std::slice::Iter<'a, Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl IntoIterator for Violations {
    type Item = Violation;
    type IntoIter = std::vec::IntoIter<Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl FromIterator<Violation> for Violations {
    fn from_iter<I: IntoIterator<Item = Violation>>(iter: I) -> Self {
        Violations(iter.into_iter().collect())
    }
}

impl Extend<Violation> for Violations {
    fn extend<I: IntoIterator<Item = Violation>>(&mut self, iter: I) {
        self.0.extend(iter);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_round_trips_through_its_wix_name() {
        for rule in Rule::KNOWN {
            assert_eq!(Rule::from_wix_name(rule.wix_name()), Some(rule));
        }
        assert_eq!(Rule::from_wix_name("NOT_A_RULE"), None);
    }

    #[test]
    fn root_violation_displays_as_root() {
        let v =
            Violation::new(&Path::root(), Rule::RequiredOneOfField, "exactly one of `a`, `b` must be set");
        assert_eq!(v.to_string(), "(root): exactly one of `a`, `b` must be set [REQUIRED_ONE_OF_FIELD]");
    }

    #[test]
    fn display_is_one_line_per_violation() {
        let root = Path::root();
        let vs: Violations = [
            Violation::new(&root.field("a"), Rule::RequiredField, "is required"),
            Violation::new(&root.field("b"), Rule::Format, "must be a GUID"),
        ]
        .into_iter()
        .collect();
        assert_eq!(vs.to_string(), "a: is required [REQUIRED_FIELD]\nb: must be a GUID [FORMAT]");
        assert_eq!(vs.into_result().unwrap_err().len(), 2);
        assert_eq!(Violations::new().into_result(), Ok(()));
    }
}
