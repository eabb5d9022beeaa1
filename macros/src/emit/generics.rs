//! Generic parameters as the generated impls need them.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use syn::{GenericParam, Generics, Ident, Type, WherePredicate};

/// The struct's own parameters as arguments: `'a, T, N`.
pub(super) fn arguments(generics: &Generics) -> Vec<TokenStream> {
    generics
        .params
        .iter()
        .map(|param| match param {
            GenericParam::Lifetime(lifetime) => lifetime.lifetime.to_token_stream(),
            GenericParam::Type(ty) => ty.ident.to_token_stream(),
            GenericParam::Const(constant) => constant.ident.to_token_stream(),
        })
        .collect()
}

/// `generics` with `predicates` added to its where clause.
pub(super) fn with_predicates(
    generics: &Generics,
    predicates: impl IntoIterator<Item = TokenStream>,
) -> Generics {
    let mut out = generics.clone();
    let clause = out.make_where_clause();
    for predicate in predicates {
        clause.predicates.push(syn::parse2::<WherePredicate>(predicate).expect("a where predicate"));
    }
    out
}

/// Whether `ty` mentions one of the struct's type parameters, and so needs a bound in a
/// generic impl (serde's rule: bound the field types that mention parameters).
pub(super) fn mentions_type_param(generics: &Generics, ty: &Type) -> bool {
    let params: Vec<&Ident> = generics.type_params().map(|param| &param.ident).collect();
    !params.is_empty() && mentions(ty.to_token_stream(), &params)
}

fn mentions(tokens: TokenStream, params: &[&Ident]) -> bool {
    tokens.into_iter().any(|tree| match tree {
        proc_macro2::TokenTree::Ident(ident) => params.iter().any(|param| **param == ident),
        proc_macro2::TokenTree::Group(group) => mentions(group.stream(), params),
        _ => false,
    })
}

/// `Foo<'a, T>` as a type.
pub(super) fn self_type(ident: &Ident, generics: &Generics) -> TokenStream {
    let (_, ty_generics, _) = generics.split_for_impl();
    quote!(#ident #ty_generics)
}
