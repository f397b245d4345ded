//! The JSON text a dump writes: compact or indented, strings escaped as JSON
//! requires (non-ASCII kept as UTF-8), numbers as pydantic prints them.

/// Each thread keeps the buffer of its last dump, so a dump usually writes
/// without allocating; a very large one is not kept.
const MAX_SPARE: usize = 1 << 20;

thread_local! {
    static SPARE: std::cell::Cell<String> = const { std::cell::Cell::new(String::new()) };
}

/// Output of `model_dump_json`, with the indentation state.
pub struct JsonOut {
    pub buf: String,
    indent: Option<String>,
    depth: usize,
}

impl JsonOut {
    pub fn new(indent: Option<usize>) -> Self {
        let mut buf = SPARE.with(|spare| spare.take());
        buf.clear();
        JsonOut { buf, indent: indent.map(|n| " ".repeat(n)), depth: 0 }
    }

    /// The text as a Python str; the buffer is kept for the next dump.
    pub fn into_py<'py>(self, py: pyo3::Python<'py>) -> pyo3::Bound<'py, pyo3::types::PyString> {
        let text = pyo3::types::PyString::new(py, &self.buf);
        if self.buf.capacity() <= MAX_SPARE {
            SPARE.with(|spare| spare.set(self.buf));
        }
        text
    }

    #[inline]
    pub fn begin(&mut self, open: char) {
        self.buf.push(open);
        self.depth += 1;
    }

    /// Before each item of an array or member of an object.
    #[inline]
    pub fn item(&mut self, first: bool) {
        if !first {
            self.buf.push(',');
        }
        if let Some(unit) = &self.indent {
            self.buf.push('\n');
            for _ in 0..self.depth {
                self.buf.push_str(unit);
            }
        }
    }

    #[inline]
    pub fn end(&mut self, close: char, had_items: bool) {
        self.depth -= 1;
        if had_items {
            if let Some(unit) = &self.indent {
                self.buf.push('\n');
                for _ in 0..self.depth {
                    self.buf.push_str(unit);
                }
            }
        }
        self.buf.push(close);
    }

    /// An object key already escaped and quoted, and its colon.
    #[inline]
    pub fn key(&mut self, quoted: &str) {
        self.buf.push_str(quoted);
        self.buf.push_str(if self.indent.is_some() { ": " } else { ":" });
    }

    pub fn indented(&self) -> bool {
        self.indent.is_some()
    }

    #[inline]
    pub fn str(&mut self, s: &str) {
        write_str(&mut self.buf, s);
    }

    #[inline]
    pub fn raw(&mut self, s: &str) {
        self.buf.push_str(s);
    }

    #[inline]
    pub fn int(&mut self, v: i64) {
        self.buf.push_str(itoa::Buffer::new().format(v));
    }

    #[inline]
    pub fn float(&mut self, v: f64) {
        write_float(&mut self.buf, v);
    }
}

/// 0: no escape; b'u': `\u00XX`; otherwise the letter after the backslash.
static ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        table[i] = b'u';
        i += 1;
    }
    table[b'\n' as usize] = b'n';
    table[b'\r' as usize] = b'r';
    table[b'\t' as usize] = b't';
    table[0x08] = b'b';
    table[0x0c] = b'f';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// `s` as a JSON string.
pub fn write_str(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape = ESCAPE[b as usize];
        if escape == 0 {
            continue;
        }
        out.push_str(&s[start..i]);
        if escape == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 0xf) as usize] as char);
        } else {
            out.push('\\');
            out.push(escape as char);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// `s` quoted and escaped, for keys escaped once at class definition.
pub fn quoted(s: &str) -> Box<str> {
    let mut out = String::new();
    write_str(&mut out, s);
    out.into_boxed_str()
}

/// Floats as pydantic writes them: the shortest digits that read back as the
/// same value, in decimal notation for 1e-5 <= |v| < 1e16 (with `.0` when
/// whole), otherwise as `1.5e+300` / `1e-7`; NaN and the infinities as null.
/// ryu's notation is the same but for the `+` of a positive exponent.
#[inline]
pub fn write_float(out: &mut String, v: f64) {
    if !v.is_finite() {
        out.push_str("null");
        return;
    }
    if write_short_decimal(out, v) {
        return;
    }
    let mut buffer = ryu::Buffer::new();
    let text = buffer.format_finite(v);
    match text.find('e') {
        Some(at) if !text[at + 1..].starts_with('-') => {
            out.push_str(&text[..=at]);
            out.push('+');
            out.push_str(&text[at + 1..]);
        }
        _ => out.push_str(text),
    }
}

const POW10: [f64; 6] = [1.0, 10.0, 100.0, 1e3, 1e4, 1e5];

/// Most floats in real data have a few decimals (prices, scores): such a
/// value is n / 10^k for a small k, and written from n directly. For
/// 1e-5 <= |v| < 1e9 and k <= 5, two k-decimal numbers are further apart
/// than two doubles, so the one that reads back as v is also the shortest
/// text, the digits ryu would give. Returns false when v is not such a value.
#[inline]
fn write_short_decimal(out: &mut String, v: f64) -> bool {
    let magnitude = v.abs();
    if !(1e-5..1e9).contains(&magnitude) {
        return false;
    }
    for (k, scale) in POW10.iter().enumerate() {
        let n = (magnitude * scale).round();
        if n / scale != magnitude {
            continue;
        }
        let mut digits = itoa::Buffer::new();
        let digits = digits.format(n as u64);
        if v < 0.0 {
            out.push('-');
        }
        if k == 0 {
            out.push_str(digits);
            out.push_str(".0");
        } else if digits.len() > k {
            let (whole, frac) = digits.split_at(digits.len() - k);
            out.push_str(whole);
            out.push('.');
            out.push_str(frac);
        } else {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', k - digits.len()));
            out.push_str(digits);
        }
        return true;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn float(v: f64) -> String {
        let mut s = String::new();
        write_float(&mut s, v);
        s
    }

    #[test]
    fn floats_print_as_pydantic_prints_them() {
        let cases = [
            (1e16, "1e+16"), (1e-7, "1e-7"), (1.5e300, "1.5e+300"), (0.0001, "0.0001"), (1e-5, "0.00001"),
            (123456789012345.6, "123456789012345.6"), (1.0, "1.0"), (-0.0, "-0.0"), (0.0, "0.0"),
            (5e-324, "5e-324"), (2.5e-5, "0.000025"), (1e15, "1000000000000000.0"),
            (9999999999999998.0, "9999999999999998.0"), (87.5, "87.5"), (-3.25e-9, "-3.25e-9"), (f64::NAN, "null"),
            (1e-6, "1e-6"), (-1e22, "-1e+22"), (1.7976931348623157e308, "1.7976931348623157e+308"), (0.1, "0.1"),
        ];
        for (v, expected) in cases {
            assert_eq!(float(v), expected, "{v:?}");
        }
    }

    fn ryu_text(v: f64) -> String {
        let mut s = String::new();
        let text = ryu::Buffer::new().format_finite(v).to_owned();
        match text.find('e') {
            Some(at) if !text[at + 1..].starts_with('-') => {
                s.push_str(&text[..=at]);
                s.push('+');
                s.push_str(&text[at + 1..]);
            }
            _ => s.push_str(&text),
        }
        s
    }

    proptest::proptest! {
        #[test]
        fn short_decimals_match_ryu(n in -999_999_999_999_999i64..999_999_999_999_999, k in 0u32..9) {
            let v = n as f64 / 10f64.powi(k as i32);
            proptest::prop_assert_eq!(float(v), ryu_text(v));
        }

        #[test]
        fn any_float_matches_ryu(bits in proptest::prelude::any::<u64>()) {
            let v = f64::from_bits(bits);
            if v.is_finite() {
                proptest::prop_assert_eq!(float(v), ryu_text(v));
            }
        }
    }

    #[test]
    fn strings_escape_controls_quotes_and_backslashes() {
        let mut s = String::new();
        write_str(&mut s, "a\"b\\c\n\u{1}é\u{7f}");
        assert_eq!(s, "\"a\\\"b\\\\c\\n\\u0001é\u{7f}\"");
    }

    #[test]
    fn indented_output_matches_json_dumps() {
        let mut out = JsonOut::new(Some(2));
        out.begin('{');
        out.item(true);
        out.key("\"a\"");
        out.begin('[');
        out.end(']', false);
        out.item(false);
        out.key("\"b\"");
        out.begin('[');
        out.item(true);
        out.int(1);
        out.end(']', true);
        out.end('}', true);
        assert_eq!(out.buf, "{\n  \"a\": [],\n  \"b\": [\n    1\n  ]\n}");
    }
}
