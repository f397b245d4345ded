//! The domain half of an email address, as email-validator checks it: DNS
//! label rules, IDNA 2008 for international domains, the special-use names,
//! and its wording for the bracketed IP literals it refuses.

use std::borrow::Cow;

use super::email_syntax::*;

fn is_hostname(domain: &str) -> bool {
    domain.split('.').all(|label| {
        let bytes = label.as_bytes();
        !bytes.is_empty()
            && bytes.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-')
            && bytes[0] != b'-'
            && bytes[bytes.len() - 1] != b'-'
    })
}

/// The ASCII and the Unicode forms of a valid domain.
pub(super) fn check_domain(domain: &str) -> Checked<(String, String)> {
    let length = domain.chars().count();
    if length > DOMAIN_MAX_LENGTH {
        return Err(format!("The email address is too long after the @-sign {}.", too_many(length, DOMAIN_MAX_LENGTH)));
    }
    if let Some(bad) = bad_chars(domain, is_hostname_intl) {
        return Err(format!("The part after the @-sign contains invalid characters: {bad}."));
    }
    check_unsafe(domain, false)?;
    // UTS 46 mapping: lower case, width and compatibility forms
    let mapped: Cow<str> = if domain.is_ascii() {
        Cow::Owned(domain.to_ascii_lowercase())
    } else {
        match idna::domain_to_unicode(domain) {
            (unicode, Ok(())) => Cow::Owned(unicode),
            (_, Err(_)) => return Err("The part after the @-sign contains invalid characters (Codepoint not allowed).".into()),
        }
    };
    if let Some(bad) = bad_chars(&mapped, is_hostname_intl) {
        return Err(format!("The part after the @-sign contains invalid characters after Unicode normalization: {bad}."));
    }
    check_dot_atom(&mapped, "An email address cannot have a {} immediately after the @-sign.", "An email address cannot end with a {}.", true)?;
    for label in mapped.split('.') {
        let b = label.as_bytes();
        if b.len() >= 4 && &b[2..4] == b"--" && !label[..2].eq_ignore_ascii_case("xn") {
            return Err("An email address cannot have two letters followed by two dashes immediately after the @-sign or after a period, except Punycode.".into());
        }
    }
    let ascii = if is_hostname(&mapped) {
        mapped.to_string()
    } else {
        for label in mapped.split('.') {
            idna2008_label(label).map_err(|e| format!("The part after the @-sign is invalid ({e})."))?;
        }
        match idna::domain_to_ascii_strict(&mapped) {
            Ok(ascii) if is_hostname(&ascii) => ascii,
            Ok(_) => return Err("The email address contains invalid characters after the @-sign after IDNA encoding.".into()),
            Err(_) => return Err("The part after the @-sign is invalid (Codepoint not allowed).".into()),
        }
    };
    if ascii.len() > DOMAIN_MAX_LENGTH {
        if ascii == domain {
            return Err(format!("The email address is too long after the @-sign {}.", too_many(ascii.len(), DOMAIN_MAX_LENGTH)));
        }
        let diff = ascii.len() - DOMAIN_MAX_LENGTH;
        return Err(format!("The email address is too long after the @-sign ({diff} byte{} too many after IDNA encoding).", if diff == 1 { "" } else { "s" }));
    }
    if let Some(label) = ascii.split('.').find(|l| l.len() > LABEL_MAX_LENGTH) {
        return Err(format!("After the @-sign, periods cannot be separated by so many characters {}.", too_many(label.len(), LABEL_MAX_LENGTH)));
    }
    if !ascii.contains('.') {
        return Err("The part after the @-sign is not valid. It should have a period.".into());
    }
    if !ascii.ends_with(|c: char| c.is_ascii_alphabetic()) {
        return Err("The part after the @-sign is not valid. It is not within a valid top-level domain.".into());
    }
    if SPECIAL_USE_DOMAINS.iter().any(|d| ascii == *d || ascii.ends_with(&format!(".{d}"))) {
        return Err("The part after the @-sign is a special-use or reserved name that cannot be used with email.".into());
    }
    if !ascii.contains("xn--") {
        return Ok((ascii.clone(), ascii));
    }
    match idna::domain_to_unicode(&ascii) {
        (unicode, Ok(())) if !unicode.contains("xn--") => {
            check_unsafe(&unicode, false)?;
            Ok((ascii, unicode))
        }
        _ => Err("The part after the @-sign is not valid IDNA (Codepoint not allowed).".into()),
    }
}

/// IDNA 2008's rules for the characters of a label (the `idna` package's),
/// stricter than UTS 46: letters, digits and marks, with a few exceptions and
/// the contextual characters' rules.
fn idna2008_label(label: &str) -> Checked<()> {
    let chars: Vec<char> = label.chars().collect();
    if chars.first().is_some_and(|&c| category(c)[0] == b'M') {
        return Err("Label begins with an illegal combining character".into());
    }
    let any = |range: &[(u32, u32)]| chars.iter().any(|&c| range.iter().any(|&(lo, hi)| (lo..=hi).contains(&(c as u32))));
    for (i, &c) in chars.iter().enumerate() {
        let code = c as u32;
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let in_range = |c: Option<char>, lo: u32, hi: u32| c.is_some_and(|c| (lo..=hi).contains(&(c as u32)));
        let context = match code {
            0xB7 => Some(before == Some('l') && after == Some('l')),
            0x375 => Some(in_range(after, 0x370, 0x3FF)),
            0x5F3 | 0x5F4 => Some(in_range(before, 0x590, 0x5FF)),
            0x30FB => Some(any(&[(0x3040, 0x30FA), (0x30FC, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF)])),
            0x660..=0x669 => Some(!any(&[(0x6F0, 0x6F9)])),
            0x6F0..=0x6F9 => Some(!any(&[(0x660, 0x669)])),
            _ => None,
        };
        let shown = format!("U+{code:04X}");
        match context {
            Some(true) => continue,
            Some(false) => return Err(format!("Codepoint {shown} not allowed at position {} in '{label}'", i + 1)),
            None => {}
        }
        let gc = category(c);
        let letter_digit = matches!(&gc, b"Ll" | b"Lo" | b"Lm" | b"Mn" | b"Mc" | b"Nd");
        let allowed = c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'
            || matches!(code, 0x6FD | 0x6FE | 0xF0B | 0x3007)
            || (letter_digit && !matches!(code, 0x640 | 0x7FA | 0x302E | 0x302F | 0x3031..=0x3035 | 0x303B));
        if !allowed {
            return Err(format!("Codepoint {shown} at position {} of '{label}' not allowed", i + 1));
        }
    }
    Ok(())
}

/// Why a bracketed domain fails: IP literals are refused, and a malformed
/// one is reported as such first.
pub(super) fn domain_literal_error(literal: &str) -> String {
    if !literal.is_empty() && literal.chars().all(|c| c.is_ascii_digit() || c == '.') {
        if literal.parse::<std::net::Ipv4Addr>().is_err() {
            return format!("The address in brackets after the @-sign is not valid: It is not an IPv4 address ({}) or is missing an address literal tag.", ipv4_problem(literal));
        }
    } else if literal.len() >= 5 && literal[..5].eq_ignore_ascii_case("ipv6:") {
        if literal[5..].parse::<std::net::Ipv6Addr>().is_err() {
            return "The IPv6 address in brackets after the @-sign is not valid.".into();
        }
    } else if !literal.contains(':') {
        return "The part after the @-sign in brackets is not an IPv4 address and has no address literal tag.".into();
    } else if let Some(bad) = bad_chars(literal, |c| ('\u{21}'..='\u{fa}').contains(&c)) {
        return format!("The part after the @-sign contains invalid characters in brackets: {bad}.");
    } else {
        return "The part after the @-sign contains an invalid address literal tag in brackets.".into();
    }
    "A bracketed IP address after the @-sign is not allowed here.".into()
}

/// Python's `ipaddress` wording for the common ways an IPv4 text fails.
fn ipv4_problem(literal: &str) -> String {
    let octets: Vec<&str> = literal.split('.').collect();
    if octets.len() != 4 {
        return format!("Expected 4 octets in '{literal}'");
    }
    if octets.iter().any(|o| o.is_empty()) {
        return format!("Empty octet not permitted in '{literal}'");
    }
    for octet in octets {
        if octet.len() > 3 {
            return format!("At most 3 characters permitted in '{octet}' in '{literal}'");
        }
        if octet.parse::<u32>().is_ok_and(|v| v > 255) {
            return format!("Octet {octet} (> 255) not permitted in '{literal}'");
        }
        if octet.len() > 1 && octet.starts_with('0') {
            return format!("Leading zeros are not permitted in '{octet}' in '{literal}'");
        }
    }
    format!("Invalid IPv4 address '{literal}'")
}
