//! What is emitted when the attributes are wrong: the errors, and impls that stand in for
//! the real ones so that code using the type reports nothing further (thiserror's fallback).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Data, DeriveInput, Fields};

use super::generics;

pub(crate) fn stub(input: &DeriveInput, errors: &TokenStream) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let builder = stub_builder(input);
    quote! {
        #errors
        #builder
        #[doc(hidden)]
        const _: () = {
            #[automatically_derived]
            impl #impl_generics ::tollgate::Validate for #ident #ty_generics #where_clause {
                fn validate_into(&self, _: &::tollgate::Path<'_>, _: &mut ::tollgate::Violations) {
                    ::core::unreachable!("tollgate: this type's attributes failed to compile")
                }
            }

            #[automatically_derived]
            impl #impl_generics ::tollgate::__private::Presence for #ident #ty_generics #where_clause {
                fn is_present(&self) -> bool {
                    true
                }
            }

            #[automatically_derived]
            impl #impl_generics ::tollgate::__private::Node for #ident #ty_generics #where_clause {
                fn field(_: &str) -> (&'static str, u32) {
                    ("", u32::MAX)
                }
            }

            #[automatically_derived]
            impl #impl_generics ::tollgate::__private::Descend for #ident #ty_generics #where_clause {
                type Target = Self;

                fn descend(&self, at: &::tollgate::Path<'_>, visit: &mut dyn FnMut(&Self, &::tollgate::Path<'_>)) {
                    visit(self, at);
                }
            }
        };
    }
}

/// A builder that takes anything, for a struct with named fields: calls to `builder()`,
/// the setters and `build()` type-check, so the attribute errors are the only errors.
fn stub_builder(input: &DeriveInput) -> TokenStream {
    let Data::Struct(data) = &input.data else {
        return TokenStream::new();
    };
    let Fields::Named(fields) = &data.fields else {
        return TokenStream::new();
    };
    let (vis, ident) = (&input.vis, &input.ident);
    let builder = format_ident!("{}Builder", ident);
    let self_type = generics::self_type(ident, &input.generics);
    let declared = generics::with_param(&input.generics, quote!(S = ()));
    let with_state = generics::with_param(&input.generics, quote!(S));
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let (state_impl_generics, state_ty_generics, _) = with_state.split_for_impl();
    let setters = fields.named.iter().map(|field| {
        let member = &field.ident;
        let ty = crate::check::option_inner(&field.ty).unwrap_or(&field.ty);
        // Take what the real setter takes where that helps inference (`vec![]`, `"text"`);
        // anything else, since the real setter may take a builder.
        if crate::check::is_string(ty) {
            quote!(#vis fn #member(self, _: impl ::core::convert::Into<#ty>) -> Self { self })
        } else if crate::check::is_vec(ty) {
            quote!(#vis fn #member(self, _: #ty) -> Self { self })
        } else {
            quote!(#vis fn #member<__V>(self, _: __V) -> Self { self })
        }
    });
    quote! {
        #[doc(hidden)]
        #vis struct #builder #declared #where_clause {
            __state: ::core::marker::PhantomData<fn() -> (S, #self_type)>,
        }

        #[automatically_derived]
        impl #impl_generics #ident #ty_generics #where_clause {
            #vis fn builder() -> #builder #ty_generics {
                #builder { __state: ::core::marker::PhantomData }
            }
        }

        #[automatically_derived]
        impl #state_impl_generics #builder #state_ty_generics #where_clause {
            #(#setters)*

            #vis fn build(self) -> ::core::result::Result<#self_type, ::tollgate::Violations> {
                ::core::unreachable!("tollgate: this type's attributes failed to compile")
            }
        }
    }
}
