//! A JSON record read once, in order, straight into native values as the
//! schema asks for them, with no tree in between. Every method answers None
//! when the input is not what the native path takes as it stands (including
//! malformed JSON): the record then goes through the full path, which reports
//! it. So this reader accepts no document that `JsonValue::parse` refuses.
//!
//! The plain tokens of ordinary records (strings without escapes, 64-bit
//! ints, floats, literals and punctuation) are scanned here, which is about
//! twice as fast as stepping jiter's parser through them; anything else (an
//! escape, a big int, NaN, malformed input) answers None, and an `Any` value
//! is parsed by jiter.

use std::borrow::Cow;

use jiter::{Jiter, JsonValue, Peek};
use pyo3::Python;

/// Deeper records take the full path. Below jiter's own limit (200 open
/// containers), so that a record accepted here is never one the parser refuses.
const MAX_DEPTH: usize = 100;

pub struct JsonReader<'d> {
    data: &'d [u8],
    /// The next byte to read.
    index: usize,
    /// Containers open around the current value.
    depth: usize,
    /// Held by a record read alone whose defaults run no user code: its
    /// nested models become instances as soon as they are read.
    py: Option<Python<'d>>,
}

/// How many containers deep a value goes (a scalar: 0).
fn value_depth(value: &JsonValue<'_>) -> usize {
    match value {
        JsonValue::Array(items) => 1 + items.iter().map(value_depth).max().unwrap_or(0),
        JsonValue::Object(pairs) => 1 + pairs.iter().map(|(_, v)| value_depth(v)).max().unwrap_or(0),
        _ => 0,
    }
}

/// The powers of ten that f64 holds exactly.
const POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

const ONE_BYTES: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `word` (eight bytes of a string, the first
/// lowest) that stops a plain string: a quote, a backslash or a control
/// character. Exact up to the first such byte, which is all that is read.
#[inline(always)]
fn stop_bytes(word: u64) -> u64 {
    let zero_bytes = |x: u64| x.wrapping_sub(ONE_BYTES) & !x & HIGH_BITS;
    let quotes = zero_bytes(word ^ (ONE_BYTES * u64::from(b'"')));
    let backslashes = zero_bytes(word ^ (ONE_BYTES * u64::from(b'\\')));
    let controls = word.wrapping_sub(ONE_BYTES * 0x20) & !word & HIGH_BITS;
    quotes | backslashes | controls
}

/// Whether two short byte strings (keys) are equal, compared inline: a call
/// to the library's memcmp costs more than the comparison itself.
#[inline(always)]
pub fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut a_words = a.chunks_exact(8);
    let mut b_words = b.chunks_exact(8);
    for (x, y) in a_words.by_ref().zip(b_words.by_ref()) {
        let (Ok(x), Ok(y)) = (<[u8; 8]>::try_from(x), <[u8; 8]>::try_from(y)) else {
            return false;
        };
        if u64::from_ne_bytes(x) != u64::from_ne_bytes(y) {
            return false;
        }
    }
    a_words.remainder().iter().zip(b_words.remainder()).all(|(x, y)| x == y)
}

/// A scanned number: an int that fits 64 bits, or a finite float.
enum Number {
    Int(i64),
    Float(f64),
}

impl<'d> JsonReader<'d> {
    pub fn new(data: &'d [u8]) -> Self {
        JsonReader { data, index: 0, depth: 0, py: None }
    }

    /// A reader of one record read with the GIL held.
    pub fn with_gil(data: &'d [u8], py: Python<'d>) -> Self {
        JsonReader { data, index: 0, depth: 0, py: Some(py) }
    }

    /// The GIL, when the reader was made holding it.
    #[inline]
    pub fn gil(&self) -> Option<Python<'d>> {
        self.py
    }

    /// The next byte that is not JSON whitespace, left unread.
    #[inline]
    fn skip_whitespace(&mut self) -> Option<u8> {
        while let Some(&byte) = self.data.get(self.index) {
            match byte {
                b' ' | b'\n' | b'\r' | b'\t' => self.index += 1,
                _ => return Some(byte),
            }
        }
        None
    }

    /// Reads `byte` after optional whitespace.
    #[inline]
    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.skip_whitespace()? == byte).then(|| self.index += 1)
    }

    /// Reads the literal `word` at the current byte.
    #[inline]
    fn literal(&mut self, word: &[u8]) -> Option<()> {
        let end = self.index + word.len();
        (self.data.get(self.index..end)? == word).then(|| self.index = end)
    }

    #[inline]
    pub fn peek(&mut self) -> Option<Peek> {
        self.skip_whitespace().map(Peek::new)
    }

    /// Nothing but whitespace after the record.
    pub fn finish(&mut self) -> Option<()> {
        self.skip_whitespace().is_none().then_some(())
    }

    #[inline]
    pub fn null(&mut self, peek: Peek) -> Option<()> {
        if peek != Peek::Null {
            return None;
        }
        self.literal(b"null")
    }

    #[inline]
    pub fn bool(&mut self, peek: Peek) -> Option<bool> {
        match peek {
            Peek::True => self.literal(b"true").map(|_| true),
            Peek::False => self.literal(b"false").map(|_| false),
            _ => None,
        }
    }

    /// A number in JSON's grammar: an int when it has no fraction or
    /// exponent. Infinity, NaN and ints beyond 64 bits are left to the full path.
    #[inline]
    fn number(&mut self, peek: Peek) -> Option<Number> {
        if !peek.is_num() {
            return None;
        }
        let data = self.data;
        let start = self.index;
        let mut at = start;
        let negative = data[at] == b'-';
        at += negative as usize;
        let digits_start = at;
        // the magnitude, negated as it grows so that i64::MIN fits
        let mut value: i64 = 0;
        let mut fits = true;
        while let Some(&byte) = data.get(at).filter(|b| b.is_ascii_digit()) {
            let digit = i64::from(byte - b'0');
            match value.checked_mul(10).and_then(|v| v.checked_sub(digit)) {
                Some(v) => value = v,
                None => fits = false,
            }
            at += 1;
        }
        let digits = at - digits_start;
        // no digits (Infinity, "-"), or a leading zero before more digits
        if digits == 0 || (digits > 1 && data[digits_start] == b'0') {
            return None;
        }
        // a float's decimal digits (int and fraction parts) and its power of ten,
        // for the exact fast path below
        let mut mantissa: u64 = value.unsigned_abs();
        let mut mantissa_digits = digits;
        let mut power: i64 = 0;
        let mut is_float = false;
        if data.get(at) == Some(&b'.') {
            let fraction_start = at + 1;
            at = fraction_start;
            while let Some(&byte) = data.get(at).filter(|b| b.is_ascii_digit()) {
                if mantissa_digits < 19 {
                    mantissa = mantissa * 10 + u64::from(byte - b'0');
                    power -= 1;
                }
                mantissa_digits += 1;
                at += 1;
            }
            if at == fraction_start {
                return None;
            }
            is_float = true;
        }
        if matches!(data.get(at), Some(b'e' | b'E')) {
            at += 1;
            let exponent_negative = data.get(at) == Some(&b'-');
            at += matches!(data.get(at), Some(b'+' | b'-')) as usize;
            let exponent_start = at;
            let mut exponent: i64 = 0;
            while let Some(&byte) = data.get(at).filter(|b| b.is_ascii_digit()) {
                exponent = (exponent * 10 + i64::from(byte - b'0')).min(1 << 20);
                at += 1;
            }
            if at == exponent_start {
                return None;
            }
            power += if exponent_negative { -exponent } else { exponent };
            is_float = true;
        }
        self.index = at;
        if is_float {
            // Up to 15 digits and a power of ten up to 22 are both exact as
            // f64, so one multiplication or division rounds correctly.
            if fits && mantissa_digits <= 15 && (-22..=22).contains(&power) {
                let magnitude = mantissa as f64;
                let scaled = if power < 0 { magnitude / POWERS_OF_TEN[(-power) as usize] } else { magnitude * POWERS_OF_TEN[power as usize] };
                return Some(Number::Float(if negative { -scaled } else { scaled }));
            }
            // SAFETY: the bytes scanned above are ASCII.
            let text = unsafe { std::str::from_utf8_unchecked(&data[start..at]) };
            // correctly rounded, as jiter reads floats
            return text.parse::<f64>().ok().filter(|f| f.is_finite()).map(Number::Float);
        }
        if !fits {
            return None;
        }
        if negative {
            Some(Number::Int(value))
        } else {
            value.checked_neg().map(Number::Int)
        }
    }

    /// A JSON int that fits 64 bits.
    #[inline]
    pub fn int(&mut self, peek: Peek) -> Option<i64> {
        match self.number(peek)? {
            Number::Int(i) => Some(i),
            Number::Float(_) => None,
        }
    }

    /// A JSON float, or an int that fits 64 bits, as a float.
    #[inline]
    pub fn float(&mut self, peek: Peek) -> Option<f64> {
        match self.number(peek)? {
            Number::Int(i) => Some(i as f64),
            Number::Float(f) => Some(f),
        }
    }

    /// A string without escapes, borrowed from the input.
    #[inline]
    pub fn str(&mut self, peek: Peek) -> Option<Cow<'d, str>> {
        if peek != Peek::String {
            return None;
        }
        self.plain_string().map(Cow::Borrowed)
    }

    /// The string at the current byte (its opening quote), when it has no
    /// escape; control characters and invalid UTF-8 are left to the full path.
    #[inline]
    fn plain_string(&mut self) -> Option<&'d str> {
        let data = self.data;
        let start = self.index + 1;
        let mut end = start;
        // every byte before the end OR-ed together: no high bit means ASCII
        let mut seen = 0u64;
        // eight bytes at a time while eight are left, then one at a time
        while let Some(chunk) = data.get(end..end + 8) {
            let word = u64::from_le_bytes(chunk.try_into().ok()?);
            let stops = stop_bytes(word);
            if stops != 0 {
                let before = (stops.trailing_zeros() / 8) as usize;
                seen |= word & ((1u64 << (8 * before)) - 1);
                end += before;
                return self.string_end(start, end, seen);
            }
            seen |= word;
            end += 8;
        }
        loop {
            let byte = *data.get(end)?;
            if byte == b'"' || byte == b'\\' || byte < 0x20 {
                return self.string_end(start, end, seen);
            }
            seen |= u64::from(byte);
            end += 1;
        }
    }

    /// The string from `start` up to the byte at `end`, which ends it if it
    /// is a quote; `seen` holds the string's bytes OR-ed together.
    #[inline(always)]
    fn string_end(&mut self, start: usize, end: usize, seen: u64) -> Option<&'d str> {
        if self.data[end] != b'"' {
            return None;
        }
        let bytes = &self.data[start..end];
        let text = if seen & HIGH_BITS == 0 {
            // SAFETY: every byte is ASCII
            unsafe { std::str::from_utf8_unchecked(bytes) }
        } else {
            std::str::from_utf8(bytes).ok()?
        };
        self.index = end + 1;
        Some(text)
    }

    /// Any value, as the parser would give it within the whole record.
    pub fn value(&mut self, peek: Peek) -> Option<JsonValue<'d>> {
        let mut jiter = Jiter::new(self.data.get(self.index..)?).with_allow_inf_nan();
        let value = jiter.known_value(peek).ok()?;
        if self.depth + value_depth(&value) > MAX_DEPTH {
            return None;
        }
        self.index += jiter.current_index();
        Some(value)
    }

    /// Enters an array: the first item's peek, or None (inside) when empty.
    pub fn array(&mut self, peek: Peek) -> Option<Option<Peek>> {
        if peek != Peek::Array || self.depth >= MAX_DEPTH {
            return None;
        }
        self.index += 1;
        if self.skip_whitespace()? == b']' {
            self.index += 1;
            return Some(None);
        }
        self.depth += 1;
        self.peek().map(Some)
    }

    /// The next item's peek, or None (inside) at the array's end.
    pub fn array_step(&mut self) -> Option<Option<Peek>> {
        match self.skip_whitespace()? {
            b',' => {
                self.index += 1;
                // a trailing comma is malformed
                self.peek().filter(|&peek| peek != Peek::new(b']')).map(Some)
            }
            b']' => {
                self.index += 1;
                self.depth -= 1;
                Some(None)
            }
            _ => None,
        }
    }

    /// A key and its colon, at the current byte (after whitespace).
    #[inline]
    pub fn key(&mut self) -> Option<Cow<'d, str>> {
        if self.skip_whitespace()? != b'"' {
            return None;
        }
        let key = self.plain_string()?;
        self.expect(b':')?;
        Some(Cow::Borrowed(key))
    }

    /// Reads the key at the current byte and its colon when the key is
    /// written exactly as `quoted` (a key's JSON text, quotes included);
    /// otherwise reads nothing. Spares matching the usual key, the one expected.
    #[inline]
    pub fn key_if(&mut self, quoted: &[u8]) -> bool {
        let end = self.index + quoted.len();
        if !self.data.get(self.index..end).is_some_and(|text| same_bytes(text, quoted)) {
            return false;
        }
        let start = std::mem::replace(&mut self.index, end);
        if self.expect(b':').is_none() {
            self.index = start;
            return false;
        }
        true
    }

    /// Enters an object: whether it has a first key (its start is then the
    /// current byte), else it is already left.
    #[inline]
    pub fn enter_object(&mut self, peek: Peek) -> Option<bool> {
        if peek != Peek::Object || self.depth >= MAX_DEPTH {
            return None;
        }
        self.index += 1;
        if self.skip_whitespace()? == b'}' {
            self.index += 1;
            return Some(false);
        }
        self.depth += 1;
        Some(true)
    }

    /// After a member's value: whether another key follows (its start is
    /// then the current byte), else the object is left.
    #[inline]
    pub fn next_member(&mut self) -> Option<bool> {
        match self.skip_whitespace()? {
            b',' => {
                self.index += 1;
                self.skip_whitespace()?;
                Some(true)
            }
            b'}' => {
                self.index += 1;
                self.depth -= 1;
                Some(false)
            }
            _ => None,
        }
    }

    /// Enters an object: its first key, or None (inside) when empty.
    pub fn object(&mut self, peek: Peek) -> Option<Option<Cow<'d, str>>> {
        match self.enter_object(peek)? {
            true => self.key().map(Some),
            false => Some(None),
        }
    }

    /// The next key, or None (inside) at the object's end.
    pub fn next_key(&mut self) -> Option<Option<Cow<'d, str>>> {
        match self.next_member()? {
            true => self.key().map(Some),
            false => Some(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A value read by the reader, written in one canonical text (None: left to the full path).
    fn read(json: &mut JsonReader<'_>, peek: Peek) -> Option<String> {
        Some(match peek {
            Peek::Null => json.null(peek).map(|_| "null".to_string())?,
            Peek::True | Peek::False => json.bool(peek)?.to_string(),
            Peek::String => format!("{:?}", json.str(peek)?),
            Peek::Array => {
                let mut items = Vec::new();
                let mut next = json.array(peek)?;
                while let Some(item) = next {
                    items.push(read(json, item)?);
                    next = json.array_step()?;
                }
                format!("[{}]", items.join(","))
            }
            Peek::Object => {
                let mut pairs = Vec::new();
                let mut key = json.object(peek)?;
                while let Some(k) = key {
                    let value_peek = json.peek()?;
                    pairs.push(format!("{:?}:{}", k, read(json, value_peek)?));
                    key = json.next_key()?;
                }
                format!("{{{}}}", pairs.join(","))
            }
            _ => match json.number(peek)? {
                Number::Int(i) => i.to_string(),
                Number::Float(f) => format!("{f:?}"),
            },
        })
    }

    /// The same canonical text of jiter's value.
    fn canonical(value: &JsonValue<'_>) -> String {
        match value {
            JsonValue::Null => "null".to_string(),
            JsonValue::Bool(b) => b.to_string(),
            JsonValue::Int(i) => i.to_string(),
            JsonValue::BigInt(b) => b.to_string(),
            JsonValue::Float(f) => format!("{f:?}"),
            JsonValue::Str(s) => format!("{:?}", s.as_ref()),
            JsonValue::Array(items) => format!("[{}]", items.iter().map(canonical).collect::<Vec<_>>().join(",")),
            JsonValue::Object(pairs) => {
                format!("{{{}}}", pairs.iter().map(|(k, v)| format!("{:?}:{}", k.as_ref(), canonical(v))).collect::<Vec<_>>().join(","))
            }
        }
    }

    fn read_document(data: &[u8]) -> Option<String> {
        let mut json = JsonReader::new(data);
        let peek = json.peek()?;
        let text = read(&mut json, peek)?;
        json.finish()?;
        Some(text)
    }

    fn documents() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            Just("null".to_string()),
            Just("true".to_string()),
            any::<i64>().prop_map(|i| i.to_string()),
            any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| format!("{f:e}")),
            "-?(0|[1-9][0-9]{0,20})(\\.[0-9]{1,4})?([eE][+-]?[0-9]{1,3})?",
            "\"([a-zA-Z0-9 é中\\t]|\\\\n|\\\\u00e9){0,6}\"",
            // long enough to be read eight bytes at a time, stops anywhere in a word
            "\"([a-zA-Z0-9 é中\t\u{1}\u{7f}\u{80}\"]|\\\\n|\\\\u00e9){0,30}\"",
            // around the exact fast path's edges: 15 digits, powers of ten up to 22
            "-?(0|[1-9][0-9]{0,9})\\.[0-9]{1,9}([eE][+-]?(1[0-9]|2[0-9]|[0-9]))?",
        ];
        let value = leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(|items| format!("[{}]", items.join(", "))),
                prop::collection::vec(("[a-z]{1,3}", inner), 0..4)
                    .prop_map(|pairs| format!("{{{}}}", pairs.iter().map(|(k, v)| format!("\"{k}\" : {v}")).collect::<Vec<_>>().join(","))),
            ]
        });
        // now and then a flaw: a byte put in, or the text cut short
        (value, 0usize..60, prop::sample::select(vec!["", "", "", ",", "]", "}", "\"", "0", "\u{0}", " ", "\\", "e"]), any::<bool>())
            .prop_map(|(text, at, flaw, cut)| {
                let at = at.min(text.len());
                let at = (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
                if cut && flaw.is_empty() {
                    text[..at].to_string()
                } else {
                    format!("{}{}{}", &text[..at], flaw, &text[at..])
                }
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn what_the_reader_accepts_jiter_parses_alike(text in documents()) {
            if let Some(read) = read_document(text.as_bytes()) {
                let parsed = JsonValue::parse(text.as_bytes(), true);
                prop_assert!(parsed.is_ok(), "accepted what jiter refuses: {text:?}");
                prop_assert_eq!(read, canonical(&parsed.unwrap()), "{:?}", text);
            }
        }
    }

    proptest! {
        #[test]
        fn stop_bytes_finds_the_first_stop(bytes in any::<[u8; 8]>()) {
            let first = bytes.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20);
            let stops = stop_bytes(u64::from_le_bytes(bytes));
            let found = (stops != 0).then(|| (stops.trailing_zeros() / 8) as usize);
            prop_assert_eq!(found, first);
        }
    }

    #[test]
    fn key_if_reads_only_the_key_written_as_given() {
        let mut json = JsonReader::new(br#"{"idx": 1, "id" : 2, "i\u0064": 3, "id" 4}"#);
        assert_eq!(json.enter_object(Peek::Object), Some(true));
        // a longer key is not the one expected, and nothing is read
        assert!(!json.key_if(br#""id""#));
        assert!(json.key_if(br#""idx""#));
        let peek = json.peek().unwrap();
        assert_eq!(json.int(peek), Some(1));
        assert_eq!(json.next_member(), Some(true));
        assert!(json.key_if(br#""id""#));
        let peek = json.peek().unwrap();
        assert_eq!(json.int(peek), Some(2));
        assert_eq!(json.next_member(), Some(true));
        // the same key written with an escape is left to `key`
        assert!(!json.key_if(br#""id""#));
        assert_eq!(json.key(), None);
        let mut json = JsonReader::new(br#"{"id" 4}"#);
        json.enter_object(Peek::Object);
        // no colon: nothing is read
        assert!(!json.key_if(br#""id""#));
        assert_eq!(json.key(), None);
    }

    #[test]
    fn plain_records_are_read_and_the_rest_left() {
        assert_eq!(read_document(br#" {"a": [1, -0, 2.5e3, "x"], "b": {"c": null, "d": true}} "#).unwrap(),
            r#"{"a":[1,0,2500.0,"x"],"b":{"c":null,"d":true}}"#);
        for left in [&b"{\"a\": \"\\n\"}"[..], b"[1e400]", b"[NaN]", b"[99999999999999999999]", b"[1,]", b"[01]", b"[\"\xff\"]", b"{} x"] {
            assert!(read_document(left).is_none(), "{:?}", String::from_utf8_lossy(left));
        }
    }
}
