//! tollgate's run-time test suites live in `tests/`; this crate only hosts them.
