//! Tests on 16 bytes at once, written so that the compiler turns them into vector code.
//!
//! Safe Rust has no vector intrinsics (the workspace denies `unsafe`), but the compiler
//! vectorizes a loop over a fixed 16-byte window when every byte gets the same test, and
//! answers as a 16-byte value (one flag byte per lane) come out as one vector compare. A test
//! that differs by position does not: it is unrolled byte by byte. So these take one test for
//! all lanes, and what differs by position is left to a comparison of the flags as a whole.
// `#[inline(always)]`: the tests are closures, which vectorize only once inlined into the
// caller's loop.
#![allow(clippy::inline_always)]

/// The 16 bytes of `bytes` from `start`.
#[inline(always)]
pub(super) fn at(bytes: &[u8], start: usize) -> [u8; 16] {
    let mut window = [0; 16];
    window.copy_from_slice(&bytes[start..start + 16]);
    window
}

/// Whether every byte of `window` passes `test`.
#[inline(always)]
pub(super) fn all(window: &[u8; 16], test: impl Fn(u8) -> bool) -> bool {
    window.iter().fold(true, |all, &byte| all & test(byte))
}

/// The first lane of `window` whose byte passes `test`, if any.
#[inline(always)]
pub(super) fn first(window: &[u8; 16], test: impl Fn(u8) -> bool) -> Option<usize> {
    // A flag byte per lane, `0xff` where the test passes, read as one number: its lowest set
    // bit is in the first such lane. (A loop, not `map`: `map` is not always inlined, and then
    // nothing vectorizes. And one `u128`: two `u64` halves are split into two half-vector tests.)
    let mut flags = [0u8; 16];
    for (flag, &byte) in flags.iter_mut().zip(window) {
        *flag = 0u8.wrapping_sub(u8::from(test(byte)));
    }
    // Whether any lane passed, first: an OR of the flags is one `pmovmskb` and a test, where
    // testing the `u128` for zero takes it through memory and back.
    if flags.iter().fold(0, |any, &flag| any | flag) == 0 {
        return None;
    }
    Some(u128::from_le_bytes(flags).trailing_zeros() as usize / 8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_are_read_in_order() {
        let bytes: Vec<u8> = (0..40).collect();
        let window = at(&bytes, 3);
        assert_eq!(window[0], 3);
        assert_eq!(window[15], 18);
        assert!(all(&window, |byte| (3..19).contains(&byte)));
        assert!(!all(&window, |byte| byte != 18));
        for lane in 0..16 {
            assert_eq!(first(&window, |byte| byte >= 3 + lane), Some(usize::from(lane)));
        }
        assert_eq!(first(&window, |byte| byte > 18), None);
    }
}
