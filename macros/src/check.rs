//! Stage two: turns the parsed input into the model, reporting every inconsistency between
//! attributes at the token that causes it.

use proc_macro2::Span;
use syn::{Generics, Ident, Type};

use crate::case::RenameRule;
use crate::ctxt::Ctxt;
use crate::kind;
use crate::model::{
    Bounds, DeepPath, Field, Group, Kind, Payload, RequiredNode, Struct, TextRule, TextRuleKind,
};
use crate::parse::{self, FieldInput, GroupKind, Input, Shape, TextRules};

pub(crate) fn check<'a>(cx: &Ctxt, input: Input<'a>, krate: syn::Path) -> Payload<'a> {
    let kind = match input.shape {
        Shape::Struct(fields) => Kind::Struct(check_struct(
            cx,
            input.ident,
            input.generics,
            fields,
            &input.attrs,
            input.serde.rename_all,
        )),
        Shape::UnitEnum => {
            let stray = input.attrs.required.iter().map(|path| path.segments[0].clone());
            for keyword in stray.chain(input.attrs.groups.iter().map(|group| group.keyword.clone())) {
                cx.error_spanned_by(keyword, "an enum without data has no fields to require or group");
            }
            Kind::UnitEnum
        }
    };
    Payload { ident: input.ident, krate, vis: input.vis, generics: input.generics, kind }
}

fn check_struct<'a>(
    cx: &Ctxt,
    ident: &Ident,
    generics: &Generics,
    inputs: Vec<FieldInput<'a>>,
    attrs: &parse::ContainerAttrs,
    rename_all: Option<RenameRule>,
) -> Struct<'a> {
    let mut fields: Vec<Field<'a>> =
        inputs.into_iter().map(|input| check_field(cx, input, rename_all)).collect();
    let groups = check_groups(cx, ident, &mut fields, &attrs.groups);
    let required = check_required(cx, ident, generics, &mut fields, &attrs.required);
    Struct { fields, groups, required }
}

/// Resolves each group's members and marks the fields with their group.
fn check_groups(
    cx: &Ctxt,
    ident: &Ident,
    fields: &mut [Field<'_>],
    attrs: &[parse::GroupAttr],
) -> Vec<Group> {
    let mut groups = Vec::new();
    for group in attrs {
        if group.members.len() < 2 {
            cx.error_spanned_by(&group.keyword, format!("`{}` needs at least two members", group.keyword));
        }
        let mut members = Vec::new();
        for member in &group.members {
            let Some(index) = position(fields, member) else {
                cx.error_spanned_by(member, format!("no field `{member}` in `{ident}`"));
                continue;
            };
            if members.contains(&index) {
                cx.error_spanned_by(member, format!("`{member}` is named twice in this group"));
                continue;
            }
            let field = &fields[index];
            let problem = if field.group.is_some() {
                Some(format!("`{member}` is already in a one-of group: a field belongs to at most one group"))
            } else if field.read_only {
                Some(format!(
                    "`{member}` is read-only: the server sets it, so it cannot be chosen in a one-of group"
                ))
            } else if field.option_inner.is_none() {
                Some(format!(
                    "one-of member `{member}` must be an `Option<_>`: a member must be able to be absent"
                ))
            } else if field.no_presence.is_some() {
                Some(format!(
                    "`{member}` has `no_presence`, but a one-of member always has presence on the wire \
                     (proto3 tracks which member is set): drop `no_presence`"
                ))
            } else {
                None
            };
            match problem {
                Some(message) => cx.error_spanned_by(member, message),
                None => members.push(index),
            }
        }
        // Errors above were reported; a group left with fewer than two members has
        // nothing more to check or emit.
        if members.len() < 2 {
            continue;
        }
        let group_index = groups.len();
        for &index in &members {
            fields[index].group = Some(group_index);
        }
        let name = members.iter().map(|&index| fields[index].name.clone()).collect::<Vec<_>>().join("_or_");
        groups.push(Group {
            exactly_one: group.kind == GroupKind::ExactlyOne,
            members,
            name: Ident::new(&name, group.keyword.span()),
        });
    }
    groups
}

/// Builds the tree of required paths, refusing paths that cannot hold, and records on each
/// field what the builder must check for it.
fn check_required(
    cx: &Ctxt,
    ident: &Ident,
    generics: &Generics,
    fields: &mut [Field<'_>],
    paths: &[parse::DottedPath],
) -> Vec<RequiredNode> {
    let mut required: Vec<RequiredNode> = Vec::new();
    for path in paths {
        let root = &path.segments[0];
        let Some(index) = position(fields, root) else {
            cx.error_spanned_by(root, format!("no field `{root}` in `{ident}`"));
            continue;
        };
        let field = &fields[index];
        let deep = path.segments.len() > 1;
        let problem = if field.read_only {
            Some((
                root,
                format!(
                    "`{root}` is read-only: the server sets it, so a request cannot be required to have it"
                ),
            ))
        } else if !deep && field.group.is_some() {
            Some((
                root,
                format!(
                    "`{root}` is in a one-of group: to require a member, make the group `exactly_one_of`"
                ),
            ))
        } else if deep && !field.nested {
            Some((root, format!("`{root}` is skipped, so a required path cannot go into it")))
        } else {
            bare_type_param(generics, kind::walked_type(field.ty)).filter(|_| deep).map(|param| {
                (
                    &path.segments[1],
                    format!(
                        "a required path cannot go into `{param}`, a type parameter: its fields are \
                         unknown until it is chosen; require them on the type you choose for it"
                    ),
                )
            })
        };
        if let Some((at, message)) = problem {
            cx.error_spanned_by(at, message);
            continue;
        }
        if !insert_path(&mut required, &path.segments) {
            cx.error_spanned_by(path.tokens(), format!("`{}` is required twice", path.display()));
            continue;
        }
        let field = &mut fields[index];
        match &path.segments[..] {
            [_] => field.required = true,
            [_, rest @ ..] => field.below.push(deep_path(ident, &path.segments, rest)),
            [] => unreachable!("a path has a first segment"),
        }
    }
    required
}

/// `required(a.b.c)` as the setter of `a` checks it, with the tag type that names it in errors.
fn deep_path(ident: &Ident, segments: &[Ident], rest: &[Ident]) -> DeepPath {
    let names: Vec<String> = segments.iter().map(unraw).collect();
    let tag = format!("{ident}\u{b7}{}", names.join("\u{b7}"));
    DeepPath {
        tag: Ident::new(&tag, Span::call_site()),
        rest: rest.iter().map(unraw).collect(),
        display: names.join("."),
    }
}

/// A Rust name without its `r#`.
pub(crate) fn unraw(ident: &Ident) -> String {
    let name = ident.to_string();
    name.strip_prefix("r#").map(str::to_owned).unwrap_or(name)
}

/// The type parameter `ty` is, when it is one.
fn bare_type_param<'g>(generics: &'g Generics, ty: &Type) -> Option<&'g Ident> {
    let Type::Path(path) = ty else { return None };
    let ident = path.path.get_ident()?;
    generics.type_params().map(|param| &param.ident).find(|param| *param == ident)
}

fn position(fields: &[Field<'_>], name: &Ident) -> Option<usize> {
    fields.iter().position(|field| field.ident == name)
}

/// Adds `segments` to the tree; false when that exact path was already there.
fn insert_path(nodes: &mut Vec<RequiredNode>, segments: &[Ident]) -> bool {
    let (first, rest) = segments.split_first().expect("a path has a first segment");
    let position = nodes.iter().position(|node| node.segment == *first).unwrap_or_else(|| {
        nodes.push(RequiredNode {
            segment: first.clone(),
            name: unraw(first),
            required: false,
            children: Vec::new(),
        });
        nodes.len() - 1
    });
    let node = &mut nodes[position];
    if rest.is_empty() {
        return !std::mem::replace(&mut node.required, true);
    }
    insert_path(&mut node.children, rest)
}

fn check_field<'a>(cx: &Ctxt, input: FieldInput<'a>, rename_all: Option<RenameRule>) -> Field<'a> {
    let attrs = input.attrs;
    let unchecked = attrs.skip.as_ref().or(attrs.read_only.as_ref());
    if let Some(reason) = unchecked {
        for keyword in attrs.rule_keywords() {
            cx.error_spanned_by(
                keyword,
                format!("`{reason}` leaves this field unchecked, so it cannot also have `{keyword}`"),
            );
        }
    }
    let no_presence = attrs.no_presence.as_ref().filter(|keyword| {
        let has_min =
            |bounds: Option<&parse::Bounds>| bounds.is_some_and(|b| b.min.is_some_and(|min| min > 0));
        let effective = has_min(attrs.text.length.as_ref()) || has_min(attrs.size.as_ref());
        if !effective && unchecked.is_none() {
            cx.error_spanned_by(
                keyword,
                "`no_presence` makes a minimum apply to an absent field, and this field has none: \
                 add `length(min = N)` or `size(min = N)` with N of at least 1, or drop `no_presence`",
            );
        }
        effective
    });
    let name = unraw(input.ident);
    let wire = if input.serde.flatten {
        String::new()
    } else if let Some(rename) = input.serde.rename {
        rename
    } else if let Some(rule) = rename_all {
        rule.apply_to_field(&name)
    } else {
        name.clone()
    };
    Field {
        ident: input.ident,
        name,
        ty: input.ty,
        shape: kind::shape(input.ty),
        scalar: kind::is_scalar(input.ty),
        wire,
        text_rules: text_rules(&attrs.text),
        size: attrs.size.as_ref().map(|bounds| Bounds {
            span: bounds.keyword.span(),
            min: bounds.min,
            max: bounds.max,
        }),
        each: attrs.each.as_ref().map(|(_, rules)| text_rules(rules)).unwrap_or_default(),
        no_presence: no_presence.map(Ident::span),
        nested: unchecked.is_none(),
        read_only: attrs.read_only.is_some(),
        group: None,
        required: false,
        below: Vec::new(),
        option_inner: kind::option_inner(input.ty),
    }
}

/// The string rules in a fixed order: length, then formats.
fn text_rules(rules: &TextRules) -> Vec<TextRule> {
    let length = rules.length.as_ref().map(|bounds| TextRule {
        span: bounds.keyword.span(),
        kind: TextRuleKind::Length { min: bounds.min, max: bounds.max },
    });
    let guid = rules.guid.as_ref().map(|keyword| TextRule { span: keyword.span(), kind: TextRuleKind::Guid });
    let url = rules.url.as_ref().map(|keyword| TextRule { span: keyword.span(), kind: TextRuleKind::Url });
    length.into_iter().chain(guid).chain(url).collect()
}

/// The span that covers a whole type, for errors about the field's type.
pub(crate) fn type_span(ty: &Type) -> Span {
    syn::spanned::Spanned::span(ty)
}
