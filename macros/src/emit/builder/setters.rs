//! The setters of one field: `x(value)`, `maybe_x(Option<..>)` and, for a list, `push_x(item)`.
//!
//! All three take the same kinds of argument (what [`Argument`] describes) and differ only in
//! how the slot is filled and which state they move to.

use std::fmt::Write as _;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use syn::Type;

use super::Names;
use crate::model::{Field, Shape, ValueKind};

/// What one setter takes, for a field (or list element) of type `target`.
struct Argument {
    /// The setter's own generic parameters, `<__V>`, or none.
    generics: Option<TokenStream>,
    /// The parameter's type.
    ty: TokenStream,
    /// What the state records for it: `__tg::Val` or `__tg::KindOf<__V, T>`.
    kind: TokenStream,
    /// What is held to the required paths below, and as what: `__V` as a `T`.
    meets: Option<(TokenStream, TokenStream)>,
    /// Bounds the argument needs, besides the required paths.
    bounds: Vec<TokenStream>,
    /// The function that makes the slot's value from the parameter, or nothing when it is the
    /// value itself. A path, not a closure: a closure would be one more body for the compiler
    /// to check per setter.
    convert: Option<TokenStream>,
    /// The runtime function that makes the slot's value from `maybe_x`'s `Option` parameter,
    /// where `convert` is not nothing: one call, not a `match` around `convert` in every
    /// `maybe_` setter's body.
    convert_some: Option<TokenStream>,
}

/// One value of `kind` and type `ty`: the argument of `x` for a single value and of `push_x`.
fn single(kind: ValueKind, ty: &Type) -> Argument {
    match kind {
        ValueKind::String => Argument {
            generics: None,
            ty: quote!(impl ::core::convert::Into<#ty>),
            kind: quote!(__tg::Val),
            bounds: Vec::new(),
            convert: Some(quote!(::core::convert::Into::<#ty>::into)),
            convert_some: Some(quote!(__tg::some_into::<#ty, _>)),
            meets: None,
        },
        ValueKind::Leaf => Argument {
            generics: None,
            ty: quote!(#ty),
            kind: quote!(__tg::Val),
            bounds: Vec::new(),
            convert: None,
            convert_some: None,
            meets: None,
        },
        ValueKind::Payload => Argument {
            generics: Some(quote!(<__V: __tg::Accepts<#ty>>)),
            ty: quote!(__V),
            kind: quote!(__tg::KindOf<__V, #ty>),
            bounds: Vec::new(),
            convert: Some(quote!(__tg::Input::<#ty>::into_value)),
            convert_some: Some(quote!(__tg::some_input::<#ty, __V>)),
            meets: Some((quote!(__V), quote!(#ty))),
        },
    }
}

/// The argument of `x(..)` for the whole field.
fn whole(field: &Field<'_>) -> Argument {
    let ty = field.setter_type();
    match field.shape {
        Shape::Value(kind) => single(kind, ty),
        Shape::List { element, kind: ValueKind::Payload } => {
            let item = quote!(<__I as ::core::iter::IntoIterator>::Item);
            let item = &item;
            Argument {
                generics: Some(quote!(<__I>)),
                ty: quote!(__I),
                kind: quote!(__tg::Each<__tg::KindOf<#item, #element>>),
                bounds: vec![quote!(__I: ::core::iter::IntoIterator), quote!(#item: __tg::Accepts<#element>)],
                convert: Some(quote!(__tg::collect::<#element, __I>)),
                convert_some: Some(quote!(__tg::some_collect::<#element, __I>)),
                meets: Some((item.clone(), quote!(#element))),
            }
        }
        Shape::List { .. } => Argument { kind: quote!(__tg::Each<__tg::Val>), ..single(ValueKind::Leaf, ty) },
    }
}

/// `x`, `maybe_x` and `push_x` for the settable field in `slot`.
pub(super) fn emit<'m>(names: &Names<'_>, slot: usize, field: &'m Field<'m>) -> TokenStream {
    let marker = names.marker(&field.name);
    let group = field.group.map(|group| {
        (group, names.group_state(group), names.marker(&names.model.groups[group].name.to_string()))
    });
    let guard = match &group {
        Some((_, state, group_marker)) => quote!(#state: __tg::IsOpen<#group_marker>),
        None => {
            let state = names.field_state(slot);
            quote!(#state: __tg::IsUnset<#marker>)
        }
    };
    let argument = whole(field);
    let kind = &argument.kind;
    let mut states = vec![(
        slot,
        match field.shape {
            Shape::List { .. } => quote!(__tg::Items<#kind>),
            Shape::Value(_) => kind.clone(),
        },
    )];
    if let Some((group, _, _)) = group {
        states.push((names.states.len() - names.model.groups.len() + group, quote!(__tg::Chosen)));
    }
    let next = names.builder_with(&states);
    let index = syn::Index::from(slot);
    let (ident, name) = (field.ident, &field.name);
    let converted = applied(argument.convert.as_ref());
    let mut out = method(
        names,
        &Method {
            field,
            ident: ident.clone(),
            doc: setter_doc(field),
            argument: &argument,
            guard: &guard,
            next: &next,
        },
        &if field.keeps_list() {
            quote!(self.__slots.#index = #converted;)
        } else {
            quote!(self.__slots.#index = __tg::Option::Some(#converted);)
        },
    );
    if field.has_maybe(&names.model.groups) {
        let maybe = format_ident!("maybe_{}", name, span = ident.span());
        let argument = Argument {
            ty: {
                let ty = &argument.ty;
                quote!(__tg::Option<#ty>)
            },
            ..whole(field)
        };
        out.extend(method(
            names,
            &Method {
                field,
                ident: maybe,
                doc: maybe_doc(field),
                argument: &argument,
                guard: &guard,
                next: &next,
            },
            // Not `Option::map(value, convert)`: proving a function item `FnOnce` costs the
            // compiler more, once per `maybe_` setter.
            &match (&argument.convert_some, field.keeps_list()) {
                (Some(convert_some), false) => quote!(self.__slots.#index = #convert_some(value);),
                (None, false) => quote!(self.__slots.#index = value;),
                // The slot was empty (the setter's bound says unset), so `None` leaves it so.
                (Some(convert_some), true) => {
                    quote!(self.__slots.#index = __tg::Option::unwrap_or_default(#convert_some(value));)
                }
                (None, true) => quote!(self.__slots.#index = __tg::Option::unwrap_or_default(value);),
            },
        ));
    }
    if let Shape::List { element, kind } = field.shape {
        out.extend(push(names, slot, field, &single(kind, element)));
    }
    out
}

/// `push_x(item)`: appends one element, moving the list's state by `Push`.
fn push<'m>(names: &Names<'_>, slot: usize, field: &'m Field<'m>, argument: &Argument) -> TokenStream {
    let state = names.field_state(slot);
    let kind = &argument.kind;
    let mut states = vec![(slot, quote!(__tg::Pushed<#state, #kind>))];
    let mut guard = quote!(#state: __tg::Push<#kind>);
    // In a one-of group the push reads and closes the group too.
    if let Some(group) = field.group {
        let group_state = names.group_state(group);
        let group_marker = names.marker(&names.model.groups[group].name.to_string());
        states.push((names.states.len() - names.model.groups.len() + group, quote!(__tg::Chosen)));
        guard.extend(quote!(, #group_state: __tg::IsOpenFor<#group_marker, #state>));
    }
    let next = names.builder_with(&states);
    let ident = format_ident!("push_{}", field.name, span = field.ident.span());
    let index = syn::Index::from(slot);
    let converted = applied(argument.convert.as_ref());
    let mut doc = format!(
        "Appends one element to `{}`: a value, or a builder held to the required paths below \
         the list. Elements pushed one by one may be builders in different states.",
        field.name
    );
    if field.group.is_some() {
        doc.push_str(" The first push closes the one-of group, as the plain setter does.");
    }
    method(
        names,
        &Method { field, ident: ident.clone(), doc, argument, guard: &guard, next: &next },
        &if field.keeps_list() {
            quote!(__tg::Vec::push(&mut self.__slots.#index, #converted);)
        } else {
            quote!(__tg::push(&mut self.__slots.#index, #converted);)
        },
    )
}

/// The slot's value from the parameter `value`.
fn applied(convert: Option<&TokenStream>) -> TokenStream {
    match convert {
        Some(convert) => quote!(#convert(value)),
        None => quote!(value),
    }
}

/// One setter method's signature.
struct Method<'m> {
    field: &'m Field<'m>,
    ident: Ident,
    doc: String,
    argument: &'m Argument,
    guard: &'m TokenStream,
    next: &'m TokenStream,
}

fn method(names: &Names<'_>, method: &Method<'_>, fill: &TokenStream) -> TokenStream {
    let Method { ident, doc, argument, guard, next, .. } = method;
    let vis = names.payload.vis;
    let builder = &names.builder;
    let (generics, ty) = (&argument.generics, &argument.ty);
    let bounds = &argument.bounds;
    let paths = path_bounds(names, method);
    quote! {
        #[doc = #doc]
        #[inline]
        #vis fn #ident #generics(mut self, value: #ty) -> #next
        where
            #guard,
            #(#bounds,)*
            #(#paths,)*
        {
            // In place in `self`, not in a moved-out copy of the slots: one local and one move
            // fewer in the MIR the compiler builds, borrow-checks and drop-elaborates for every
            // setter (1.8% of a 25 structs × 10 fields crate's instructions).
            #fill
            #builder { __slots: self.__slots, __state: __tg::PhantomData }
        }
    }
}

/// `K: Walk<Tag, (Seg<b>, (Seg<c>, ()))>` for each required path `a.b.c` below the field.
fn path_bounds(names: &Names<'_>, method: &Method<'_>) -> Vec<TokenStream> {
    let field = method.field;
    let Some((argument, target)) = &method.argument.meets else {
        return Vec::new();
    };
    field
        .below
        .iter()
        .map(|path| {
            let tag = names.tag(&path.tag);
            let segments = path.rest.iter().rev().fold(quote!(()), |rest, name| {
                let id = super::field_id(name);
                quote!((__tg::Seg<#id>, #rest))
            });
            // At the field, so that the note on the bound and on the setter is one snippet.
            super::super::respan(
                &quote!(#argument: __tg::Meets<#target, #tag, #segments>),
                field.ident.span(),
            )
        })
        .collect()
}

fn setter_doc(field: &Field<'_>) -> String {
    let mut doc = format!("Sets `{}`", field.name);
    if !field.wire.is_empty() {
        let _ = write!(doc, " (`{}` on the wire)", field.wire);
    }
    doc.push('.');
    let takes_builders = matches!(
        field.shape,
        Shape::Value(ValueKind::Payload) | Shape::List { kind: ValueKind::Payload, .. }
    );
    if takes_builders {
        doc.push_str(if matches!(field.shape, Shape::List { .. }) {
            "\n\nTakes any `IntoIterator` of values, or of builders (one type for all) once they can build"
        } else {
            "\n\nTakes the value, or its builder once that can build"
        });
        if field.below.is_empty() {
            doc.push_str(": the compiler checks a builder's required fields and groups.");
        } else {
            let paths: Vec<String> = field.below.iter().map(|path| format!("`{}`", path.display)).collect();
            let _ = write!(
                doc,
                ": the compiler holds a builder to {}; `build()` checks a value.",
                paths.join(", ")
            );
        }
    }
    doc
}

fn maybe_doc(field: &Field<'_>) -> String {
    let mut doc = format!(
        "Sets `{}` when given `Some`, for data known only at run time: `None` leaves it unset \
         (write `None::<T>` where nothing else says the type).",
        field.name
    );
    if field.group.is_some() {
        doc.push_str(" Either way the one-of group is closed, as the plain setter closes it.");
    }
    doc
}
