//! tollgate's test suites live in `tests/`; this crate only hosts them.
