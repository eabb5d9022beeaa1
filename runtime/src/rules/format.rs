//! The string formats Wix checks: GUIDs and absolute web URLs.

// `#[inline(always)]` on the byte tests: they vectorize only inside the window loops that call
// them (`window`).
#![allow(clippy::inline_always)]

use super::window;

/// Whether `text` is a GUID: 8-4-4-4-12 hexadecimal digits, hyphenated.
///
/// ```
/// assert!(tollgate::rules::is_guid("6202c3bb-f263-3c16-8c90-d6387d9ed420"));
/// assert!(!tollgate::rules::is_guid("6202c3bb-f263-3c16-8c90"));
/// ```
pub fn is_guid(text: &str) -> bool {
    let Ok(bytes) = <&[u8; 36]>::try_from(text.as_bytes()) else {
        return false;
    };
    // Three 16-byte windows cover the 36 bytes: 0..16, 16..32 and 20..36. Every lane gets the
    // same test, so that the compiler runs it on whole vectors (a test that differs by position
    // is unrolled byte by byte): a flag byte saying whether the byte is `-` (bit 0, 1 or 2, by
    // window) and whether it is neither `-` nor a hexadecimal digit (bit 3). What differs by
    // position is then one comparison of the 16 flag bytes with where the four `-` must be.
    let mut flags = [0u8; 16];
    for (lane, flag) in flags.iter_mut().enumerate() {
        *flag = guid_flag(bytes[lane], 0) | guid_flag(bytes[16 + lane], 1) | guid_flag(bytes[20 + lane], 2);
    }
    u128::from_le_bytes(flags) == GUID_FLAGS
}

/// A GUID byte's flag in window `window` (see [`is_guid`]).
#[inline(always)]
fn guid_flag(byte: u8, window: u8) -> u8 {
    let dash = byte == b'-';
    let hex = (byte.wrapping_sub(b'0') < 10) | ((byte | 0x20).wrapping_sub(b'a') < 6);
    (u8::from(dash) << window) | (u8::from(!(dash | hex)) << 3)
}

/// The flags of a GUID: `-` at 8 and 13 (window 0), 18 and 23 (window 1: lanes 2 and 7), and
/// 23 again (window 2, from 20: lane 3); no byte that is neither.
const GUID_FLAGS: u128 = {
    let mut flags = [0u8; 16];
    flags[8] = 1;
    flags[13] = 1;
    flags[2] = 2;
    flags[7] = 2;
    flags[3] = 4;
    u128::from_le_bytes(flags)
};

/// Whether `text` is an absolute `http` or `https` URL with a host.
///
/// The check is what a server needs to fetch the URL: a scheme of `http` or `https` (any
/// case), `//`, a non-empty host (optionally with user info and a numeric port), and no
/// whitespace or control characters anywhere.
///
/// ```
/// assert!(tollgate::rules::is_web_url("https://example.com/badges/mail.png"));
/// assert!(!tollgate::rules::is_web_url("ftp://example.com/file"));
/// assert!(!tollgate::rules::is_web_url("/relative/path"));
/// ```
pub fn is_web_url(text: &str) -> bool {
    let Some(scheme) = web_scheme_len(text) else {
        return false;
    };
    // Bytes, not `&text[scheme..]`: the scheme is ASCII, so no character boundary to test.
    let rest = text.as_bytes().get(scheme..).unwrap_or_default();
    match rest.len() {
        0..16 => is_short_web_url_rest(text, scheme),
        // Every other call a tail call: nothing to save and restore on the common path.
        16..=32 => settle(two_windows_plain_host_then_path(rest), text, scheme),
        33..=48 => settle(three_windows_plain_host_then_path(rest), text, scheme),
        _ => is_long_web_url_rest(text, scheme),
    }
}

/// The verdict once the fixed windows have answered: yes, or the general reading where the
/// common case does not hold, or the window loop where the host runs past the windows.
#[inline(always)]
fn settle(windows: Option<bool>, text: &str, scheme: usize) -> bool {
    match windows {
        Some(true) => true,
        Some(false) => is_web_url_rest(text, scheme),
        None => is_long_web_url_rest(text, scheme),
    }
}

/// The verdict on more than 32 bytes after the scheme, out of line: the window loops need
/// registers that the two-window case, the common one, would otherwise save and restore.
#[inline(never)]
fn is_long_web_url_rest(text: &str, scheme: usize) -> bool {
    long_plain_host_then_path(text.as_bytes().get(scheme..).unwrap_or_default())
        || is_web_url_rest(text, scheme)
}

/// The verdict on fewer than 16 bytes after the scheme. Out of line, as is the general
/// reading: with nothing left to do after either call, the common case saves no registers.
#[inline(never)]
fn is_short_web_url_rest(text: &str, scheme: usize) -> bool {
    short_plain_host_then_path(text.as_bytes().get(scheme..).unwrap_or_default())
        || is_web_url_rest(text, scheme)
}

/// The verdict on what follows the scheme of `text` (`scheme` bytes long), in general: user
/// info, ports, IPv6 hosts and characters beyond ASCII.
#[inline(never)]
fn is_web_url_rest(text: &str, scheme: usize) -> bool {
    let rest = text.get(scheme..).unwrap_or_default();
    ascii_web_url_rest(rest).unwrap_or_else(|| {
        // Not printable ASCII: spaces and controls are refused, other characters read as
        // characters.
        !text.chars().any(|c| c.is_whitespace() || c.is_control()) && host_and_port_ok(host_and_port(rest))
    })
}

/// The length of `http://` or `https://` (either in any case) at the start of `text`; `None`
/// also for text too short to hold a host after the scheme.
fn web_scheme_len(text: &str) -> Option<usize> {
    // The first eight bytes as one word: `http` in any case is one mask and one comparison,
    // the rest of the scheme another. A URL with a host has at least `http://` and a byte.
    let head: [u8; 8] = text.as_bytes().get(..8)?.try_into().ok()?;
    let (scheme, after) = head.split_at(4);
    let word = |bytes: &[u8]| u32::from_le_bytes(bytes.try_into().unwrap_or_default());
    // `| 0x20` turns `H` into `h` (and only `H` and `h` into `h`), so letters compare in any case.
    if word(scheme) | 0x2020_2020 != u32::from_le_bytes(*b"http") {
        return None;
    }
    let after = word(after);
    if after | 0x20 == u32::from_le_bytes(*b"s://") {
        Some(8)
    } else if after & 0x00ff_ffff == u32::from_le_bytes(*b"://\0") {
        Some(7)
    } else {
        None
    }
}

/// Whichever of the two readings of the common case fits `rest`'s length: what the tests
/// hold to the plain reading.
#[cfg(test)]
fn plain_host_then_path(rest: &[u8]) -> bool {
    match rest.len() {
        0..16 => short_plain_host_then_path(rest),
        16..=32 => two_windows_plain_host_then_path(rest).unwrap_or_else(|| long_plain_host_then_path(rest)),
        33..=48 => {
            three_windows_plain_host_then_path(rest).unwrap_or_else(|| long_plain_host_then_path(rest))
        }
        _ => long_plain_host_then_path(rest),
    }
}

/// The common case for 16 bytes or more after the scheme (fewer:
/// [`short_plain_host_then_path`]), decided in one pass over the bytes, 16 at a time: a
/// non-empty host of ASCII letters, digits, `.` and `-` alone (no user info, no port, no `_`
/// or `%`), then nothing or `/`, `?` or `#` and printable ASCII. `false` means "not this
/// case", not "invalid".
///
/// The host is read a window at a time until a window holds a byte that cannot be in it;
/// that byte must end the authority, and from there on the windows need only be printable.
/// Each byte is read once (the last window overlaps the one before it rather than leave a
/// tail), and each window's test is a few vector instructions ([`window`]).
#[inline(always)]
fn long_plain_host_then_path(rest: &[u8]) -> bool {
    // Out of line, the caller's length test is not seen: without this one, every window is
    // bounds-checked.
    let Some(last) = rest.len().checked_sub(16) else {
        return false;
    };
    let mut start = 0;
    let end = loop {
        let at = start.min(last);
        if let Some(lane) = window::first(&window::at(rest, at), |byte| !is_host_byte(byte)) {
            break at + lane;
        }
        if at == last {
            // All of it is host.
            return true;
        }
        start += 16;
    };
    if !ends_host(rest, end) {
        return false;
    }
    // From the end of the host on, printable: the host before it is.
    start = end;
    loop {
        let at = start.min(last);
        if !window::all(&window::at(rest, at), is_printable_byte) {
            return false;
        }
        if at == last {
            return true;
        }
        start += 16;
    }
}

/// [`long_plain_host_then_path`] for 16 to 32 bytes whose host ends in the first 16: two
/// windows, the first and the last (which overlap), and no loop. Each byte is printable, and
/// the first one that cannot be in a host ends it. `None` for a host longer than the first
/// window, which the loop reads.
#[inline(always)]
fn two_windows_plain_host_then_path(rest: &[u8]) -> Option<bool> {
    let (head, tail) = (window::at(rest, 0), window::at(rest, rest.len() - 16));
    let end = window::first(&head, |byte| !is_host_byte(byte))?;
    Some(ends_host(rest, end) & window::all(&head, is_printable_byte) & window::all(&tail, is_printable_byte))
}

/// [`two_windows_plain_host_then_path`] for 33 to 48 bytes whose host ends in the first 32:
/// three windows, at 0, 16 and the last (which overlaps the second). `None` for a longer host.
#[inline(always)]
fn three_windows_plain_host_then_path(rest: &[u8]) -> Option<bool> {
    let (head, middle, tail) = (window::at(rest, 0), window::at(rest, 16), window::at(rest, rest.len() - 16));
    let end = match window::first(&head, |byte| !is_host_byte(byte)) {
        Some(lane) => lane,
        None => 16 + window::first(&middle, |byte| !is_host_byte(byte))?,
    };
    let ends = ends_host(rest, end);
    let printable = window::all(&head, is_printable_byte)
        & window::all(&middle, is_printable_byte)
        & window::all(&tail, is_printable_byte);
    Some(ends & printable)
}

/// [`long_plain_host_then_path`] for fewer than 16 bytes, in one window: the first 8 bytes and the
/// last 8 (which overlap), or, below 8, the bytes padded with host bytes (which are
/// printable, and so change no answer).
fn short_plain_host_then_path(rest: &[u8]) -> bool {
    let len = rest.len();
    let mut window = [b'a'; 16];
    if len >= 8 {
        window[..8].copy_from_slice(&rest[..8]);
        window[8..].copy_from_slice(&rest[len - 8..]);
    } else {
        window[..len].copy_from_slice(rest);
    }
    // Lane `lane` holds byte `lane`, or, in the second half of a window of 8 bytes or more,
    // byte `lane + len - 16`.
    let position = |lane: usize| if lane >= 8 && len >= 8 { lane + len - 16 } else { lane };
    len > 0
        && window::all(&window, is_printable_byte)
        && window::first(&window, |byte| !is_host_byte(byte))
            .is_none_or(|lane| ends_host(rest, position(lane)))
}

/// Whether the first byte that cannot be in a host, at `end`, ends a non-empty host.
#[inline(always)]
fn ends_host(rest: &[u8], end: usize) -> bool {
    // `get`, not an index: a bounds check's panic would be a call, and a function that calls
    // saves registers on every path (the two- and three-window readings inline this).
    end > 0 && rest.get(end).is_some_and(|&byte| BYTES[usize::from(byte)] == Byte::End)
}

/// A letter, a digit, `.` or `-`: the bytes of a host in the common case, by arithmetic rather
/// than a table, so that it vectorizes. (`Byte::Host` also has `_` and `%`, rare in hosts and
/// left to the general reading: testing for them too costs every URL 9 instructions.)
// `&` rather than `&&`: no branch per byte, so the test is one vector instruction per lane set.
#[allow(clippy::needless_bitwise_bool)]
#[inline(always)]
fn is_host_byte(byte: u8) -> bool {
    // `-`, `.`, `/` and the digits are one run of bytes, `/` the only one not in a host.
    ((byte | 0x20).wrapping_sub(b'a') < 26) | ((byte.wrapping_sub(b'-') <= b'9' - b'-') & (byte != b'/'))
}

/// ASCII from `!` to `~`.
#[inline(always)]
fn is_printable_byte(byte: u8) -> bool {
    byte.wrapping_sub(b'!') < 0x5e
}

/// The kinds of byte a URL's authority is read by.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Byte {
    /// A letter, a digit, `.`, `-`, `_` or `%`: allowed in a host.
    Host,
    Colon,
    At,
    /// `/`, `?` or `#`: the end of the authority.
    End,
    /// Other printable ASCII: allowed in user info and after the authority.
    Other,
    /// A space, a control, or not ASCII: the general check decides.
    Unusual,
}

const BYTES: [Byte; 256] = {
    let mut table = [Byte::Unusual; 256];
    let mut byte = b'!';
    while byte <= b'~' {
        table[byte as usize] = match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' | b'-' | b'_' | b'%' => Byte::Host,
            b':' => Byte::Colon,
            b'@' => Byte::At,
            b'/' | b'?' | b'#' => Byte::End,
            _ => Byte::Other,
        };
        byte += 1;
    }
    table
};

/// The verdict on the `rest` of a printable ASCII URL, reading the authority once; `None`
/// when `rest` has a byte that is not printable ASCII.
fn ascii_web_url_rest(rest: &str) -> Option<bool> {
    let bytes = rest.as_bytes();
    // Where the host starts (after the last `@`), its first `:`, and whether a byte not
    // allowed in a host came before that `:`.
    let (mut host_start, mut colon, mut odd_host) = (0, None, false);
    let mut end = bytes.len();
    for (i, &byte) in bytes.iter().enumerate() {
        match BYTES[usize::from(byte)] {
            Byte::Host => {}
            Byte::Colon => {
                colon.get_or_insert(i);
            }
            Byte::At => (host_start, colon, odd_host) = (i + 1, None, false),
            Byte::End => {
                end = i;
                break;
            }
            Byte::Other => odd_host |= colon.is_none(),
            Byte::Unusual => return None,
        }
    }
    if !is_printable_ascii(&bytes[end..]) {
        return None;
    }
    let host_and_port = &rest[host_start..end];
    Some(if host_and_port.starts_with('[') {
        host_and_port_ok(host_and_port)
    } else {
        match colon {
            Some(colon) => colon > host_start && !odd_host && is_port(&rest[colon + 1..end]),
            None => host_start < end && !odd_host,
        }
    })
}

/// Every byte is ASCII from `!` to `~`. No early exit, so each 8-byte word is tested as one
/// vector; the last word overlaps the one before it instead of leaving a byte-by-byte tail.
fn is_printable_ascii(bytes: &[u8]) -> bool {
    fn printable(all: bool, byte: u8) -> bool {
        all & is_printable_byte(byte)
    }
    let word_printable =
        |word: &[u8]| <&[u8; 8]>::try_from(word).is_ok_and(|word| word.iter().copied().fold(true, printable));
    match bytes.len() {
        0..8 => bytes.iter().copied().fold(true, printable),
        len => {
            bytes.chunks_exact(8).fold(true, |all, word| all & word_printable(word))
                & word_printable(&bytes[len - 8..])
        }
    }
}

/// The host and port in `rest`: the authority (up to the first `/`, `?` or `#`) after its last `@`.
fn host_and_port(rest: &str) -> &str {
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    authority.rsplit_once('@').map_or(authority, |(_, host)| host)
}

/// A non-empty host of letters, digits, `.`, `-`, `_` and `%` (or a bracketed IPv6
/// address), then nothing or `:` and a port.
fn host_and_port_ok(host_and_port: &str) -> bool {
    let host = if let Some(bracketed) = host_and_port.strip_prefix('[') {
        // An IPv6 literal: `[::1]:8080`.
        match bracketed.split_once(']') {
            Some((inside, after)) if inside.parse::<std::net::Ipv6Addr>().is_ok() && port_follows(after) => {
                inside
            }
            _ => return false,
        }
    } else {
        match host_and_port.split_once(':') {
            Some((host, port)) if is_port(port) => host,
            Some(_) => return false,
            None => host_and_port,
        }
    };
    let allowed = |c: char| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ':' | '%');
    !host.is_empty()
        && if host.is_ascii() {
            host.bytes().all(|b| allowed(char::from(b)))
        } else {
            host.chars().all(allowed)
        }
}

/// What may follow a bracketed host: nothing, or `:` and a port.
fn port_follows(after_host: &str) -> bool {
    match after_host.strip_prefix(':') {
        None => after_host.is_empty(),
        Some(port) => is_port(port),
    }
}

fn is_port(digits: &str) -> bool {
    digits.bytes().all(|b| b.is_ascii_digit()) && digits.parse::<u16>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids() {
        assert!(is_guid("6202c3bb-f263-3c16-8c90-d6387d9ed420"));
        assert!(is_guid("6202C3BB-F263-3C16-8C90-D6387D9ED420"));
        for bad in [
            "",
            "6202c3bb-f263-3c16-8c90-d6387d9ed42",
            "6202c3bb-f263-3c16-8c90-d6387d9ed4200",
            "6202c3bbff263-3c16-8c90-d6387d9ed420",
            "6202c3bg-f263-3c16-8c90-d6387d9ed420",
            "{6202c3bb-f263-3c16-8c90-d6387d9ed420}",
            "6202c3bbf2633c168c90d6387d9ed420",
        ] {
            assert!(!is_guid(bad), "{bad:?} accepted");
        }
    }

    /// The vectorized test against the plain reading of 8-4-4-4-12, on every byte value at
    /// every position of a valid GUID: a hyphen moved, a fifth hyphen, a byte just outside
    /// each hex range (`/`, `:`, `@`, `G`, `` ` ``, `g`), and what `byte | 0x20` folds.
    #[test]
    fn guid_agrees_with_the_plain_reading_at_every_byte() {
        let plain = |text: &[u8]| {
            text.len() == 36
                && text.iter().enumerate().all(|(i, &byte)| match i {
                    8 | 13 | 18 | 23 => byte == b'-',
                    _ => byte.is_ascii_hexdigit(),
                })
        };
        let valid = *b"6202c3bb-f263-3c16-8c90-d6387d9ed420";
        for position in 0..36 {
            for byte in 0..=255u8 {
                let mut text = valid;
                text[position] = byte;
                if let Ok(text) = std::str::from_utf8(&text) {
                    assert_eq!(is_guid(text), plain(text.as_bytes()), "{text:?}");
                }
            }
        }
        assert!(!is_guid("6202c3bb-f263-3c16-8c90d-6387d9ed420"));
        assert!(!is_guid("6202c3bb-f263-3c16-8c90-d6387d9ed4-0"));
        assert!(!is_guid("6202c3bb-f263-3c16-8c9é-d6387d9ed42"));
    }

    #[test]
    fn web_urls() {
        for good in [
            "http://example.com",
            "https://example.com/a/b?c=d#e",
            "HTTPS://Example.COM",
            "https://user:pw@example.com:8443/x",
            "http://127.0.0.1:8080/",
            "http://[::1]:8080/path",
            "https://bücher.example/",
            "https://bücher.example/ünïcode/päth?q=ä#frägment",
            "http://user@host@example.com/",
            "http://a:b@example.com:80?x@y",
            "http://example.com#/@not-the-host",
            "https://example.com?x@",
            "http://[::1]",
            "https://user@[2001:db8::1]:443/x",
            "hTtPs://x",
        ] {
            assert!(is_web_url(good), "{good:?} rejected");
        }
        for bad in [
            "",
            "example.com",
            "//example.com",
            "https://",
            "https:///path",
            "https://exa mple.com",
            "mailto:someone@example.com",
            "ftp://example.com",
            "https://example.com:port/",
            "https://example.com:/",
            "http://[::1/",
            "http://[zz]/",
            "http://[example.com]/",
            "https://example.com:65536/",
            "https://example.com:99999/",
            "https://example.com:+80/",
            "https://example.com/\n",
            "https://example.com/\u{7f}",
            "https://example.com/\u{a0}",
            "https://example.com/\u{85}",
            "https://exa\u{2003}mple.com/",
            "https://example.com/a b",
            "https://exa!mple.com/",
            "http:/example.com",
            "https:/example.com",
            "http://",
            "httpx://example.com",
            "https//example.com",
            "http://user@/path",
            "http://@",
            "http://[::1]x/",
        ] {
            assert!(!is_web_url(bad), "{bad:?} accepted");
        }
    }

    /// The one-word scheme test against the plain reading, with every byte value at each of
    /// the scheme's eight positions (the letter folding of `| 0x20` must catch only letters).
    #[test]
    fn scheme_agrees_with_the_plain_reading_at_every_byte() {
        let plain = |text: &str| -> Option<usize> {
            let bytes = text.as_bytes();
            if bytes.len() < 8 || !bytes[..4].eq_ignore_ascii_case(b"http") {
                return None;
            }
            match &bytes[4..] {
                [b':', b'/', b'/', ..] => Some(7),
                [b's' | b'S', b':', b'/', b'/', ..] => Some(8),
                _ => None,
            }
        };
        for valid in [&b"http://x.example"[..], &b"https://example"[..]] {
            for position in 0..8 {
                for byte in 0..=255u8 {
                    let mut text = valid.to_vec();
                    text[position] = byte;
                    if let Ok(text) = std::str::from_utf8(&text) {
                        let expected = plain(text).and_then(|start| text.get(start..));
                        assert_eq!(web_scheme_len(text).map(|len| &text[len..]), expected, "{text:?}");
                    }
                }
            }
        }
    }

    /// Whatever the one-pass common case accepts, the authority reading accepts too; and it
    /// takes the common shapes (so the fast case is not dead code).
    #[test]
    fn the_plain_host_case_agrees_with_the_authority_reading() {
        let alphabet = [
            "a", "Z", "0", ".", "-", "_", "%", ":", "@", "/", "?", "#", "!", "[", "]", "8", " ", "é",
            "\u{7f}",
        ];
        let mut rests = vec![String::new()];
        for _ in 0..4 {
            rests = rests
                .iter()
                .flat_map(|rest| alphabet.iter().map(move |next| format!("{rest}{next}")))
                .collect();
            for rest in &rests {
                for text in [rest.clone(), format!("example{rest}"), format!("{rest}/path")] {
                    if plain_host_then_path(text.as_bytes()) {
                        assert_eq!(ascii_web_url_rest(&text), Some(true), "{text:?}");
                    }
                }
            }
        }
        for common in
            ["example.com", "example.com/a/b?c=d#e", "static.example.com/media/a.png", "x?y", "a-b.c#"]
        {
            assert!(plain_host_then_path(common.as_bytes()), "{common:?}");
        }
        for other in [
            "",
            "/path",
            "user@example.com",
            "example.com:80",
            "exa!mple.com",
            "example.com/ä",
            "[::1]",
            "a_b%20",
        ] {
            assert!(!plain_host_then_path(other.as_bytes()), "{other:?}");
        }
    }

    /// The window-at-a-time common case against its plain reading, byte by byte: at every
    /// length up to 56 (short windows, one window, the two- and three-window readings of 16 to
    /// 32 and 33 to 48 bytes with their overlapping last window, and the loop beyond), for hosts
    /// ending at each window edge, every byte value at every position.
    #[test]
    fn the_plain_host_case_agrees_with_its_plain_reading_at_every_byte() {
        let plain = |rest: &[u8]| {
            let host = |byte: &u8| matches!(byte, b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' | b'-');
            let end = rest.iter().position(|byte| !host(byte)).unwrap_or(rest.len());
            end > 0
                && rest.get(end).is_none_or(|byte| matches!(byte, b'/' | b'?' | b'#'))
                && rest[end..].iter().all(|byte| (b'!'..=b'~').contains(byte))
        };
        for len in 0..=56 {
            for host_len in [1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 48, 49, len] {
                if host_len > len {
                    continue;
                }
                let mut valid = vec![b'x'; len];
                if let Some(end) = valid.get_mut(host_len) {
                    *end = b'/';
                }
                for position in 0..len {
                    for byte in 0..=255u8 {
                        let mut rest = valid.clone();
                        rest[position] = byte;
                        assert_eq!(plain_host_then_path(&rest), plain(&rest), "{rest:?}");
                    }
                }
            }
        }
        assert!(!plain_host_then_path(b""));
    }

    /// `is_web_url`'s dispatch by length (one window, two, three, the loop) answers what the
    /// general reading answers, at every length up to 64, for hosts that end in each window or
    /// run to the end, with a port, user info, a byte no host has, and a space.
    #[test]
    fn every_length_answers_as_the_general_reading() {
        for len in 1..=64 {
            for host_len in [1, 5, 15, 16, 17, 31, 32, 33, 47, 48, 49, len] {
                if host_len > len {
                    continue;
                }
                let mut rest = "h".repeat(host_len);
                if host_len < len {
                    rest.push('/');
                }
                while rest.len() < len {
                    rest.push('p');
                }
                let mut shapes = vec![rest.clone()];
                for (at, insert) in
                    [(host_len / 2, ":80"), (0, "u@"), (host_len / 2, "!"), (host_len / 2, "_")]
                {
                    let mut shape = rest.clone();
                    shape.insert_str(at, insert);
                    shapes.push(shape);
                }
                let mut spaced = rest.clone().into_bytes();
                spaced[len - 1] = b' ';
                shapes.push(String::from_utf8(spaced).unwrap());
                for scheme in ["https://", "http://"] {
                    for shape in &shapes {
                        let text = format!("{scheme}{shape}");
                        assert_eq!(is_web_url(&text), is_web_url_rest(&text, scheme.len()), "{text:?}");
                    }
                }
            }
        }
    }

    /// The word-at-a-time test at every length around the word size, with one byte that is
    /// not printable at each position (the overlapping last word must see every byte).
    #[test]
    fn printable_ascii_sees_every_byte_at_every_length() {
        for len in 0..40 {
            assert!(is_printable_ascii(&vec![b'x'; len]), "{len}");
            for position in 0..len {
                for bad in [b' ', b'\x7f', 0x80, 0] {
                    let mut bytes = vec![b'x'; len];
                    bytes[position] = bad;
                    assert!(!is_printable_ascii(&bytes), "{len} {position} {bad}");
                }
            }
        }
    }

    #[test]
    fn the_ascii_pass_agrees_with_the_general_one() {
        let general = |rest: &str| host_and_port_ok(host_and_port(rest));
        for rest in [
            "example.com",
            "example.com/a/b?c=d#e",
            "user:pw@example.com:8443/x",
            "a@b@c/d@e",
            "h?x@y",
            "h#x@y",
            "@",
            "",
            "/path@x",
            "[::1]:80/x",
            "[::1",
            "x]",
            "example.com:8080",
            "a_b-c.d%20",
            ":80",
            "example.com:",
            "example.com:65536",
            "example.com:+1",
            "exa!mple.com",
            "a:1:2",
            "us!er:p[w@host:1/x",
            "host:1@other",
            "a:b@:80",
            "a!@b",
        ] {
            assert_eq!(ascii_web_url_rest(rest), Some(general(rest)), "{rest:?}");
        }
        for unusual in ["exa mple.com", "example.com/\u{7f}", "bücher.example", "x/ä"] {
            assert_eq!(ascii_web_url_rest(unusual), None, "{unusual:?}");
        }
    }
}
