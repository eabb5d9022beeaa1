//! What other payloads need from this one: its wire names (`Node`, whose `Fields` the builder's
//! `FieldAt` impls describe, and through which the runtime's blanket `Descend` lets required
//! paths into it), and its presence as a field value (`Presence`). The stub emits the same
//! impls, with a table that has every field.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Generics, Ident};

use crate::model::Payload;

pub(super) fn emit(payload: &Payload<'_>, fields: &TokenStream) -> TokenStream {
    let table = node(payload.ident, payload.generics, fields);
    let presence = presence(payload.ident, payload.generics);
    quote!(#table #presence)
}

/// `Node`: the type whose `FieldAt` impls give each field's wire name and position (`fields`).
pub(super) fn node(ident: &Ident, generics: &Generics, fields: &TokenStream) -> TokenStream {
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics __tg::Node for #ident #ty_generics #where_clause {
            type Fields = #fields;
        }
    }
}

/// A payload value that is there is present: only its container (`Option`, `Vec`) can
/// make it absent.
pub(super) fn presence(ident: &Ident, generics: &Generics) -> TokenStream {
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics __tg::Presence for #ident #ty_generics #where_clause {
            #[inline]
            fn is_present(&self) -> bool {
                true
            }
        }
    }
}

/// `Validate` with no rules of its own: a wire enum's, and the stub's.
pub(super) fn validate_nothing(ident: &Ident, generics: &Generics) -> TokenStream {
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics __tg::Validate for #ident #ty_generics #where_clause {
            #[inline]
            fn validate_into(&self, _: &__tg::Path<'_>, _: &mut __tg::Violations) {}
        }
    }
}

/// A wire enum: nothing to check inside, present when it is there.
pub(super) fn leaf(ident: &Ident, generics: &Generics) -> TokenStream {
    let validate = validate_nothing(ident, generics);
    let presence = presence(ident, generics);
    quote!(#validate #presence)
}
