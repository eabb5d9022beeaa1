//! Stage two's output: what the derive input means, resolved and known to be consistent.
//! `emit` reads only this.

use proc_macro2::Span;
use syn::{Generics, Ident, Type, Visibility};

pub(crate) struct Payload<'a> {
    pub(crate) ident: &'a Ident,
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

pub(crate) struct Field<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) ty: &'a Type,
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
    /// `required(field.child)`: the child fields a builder passed to this field's setter
    /// must have set.
    pub(crate) needs: Vec<Ident>,
    /// `T` when the field is an `Option<T>`.
    pub(crate) option_inner: Option<&'a Type>,
}

impl Field<'_> {
    /// The type a setter takes: the value inside the `Option`, or the field's own type.
    pub(crate) fn setter_type(&self) -> &Type {
        self.option_inner.unwrap_or(self.ty)
    }
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
    /// Whether a path ends here: the field must be present whenever its parent is.
    pub(crate) required: bool,
    pub(crate) children: Vec<RequiredNode>,
}
