//! Bytes → `SendMessageRequest` → `Validate::validate`, and the invariants of what it reports.
//!
//! For every input that deserializes:
//! - validation never panics, and validating twice gives the same violations in the same order;
//! - every violation's path renders as a well-formed wire path that points into the request
//!   (see `common::check_violations`), `Display` and `serde_json::to_string` succeed;
//! - serializing the request and reading it back gives an equal request that validates the
//!   same way (valid stays valid, and an invalid one reports the same violations).

#![no_main]

use libfuzzer_sys::fuzz_target;
use tollgate::wix::inbox::SendMessageRequest;
use tollgate::Validate;

mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(request) = serde_json::from_slice::<SendMessageRequest>(data) else {
        return;
    };
    let (_, result) = common::validate_and_check(&request);

    let text = serde_json::to_string(&request).expect("a parsed request does not serialize");
    let again: SendMessageRequest = serde_json::from_str(&text)
        .unwrap_or_else(|error| panic!("a serialized request does not parse back ({error}): {text}"));
    assert_eq!(again, request, "the request changed on a serialize/parse round trip: {text}");
    match (&result, again.validate()) {
        (Ok(()), Ok(())) => {}
        (Ok(()), Err(violations)) => panic!("valid, but invalid after a round trip:\n{violations}\n{text}"),
        (Err(before), Ok(())) => panic!("invalid, but valid after a round trip:\n{before}\n{text}"),
        (Err(before), Err(after)) => {
            assert_eq!(before.to_string(), after.to_string(), "violations changed on a round trip: {text}")
        }
    }
});
