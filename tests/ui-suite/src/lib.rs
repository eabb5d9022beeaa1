//! tollgate's trybuild suites live in `ui/` and run from `tests/ui.rs`; this crate only hosts
//! them, with `tollgate` as a crate that only derives payloads depends on it.
