//! What other payloads need from this one: its wire names (`Node`), a way into it for
//! required paths (`Descend`), and its presence as a field value (`Presence`). The stub emits
//! the same impls, with an empty table.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Generics, Ident};

use crate::model::{Payload, Struct};

pub(super) fn emit(payload: &Payload<'_>, model: &Struct<'_>) -> TokenStream {
    let arms = model.fields.iter().enumerate().map(|(position, field)| {
        let (rust_name, wire) = (&field.name, &field.wire);
        let position = u32::try_from(position).expect("a struct has fewer than 2^32 fields");
        quote!(#rust_name => (#wire, #position),)
    });
    let table = node(payload.ident, payload.generics, &quote!(#(#arms)*));
    let descend = descend(payload.ident, payload.generics);
    let presence = presence(payload.ident, payload.generics);
    quote!(#table #descend #presence)
}

/// `Node`: the wire name and position of each field, by Rust name (`arms`).
pub(super) fn node(ident: &Ident, generics: &Generics, arms: &TokenStream) -> TokenStream {
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics __tg::Node for #ident #ty_generics #where_clause {
            #[inline]
            fn field(rust_name: &str) -> (&'static str, u32) {
                match rust_name {
                    #arms
                    // The derive that asks computed the name as this one did, beside a field
                    // access on it that the compiler checked.
                    _ => ::core::unreachable!("tollgate: no field `{}` in this payload", rust_name),
                }
            }
        }
    }
}

/// `Descend`: a payload is itself what a path continues through.
pub(super) fn descend(ident: &Ident, generics: &Generics) -> TokenStream {
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics __tg::Descend for #ident #ty_generics #where_clause {
            type Target = Self;

            #[inline]
            fn descend(&self, at: &__tg::Path<'_>, visit: &mut dyn FnMut(&Self, &__tg::Path<'_>)) {
                visit(self, at);
            }
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
