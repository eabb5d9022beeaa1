//! The parts of `#[serde(...)]` that decide wire names: `rename_all`, `rename`, `flatten`.
//!
//! Everything else in serde's attributes is left alone: serde checks its own attributes.

use syn::meta::ParseNestedMeta;
use syn::{Attribute, LitStr};

use crate::case::RenameRule;
use crate::ctxt::Ctxt;

#[derive(Default)]
pub(crate) struct SerdeContainer {
    pub(crate) rename_all: Option<RenameRule>,
}

#[derive(Default)]
pub(crate) struct SerdeField {
    pub(crate) rename: Option<String>,
    pub(crate) flatten: bool,
}

impl SerdeContainer {
    pub(crate) fn from_attrs(cx: &Ctxt, attrs: &[Attribute]) -> Self {
        let mut out = SerdeContainer::default();
        for_each_serde_meta(attrs, |meta| {
            if meta.path.is_ident("rename_all") {
                if let Some(name) = serialize_name(&meta)? {
                    match RenameRule::from_name(&name.value()) {
                        Some(rule) => out.rename_all = Some(rule),
                        None => cx.error_spanned_by(
                            &name,
                            format!("unknown `rename_all` rule: expected {}", RenameRule::NAMES),
                        ),
                    }
                }
            }
            Ok(())
        });
        out
    }
}

impl SerdeField {
    pub(crate) fn from_attrs(attrs: &[Attribute]) -> Self {
        let mut out = SerdeField::default();
        for_each_serde_meta(attrs, |meta| {
            if meta.path.is_ident("rename") {
                if let Some(name) = serialize_name(&meta)? {
                    out.rename = Some(name.value());
                }
            } else if meta.path.is_ident("flatten") {
                out.flatten = true;
            }
            Ok(())
        });
        out
    }
}

/// Calls `f` on every top-level item of every `#[serde(...)]`, skipping the values of keys
/// it does not look at.
fn for_each_serde_meta(attrs: &[Attribute], mut f: impl FnMut(ParseNestedMeta<'_>) -> syn::Result<()>) {
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("serde")) {
        let result = attr.parse_nested_meta(|meta| {
            let looked_at = meta.path.is_ident("rename_all") || meta.path.is_ident("rename");
            if looked_at || meta.path.is_ident("flatten") {
                return f(meta);
            }
            skip_value(&meta)
        });
        // serde reports its own malformed attributes; a second report would be noise.
        drop(result);
    }
}

/// `rename = "x"` or `rename(serialize = "x", deserialize = "y")`: the name on the wire
/// that a request is serialized with.
fn serialize_name(meta: &ParseNestedMeta<'_>) -> syn::Result<Option<LitStr>> {
    if meta.input.peek(syn::Token![=]) {
        return Ok(Some(meta.value()?.parse()?));
    }
    let mut found = None;
    meta.parse_nested_meta(|inner| {
        let value: LitStr = inner.value()?.parse()?;
        if inner.path.is_ident("serialize") {
            found = Some(value);
        }
        Ok(())
    })?;
    Ok(found)
}

fn skip_value(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        meta.value()?.parse::<syn::Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in meta.input);
        content.parse::<proc_macro2::TokenStream>()?;
    }
    Ok(())
}
