//! What is emitted when the attributes are wrong: the errors, and impls that stand in for
//! the real ones so that code using the type reports nothing further (thiserror's fallback).
//! The trait impls are the real emitters' (`hooks`), with nothing to check.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Data, DeriveInput, Fields};

use super::{generics, hooks};
use crate::kind;
use crate::model::{Shape, ValueKind};

pub(crate) fn stub(input: &DeriveInput, krate: &syn::Path, errors: &TokenStream) -> TokenStream {
    let (ident, generics) = (&input.ident, &input.generics);
    let (declaration, builder) = stub_builder(input, krate).unwrap_or_default();
    let validate = hooks::validate_nothing(ident, generics);
    let presence = hooks::presence(ident, generics);
    let node = hooks::node(ident, generics, &quote!(__tg::AnyFields));
    quote! {
        #errors
        #declaration
        #[doc(hidden)]
        const _: () = {
            use #krate::__private as __tg;
            #builder
            #validate
            #presence
            #node
        };
    }
}

/// A builder that takes anything, for a struct with named fields: calls to `builder()`,
/// the setters and `build()` type-check, so the attribute errors are the only errors.
fn stub_builder(input: &DeriveInput, krate: &syn::Path) -> Option<(TokenStream, TokenStream)> {
    let Data::Struct(data) = &input.data else {
        return None;
    };
    let Fields::Named(fields) = &data.fields else {
        return None;
    };
    let (vis, ident) = (&input.vis, &input.ident);
    let builder = format_ident!("{}Builder", ident);
    let self_type = generics::self_type(ident, &input.generics);
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let setters = fields.named.iter().map(|field| {
        let member = field.ident.as_ref().expect("named fields have names");
        let name = crate::check::unraw(member);
        let (maybe, push) = (format_ident!("maybe_{}", name), format_ident!("push_{}", name));
        let ty = kind::option_inner(&field.ty).unwrap_or(&field.ty);
        // What the real setter takes where that helps inference (`"text"`, `vec![]`);
        // anything else, since the real setter may take a builder.
        let (generic, argument) = match kind::shape(&field.ty) {
            Shape::Value(ValueKind::String) => (quote!(), quote!(impl ::core::convert::Into<#ty>)),
            Shape::Value(ValueKind::Leaf) | Shape::List { kind: ValueKind::String | ValueKind::Leaf, .. } => {
                (quote!(), quote!(#ty))
            }
            _ => (quote!(<__V>), quote!(__V)),
        };
        quote! {
            #vis fn #member #generic(self, _: #argument) -> Self { self }
            #vis fn #maybe<__V>(self, _: __tg::Option<__V>) -> Self { self }
            #vis fn #push<__V>(self, _: __V) -> Self { self }
        }
    });
    let declaration = quote! {
        #[doc(hidden)]
        #vis struct #builder #impl_generics #where_clause {
            __state: #krate::__private::PhantomData<fn() -> #self_type>,
        }
    };
    let impls = quote! {
        #[automatically_derived]
        impl #impl_generics #ident #ty_generics #where_clause {
            #vis fn builder() -> #builder #ty_generics {
                #builder { __state: __tg::PhantomData }
            }
        }

        #[automatically_derived]
        impl #impl_generics #builder #ty_generics #where_clause {
            #(#setters)*

            #vis fn build(self) -> __tg::Result<#self_type, __tg::Violations> {
                ::core::unreachable!("tollgate: this type's attributes failed to compile")
            }
        }
    };
    Some((declaration, impls))
}
