//! The syntax rules of the `email-validator` package as pydantic calls it
//! (no DNS, international addresses allowed, quoted local parts and IP
//! literals refused), with its normalisation and its error texts.

use std::borrow::Cow;


use super::email_domain::{check_domain, domain_literal_error};

const EMAIL_MAX_LENGTH: usize = 254;
pub(super) const DOMAIN_MAX_LENGTH: usize = 253;
pub(super) const LABEL_MAX_LENGTH: usize = 63;
pub(super) const SPECIAL_USE_DOMAINS: [&str; 6] = ["arpa", "invalid", "local", "localhost", "onion", "test"];
const CASE_INSENSITIVE_MAILBOXES: [&str; 15] = [
    "info", "marketing", "sales", "support", "abuse", "noc", "security", "postmaster", "hostmaster", "usenet", "news",
    "webmaster", "www", "uucp", "ftp",
];

/// A valid address: the normalised form and its local part.
pub struct Address {
    pub normalized: String,
    pub local_part: String,
}

pub(super) type Checked<T> = Result<T, String>;

/// Character data from Python's `unicodedata`: its Unicode version is the
/// one email-validator reads, so a character new to Unicode is judged as
/// pydantic judges it. Only non-ASCII text and error texts reach it, and
/// validation holds the GIL. (Rust unit tests run without Python.)
#[cfg(not(test))]
mod py_unicode {
    use pyo3::prelude::*;
    use pyo3::sync::PyOnceLock;

    fn module(py: Python<'_>) -> Option<&Bound<'_, PyModule>> {
        static MODULE: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
        MODULE.get_or_try_init(py, || py.import("unicodedata").map(Bound::unbind)).ok().map(|m| m.bind(py))
    }

    pub fn category(c: char) -> Option<[u8; 2]> {
        Python::attach(|py| {
            let name: String = module(py)?.call_method1("category", (c.to_string(),)).ok()?.extract().ok()?;
            name.as_bytes().get(..2).and_then(|b| b.try_into().ok())
        })
    }

    pub fn name(c: char) -> Option<String> {
        Python::attach(|py| module(py)?.call_method1("name", (c.to_string(), py.None())).ok()?.extract().ok()?)
    }

    pub fn nfc(text: &str) -> Option<String> {
        Python::attach(|py| module(py)?.call_method1("normalize", ("NFC", text)).ok()?.extract().ok())
    }
}

#[cfg(test)]
mod py_unicode {
    pub fn category(_: char) -> Option<[u8; 2]> {
        Some(*b"Lo")
    }

    pub fn name(_: char) -> Option<String> {
        None
    }

    pub fn nfc(_: &str) -> Option<String> {
        None
    }
}

/// The general category, two letters as Python gives it (`Ll`, `Zs` ...).
pub(super) fn category(c: char) -> [u8; 2] {
    if c.is_ascii() {
        return match c {
            'a'..='z' => *b"Ll",
            'A'..='Z' => *b"Lu",
            '0'..='9' => *b"Nd",
            ' ' => *b"Zs",
            '\0'..='\x1f' | '\x7f' => *b"Cc",
            // the rest is punctuation or symbols, which every rule here treats alike
            _ => *b"Po",
        };
    }
    py_unicode::category(c).unwrap_or(*b"Cn")
}

fn is_printable_class(gc: [u8; 2]) -> bool {
    matches!(gc[0], b'L' | b'N' | b'P' | b'S')
}

/// Unicode NFC, as Python's `unicodedata.normalize` gives it.
fn nfc(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    py_unicode::nfc(text).map_or(Cow::Borrowed(text), Cow::Owned)
}

fn is_atext(c: char) -> bool {
    c.is_ascii_alphanumeric() || "_!#$%&'*+-/=?^`{|}~".contains(c)
}

fn is_atext_intl(c: char) -> bool {
    is_atext(c) || c as u32 >= 0x80
}

pub(super) fn is_hostname_intl(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '.' || c as u32 >= 0x80
}

/// A character as the error texts show it: quoted when printable, else its
/// Unicode name or its code point.
fn display(c: char) -> String {
    if c == '\\' {
        return "\"\\\"".into();
    }
    if is_printable_class(category(c)) {
        return if c == '\'' { "\"'\"".into() } else { format!("'{c}'") };
    }
    match py_unicode::name(c) {
        Some(name) => name,
        None if (c as u32) < 0xFFFF => format!("U+{:04X}", c as u32),
        None => format!("U+{:08X}", c as u32),
    }
}

/// The distinct displays of the characters failing `ok`, sorted and joined.
pub(super) fn bad_chars(text: &str, ok: impl Fn(char) -> bool) -> Option<String> {
    let mut shown: Vec<String> = text.chars().filter(|&c| !ok(c)).map(display).collect();
    if shown.is_empty() {
        return None;
    }
    shown.sort();
    shown.dedup();
    Some(shown.join(", "))
}

pub(super) fn too_many(length: usize, limit: usize) -> String {
    let diff = length - limit;
    format!("({diff} character{} too many)", if diff > 1 { "s" } else { "" })
}

/// Checks `text` and returns the normalised address.
pub fn validate(text: &str) -> Checked<Address> {
    let (display_name, local_raw, local, quoted, domain) = split(text)?;
    check_local_part(&local, quoted)?;
    let nfc = nfc(&local);
    if nfc != local {
        check_local_part(&nfc, quoted).map_err(|e| format!("After Unicode normalization: {e}"))?;
    }
    if quoted {
        return Err("Quoting the part before the @-sign is not allowed here.".into());
    }
    let mut local_part = nfc.into_owned();
    if local_part.is_ascii() && CASE_INSENSITIVE_MAILBOXES.contains(&local_part.to_ascii_lowercase().as_str()) {
        local_part = local_part.to_ascii_lowercase();
    }
    if domain.is_empty() {
        return Err("There must be something after the @-sign.".into());
    }
    if domain.starts_with('[') && domain.ends_with(']') {
        return Err(domain_literal_error(&domain[1..domain.len() - 1]));
    }
    let (ascii_domain, unicode_domain) = check_domain(&domain)?;
    let normalized = format!("{local_part}@{unicode_domain}");
    let original = format!("{local_raw}@{domain}");
    let ascii_form = format!("{local_part}@{ascii_domain}");
    check_length(&original, &normalized, &ascii_form)?;
    if display_name.is_some() {
        return Err("A display name and angle brackets around the email address are not permitted here.".into());
    }
    Ok(Address { normalized, local_part })
}

/// Splits at the first `@` (or `<`) outside quotes: display name, local part
/// as written, local part unquoted, whether it was quoted, domain.
fn split(text: &str) -> Checked<(Option<String>, String, String, bool, String)> {
    let (left, right) = split_at_unquoted(text, &['@', '<'])?;
    let (local, domain, display_name) = if let Some(rest) = right.strip_prefix('<') {
        let (name, name_quoted) = unquote(left.trim_end())?;
        if !name_quoted {
            if let Some(bad) = bad_chars(&name, |c| (is_atext(c) || c == ' ') && c != '.') {
                return Err(format!("The display name contains invalid characters when not quoted: {bad}."));
            }
        }
        check_unsafe(&name, true)?;
        if !rest.contains('>') {
            return Err("An open angle bracket at the start of the email address has to be followed by a close angle bracket at the end.".into());
        }
        let Some(addr_spec) = right.trim_end_matches(' ').strip_suffix('>') else {
            return Err("There can't be anything after the email address.".into());
        };
        let (local, domain) = split_at_unquoted(&addr_spec[1..], &['@'])?;
        (local.to_owned(), domain.to_owned(), Some(name))
    } else {
        (left.to_owned(), right.to_owned(), None)
    };
    let domain = domain.strip_prefix('@').map(str::to_owned).unwrap_or(domain);
    let (unquoted, quoted) = unquote(&local)?;
    Ok((display_name, local, unquoted, quoted, domain))
}

fn split_at_unquoted<'t>(text: &'t str, specials: &[char]) -> Checked<(&'t str, &'t str)> {
    let (mut inside, mut escaped) = (false, false);
    for (i, c) in text.char_indices() {
        if inside {
            if c == '\\' && !escaped {
                escaped = true;
            } else {
                if c == '"' && !escaped {
                    inside = false;
                }
                escaped = false;
            }
        } else if c == '"' {
            inside = true;
        } else if specials.contains(&c) {
            return Ok((&text[..i], &text[i..]));
        }
    }
    if text.contains('＠') {
        return Err("The email address has the \"full-width\" at-sign (@) character instead of a regular at-sign.".into());
    }
    if text.contains('﹫') {
        return Err("The email address has the \"small commercial at\" character instead of a regular at-sign.".into());
    }
    Err("An email address must have an @-sign.".into())
}

/// The text without its quotes and escapes, and whether it was quoted.
fn unquote(text: &str) -> Checked<(String, bool)> {
    let (mut quoted, mut escaped) = (false, false);
    let mut value = String::new();
    for (i, c) in text.char_indices() {
        if quoted {
            if escaped {
                value.push(c);
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                let after = &text[i + 1..];
                if !after.is_empty() {
                    let shown: Vec<String> = after.chars().map(display).collect();
                    return Err(format!("Extra character(s) found after close quote: {}", shown.join(", ")));
                }
                break;
            } else {
                value.push(c);
            }
        } else if i == 0 && c == '"' {
            quoted = true;
        } else {
            value.push(c);
        }
    }
    Ok((value, quoted))
}

fn check_local_part(local: &str, quoted: bool) -> Checked<()> {
    if local.is_empty() {
        return Err("There must be something before the @-sign.".into());
    }
    let dot_atom = |ok: fn(char) -> bool| local.split('.').all(|atom| !atom.is_empty() && atom.chars().all(ok));
    if dot_atom(is_atext) {
        return Ok(());
    }
    if dot_atom(is_atext_intl) {
        return check_unsafe(local, false);
    }
    if quoted {
        if let Some(bad) = bad_chars(local, |c| c as u32 >= 0x20 && c as u32 != 0x7f) {
            return Err(format!("The email address contains invalid characters in quotes before the @-sign: {bad}."));
        }
        return check_unsafe(local, true);
    }
    if let Some(bad) = bad_chars(local, |c| c == '.' || is_atext_intl(c)) {
        return Err(format!("The email address contains invalid characters before the @-sign: {bad}."));
    }
    check_dot_atom(local, "An email address cannot start with a {}.", "An email address cannot have a {} immediately before the @-sign.", false)?;
    Err("The email address contains invalid characters before the @-sign.".into())
}

pub(super) fn check_unsafe(text: &str, allow_space: bool) -> Checked<()> {
    let mut bad: Vec<char> = Vec::new();
    for (i, c) in text.chars().enumerate() {
        let gc = category(c);
        let fine = is_printable_class(gc) || (gc[0] == b'M' && i != 0) || (&gc == b"Zs" && allow_space);
        if !fine && !bad.contains(&c) {
            bad.push(c);
        }
    }
    if bad.is_empty() {
        return Ok(());
    }
    bad.sort();
    let shown: Vec<String> = bad.into_iter().map(display).collect();
    Err(format!("The email address contains unsafe characters: {}.", shown.join(", ")))
}

pub(super) fn check_dot_atom(label: &str, start: &str, end: &str, hostname: bool) -> Checked<()> {
    if label.ends_with('.') {
        return Err(end.replace("{}", "period"));
    }
    if label.starts_with('.') {
        return Err(start.replace("{}", "period"));
    }
    if label.contains("..") {
        return Err("An email address cannot have two periods in a row.".into());
    }
    if hostname {
        if label.ends_with('-') {
            return Err(end.replace("{}", "hyphen"));
        }
        if label.starts_with('-') {
            return Err(start.replace("{}", "hyphen"));
        }
        if label.contains(".-") || label.contains("-.") {
            return Err("An email address cannot have a period and a hyphen next to each other.".into());
        }
    }
    Ok(())
}

/// The whole address in UTF-8 bytes, as written, normalised and in ASCII.
fn check_length(original: &str, normalized: &str, ascii: &str) -> Checked<()> {
    for (address, reason) in [(original, None), (normalized, Some("after normalization")), (ascii, Some("when the part after the @-sign is converted to IDNA ASCII"))] {
        let bytes = address.len();
        if bytes <= EMAIL_MAX_LENGTH {
            continue;
        }
        let diff = bytes - EMAIL_MAX_LENGTH;
        let s = if diff > 1 { "s" } else { "" };
        let reason = match reason {
            Some(reason) => format!("{reason} ({diff} byte{s} too many)"),
            None if address.is_ascii() => too_many(bytes, EMAIL_MAX_LENGTH),
            None => {
                let widest = address.chars().map(char::len_utf8).max().unwrap_or(1);
                let chars = (diff / widest).max(1);
                if chars == diff {
                    format!("({diff} character{s} too many)")
                } else {
                    format!("({chars}-{diff} character{s} too many)")
                }
            }
        };
        return Err(format!("The email address is too long {reason}."));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::validate;

    fn reason(text: &str) -> String {
        validate(text).err().unwrap_or_default()
    }

    #[test]
    fn addresses_are_normalised_as_email_validator_normalises_them() {
        let normalized = |text: &str| validate(text).map(|a| a.normalized).unwrap_or_default();
        assert_eq!(normalized("A.B@EXAMPLE.COM"), "A.B@example.com");
        assert_eq!(normalized("Info@x.com"), "info@x.com");
        assert_eq!(normalized("a+b@x.co"), "a+b@x.co");
    }

    /// The ASCII failures (their texts need no character names).
    #[test]
    fn failures_read_as_email_validator_words_them() {
        assert_eq!(reason("a"), "An email address must have an @-sign.");
        assert_eq!(reason("@x.com"), "There must be something before the @-sign.");
        assert_eq!(reason("a@"), "There must be something after the @-sign.");
        assert_eq!(reason("a@b"), "The part after the @-sign is not valid. It should have a period.");
        assert_eq!(reason("a..b@x.com"), "An email address cannot have two periods in a row.");
        assert_eq!(reason(".a@x.com"), "An email address cannot start with a period.");
        assert_eq!(reason("a@-x.com"), "An email address cannot have a hyphen immediately after the @-sign.");
        assert_eq!(reason("a@x.local"), "The part after the @-sign is a special-use or reserved name that cannot be used with email.");
        assert_eq!(reason("a@x_y.com"), "The part after the @-sign contains invalid characters: '_'.");
        assert_eq!(reason("a(b)@x.com"), "The email address contains invalid characters before the @-sign: '(', ')'.");
        assert_eq!(reason("\"ab\"@x.com"), "Quoting the part before the @-sign is not allowed here.");
        assert_eq!(reason("a@[1.2.3.4]"), "A bracketed IP address after the @-sign is not allowed here.");
        assert_eq!(
            reason("a@[1.2.3]"),
            "The address in brackets after the @-sign is not valid: It is not an IPv4 address (Expected 4 octets in '1.2.3') or is missing an address literal tag."
        );
    }
}
