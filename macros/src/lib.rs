//! The `Payload` derive of [tollgate](https://docs.rs/tollgate). Depend on `tollgate`, which
//! re-exports it; the generated code calls into `tollgate` by absolute path.
//!
//! The derive runs in three stages, each with its own model types:
//! `parse` (the input as written, every attribute spanned) → `check` (what it means, every
//! inconsistency reported at its token) → `emit` (the impls and the builder). Errors are
//! collected across all stages' inputs and reported together; when there are any, a stub is
//! emitted in place of the real impls so that no second wave of errors follows.

mod case;
mod check;
mod ctxt;
mod emit;
mod kind;
mod model;
mod parse;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

/// Derives `tollgate::Validate`, a typestate builder, and the hooks that let other payloads'
/// required paths reach into this type. The attribute language is documented in the
/// `tollgate` crate.
#[proc_macro_derive(Payload, attributes(payload))]
pub fn derive_payload(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand(&input).into()
}

fn expand(input: &DeriveInput) -> proc_macro2::TokenStream {
    let cx = ctxt::Ctxt::default();
    let parsed = parse::Input::from_ast(&cx, input);
    // The runtime's path, also for the stub: `#[payload(crate = "...")]` or `::tollgate`.
    let krate = parsed
        .as_ref()
        .and_then(|parsed| parsed.attrs.krate.clone())
        .unwrap_or_else(|| syn::parse_quote!(::tollgate));
    let payload = parsed.map(|parsed| check::check(&cx, parsed, krate.clone()));
    match (cx.check(), payload) {
        (Ok(()), Some(payload)) => emit::emit(&payload),
        (Err(errors), _) => emit::stub(input, &krate, &errors),
        (Ok(()), None) => unreachable!("a shape the derive rejects always records an error"),
    }
}
