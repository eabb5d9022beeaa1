//! Compile-time behaviour, through trybuild: every attribute mistake and every builder
//! misuse fails to compile with the error in its `.stderr`; every feature compiles.
//!
//! The `.stderr` files depend on the compiler's wording: the toolchain is pinned in
//! `rust-toolchain.toml`. Regenerate with `TRYBUILD=overwrite` only after reading the diff.

#[test]
fn compile_fail() {
    trybuild::TestCases::new().compile_fail("ui/compile-fail/*/*.rs");
}

#[test]
fn compile_pass() {
    trybuild::TestCases::new().pass("ui/pass/*.rs");
}
