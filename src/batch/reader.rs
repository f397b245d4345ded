//! A JSON record read once, in order, straight into native values as the
//! schema asks for them, with no tree in between. Every method answers None
//! when the input is not what the native path takes as it stands (including
//! malformed JSON): the record then goes through the full path, which reports
//! it. So this reader accepts no document that `JsonValue::parse` refuses.

use std::borrow::Cow;

use jiter::{Jiter, JsonValue, NumberAny, NumberInt, Peek};

/// Deeper records take the full path. Below jiter's own limit (200 open
/// containers), so that a record accepted here is never one the parser refuses.
const MAX_DEPTH: usize = 100;

pub struct JsonReader<'d> {
    jiter: Jiter<'d>,
    data: &'d [u8],
    /// Containers open around the current value.
    depth: usize,
}

/// `text` with the input's lifetime when it lies in the input (a string
/// without escapes), else a copy (escapes are decoded into jiter's buffer).
#[inline]
fn in_input<'d>(data: &'d [u8], text: &str) -> Cow<'d, str> {
    let start = data.as_ptr() as usize;
    let at = text.as_ptr() as usize;
    if at >= start && at + text.len() <= start + data.len() {
        // SAFETY: the bytes lie within `data`, borrowed for 'd and never
        // written, and they are valid UTF-8 since they formed a `str`.
        Cow::Borrowed(unsafe { std::str::from_utf8_unchecked(std::slice::from_raw_parts(text.as_ptr(), text.len())) })
    } else {
        Cow::Owned(text.to_owned())
    }
}

/// How many containers deep a value goes (a scalar: 0).
fn value_depth(value: &JsonValue<'_>) -> usize {
    match value {
        JsonValue::Array(items) => 1 + items.iter().map(value_depth).max().unwrap_or(0),
        JsonValue::Object(pairs) => 1 + pairs.iter().map(|(_, v)| value_depth(v)).max().unwrap_or(0),
        _ => 0,
    }
}

impl<'d> JsonReader<'d> {
    pub fn new(data: &'d [u8]) -> Self {
        JsonReader { jiter: Jiter::new(data).with_allow_inf_nan(), data, depth: 0 }
    }

    #[inline]
    pub fn peek(&mut self) -> Option<Peek> {
        self.jiter.peek().ok()
    }

    /// Nothing but whitespace after the record.
    pub fn finish(&mut self) -> Option<()> {
        self.jiter.finish().ok()
    }

    #[inline]
    pub fn null(&mut self, peek: Peek) -> Option<()> {
        if peek != Peek::Null {
            return None;
        }
        self.jiter.known_null().ok()
    }

    #[inline]
    pub fn bool(&mut self, peek: Peek) -> Option<bool> {
        if peek != Peek::True && peek != Peek::False {
            return None;
        }
        self.jiter.known_bool(peek).ok()
    }

    /// A number, when it is an int that fits 64 bits or a float.
    #[inline]
    fn number(&mut self, peek: Peek) -> Option<NumberAny> {
        if !peek.is_num() {
            return None;
        }
        match self.jiter.known_number(peek).ok()? {
            NumberAny::Int(NumberInt::BigInt(_)) => None,
            number => Some(number),
        }
    }

    /// A JSON int that fits 64 bits.
    #[inline]
    pub fn int(&mut self, peek: Peek) -> Option<i64> {
        match self.number(peek)? {
            NumberAny::Int(NumberInt::Int(i)) => Some(i),
            _ => None,
        }
    }

    /// A JSON float, or an int that fits 64 bits, as a float.
    #[inline]
    pub fn float(&mut self, peek: Peek) -> Option<f64> {
        match self.number(peek)? {
            NumberAny::Int(NumberInt::Int(i)) => Some(i as f64),
            NumberAny::Float(f) => Some(f),
            NumberAny::Int(_) => None,
        }
    }

    #[inline]
    pub fn str(&mut self, peek: Peek) -> Option<Cow<'d, str>> {
        if peek != Peek::String {
            return None;
        }
        let data = self.data;
        self.jiter.known_str().ok().map(|s| in_input(data, s))
    }

    /// Any value, as the parser would give it within the whole record.
    pub fn value(&mut self, peek: Peek) -> Option<JsonValue<'d>> {
        let value = self.jiter.known_value(peek).ok()?;
        if self.depth + value_depth(&value) > MAX_DEPTH {
            return None;
        }
        Some(value)
    }

    /// Enters an array: the first item's peek, or None (inside) when empty.
    pub fn array(&mut self, peek: Peek) -> Option<Option<Peek>> {
        if peek != Peek::Array || self.depth >= MAX_DEPTH {
            return None;
        }
        let first = self.jiter.known_array().ok()?;
        if first.is_some() {
            self.depth += 1;
        }
        Some(first)
    }

    /// The next item's peek, or None (inside) at the array's end.
    pub fn array_step(&mut self) -> Option<Option<Peek>> {
        let next = self.jiter.array_step().ok()?;
        if next.is_none() {
            self.depth -= 1;
        }
        Some(next)
    }

    /// Enters an object: its first key, or None (inside) when empty.
    pub fn object(&mut self, peek: Peek) -> Option<Option<Cow<'d, str>>> {
        if peek != Peek::Object || self.depth >= MAX_DEPTH {
            return None;
        }
        let data = self.data;
        let first = self.jiter.known_object().ok()?.map(|k| in_input(data, k));
        if first.is_some() {
            self.depth += 1;
        }
        Some(first)
    }

    /// The next key, or None (inside) at the object's end.
    pub fn next_key(&mut self) -> Option<Option<Cow<'d, str>>> {
        let data = self.data;
        let next = self.jiter.next_key().ok()?.map(|k| in_input(data, k));
        if next.is_none() {
            self.depth -= 1;
        }
        Some(next)
    }
}
