//! `#[payload(...)]` on the struct and on its fields.
//!
//! Every item of an attribute is parsed on its own, so that one mistake does not hide the
//! next: all of them reach the user in one expansion.

use proc_macro2::{TokenStream, TokenTree};
use syn::ext::IdentExt as _;
use syn::parse::{ParseStream, Parser};
use syn::{Attribute, Ident, LitInt, Token};

use crate::ctxt::Ctxt;

const CONTAINER_KEYS: &str = "`required(...)`, `one_of(...)`, `exactly_one_of(...)` or `crate = \"...\"`";
const FIELD_KEYS: &str =
    "`length(...)`, `size(...)`, `each(...)`, `guid`, `url`, `no_presence`, `skip` or `read_only`";
const CONTAINER_KEYWORDS: [&str; 4] = ["required", "one_of", "exactly_one_of", "crate"];
const FIELD_KEYWORDS: [&str; 8] =
    ["length", "size", "each", "guid", "url", "no_presence", "skip", "read_only"];

/// `a.b.c`: Rust field names, one per level.
pub(crate) struct DottedPath {
    pub(crate) segments: Vec<Ident>,
}

impl DottedPath {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut segments = vec![input.parse::<Ident>()?];
        while input.peek(Token![.]) {
            let dot = input.parse::<Token![.]>()?;
            if !input.peek(Ident) {
                return Err(syn::Error::new_spanned(dot, "expected a field name after `.`"));
            }
            segments.push(input.parse::<Ident>()?);
        }
        Ok(DottedPath { segments })
    }

    /// The path as written: `message.content`.
    pub(crate) fn display(&self) -> String {
        self.segments.iter().map(ToString::to_string).collect::<Vec<_>>().join(".")
    }

    /// The tokens of the whole path, for an error that covers all of it.
    pub(crate) fn tokens(&self) -> TokenStream {
        let segments = &self.segments;
        quote::quote!(#(#segments).*)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum GroupKind {
    /// At most one member present.
    OneOf,
    /// Exactly one member present.
    ExactlyOne,
}

/// `one_of(a, b)` or `exactly_one_of(a, b)`.
pub(crate) struct GroupAttr {
    pub(crate) kind: GroupKind,
    pub(crate) keyword: Ident,
    pub(crate) members: Vec<Ident>,
}

/// The struct's `#[payload(...)]` items.
#[derive(Default)]
pub(crate) struct ContainerAttrs {
    pub(crate) required: Vec<DottedPath>,
    pub(crate) groups: Vec<GroupAttr>,
    /// `crate = "path"`: where the runtime is, for a crate that renamed the dependency.
    pub(crate) krate: Option<syn::Path>,
}

/// `length(min = N, max = M)` or `size(...)`, with at least one bound.
pub(crate) struct Bounds {
    pub(crate) keyword: Ident,
    pub(crate) min: Option<usize>,
    pub(crate) max: Option<usize>,
}

/// Rules on a string's value, on a field or inside `each(...)`.
#[derive(Default)]
pub(crate) struct TextRules {
    pub(crate) length: Option<Bounds>,
    pub(crate) guid: Option<Ident>,
    pub(crate) url: Option<Ident>,
}

impl TextRules {
    /// The keyword of each rule given, for errors about the rules as a whole.
    pub(crate) fn keywords(&self) -> impl Iterator<Item = &Ident> {
        self.length.as_ref().map(|bounds| &bounds.keyword).into_iter().chain(&self.guid).chain(&self.url)
    }
}

/// A field's `#[payload(...)]` items.
#[derive(Default)]
pub(crate) struct FieldAttrs {
    pub(crate) text: TextRules,
    pub(crate) size: Option<Bounds>,
    pub(crate) each: Option<(Ident, TextRules)>,
    /// `no_presence`: absent reads as empty, so a `min` applies to absence too.
    pub(crate) no_presence: Option<Ident>,
    pub(crate) skip: Option<Ident>,
    pub(crate) read_only: Option<Ident>,
}

impl FieldAttrs {
    /// The keyword of each value rule given.
    pub(crate) fn rule_keywords(&self) -> impl Iterator<Item = &Ident> {
        self.text
            .keywords()
            .chain(self.size.as_ref().map(|bounds| &bounds.keyword))
            .chain(self.each.as_ref().map(|(keyword, _)| keyword))
            .chain(&self.no_presence)
    }
}

/// The items of every `#[payload(...)]` on one struct or field, parsed one by one.
trait PayloadItems: Default {
    fn parse_item(&mut self, cx: &Ctxt, input: ParseStream<'_>) -> syn::Result<()>;

    fn from_attrs(cx: &Ctxt, attrs: &[Attribute]) -> Self {
        let mut out = Self::default();
        for tokens in payload_attr_tokens(cx, attrs) {
            let _ = for_each_item(cx, tokens, |input| out.parse_item(cx, input));
        }
        out
    }
}

impl ContainerAttrs {
    pub(crate) fn from_attrs(cx: &Ctxt, attrs: &[Attribute]) -> Self {
        PayloadItems::from_attrs(cx, attrs)
    }
}

impl PayloadItems for ContainerAttrs {
    fn parse_item(&mut self, cx: &Ctxt, input: ParseStream<'_>) -> syn::Result<()> {
        // `crate` is a keyword: parse any identifier.
        let keyword = Ident::parse_any(input)?;
        match keyword.to_string().as_str() {
            "crate" => {
                let path = parse_crate_path(&keyword, input)?;
                if self.krate.replace(path).is_some() {
                    return Err(duplicate(&keyword));
                }
            }
            "required" => {
                let (paths, _) = parenthesized_items(
                    cx,
                    input,
                    &keyword,
                    "a field path, such as `message.content`",
                    DottedPath::parse,
                )?;
                self.required.extend(paths);
            }
            "one_of" | "exactly_one_of" => {
                let kind = if keyword == "one_of" { GroupKind::OneOf } else { GroupKind::ExactlyOne };
                let (members, all_parsed) =
                    parenthesized_items(cx, input, &keyword, "a field of this struct", |input| {
                        let path = DottedPath::parse(input)?;
                        if path.segments.len() > 1 {
                            return Err(syn::Error::new_spanned(
                                path.tokens(),
                                "a one-of group names fields of this struct, not paths: \
                             put the group on the struct that has these fields",
                            ));
                        }
                        Ok(path.segments.into_iter().next().expect("a path has a first segment"))
                    })?;
                // A group with a member that failed to parse is left out: its checks would
                // only repeat that error in other words.
                if all_parsed {
                    self.groups.push(GroupAttr { kind, keyword, members });
                }
            }
            key if FIELD_KEYWORDS.contains(&key) => {
                return Err(syn::Error::new_spanned(
                    &keyword,
                    format!("`{key}` is a field attribute: put it on the field it checks"),
                ));
            }
            key => {
                return Err(syn::Error::new_spanned(
                    &keyword,
                    format!("unknown payload attribute `{key}`: on a struct, expected {CONTAINER_KEYS}"),
                ));
            }
        }
        Ok(())
    }
}

/// `= "::path::to::tollgate"` after `crate`.
fn parse_crate_path(keyword: &Ident, input: ParseStream<'_>) -> syn::Result<syn::Path> {
    if !input.peek(Token![=]) {
        return Err(syn::Error::new_spanned(
            keyword,
            "`crate` needs the path of the runtime: `crate = \"my_tollgate\"`",
        ));
    }
    input.parse::<Token![=]>()?;
    let literal: syn::LitStr = input.parse()?;
    literal.parse_with(syn::Path::parse_mod_style).map_err(|_| {
        syn::Error::new_spanned(&literal, "expected a path such as `\"::my_tollgate\"` or `\"crate::tg\"`")
    })
}

impl FieldAttrs {
    pub(crate) fn from_attrs(cx: &Ctxt, attrs: &[Attribute]) -> Self {
        PayloadItems::from_attrs(cx, attrs)
    }
}

impl PayloadItems for FieldAttrs {
    fn parse_item(&mut self, cx: &Ctxt, input: ParseStream<'_>) -> syn::Result<()> {
        let keyword = Ident::parse_any(input)?;
        match keyword.to_string().as_str() {
            "length" | "guid" | "url" => self.text.parse_rule(cx, keyword, input)?,
            "size" => set_once(&mut self.size, parse_bounds(cx, keyword, input)?)?,
            "each" => {
                let mut rules = TextRules::default();
                if !input.peek(syn::token::Paren) {
                    return Err(syn::Error::new_spanned(
                        &keyword,
                        "`each` needs the rules for every item: `each(length(max = 100))`",
                    ));
                }
                let content;
                syn::parenthesized!(content in input);
                let inner: TokenStream = content.parse()?;
                if inner.is_empty() {
                    return Err(syn::Error::new_spanned(&keyword, "`each(...)` needs at least one rule"));
                }
                let _ = for_each_item(cx, inner, |input| {
                    let rule: Ident = input.parse()?;
                    match rule.to_string().as_str() {
                        "length" | "guid" | "url" => rules.parse_rule(cx, rule, input),
                        other => Err(syn::Error::new_spanned(
                            &rule,
                            format!("`each(...)` takes rules for string items, `length(...)`, `guid` or `url`; not `{other}`"),
                        )),
                    }
                });
                let keyword_span = keyword.clone();
                set_once(&mut self.each, (keyword, rules)).map_err(|_| duplicate(&keyword_span))?;
            }
            "no_presence" => set_once(&mut self.no_presence, flag(keyword, input)?)?,
            "skip" => set_once(&mut self.skip, flag(keyword, input)?)?,
            "read_only" => set_once(&mut self.read_only, flag(keyword, input)?)?,
            key if CONTAINER_KEYWORDS.contains(&key) => {
                return Err(syn::Error::new_spanned(
                    &keyword,
                    format!("`{key}` is a struct attribute: put `#[payload({key}(...))]` on the struct"),
                ));
            }
            key => {
                return Err(syn::Error::new_spanned(
                    &keyword,
                    format!("unknown payload attribute `{key}`: on a field, expected {FIELD_KEYS}"),
                ));
            }
        }
        Ok(())
    }
}

impl TextRules {
    fn parse_rule(&mut self, cx: &Ctxt, keyword: Ident, input: ParseStream<'_>) -> syn::Result<()> {
        match keyword.to_string().as_str() {
            "length" => set_once(&mut self.length, parse_bounds(cx, keyword, input)?),
            "guid" => set_once(&mut self.guid, flag(keyword, input)?),
            _ => set_once(&mut self.url, flag(keyword, input)?),
        }
    }
}

/// Something that keeps the keyword it was written with, for the duplicate error.
trait Keyed {
    fn keyword(&self) -> &Ident;
}

impl Keyed for Ident {
    fn keyword(&self) -> &Ident {
        self
    }
}

impl Keyed for Bounds {
    fn keyword(&self) -> &Ident {
        &self.keyword
    }
}

impl Keyed for (Ident, TextRules) {
    fn keyword(&self) -> &Ident {
        &self.0
    }
}

fn set_once<T: Keyed>(slot: &mut Option<T>, value: T) -> syn::Result<()> {
    if slot.is_some() {
        return Err(duplicate(value.keyword()));
    }
    *slot = Some(value);
    Ok(())
}

fn duplicate(keyword: &Ident) -> syn::Error {
    syn::Error::new_spanned(keyword, format!("duplicate `{keyword}`: give each rule once"))
}

/// A keyword that takes no arguments: `guid`, `url`, `skip`, `read_only`.
fn flag(keyword: Ident, input: ParseStream<'_>) -> syn::Result<Ident> {
    if !input.is_empty() {
        return Err(syn::Error::new(input.span(), format!("`{keyword}` takes no arguments")));
    }
    Ok(keyword)
}

/// `(min = N, max = M)` after `length` or `size`.
fn parse_bounds(cx: &Ctxt, keyword: Ident, input: ParseStream<'_>) -> syn::Result<Bounds> {
    let example = format!("`{keyword}(min = 1, max = 256)`");
    if !input.peek(syn::token::Paren) {
        return Err(syn::Error::new_spanned(&keyword, format!("`{keyword}` needs bounds: {example}")));
    }
    let content;
    syn::parenthesized!(content in input);
    let inner: TokenStream = content.parse()?;
    let mut min: Option<(Ident, usize)> = None;
    let mut max: Option<(Ident, usize)> = None;
    let all_parsed = for_each_item(cx, inner, |input| {
        let key: Ident = input.parse()?;
        let slot = match key.to_string().as_str() {
            "min" => &mut min,
            "max" => &mut max,
            other => {
                return Err(syn::Error::new_spanned(
                    &key,
                    format!("unknown bound `{other}` in `{keyword}`: expected `min = N` and/or `max = N`"),
                ))
            }
        };
        input.parse::<Token![=]>().map_err(|_| {
            syn::Error::new(input.span(), format!("expected `=` after `{key}`: `{key} = 10`"))
        })?;
        let literal = input.parse::<LitInt>().map_err(|error| {
            syn::Error::new(
                error.span(),
                format!("`{key}` takes a whole number of characters or items, such as `{key} = 10`"),
            )
        })?;
        let value = literal.base10_parse::<usize>().map_err(|_| {
            syn::Error::new_spanned(&literal, format!("`{key}` takes a whole number that fits in `usize`"))
        })?;
        if slot.is_some() {
            return Err(syn::Error::new_spanned(&key, format!("duplicate `{key}` in `{keyword}`")));
        }
        *slot = Some((key, value));
        Ok(())
    });
    let min = min.map(|(_, value)| value);
    match (min, &max) {
        // A bound that failed to parse was reported; "needs a bound" would repeat it.
        (None, None) if !all_parsed => Ok(Bounds { keyword, min: None, max: None }),
        (None, None) => Err(syn::Error::new_spanned(
            &keyword,
            format!("`{keyword}` needs `min`, `max` or both: {example}"),
        )),
        (Some(low), Some((key, high))) if low > *high => Err(syn::Error::new_spanned(
            key,
            format!("`{keyword}` can never hold: `min` ({low}) is greater than `max` ({high})"),
        )),
        _ => Ok(Bounds { keyword, min, max: max.map(|(_, value)| value) }),
    }
}

/// `( item, item, ... )` after `keyword`, at least one item; errors in single items are
/// recorded and the good items kept, with whether there were none.
fn parenthesized_items<T>(
    cx: &Ctxt,
    input: ParseStream<'_>,
    keyword: &Ident,
    what: &str,
    parse: impl Fn(ParseStream<'_>) -> syn::Result<T>,
) -> syn::Result<(Vec<T>, bool)> {
    if !input.peek(syn::token::Paren) {
        return Err(syn::Error::new_spanned(
            keyword,
            format!("`{keyword}` needs a list: `{keyword}(...)` of {what}"),
        ));
    }
    let content;
    syn::parenthesized!(content in input);
    let inner: TokenStream = content.parse()?;
    let mut items = Vec::new();
    let all_parsed = for_each_item(cx, inner, |input| {
        items.push(parse(input)?);
        Ok(())
    });
    if items.is_empty() && all_parsed {
        return Err(syn::Error::new_spanned(
            keyword,
            format!("`{keyword}(...)` needs at least one item: {what}"),
        ));
    }
    Ok((items, all_parsed))
}

/// The tokens inside each `#[payload(...)]`.
fn payload_attr_tokens(cx: &Ctxt, attrs: &[Attribute]) -> Vec<TokenStream> {
    attrs
        .iter()
        .filter(|attr| attr.path().is_ident("payload"))
        .filter_map(|attr| match attr.meta.require_list() {
            Ok(list) => Some(list.tokens.clone()),
            Err(_) => {
                cx.error_spanned_by(attr, "expected `#[payload(...)]` with a list of rules");
                None
            }
        })
        .collect()
}

/// Splits `tokens` at its top-level commas and parses each piece with `parse`, which must
/// consume all of it; every failure becomes an error, and the next piece is still parsed.
/// Returns whether every piece parsed, so that a caller can skip checks that a failed
/// piece would make misleading.
fn for_each_item(
    cx: &Ctxt,
    tokens: TokenStream,
    mut parse: impl FnMut(ParseStream<'_>) -> syn::Result<()>,
) -> bool {
    let mut piece = TokenStream::new();
    let mut pieces = Vec::new();
    for tree in tokens {
        match &tree {
            TokenTree::Punct(punct) if punct.as_char() == ',' => pieces.push(std::mem::take(&mut piece)),
            _ => piece.extend([tree]),
        }
    }
    pieces.push(piece);
    let mut all_parsed = true;
    for piece in pieces.into_iter().filter(|piece| !piece.is_empty()) {
        if let Err(error) = (|input: ParseStream<'_>| parse(input)).parse2(piece) {
            cx.syn_error(error);
            all_parsed = false;
        }
    }
    all_parsed
}
