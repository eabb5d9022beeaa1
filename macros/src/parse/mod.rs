//! Stage one: the derive input as written, with every attribute parsed and spanned.
//!
//! Nothing here knows what the attributes mean together; `check` does that.

mod payload_attr;
mod serde_attr;

use syn::{Data, DeriveInput, Fields, Generics, Ident, Type, Visibility};

use crate::ctxt::Ctxt;
pub(crate) use payload_attr::{
    Bounds, ContainerAttrs, DottedPath, FieldAttrs, GroupAttr, GroupKind, TextRules,
};
pub(crate) use serde_attr::{SerdeContainer, SerdeField};

/// The derive input.
pub(crate) struct Input<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) vis: &'a Visibility,
    pub(crate) generics: &'a Generics,
    pub(crate) shape: Shape<'a>,
    pub(crate) attrs: ContainerAttrs,
    pub(crate) serde: SerdeContainer,
}

pub(crate) enum Shape<'a> {
    /// A struct with named fields.
    Struct(Vec<FieldInput<'a>>),
    /// An enum whose variants carry no data: a value without rules of its own.
    UnitEnum,
}

/// One named field.
pub(crate) struct FieldInput<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) ty: &'a Type,
    pub(crate) attrs: FieldAttrs,
    pub(crate) serde: SerdeField,
}

impl<'a> Input<'a> {
    /// Parses what can be parsed; a shape the derive does not support is an error, and
    /// `None` then says there is nothing to emit beyond a stub.
    pub(crate) fn from_ast(cx: &Ctxt, input: &'a DeriveInput) -> Option<Self> {
        let attrs = ContainerAttrs::from_attrs(cx, &input.attrs);
        let serde = SerdeContainer::from_attrs(cx, &input.attrs);
        let shape = match &input.data {
            Data::Struct(data) => match &data.fields {
                Fields::Named(named) => Shape::Struct(
                    named
                        .named
                        .iter()
                        .map(|field| FieldInput {
                            ident: field.ident.as_ref().expect("named fields have names"),
                            ty: &field.ty,
                            attrs: FieldAttrs::from_attrs(cx, &field.attrs),
                            serde: SerdeField::from_attrs(&field.attrs),
                        })
                        .collect(),
                ),
                Fields::Unnamed(_) | Fields::Unit => {
                    cx.error_spanned_by(
                        &input.ident,
                        "`Payload` needs a struct with named fields: a JSON object's members have names",
                    );
                    return None;
                }
            },
            Data::Enum(data) => {
                if let Some(variant) =
                    data.variants.iter().find(|variant| !matches!(variant.fields, Fields::Unit))
                {
                    cx.error_spanned_by(
                        &variant.ident,
                        "`Payload` supports enums whose variants carry no data (wire enums such as `CHAT`, `EMAIL`); \
                         this variant has fields",
                    );
                    return None;
                }
                Shape::UnitEnum
            }
            Data::Union(data) => {
                cx.error_spanned_by(data.union_token, "`Payload` cannot be derived for a union");
                return None;
            }
        };
        Some(Input { ident: &input.ident, vis: &input.vis, generics: &input.generics, shape, attrs, serde })
    }
}
