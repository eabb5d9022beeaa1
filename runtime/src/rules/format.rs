//! The string formats Wix checks: GUIDs and absolute web URLs.

/// Whether `text` is a GUID: 8-4-4-4-12 hexadecimal digits, hyphenated.
///
/// ```
/// assert!(tollgate::rules::is_guid("6202c3bb-f263-3c16-8c90-d6387d9ed420"));
/// assert!(!tollgate::rules::is_guid("6202c3bb-f263-3c16-8c90"));
/// ```
pub fn is_guid(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Fixed-size groups and no early exit inside them: the compiler unrolls each group into
    // straight-line code.
    bytes.len() == 36
        && [bytes[8], bytes[13], bytes[18], bytes[23]] == [b'-'; 4]
        && all_hex(&bytes[..8])
        && all_hex(&bytes[9..13])
        && all_hex(&bytes[14..18])
        && all_hex(&bytes[19..23])
        && all_hex(&bytes[24..])
}

fn all_hex(group: &[u8]) -> bool {
    group.iter().fold(true, |all, &byte| all & HEX_DIGITS[usize::from(byte)])
}

/// Which bytes are hexadecimal digits: one load per byte instead of three range tests.
const HEX_DIGITS: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = b'0';
    while byte <= b'f' {
        table[byte as usize] = byte.is_ascii_hexdigit();
        byte += 1;
    }
    table
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
    let Some(rest) = after_web_scheme(text) else {
        return false;
    };
    ascii_web_url_rest(rest).unwrap_or_else(|| {
        // Not printable ASCII: spaces and controls are refused, other characters read as
        // characters.
        !text.chars().any(|c| c.is_whitespace() || c.is_control()) && host_and_port_ok(host_and_port(rest))
    })
}

/// What follows `http://` or `https://` (either in any case).
fn after_web_scheme(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    if bytes.len() < 7 || !bytes[..4].eq_ignore_ascii_case(b"http") {
        return None;
    }
    match &bytes[4..7] {
        b"://" => text.get(7..),
        [b's' | b'S', b':', b'/'] if bytes.get(7) == Some(&b'/') => text.get(8..),
        _ => None,
    }
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

/// Every byte is ASCII from `!` to `~`. No early exit, so the loop runs on whole vectors.
fn is_printable_ascii(bytes: &[u8]) -> bool {
    bytes.iter().fold(true, |all, byte| all & (byte.wrapping_sub(b'!') < 0x5e))
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
