//! Stage two's output: what the derive input means, resolved and known to be consistent.
//! `emit` reads only this.

use proc_macro2::Span;
use syn::{Generics, Ident, Type, Visibility};

pub(crate) struct Payload<'a> {
    pub(crate) ident: &'a Ident,
    /// The path the generated code names the runtime by: `::tollgate`, or what
    /// `#[payload(crate = "...")]` says.
    pub(crate) krate: syn::Path,
    pub(crate) vis: &'a Visibility,
    pub(crate) generics: &'a Generics,
    pub(crate) kind: Kind<'a>,
}

pub(crate) enum Kind<'a> {
    Struct(Struct<'a>),
    /// A wire enum: validated as a leaf, present whenever it is there.
    UnitEnum,
}

pub(crate) struct Struct<'a> {
    pub(crate) fields: Vec<Field<'a>>,
    pub(crate) groups: Vec<Group>,
    /// The roots of the required paths, in the order first written.
    pub(crate) required: Vec<RequiredNode>,
}

// Each flag is a separate fact the emitters read; an enum would merge unrelated ones.
#[allow(clippy::struct_excessive_bools)]
pub(crate) struct Field<'a> {
    pub(crate) ident: &'a Ident,
    /// The Rust name without `r#`: what `field_id` and the wire-name table use.
    pub(crate) name: String,
    pub(crate) ty: &'a Type,
    /// What kind of type it has (looking through its `Option`), decided by `kind`.
    pub(crate) shape: Shape<'a>,
    /// A string or number (under `Option`, `Box`, `Vec`): its `Validate` is a no-op.
    pub(crate) scalar: bool,
    /// The name on the wire; empty for a field serde flattens into its parent.
    pub(crate) wire: String,
    pub(crate) text_rules: Vec<TextRule>,
    pub(crate) size: Option<Bounds>,
    pub(crate) each: Vec<TextRule>,
    /// `no_presence`, at its keyword: the field has no presence on the wire (a proto3 plain
    /// scalar or repeated field), so absent reads as empty and a `min` applies to it.
    pub(crate) no_presence: Option<Span>,
    /// Whether nested payload values inside are validated (not `skip`, not `read_only`).
    pub(crate) nested: bool,
    /// Set by the server only: no setter, not validated.
    pub(crate) read_only: bool,
    /// The index of the one-of group this field belongs to.
    pub(crate) group: Option<usize>,
    /// `required(field)`: `build()` needs it set.
    pub(crate) required: bool,
    /// `required(field.a.b)`: the paths that continue below this field, which a builder
    /// passed to its setter must meet.
    pub(crate) below: Vec<DeepPath>,
    /// `T` when the field is an `Option<T>`.
    pub(crate) option_inner: Option<&'a Type>,
}

impl Field<'_> {
    /// The type a setter takes: the value inside the `Option`, or the field's own type.
    pub(crate) fn setter_type(&self) -> &Type {
        self.option_inner.unwrap_or(self.ty)
    }

    /// Whether the builder keeps the field's list itself rather than an `Option` of it: a
    /// `Vec` field that is not an `Option`, where unset and empty build the same value. Its
    /// pushes are then `Vec::push` and `build()` moves the list: no helper per element type
    /// to compile in each crate that builds (`Option<Vec<T>>` keeps `None` apart from
    /// `Some(vec![])`).
    pub(crate) fn keeps_list(&self) -> bool {
        matches!(self.shape, Shape::List { .. }) && self.option_inner.is_none()
    }

    /// Whether the builder has a `maybe_` setter for it: not required, not in an exactly-one
    /// group, not read-only.
    pub(crate) fn has_maybe(&self, groups: &[Group]) -> bool {
        !self.read_only && !self.required && self.group.is_none_or(|group| !groups[group].exactly_one)
    }
}

/// What kind of type a field has, looking through its `Option`.
#[derive(Clone, Copy)]
pub(crate) enum Shape<'a> {
    Value(ValueKind),
    /// `Vec<element>`.
    List {
        element: &'a Type,
        kind: ValueKind,
    },
}

/// What kind of value a field or list element holds.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum ValueKind {
    /// `String`: setters take `impl Into<String>`.
    String,
    /// A number, a container, another standard type: setters take the exact type.
    Leaf,
    /// Possibly a payload type: setters take the value or its builder.
    Payload,
}

/// A required path seen from the field it starts at.
pub(crate) struct DeepPath {
    /// The type whose name spells the path, `Request·checkout_info·note·text`: the
    /// compiler's messages print it.
    pub(crate) tag: Ident,
    /// The Rust names of the segments after this field, without `r#`.
    pub(crate) rest: Vec<String>,
    /// The path as written, for docs.
    pub(crate) display: String,
}

#[derive(Clone, Copy)]
pub(crate) struct Bounds {
    pub(crate) span: Span,
    pub(crate) min: Option<usize>,
    pub(crate) max: Option<usize>,
}

#[derive(Clone, Copy)]
pub(crate) enum TextRuleKind {
    Length { min: Option<usize>, max: Option<usize> },
    Guid,
    Url,
}

#[derive(Clone, Copy)]
pub(crate) struct TextRule {
    pub(crate) span: Span,
    pub(crate) kind: TextRuleKind,
}

pub(crate) struct Group {
    pub(crate) exactly_one: bool,
    /// Indices of the member fields, in the order written.
    pub(crate) members: Vec<usize>,
    /// `basic_or_template_or_form`: the group's name in builder errors.
    pub(crate) name: Ident,
}

/// One segment of the required paths, with the paths that continue below it.
pub(crate) struct RequiredNode {
    pub(crate) segment: Ident,
    /// The segment's Rust name without `r#`.
    pub(crate) name: String,
    /// Whether a path ends here: the field must be present whenever its parent is.
    pub(crate) required: bool,
    pub(crate) children: Vec<RequiredNode>,
}
