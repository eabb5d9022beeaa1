//! Collects every error with its span, so that one expansion reports all of them at once.

use std::cell::RefCell;
use std::fmt::Display;

use proc_macro2::TokenStream;
use quote::ToTokens;

/// Errors gathered while parsing and checking one derive input.
#[derive(Default)]
pub(crate) struct Ctxt {
    errors: RefCell<Vec<syn::Error>>,
}

impl Ctxt {
    /// An error at the tokens of `at`.
    pub(crate) fn error_spanned_by<T: ToTokens>(&self, at: T, message: impl Display) {
        self.errors.borrow_mut().push(syn::Error::new_spanned(at.into_token_stream(), message));
    }

    /// An error syn already built.
    pub(crate) fn syn_error(&self, error: syn::Error) {
        self.errors.borrow_mut().push(error);
    }

    /// `Ok` when nothing went wrong, else every error as `compile_error!` invocations.
    pub(crate) fn check(self) -> Result<(), TokenStream> {
        let errors = self.errors.into_inner();
        if errors.is_empty() {
            return Ok(());
        }
        Err(errors.into_iter().map(|error| error.to_compile_error()).collect())
    }
}
