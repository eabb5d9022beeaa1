//! Stage three: the generated code. It stays thin: every rule is a call into
//! `::tollgate::__private`, by absolute path.

mod builder;
mod generics;
mod hooks;
mod stub;
mod validate;

use proc_macro2::{Group, Span, TokenStream, TokenTree};
use quote::quote;

use crate::model::{Kind, Payload};

pub(crate) use stub::stub;

pub(crate) fn emit(payload: &Payload<'_>) -> TokenStream {
    match &payload.kind {
        Kind::Struct(model) => {
            let validate = validate::emit(payload, model);
            let hooks = hooks::emit(payload, &builder::fields_type(payload));
            let builder = builder::emit(payload, model);
            let krate = &payload.krate;
            quote! {
                #builder
                #[doc(hidden)]
                const _: () = {
                    use #krate::__private as __tg;
                    #validate
                    #hooks
                };
            }
        }
        Kind::UnitEnum => {
            let leaf = hooks::leaf(payload.ident, payload.generics);
            let krate = &payload.krate;
            quote! {
                #[doc(hidden)]
                const _: () = {
                    use #krate::__private as __tg;
                    #leaf
                };
            }
        }
    }
}

/// `tokens` with every token, inside groups too, at `span`: an error about them then points at
/// one place.
pub(super) fn respan(tokens: &TokenStream, span: Span) -> TokenStream {
    tokens
        .clone()
        .into_iter()
        .map(|tree| match tree {
            TokenTree::Group(group) => {
                let mut respanned = Group::new(group.delimiter(), respan(&group.stream(), span));
                respanned.set_span(span);
                TokenTree::Group(respanned)
            }
            mut other => {
                other.set_span(span);
                other
            }
        })
        .collect()
}
