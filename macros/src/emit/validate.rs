//! `impl Validate`: one statement per rule, in field order.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::Ident;

use super::generics;
use crate::model::{Bounds, Field, Payload, RequiredNode, Struct, TextRule, TextRuleKind};

pub(super) fn emit(payload: &Payload<'_>, model: &Struct<'_>) -> TokenStream {
    let ident = payload.ident;
    let bounded = generics::with_predicates(payload.generics, bounds(payload, model));
    let (impl_generics, ty_generics, where_clause) = bounded.split_for_impl();
    let checks: Vec<_> =
        model.fields.iter().enumerate().map(|(index, field)| field_checks(model, index, field)).collect();
    // A payload whose checks are all rules on its own fields needs no built path of its own
    // (only a group's check, a required path below or a nested payload does): as a field's
    // value it checks the same rules at `__at.lazy(..)` of a `LazyPath`, so that a valid one
    // stores no path.
    let member = is_leaf(model).then(|| {
        quote! {
            #[inline(always)]
            fn validate_member(&self, __at: __tg::LazyPath<'_>, __out: &mut __tg::Violations) {
                #(#checks)*
            }
        }
    });
    quote! {
        #[automatically_derived]
        impl #impl_generics __tg::Validate for #ident #ty_generics #where_clause {
            // Inline: compiled where a value is validated, not in every crate that declares
            // payloads (generic code, as bon's builders are, costs the declaring crate nothing).
            #[inline]
            fn validate_into(&self, __at: &__tg::Path<'_>, __out: &mut __tg::Violations) {
                #(#checks)*
            }
            #member
        }
    }
}

/// Whether every check of `model` is a rule on one of its own fields, which takes any
/// location: no group, no required path below a field, no nested payload, and some rule
/// (a payload with none keeps the default, which checks nothing either).
fn is_leaf(model: &Struct<'_>) -> bool {
    let has_rules = model
        .fields
        .iter()
        .any(|field| !field.text_rules.is_empty() || field.size.is_some() || !field.each.is_empty())
        || model.required.iter().any(|node| node.required);
    model.groups.is_empty()
        && model.required.iter().all(|node| node.children.is_empty())
        && model.fields.iter().all(|field| !field.nested || field.scalar)
        && has_rules
}

/// serde's rule: in a generic impl, bound the types of the fields that mention a type
/// parameter by what is done with them.
fn bounds<'m>(payload: &'m Payload<'_>, model: &'m Struct<'_>) -> impl Iterator<Item = TokenStream> + 'm {
    model.fields.iter().filter(|field| generics::mentions_type_param(payload.generics, field.ty)).flat_map(
        move |field| {
            let ty = field.ty;
            let node = model.required.iter().find(|node| node.segment == *field.ident);
            let validate = field.nested.then(|| quote!(#ty: __tg::Validate));
            let presence = node.filter(|node| node.required).map(|_| quote!(#ty: __tg::Presence));
            // No `Descend` bound for a path below: a where clause would stand in for the
            // impl, and `Target` would stay an opaque projection whose fields are unknown.
            // Paths into a bare type parameter are refused in `check`, so the impl applies.
            validate.into_iter().chain(presence)
        },
    )
}

/// Everything checked on one field: its group (at the group's first member), its presence,
/// its value rules, the required paths below it, and the payloads inside it.
fn field_checks(model: &Struct<'_>, index: usize, field: &Field<'_>) -> TokenStream {
    let member = field.ident;
    let (wire, ordinal) = (&field.wire, position(index));
    // The field's own path: its parts by value, built only if a rule is broken or a nested
    // payload is there to walk into; for a required path below, built on the stack.
    let here = quote!(__at.lazy(#wire, #ordinal));
    let built = quote!(&__at.member(#wire, #ordinal));
    let mut out = TokenStream::new();

    if let Some(group) =
        field.group.map(|group| &model.groups[group]).filter(|group| group.members[0] == index)
    {
        out.extend(one_of_group(model, &group.members, group.exactly_one));
    }

    if let Some(node) = model.required.iter().find(|node| node.segment == *member) {
        // A `no_presence` field's own minimum already reports it absent (`MIN_SIZE`,
        // `MIN_LENGTH`, as Wix does): `required` on it is for the builder alone.
        let require = node.required && field.no_presence.is_none();
        out.extend(required_node(node, require, &quote!(self), Some((&here, &built)), 0));
    }

    // `no_presence`: the variants that read an absent field as empty.
    let (check_text, check_size) = match field.no_presence {
        Some(_) => ("check_text_without_presence", "check_size_without_presence"),
        None => ("check_text", "check_size"),
    };
    if !field.text_rules.is_empty() {
        let span = field.text_rules[0].span;
        let check_text = Ident::new(check_text, span);
        let (value, rules) = (access(member, span), text_rules(&field.text_rules));
        out.extend(quote_spanned! {span=>
            __tg::#check_text(#value, #here, &[#(#rules),*], __out);
        });
    }
    if let Some(Bounds { span, min, max }) = field.size {
        let check_size = Ident::new(check_size, span);
        let (value, min, max) = (access(member, span), optional(min), optional(max));
        out.extend(quote_spanned! {span=>
            __tg::#check_size(#value, #here, #min, #max, __out);
        });
    }
    if !field.each.is_empty() {
        let span = field.each[0].span;
        let (value, rules) = (access(member, span), text_rules(&field.each));
        out.extend(quote_spanned! {span=>
            __tg::check_each(#value, #here, &[#(#rules),*], __out);
        });
    }

    // Strings, numbers and lists of them have no rules of their own: calling their no-op
    // `validate_into` would only cost compile time.
    if field.nested && !field.scalar {
        let span = crate::check::type_span(field.ty);
        let value = access(member, span);
        out.extend(quote_spanned! {span=>
            __tg::Validate::validate_member(#value, #here, __out);
        });
    }
    out
}

/// A one-of group's check: up to 64 members, the names as a constant table and the presence
/// as flags that the runtime folds into a bit set, so that a group that holds costs two tests
/// and no stores; beyond, a slice of (name, position, presence).
fn one_of_group(model: &Struct<'_>, members: &[usize], exactly_one: bool) -> TokenStream {
    let fields = members.iter().map(|&member| (&model.fields[member], position(member)));
    if members.len() > 64 {
        let members = fields.map(|(field, position)| {
            let (ident, wire) = (field.ident, &field.wire);
            quote!((#wire, #position, __tg::Presence::is_present(&self.#ident)))
        });
        return quote!(__tg::one_of(__at, &[#(#members),*], #exactly_one, __out););
    }
    let names = fields.clone().map(|(field, position)| {
        let wire = &field.wire;
        quote!((#wire, #position))
    });
    let present = fields.map(|(field, _)| {
        let ident = field.ident;
        quote!(__tg::Presence::is_present(&self.#ident))
    });
    quote!(__tg::one_of_flags(__at, &[#(#names),*], [#(#present),*], #exactly_one, __out);)
}

/// `&self.member` with every token at `span`, so that a type error in the call it is
/// passed to points at one place (the rule's keyword, the field's type) and not at a
/// stretch from the attribute to the field.
fn access(member: &Ident, span: Span) -> TokenStream {
    let mut member = member.clone();
    member.set_span(span);
    quote_spanned!(span=> &self.#member)
}

/// The checks of one segment of the required paths and of the segments below it.
///
/// `owner` is the value that has the field: `self` at the top, then the visitor parameter of
/// each level walked into. At the top the wire name is known here; below, the field belongs
/// to another payload type, whose derive supplies its wire names as constants. Field access
/// (`owner.segment`) carries the segment's span, so a misspelt segment is a compiler error
/// at the attribute. `own_path`, at the top only, is the field's path twice: unbuilt for
/// `require`, built for the walk below.
fn required_node(
    node: &RequiredNode,
    require: bool,
    owner: &TokenStream,
    own_path: Option<(&TokenStream, &TokenStream)>,
    depth: usize,
) -> TokenStream {
    let segment = &node.segment;
    let span = segment.span();
    let id = super::builder::field_id(&node.name);
    let owner = super::respan(owner, span);
    let owner = &owner;
    let value = quote_spanned!(span=> &#owner.#segment);
    let mut out = TokenStream::new();
    if require {
        out.extend(match own_path {
            Some((here, _)) => quote_spanned!(span=> __tg::require(#value, #here, __out);),
            None => quote_spanned!(span=> __tg::require_in::<_, _, #id>(#owner, #value, __at, __out);),
        });
    }
    if !node.children.is_empty() {
        let inner_owner = {
            let ident = format_ident!("__v{}", depth + 1);
            quote!(#ident)
        };
        let children = node
            .children
            .iter()
            .map(|child| required_node(child, child.required, &inner_owner, None, depth + 1));
        let visit = quote_spanned!(span=> |#inner_owner, __at, __out| { #(#children)* });
        out.extend(match own_path {
            Some((_, built)) => quote_spanned!(span=> __tg::descend(#value, #built, #visit, __out);),
            None => {
                quote_spanned!(span=> __tg::descend_in::<_, _, #id>(#owner, #value, __at, #visit, __out);)
            }
        });
    }
    out
}

/// A field's declaration position, as the runtime orders violations by it.
fn position(index: usize) -> u32 {
    u32::try_from(index).expect("a struct has fewer than 2^32 fields")
}

fn text_rules(rules: &[TextRule]) -> Vec<TokenStream> {
    rules
        .iter()
        .map(|rule| match rule.kind {
            // The commonest rule by a runtime call: cheaper for the compiler than the literal.
            TextRuleKind::Length { min: None, max: Some(max) } => quote!(__tg::max_length(#max)),
            TextRuleKind::Length { min, max } => {
                let (min, max) = (optional(min), optional(max));
                quote!(__tg::TextRule::Length { min: #min, max: #max })
            }
            TextRuleKind::Guid => quote!(__tg::TextRule::Guid),
            TextRuleKind::Url => quote!(__tg::TextRule::Url),
        })
        .collect()
}

fn optional(bound: Option<usize>) -> TokenStream {
    match bound {
        Some(value) => quote!(__tg::Option::Some(#value)),
        None => quote!(__tg::Option::None),
    }
}
