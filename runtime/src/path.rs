//! Wire paths built on the stack while a value is walked.

use std::fmt;

use crate::WirePath;

/// A position inside the value being validated, as a chain of stack frames.
///
/// Validation walks a value depth-first and pushes one `Path` per field or list element
/// it enters. Nothing is allocated until a violation is recorded and the path is rendered
/// with [`Path::render`]; that is how a valid value validates without touching the heap.
///
/// Each field segment also carries the field's position among its struct's fields, so that
/// violations found in any order can be put in field order (see [`Path::member`]).
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
    /// A field: its wire name, and its position among its struct's fields.
    Field(&'static str, u32),
    /// A field serde flattens into its parent: no name on the wire, but a position.
    Flattened(u32),
    Index(usize),
}

impl Path<'static> {
    /// The path of the value that `validate()` was called on.
    pub const fn root() -> Self {
        Path { parent: None, segment: Segment::Root }
    }
}

impl<'a> Path<'a> {
    /// The path of the field with wire name `name` inside this value, with no position of
    /// its own: violations under it keep the order they were found in.
    #[must_use]
    pub const fn field(&'a self, name: &'static str) -> Path<'a> {
        self.member(name, 0)
    }

    /// The path of the field with wire name `name`, declared at `position` among its
    /// struct's fields (counted from 0). Violations are reported in the order of these
    /// positions along their paths, then of list indices.
    ///
    /// An empty name stands for a field that serde flattens into its parent: it adds no
    /// segment to the text, so the flattened fields appear at the parent's level, as on the
    /// wire.
    #[must_use]
    pub const fn member(&'a self, name: &'static str, position: u32) -> Path<'a> {
        let segment =
            if name.is_empty() { Segment::Flattened(position) } else { Segment::Field(name, position) };
        Path { parent: Some(self), segment }
    }

    /// [`Path::member`], not built yet: the same path, rendered the same, but held as this
    /// path, `name` and `position` until a rule that fails asks for it (see [`Location`]).
    #[must_use]
    pub const fn lazy(&'a self, name: &'static str, position: u32) -> LazyPath<'a> {
        LazyPath { parent: self, name, position }
    }

    /// The path of element `index` of the list at this path.
    #[must_use]
    pub const fn index(&'a self, index: usize) -> Path<'a> {
        Path { parent: Some(self), segment: Segment::Index(index) }
    }

    /// Makes this path, an element's ([`Path::index`]), that of element `index` of the same
    /// list.
    #[inline]
    pub(crate) fn set_index(&mut self, index: usize) {
        // The index alone, not the whole segment: its kind is already `Index`, and the
        // compiler, seeing it unchanged, stores one word.
        if let Segment::Index(at) = &mut self.segment {
            *at = index;
        }
    }

    /// The wire path as text: `message.content.basic.items[2].text`; empty for the root.
    pub fn render(&self) -> String {
        self.to_wire_path().into()
    }

    /// The wire path, as a violation holds it.
    pub fn to_wire_path(&self) -> WirePath {
        let mut out = WirePath::new();
        self.write_into(&mut out);
        out
    }

    /// The positions along the path: field positions and list indices, root first.
    pub(crate) fn order_key(&self) -> Box<[u32]> {
        // Sized first and filled from the end: one allocation of the right size, where
        // pushing would grow it, and boxing then shrink it, each a reallocation.
        let positions = || {
            std::iter::successors(Some(self), |path| path.parent).filter_map(|path| match path.segment {
                Segment::Root => None,
                Segment::Field(_, position) | Segment::Flattened(position) => Some(position),
                Segment::Index(index) => Some(u32::try_from(index).unwrap_or(u32::MAX)),
            })
        };
        let mut key = vec![0; positions().count()].into_boxed_slice();
        for (slot, position) in key.iter_mut().rev().zip(positions()) {
            *slot = position;
        }
        key
    }

    fn write_into(&self, out: &mut WirePath) {
        if let Some(parent) = self.parent {
            parent.write_into(out);
        }
        match self.segment {
            Segment::Root | Segment::Flattened(_) => {}
            Segment::Field(name, _) => out.push_field(name),
            Segment::Index(index) => out.push_index(index),
        }
    }
}

/// Where a checked value sits, as the rule functions take it: a built [`Path`], or a field's
/// path not built yet ([`Path::lazy`]).
///
/// A rule renders the path only when it records a violation; a [`LazyPath`] is passed by value,
/// so a rule that holds costs no stores of path segments at all.
///
/// ```
/// use tollgate::{Location, Path};
///
/// let root = Path::root();
/// let title = root.lazy("title", 0);
/// assert_eq!(title.with_path(|path| path.render()), "title");
/// assert_eq!((&root.field("title")).with_path(|path| path.render()), "title");
/// ```
pub trait Location: Copy {
    /// Calls `f` with the path, built for the call.
    fn with_path<R>(self, f: impl FnOnce(&Path<'_>) -> R) -> R;
}

impl Location for &Path<'_> {
    #[inline]
    fn with_path<R>(self, f: impl FnOnce(&Path<'_>) -> R) -> R {
        f(self)
    }
}

/// The path of a field, kept as its parent, wire name and position until a violation needs
/// it: what [`Path::lazy`] returns.
#[derive(Clone, Copy)]
pub struct LazyPath<'a> {
    parent: &'a Path<'a>,
    name: &'static str,
    position: u32,
}

impl<'a> LazyPath<'a> {
    /// The path, built: what [`Location::with_path`] passes on. The containers' `Validate`
    /// impls call it rather than `with_path`, whose closure would be instantiated per payload
    /// type in every crate that validates (and compiled per copy in a debug build).
    #[inline]
    pub(crate) const fn built(self) -> Path<'a> {
        self.parent.member(self.name, self.position)
    }
}

impl<'a> LazyPath<'a> {
    /// The path of the field with wire name `name`, at `position`, inside the value at this
    /// path: both levels held by value, built only if a rule that fails asks for it. What a
    /// payload whose fields hold no payloads checks its rules at when it is a field's value
    /// ([`Validate::validate_member`](crate::Validate::validate_member)), so that a valid one
    /// builds no path at all.
    ///
    /// ```
    /// use tollgate::{Location, Path};
    ///
    /// let root = Path::root();
    /// let id = root.lazy("postback", 2).lazy("id", 1);
    /// assert_eq!(id.with_path(|path| path.render()), "postback.id");
    /// ```
    #[must_use]
    pub const fn lazy(self, name: &'static str, position: u32) -> LazyMember<'a> {
        LazyMember { parent: self, name, position }
    }
}

/// A field of a field, neither path built yet: what [`LazyPath::lazy`] returns.
#[derive(Clone, Copy)]
pub struct LazyMember<'a> {
    parent: LazyPath<'a>,
    name: &'static str,
    position: u32,
}

impl Location for LazyMember<'_> {
    #[inline]
    fn with_path<R>(self, f: impl FnOnce(&Path<'_>) -> R) -> R {
        let parent = self.parent.built();
        f(&parent.member(self.name, self.position))
    }
}

impl Location for LazyPath<'_> {
    #[inline]
    fn with_path<R>(self, f: impl FnOnce(&Path<'_>) -> R) -> R {
        f(&self.built())
    }
}

/// Element `index` of the list at a location, built only when needed.
#[derive(Clone, Copy)]
pub(crate) struct LazyIndex<L> {
    pub(crate) list: L,
    pub(crate) index: usize,
}

impl<L: Location> Location for LazyIndex<L> {
    #[inline]
    fn with_path<R>(self, f: impl FnOnce(&Path<'_>) -> R) -> R {
        self.list.with_path(|list| f(&list.index(self.index)))
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
    fn flattened_field_adds_no_segment_but_keeps_its_position() {
        let root = Path::root();
        let outer = root.member("outer", 2);
        let flat = outer.member("", 5);
        let inner = flat.member("inner", 1);
        assert_eq!(inner.render(), "outer.inner");
        assert_eq!(&*inner.order_key(), &[2, 5, 1]);
        assert_eq!(&*outer.index(7).order_key(), &[2, 7]);
    }

    #[test]
    fn an_element_path_moved_on_renders_the_new_index() {
        let root = Path::root();
        let items = root.member("items", 3);
        let mut element = items.index(0);
        element.set_index(7);
        assert_eq!(element.render(), items.index(7).render());
        assert_eq!(element.order_key(), items.index(7).order_key());
    }

    #[test]
    fn lazy_paths_build_what_member_and_index_build() {
        use super::{LazyIndex, Location};
        let root = Path::root();
        let outer = root.member("outer", 2);
        let lazy = outer.lazy("items", 4);
        let built = outer.member("items", 4);
        assert_eq!(
            lazy.with_path(|path| (path.render(), path.order_key())),
            (built.render(), built.order_key())
        );
        let third = LazyIndex { list: lazy, index: 3 };
        assert_eq!(
            third.with_path(|path| (path.render(), path.order_key())),
            ("outer.items[3]".to_owned(), vec![2, 4, 3].into())
        );
        let flattened = outer.lazy("", 1).with_path(|path| (path.render(), path.order_key()));
        assert_eq!(flattened, ("outer".to_owned(), vec![2, 1].into()));
        let member = outer.lazy("item", 4).lazy("id", 1);
        let built = outer.member("item", 4);
        let built = built.member("id", 1);
        assert_eq!(
            member.with_path(|path| (path.render(), path.order_key())),
            (built.render(), built.order_key())
        );
    }
}
