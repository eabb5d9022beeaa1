//! The typestate builder: `Foo::builder()`, setters per field, `build()`.
//!
//! The state is flat: one type parameter per settable field (`__S0`, ...: `Unset`, `Set<M, K>`
//! or, for a list, `Items<M, L>`) and one per one-of group (`__G0`, ...: `Open` or `Chosen`).
//! Every setter is one method of one impl, bounded on the parameters it reads; `build()` is
//! bounded on the required fields and the exactly-one groups. Nothing is generated per
//! combination of states or per path in another type.
//!
//! Required paths reach into other payloads through the type system: a setter of `a` for
//! `required(a.b.c)` bounds what it was given by `Walk<Tag, (Seg<b>, (Seg<c>, ()))>`, and this
//! builder answers for its own fields through one `FieldAt<ID>` impl per field (`ID` the id of the field's name, [`field_id`]),
//! which names the field's state parameter. The runtime's generic impls do the rest.

mod setters;

use proc_macro2::{Punct, Spacing, Span, TokenStream};
use quote::{format_ident, quote, TokenStreamExt as _};
use syn::Ident;

use super::generics;
use crate::model::{Field, Payload, Struct};

/// The names the builder of one struct is made of.
pub(super) struct Names<'a> {
    builder: Ident,
    module: Ident,
    payload: &'a Payload<'a>,
    model: &'a Struct<'a>,
    /// `__S0, __S1, ..., __G0, ...`: the state parameters, fields first.
    states: Vec<Ident>,
}

impl<'a> Names<'a> {
    fn new(payload: &'a Payload<'a>, model: &'a Struct<'a>) -> Self {
        let fields = settable(model).map(|(slot, _)| format_ident!("__S{}", slot));
        let groups = (0..model.groups.len()).map(|group| format_ident!("__G{}", group));
        Names {
            builder: format_ident!("{}Builder", payload.ident),
            module: module_ident(payload.ident),
            payload,
            model,
            states: fields.chain(groups).collect(),
        }
    }

    /// The builder type in its generic state but for the states in `set`, each `(index, state)`.
    ///
    /// Written one token at a time into one stream: a stream per state parameter, each
    /// interpolated, was a round trip through the compiler's token server per parameter and per
    /// setter (the same tokens).
    fn builder_with(&self, set: &[(usize, TokenStream)]) -> TokenStream {
        let builder = &self.builder;
        let mut arguments = TokenStream::new();
        for argument in generics::arguments(self.payload.generics) {
            arguments.extend(argument);
            arguments.append(Punct::new(',', Spacing::Alone));
        }
        for (index, state) in self.states.iter().enumerate() {
            if index > 0 {
                arguments.append(Punct::new(',', Spacing::Alone));
            }
            match set.iter().find(|(at, _)| *at == index) {
                Some((_, state)) => arguments.extend(state.clone()),
                None => arguments.append(state.clone()),
            }
        }
        quote!(#builder<#arguments>)
    }

    /// The builder type in its generic state: `FooBuilder<'a, T, __S0, ..., __G0>`.
    fn this(&self) -> TokenStream {
        self.builder_with(&[])
    }

    /// The struct's generics plus the state parameters: the generics of every impl.
    fn impl_generics(&self) -> syn::Generics {
        let states = &self.states;
        let mut out = self.payload.generics.clone();
        out.params.extend(states.iter().map(|state| syn::GenericParam::Type(state.clone().into())));
        out
    }

    /// The state parameter of the field in `slot`, or of group `group`.
    fn field_state(&self, slot: usize) -> &Ident {
        &self.states[slot]
    }

    fn group_state(&self, group: usize) -> &Ident {
        &self.states[self.states.len() - self.model.groups.len() + group]
    }

    /// The marker type that names a field or group in errors.
    fn marker(&self, name: &str) -> Marker<'_> {
        Marker { module: &self.module, marker: marker_ident(self.payload.ident, name, Span::call_site()) }
    }

    fn tag(&self, tag: &Ident) -> TokenStream {
        let module = &self.module;
        quote!(#module::paths::#tag)
    }

    fn krate(&self) -> &syn::Path {
        &self.payload.krate
    }
}

/// `foo_builder::members::Foo·x`, written into the stream it is interpolated in: a stream of its
/// own would be one more round trip through the compiler's token server per use.
struct Marker<'a> {
    module: &'a Ident,
    marker: Ident,
}

impl quote::ToTokens for Marker<'_> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let colons = |tokens: &mut TokenStream| {
            tokens.append(Punct::new(':', Spacing::Joint));
            tokens.append(Punct::new(':', Spacing::Alone));
        };
        tokens.append(self.module.clone());
        colons(tokens);
        tokens.append(Ident::new("members", Span::call_site()));
        colons(tokens);
        tokens.append(self.marker.clone());
    }
}

/// `foo_builder::Fields`: the type whose `FieldAt` impls describe `Foo`'s fields.
pub(super) fn fields_type(payload: &Payload<'_>) -> TokenStream {
    let module = module_ident(payload.ident);
    quote!(#module::Fields)
}

fn module_ident(payload: &Ident) -> Ident {
    format_ident!("{}_builder", snake_case(&payload.to_string()))
}

pub(super) fn emit(payload: &Payload<'_>, model: &Struct<'_>) -> TokenStream {
    let names = Names::new(payload, model);
    let state_module = state_module(&names);
    let declaration = declaration(&names);
    let methods = methods(&names);
    let hooks = child_hooks(&names);
    let krate = names.krate();
    quote! {
        #state_module
        #declaration
        #[doc(hidden)]
        const _: () = {
            use #krate::__private as __tg;
            #methods
            #hooks
        };
    }
}

/// The fields a builder can set: all but the read-only ones, with their slot index.
pub(super) fn settable<'m, 'a>(model: &'m Struct<'a>) -> impl Iterator<Item = (usize, &'m Field<'a>)> {
    model.fields.iter().filter(|field| !field.read_only).enumerate()
}

/// The markers that name fields and groups in errors, and the tags that name paths.
fn state_module(names: &Names<'_>) -> TokenStream {
    let (vis, module, model) = (names.payload.vis, &names.module, names.model);
    let doc = format!(
        "The names in the compiler's messages about [`{}`]'s builder: its fields, one-of groups and \
         required paths. Generated by `#[derive(Payload)]`; nothing here is for use in code.",
        names.payload.ident
    );
    // Each marker at its field, so that an error that names it points there.
    let markers = settable(model)
        .map(|(_, field)| (field.name.clone(), field.ident.span()))
        .chain(model.groups.iter().map(|group| (group.name.to_string(), group.name.span())))
        .map(|(name, span)| {
            let marker = marker_ident(names.payload.ident, &name, span);
            quote::quote_spanned!(span=> pub struct #marker;)
        });
    let tags = model.fields.iter().flat_map(|field| &field.below).map(|path| &path.tag);
    // Not `doc(hidden)`: rustc prints a type of another crate by its short name only when it is
    // reachable in the documented tree, and these names are what its messages say.
    quote! {
        #[doc = #doc]
        #[allow(non_camel_case_types, uncommon_codepoints, dead_code, unreachable_pub, missing_docs)]
        #vis mod #module {
            /// Each field and one-of group.
            pub mod members {
                #(#markers)*
            }

            /// Each required path that continues below a field, named by its segments.
            pub mod paths {
                #(pub struct #tags;)*
            }

            /// Where each field's state is kept, for other payloads' required paths.
            pub struct Fields;
        }
    }
}

/// `__S0 = ..::Unset`, built as syn's tree rather than parsed from tokens: syn's parser, which
/// runs unoptimized in a debug build, was a sixth of the derive's own time (the same tokens).
fn state_param(state: &Ident, default: TokenStream) -> syn::GenericParam {
    syn::GenericParam::Type(syn::TypeParam {
        eq_token: Some(<syn::Token![=]>::default()),
        default: Some(syn::Type::Verbatim(default)),
        ..state.clone().into()
    })
}

fn declaration(names: &Names<'_>) -> TokenStream {
    let payload = names.payload;
    let (vis, ident, builder, krate) = (payload.vis, payload.ident, &names.builder, names.krate());
    let model = names.model;
    let field_defaults = settable(model)
        .map(|(slot, _)| state_param(names.field_state(slot), quote!(#krate::__private::Unset)));
    let group_defaults = (0..model.groups.len())
        .map(|index| state_param(names.group_state(index), quote!(#krate::__private::Open)));
    let mut declared = payload.generics.clone();
    declared.params.extend(field_defaults.chain(group_defaults));
    let where_clause = &declared.where_clause;
    let slots = settable(model).map(|(_, field)| {
        let ty = field.setter_type();
        if field.keeps_list() {
            quote!(#ty)
        } else {
            quote!(#krate::__private::Option<#ty>)
        }
    });
    let states = &names.states;
    let self_type = generics::self_type(ident, payload.generics);
    let doc = format!(
        "Builds a [`{ident}`] one field at a time; made by [`{ident}::builder`].\n\n\
         `build()` compiles only once every required field and exactly-one group is set, a \
         one-of group takes one member, and every builder passed to a setter meets the \
         required paths below it. `build()` then checks the run-time rules."
    );
    quote! {
        #[doc = #doc]
        #[must_use = "a builder does nothing until `build()` is called"]
        #vis struct #builder #declared #where_clause {
            __slots: (#(#slots,)*),
            __state: #krate::__private::PhantomData<(#(#states,)* fn() -> #self_type)>,
        }
    }
}

fn methods(names: &Names<'_>) -> TokenStream {
    let (payload, model) = (names.payload, names.model);
    let (vis, ident, builder) = (payload.vis, payload.ident, &names.builder);
    let (impl_generics, ty_generics, where_clause) = payload.generics.split_for_impl();
    let empty_slots = settable(model).map(|(_, field)| {
        if field.keeps_list() {
            // Evaluated by the compiler: a call to `Vec::new` would be one more function per
            // element type in a debug build, with a landing pad in every `builder()`.
            quote!(const { __tg::Vec::new() })
        } else {
            quote!(__tg::Option::None)
        }
    });
    let start_doc =
        format!("Starts a typestate builder for `{ident}`: one setter per field, then `build()`.");
    let with_states = names.impl_generics();
    let (state_impl_generics, _, state_where) = with_states.split_for_impl();
    let this = names.this();
    let setters = settable(model).map(|(slot, field)| setters::emit(names, slot, field));
    let build_bounds = build_bounds(names);
    let generic_bound =
        payload.generics.type_params().next().map(|_| quote!(#ident #ty_generics: __tg::Validate,));
    quote! {
        #[automatically_derived]
        impl #impl_generics #ident #ty_generics #where_clause {
            #[doc = #start_doc]
            #[inline]
            #vis fn builder() -> #builder #ty_generics {
                #builder {
                    __slots: (#(#empty_slots,)*),
                    __state: __tg::PhantomData,
                }
            }
        }

        #[automatically_derived]
        impl #state_impl_generics #this #state_where {
            #(#setters)*

            /// Builds the value, then checks its run-time rules (lengths, sizes, formats, and
            /// what finished values passed to setters hold), returning every violation with its
            /// wire path.
            #[inline]
            #vis fn build(self) -> __tg::Result<#ident #ty_generics, __tg::Violations>
            where
                #(#build_bounds,)*
                #generic_bound
            {
                __tg::checked(<Self as __tg::Input<#ident #ty_generics>>::into_value(self))
            }
        }
    }
}

/// The bounds of `build()`: every required field set, every exactly-one group chosen.
fn build_bounds(names: &Names<'_>) -> Vec<TokenStream> {
    let model = names.model;
    let required = settable(model).filter(|(_, field)| field.required).map(|(slot, field)| {
        let (state, marker) = (names.field_state(slot), names.marker(&field.name));
        quote!(#state: __tg::IsSet<#marker>)
    });
    let groups =
        model.groups.iter().enumerate().filter(|(_, group)| group.exactly_one).map(|(index, group)| {
            let (state, marker) = (names.group_state(index), names.marker(&group.name.to_string()));
            quote!(#state: __tg::HasMember<#marker>)
        });
    required.chain(groups).collect()
}

/// The struct from the slots, wrapped as the field it sets takes it: a read-only field gets its default, an optional field its
/// slot, a required field its value (the state proves it set), any other its default.
fn finish(names: &Names<'_>) -> TokenStream {
    let ident = names.payload.ident;
    let mut slot = 0usize;
    let mut fields = Vec::with_capacity(names.model.fields.len());
    for field in &names.model.fields {
        let member = field.ident;
        if field.read_only {
            fields.push(quote!(#member: ::core::default::Default::default()));
            continue;
        }
        let index = syn::Index::from(slot);
        slot += 1;
        let value = if field.option_inner.is_some() || field.keeps_list() {
            quote!(__slots.#index)
        } else if field.required {
            quote!(__tg::expect_set(__slots.#index))
        } else {
            let span = crate::check::type_span(field.ty);
            quote::quote_spanned!(span=> __tg::Option::unwrap_or_default(__slots.#index))
        };
        fields.push(quote!(#member: #value));
    }
    quote! {
        let __slots = self.__slots;
        __tg::Wraps::wrap(#ident { #(#fields),* })
    }
}

/// How other payloads' builders see this one: `Builder` (its states as a tuple tree) and one
/// `FieldAt<ID>` per field (the field's place in the tree) for the required paths they declare,
/// and `Input` so that their setters take this builder in place of the value once it can build.
fn child_hooks(names: &Names<'_>) -> TokenStream {
    let payload = names.payload;
    let module = &names.module;
    let with_states = names.impl_generics();
    let (impl_generics, _, where_clause) = with_states.split_for_impl();
    let this = names.this();
    let self_type = generics::self_type(payload.ident, payload.generics);
    let field_states: Vec<&Ident> = settable(names.model).map(|(slot, _)| names.field_state(slot)).collect();
    let tree = state_tree(&field_states);
    let mut slots = 0..field_states.len();
    // The table of wire names and positions in the order of the places: the settable fields in
    // the order of their states, then the others, each `ReadOnly<its index>`.
    let mut table = vec![None; names.model.fields.len()];
    let mut read_only = field_states.len()..;
    let places = names.model.fields.iter().enumerate().map(|(position, field)| {
        let id = field_id(&field.name);
        let no_presence = field.no_presence.map(|_| {
            quote!(
                const NO_PRESENCE: bool = true;
            )
        });
        let (index, marker, entry) = if field.read_only {
            let entry = read_only.next().expect("an index per field");
            let number = number(entry);
            (quote!(__tg::ReadOnly<#number>), quote!(()), entry)
        } else {
            let marker = names.marker(&field.name);
            let slot = slots.next().expect("a slot per settable field");
            (place(slot, field_states.len()), quote!(#marker), slot)
        };
        let wire = &field.wire;
        let position = u32::try_from(position).expect("a struct has fewer than 2^32 fields");
        table[entry] = Some(quote!((#wire, #position)));
        quote! {
            #[automatically_derived]
            impl __tg::FieldAt<#id> for #module::Fields {
                type Index = #index;
                type Marker = #marker;
                #no_presence
            }
        }
    });
    let places: Vec<TokenStream> = places.collect();
    let table = table.into_iter().map(|entry| entry.expect("an entry per field"));
    let mut with_wrapper = with_states.clone();
    with_wrapper.params.push(syn::parse_quote!(__W: __tg::Wraps<#self_type>));
    let bounded = generics::with_predicates(&with_wrapper, build_bounds(names));
    let finish = finish(names);
    let (input_generics, _, input_where) = bounded.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics __tg::Builder for #this #where_clause {
            type States = #tree;
            type Fields = #module::Fields;
        }

        #(#places)*

        #[automatically_derived]
        impl __tg::Wires for #module::Fields {
            const FIELDS: &'static [(&'static str, u32)] = &[#(#table),*];
        }

        // One impl for a field of type `T` and one of type `Box<T>` (`Wraps`): the struct is
        // put together in one body, which `build()` calls too.
        #[automatically_derived]
        impl #input_generics __tg::Input<__W> for #this #input_where {
            type Kind = __tg::Built<Self>;
            #[inline]
            fn into_value(self) -> __W {
                #finish
            }
        }
    }
}

/// How many states one tuple of the tree holds: the runtime's `Get` covers tuples up to eight.
const FAN_OUT: usize = 8;

/// Levels of the tree for `count` states: at least one.
fn tree_depth(count: usize) -> u32 {
    let mut depth = 1;
    while FAN_OUT.pow(depth) < count {
        depth += 1;
    }
    depth
}

/// The states as a tree of tuples of at most eight, `((S0, .., S7), (S8, ..))`.
fn state_tree(states: &[&Ident]) -> TokenStream {
    fn subtree(states: &[&Ident], first: usize, level: u32) -> TokenStream {
        if level == 0 {
            let state = states[first];
            return quote!(#state);
        }
        let width = FAN_OUT.pow(level - 1);
        let children = (0..FAN_OUT)
            .map(|child| first + child * width)
            .take_while(|&start| start < states.len())
            .map(|start| subtree(states, start, level - 1));
        quote!((#(#children,)*))
    }
    if states.is_empty() {
        return quote!(());
    }
    subtree(states, 0, tree_depth(states.len()))
}

/// The place of state `slot` in the tree of `count`: its digits, most significant first.
fn place(slot: usize, count: usize) -> TokenStream {
    let depth = tree_depth(count);
    (0..depth).fold(quote!(()), |rest, level| {
        let digit = format_ident!("D{}", slot / FAN_OUT.pow(level) % FAN_OUT);
        quote!((__tg::#digit, #rest))
    })
}

/// `value` as the runtime's `Number`: its base-eight digits, most significant first, as a place
/// is written (`(D1, (D3, ()))` for 11, `()` for 0).
fn number(value: usize) -> TokenStream {
    let mut digits = quote!(());
    let mut rest = value;
    while rest > 0 {
        let digit = format_ident!("D{}", rest % FAN_OUT);
        digits = quote!((__tg::#digit, #digits));
        rest /= FAN_OUT;
    }
    digits
}

/// `Request·message`: the marker of the field or group `name` of `owner`. Spelt with its owner
/// (as the path tags are, `Request·message·content`), so that two payloads of a crate with a
/// field of the same name have markers of different names: rustc prints a type by its bare name
/// only when no other type has it, and with its module path otherwise.
fn marker_ident(owner: &Ident, name: &str, span: Span) -> Ident {
    Ident::new(&format!("{owner}\u{b7}{name}"), span)
}

/// The id of a field name, as a literal const argument: a path names a field of another payload
/// type by it (a `&str` cannot be a const argument on stable). Computed here, not by a `const fn`
/// in the generated code: a `{ field_id("b") }` argument is one more body for the compiler to
/// type-check, borrow-check and evaluate, per field and per path segment. Both ends of a path
/// are written by this derive, so they agree; two names of one struct with the same id would
/// make two `FieldAt` impls overlap, which the compiler reports.
pub(super) fn field_id(name: &str) -> proc_macro2::Literal {
    // FNV-1a: simple, and spreads short names well.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in name.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    proc_macro2::Literal::u64_unsuffixed(hash)
}

fn snake_case(name: &str) -> String {
    let mut out = String::new();
    for (i, ch) in name.chars().enumerate() {
        if ch.is_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.extend(ch.to_lowercase());
        } else {
            out.push(ch);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::field_id;

    #[test]
    fn field_ids_are_fnv_1a_of_the_name() {
        // FNV-1a's offset basis for the empty name, and the ids the runtime's former
        // `const fn field_id` gave (as error notes printed them): computed ids are unchanged.
        assert_eq!(field_id("").to_string(), "14695981039346656037");
        assert_eq!(field_id("id").to_string(), "628021283683842752");
        assert_eq!(field_id("content").to_string(), "4759308327122588290");
        assert_ne!(field_id("ab").to_string(), field_id("ba").to_string());
    }
}
