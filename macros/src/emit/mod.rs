//! Stage three: the generated code. It stays thin: every rule is a call into
//! `::tollgate::__private`, by absolute path.

mod builder;
mod generics;
mod hooks;
mod stub;
mod validate;

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Kind, Payload};

pub(crate) use stub::stub;

pub(crate) fn emit(payload: &Payload<'_>) -> TokenStream {
    match &payload.kind {
        Kind::Struct(model) => {
            let validate = validate::emit(payload, model);
            let hooks = hooks::emit(payload, model);
            let builder = builder::emit(payload, model);
            quote! {
                #builder
                #[doc(hidden)]
                const _: () = {
                    use ::tollgate::__private as __tg;
                    #validate
                    #hooks
                };
            }
        }
        Kind::UnitEnum => {
            let leaf = hooks::leaf(payload.ident, payload.generics);
            quote! {
                #[doc(hidden)]
                const _: () = {
                    use ::tollgate::__private as __tg;
                    #leaf
                };
            }
        }
    }
}
