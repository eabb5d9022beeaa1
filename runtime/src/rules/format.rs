//! The string formats Wix checks: GUIDs and absolute web URLs.

/// Whether `text` is a GUID: 8-4-4-4-12 hexadecimal digits, hyphenated.
///
/// ```
/// assert!(tollgate::rules::is_guid("6202c3bb-f263-3c16-8c90-d6387d9ed420"));
/// assert!(!tollgate::rules::is_guid("6202c3bb-f263-3c16-8c90"));
/// ```
pub fn is_guid(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, &b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

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
    let Some((scheme, rest)) = text.split_once("://") else {
        return false;
    };
    if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        return false;
    }
    // ASCII text, the usual case, is checked byte by byte; only other text needs chars.
    let has_space_or_control = if text.is_ascii() {
        text.bytes().any(|b| b <= b' ' || b == 0x7f)
    } else {
        text.chars().any(|c| c.is_whitespace() || c.is_control())
    };
    if has_space_or_control {
        return false;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_and_port = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
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
        ] {
            assert!(!is_web_url(bad), "{bad:?} accepted");
        }
    }
}
