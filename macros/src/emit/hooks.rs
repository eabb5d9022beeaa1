//! What other payloads need from this one: its wire names (`Node`), a way into it for
//! required paths (`Descend`), and its presence as a field value (`Presence`).

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Generics, Ident};

use crate::model::{Payload, Struct};

pub(super) fn emit(payload: &Payload<'_>, model: &Struct<'_>) -> TokenStream {
    let ident = payload.ident;
    let (impl_generics, ty_generics, where_clause) = payload.generics.split_for_impl();
    let arms = model.fields.iter().enumerate().map(|(position, field)| {
        let rust_name = field.ident.to_string().trim_start_matches("r#").to_owned();
        let wire = &field.wire;
        let position = u32::try_from(position).expect("a struct has fewer than 2^32 fields");
        quote!(#rust_name => (#wire, #position),)
    });
    let presence = presence(ident, payload.generics);
    quote! {
        #[automatically_derived]
        impl #impl_generics __tg::Node for #ident #ty_generics #where_clause {
            #[inline]
            fn field(rust_name: &str) -> (&'static str, u32) {
                match rust_name {
                    #(#arms)*
                    // Field access on the same name is compiled beside every call, so an
                    // unknown name cannot reach here.
                    _ => ("", u32::MAX),
                }
            }
        }

        #[automatically_derived]
        impl #impl_generics __tg::Descend for #ident #ty_generics #where_clause {
            type Target = Self;

            #[inline]
            fn descend(
                &self,
                at: &::tollgate::Path<'_>,
                visit: &mut dyn FnMut(&Self, &::tollgate::Path<'_>),
            ) {
                visit(self, at);
            }
        }

        #presence
    }
}

/// A payload value that is there is present: only its container (`Option`, `Vec`) can
/// make it absent.
fn presence(ident: &Ident, generics: &Generics) -> TokenStream {
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

/// A wire enum: nothing to check inside, present when it is there.
pub(super) fn leaf(ident: &Ident, generics: &Generics) -> TokenStream {
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let presence = presence(ident, generics);
    quote! {
        #[automatically_derived]
        impl #impl_generics ::tollgate::Validate for #ident #ty_generics #where_clause {
            #[inline]
            fn validate_into(&self, _: &::tollgate::Path<'_>, _: &mut ::tollgate::Violations) {}
        }

        #presence
    }
}
