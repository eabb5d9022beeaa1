//! Wire paths built on the stack while a value is walked.

use std::fmt;

/// A position inside the value being validated, as a chain of stack frames.
///
/// Validation walks a value depth-first and pushes one `Path` per field or list element
/// it enters. Nothing is allocated until a violation is recorded and the path is rendered
/// with [`Path::render`]; that is how a valid value validates without touching the heap.
///
/// ```
/// use tollgate::Path;
///
/// let root = Path::root();
/// let message = root.field("message");
/// let items = message.field("items");
/// let third = items.index(2);
/// assert_eq!(third.render(), "message.items[2]");
/// ```
#[derive(Clone, Copy)]
pub struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    segment: Segment,
}

#[derive(Clone, Copy)]
enum Segment {
    Root,
    Field(&'static str),
    Index(usize),
}

impl Path<'static> {
    /// The path of the value that `validate()` was called on.
    pub const fn root() -> Self {
        Path { parent: None, segment: Segment::Root }
    }
}

impl<'a> Path<'a> {
    /// The path of the field with wire name `name` inside this value.
    ///
    /// An empty name stands for a field that serde flattens into its parent: it adds no
    /// segment, so the flattened fields appear at the parent's level, as on the wire.
    #[must_use]
    pub const fn field(&'a self, name: &'static str) -> Path<'a> {
        if name.is_empty() {
            return *self;
        }
        Path { parent: Some(self), segment: Segment::Field(name) }
    }

    /// The path of element `index` of the list at this path.
    #[must_use]
    pub const fn index(&'a self, index: usize) -> Path<'a> {
        Path { parent: Some(self), segment: Segment::Index(index) }
    }

    /// The wire path as text: `message.content.basic.items[2].text`; empty for the root.
    pub fn render(&self) -> String {
        let mut out = String::new();
        self.write_into(&mut out);
        out
    }

    fn write_into(&self, out: &mut String) {
        if let Some(parent) = self.parent {
            parent.write_into(out);
        }
        match self.segment {
            Segment::Root => {}
            Segment::Field(name) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(name);
            }
            Segment::Index(index) => {
                use fmt::Write as _;
                // Writing to a String cannot fail.
                let _ = write!(out, "[{index}]");
            }
        }
    }
}

impl fmt::Debug for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Path").field(&self.render()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::Path;

    #[test]
    fn renders_fields_and_indices() {
        let root = Path::root();
        assert_eq!(root.render(), "");
        let a = root.field("a");
        let b = a.index(0);
        let c = b.index(3);
        let d = c.field("d");
        assert_eq!(d.render(), "a[0][3].d");
    }

    #[test]
    fn flattened_field_adds_no_segment() {
        let root = Path::root();
        let outer = root.field("outer");
        let flat = outer.field("");
        let inner = flat.field("inner");
        assert_eq!(inner.render(), "outer.inner");
    }
}
