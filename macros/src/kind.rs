//! What kind of type a field has, decided once from how the type is written and stored on
//! `model::Field`: the emitters read the answer and never look at the type's shape again.
//!
//! A derive sees only tokens, so the decision is by name: a type whose last path segment is a
//! well-known string, number or container is not a payload; anything else might be (its
//! setter then also takes its builder).

use syn::{GenericArgument, PathArguments, Type};

use crate::model::{Shape, ValueKind};

/// Strings and numbers: values with no rules of their own, whose `Validate` is a no-op. The
/// runtime's `leaves!` list implements `Validate` for exactly these (a unit test in this module
/// reads that list and compares).
pub(crate) const SCALARS: [&str; 19] = [
    "String", "str", "Cow", "bool", "char", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32",
    "i64", "i128", "isize", "f32", "f64",
];

/// Standard types that are certainly not payloads, besides the scalars: their setters take the
/// exact type, so that literals such as `vec![]` infer as usual.
const OTHER_LEAVES: [&str; 8] =
    ["Vec", "VecDeque", "HashMap", "BTreeMap", "HashSet", "BTreeSet", "Duration", "PathBuf"];

/// The shape of a field of type `ty`, looking through its `Option`.
pub(crate) fn shape(ty: &Type) -> Shape<'_> {
    let value = option_inner(ty).unwrap_or(ty);
    match generic_argument_of(value, "Vec") {
        Some(element) => Shape::List { element, kind: value_kind(element) },
        None => Shape::Value(value_kind(value)),
    }
}

/// The kind of a single value: a string, another leaf, or maybe a payload.
fn value_kind(ty: &Type) -> ValueKind {
    if is_string(ty) {
        ValueKind::String
    } else if may_be_payload(ty) {
        ValueKind::Payload
    } else {
        ValueKind::Leaf
    }
}

/// Whether the type is written as a string or number (under `Option`, `Box`, `Vec`).
pub(crate) fn is_scalar(ty: &Type) -> bool {
    last_segment_in(walked_type(ty), &SCALARS)
}

/// `T` for a type written `Option<T>` (under any path: `std::option::Option<T>`).
pub(crate) fn option_inner(ty: &Type) -> Option<&Type> {
    generic_argument_of(ty, "Option")
}

/// The payload type a required path walks into: `ty` without its `Option`, `Box` and `Vec`.
pub(crate) fn walked_type(mut ty: &Type) -> &Type {
    while let Some(inner) =
        ["Option", "Box", "Vec"].iter().find_map(|wrapper| generic_argument_of(ty, wrapper))
    {
        ty = inner;
    }
    ty
}

/// Whether a value of this type might be a payload, whose setter should then also take its
/// builder.
fn may_be_payload(ty: &Type) -> bool {
    match ty {
        Type::Path(path) if path.qself.is_none() => match path.path.segments.last() {
            Some(last) if last.ident == "Box" => generic_argument_of(ty, "Box").is_none_or(may_be_payload),
            Some(_) => !last_segment_in(ty, &SCALARS) && !last_segment_in(ty, &OTHER_LEAVES),
            None => true,
        },
        Type::Paren(inner) => may_be_payload(&inner.elem),
        Type::Group(inner) => may_be_payload(&inner.elem),
        _ => false,
    }
}

/// Whether the type is written `String` (under any path).
fn is_string(ty: &Type) -> bool {
    matches!(ty, Type::Path(path) if path.qself.is_none()
        && path.path.segments.last().is_some_and(|last| last.ident == "String" && last.arguments.is_none()))
}

fn last_segment_in(ty: &Type, names: &[&str]) -> bool {
    match ty {
        Type::Path(path) if path.qself.is_none() => {
            path.path.segments.last().is_some_and(|last| names.iter().any(|name| last.ident == name))
        }
        _ => false,
    }
}

fn generic_argument_of<'t>(ty: &'t Type, wrapper: &str) -> Option<&'t Type> {
    let Type::Path(path) = ty else { return None };
    if path.qself.is_some() {
        return None;
    }
    let last = path.path.segments.last()?;
    if last.ident != wrapper {
        return None;
    }
    let PathArguments::AngleBracketed(arguments) = &last.arguments else {
        return None;
    };
    match arguments.args.first()? {
        GenericArgument::Type(inner) if arguments.args.len() == 1 => Some(inner),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::SCALARS;

    /// The runtime's `leaves!(...)` list: the types whose `Validate` does nothing.
    fn runtime_leaves() -> Vec<String> {
        let source = include_str!("../../runtime/src/validate.rs");
        let start = source.find("\nleaves!(").expect("the runtime's leaves! invocation") + "\nleaves!(".len();
        let end = start + source[start..].find(");").expect("the end of leaves!");
        // Drop generic arguments (`Cow<'_, str>`) so that the commas left separate types.
        let mut depth = 0;
        let names: String = source[start..end]
            .chars()
            .filter(|&ch| {
                depth += i32::from(ch == '<') - i32::from(ch == '>');
                depth == 0 && ch != '>'
            })
            .collect();
        names
            .split(',')
            .map(str::trim)
            .filter(|leaf| !leaf.is_empty() && *leaf != "()")
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn the_scalars_are_exactly_the_runtimes_leaves() {
        let mut runtime = runtime_leaves();
        let mut ours: Vec<String> = SCALARS.iter().map(|&scalar| scalar.to_owned()).collect();
        runtime.sort();
        ours.sort();
        assert_eq!(ours, runtime, "macros/src/kind.rs SCALARS and runtime/src/validate.rs leaves! differ");
    }

    #[test]
    fn shapes_are_decided_from_the_written_type() {
        use crate::model::{Shape, ValueKind};
        let word = |kind: ValueKind| match kind {
            ValueKind::String => "string",
            ValueKind::Leaf => "leaf",
            ValueKind::Payload => "payload",
        };
        let shape = |ty: &str| match super::shape(&syn::parse_str(ty).unwrap()) {
            Shape::Value(kind) => word(kind).to_owned(),
            Shape::List { kind, .. } => format!("list of {}", word(kind)),
        };
        assert_eq!(shape("Option<String>"), "string");
        assert_eq!(shape("u32"), "leaf");
        assert_eq!(shape("Option<Box<Note>>"), "payload");
        assert_eq!(shape("Option<Vec<Line>>"), "list of payload");
        assert_eq!(shape("Vec<String>"), "list of string");
        assert_eq!(shape("std::collections::HashMap<String, u8>"), "leaf");
    }
}
