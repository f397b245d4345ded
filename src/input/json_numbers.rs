//! The text of a JSON document's floats. jiter's tree keeps a float only as
//! an f64, but a Decimal must be read from the number as it is written
//! (`1.10` is `Decimal("1.10")`, `1e400` is no infinity). The document being
//! validated is registered on the `State`; the first Decimal that meets a
//! float has the document scanned once, beside its tree, for every float's text.

use std::collections::HashMap;
use std::ops::Range;

use jiter::{Jiter, JsonValue, Peek};

/// A parsed document and the bytes it was parsed from, while it is validated.
pub struct JsonSource {
    data: *const u8,
    len: usize,
    root: *const JsonValue<'static>,
    /// Where each float of the tree (by address) lies in `data`, found on first use.
    floats: Option<HashMap<usize, Range<usize>>>,
}

impl JsonSource {
    /// The source of `root`, parsed from `data`. The caller keeps both alive,
    /// unmoved, for as long as this exists (see `State::with_json_source`).
    pub fn new(data: &[u8], root: &JsonValue<'_>) -> Self {
        JsonSource {
            data: data.as_ptr(),
            len: data.len(),
            root: (root as *const JsonValue<'_>).cast(),
            floats: None,
        }
    }

    /// The text of `value`, a float of this document, or None when it is not
    /// one of its nodes.
    pub fn float_text(&mut self, value: &JsonValue<'_>) -> Option<&str> {
        // SAFETY: `new`'s caller keeps the bytes and the tree alive and
        // unchanged while this source exists.
        let (data, root) = unsafe { (std::slice::from_raw_parts(self.data, self.len), &*self.root) };
        let floats = self.floats.get_or_insert_with(|| float_ranges(data, root).unwrap_or_default());
        let range = floats.get(&(value as *const JsonValue<'_> as usize))?.clone();
        std::str::from_utf8(data.get(range)?).ok()
    }
}

/// Every float of `root` by address, with its range in `data`: the tree and a
/// second reading of the same bytes are walked in step.
fn float_ranges(data: &[u8], root: &JsonValue<'_>) -> Option<HashMap<usize, Range<usize>>> {
    let mut jiter = Jiter::new(data).with_allow_inf_nan();
    let mut found = HashMap::new();
    let peek = jiter.peek().ok()?;
    walk(root, &mut jiter, peek, data.as_ptr() as usize, &mut found)?;
    Some(found)
}

fn walk(value: &JsonValue<'_>, jiter: &mut Jiter<'_>, peek: Peek, base: usize, found: &mut HashMap<usize, Range<usize>>) -> Option<()> {
    match value {
        JsonValue::Float(_) => {
            let text = jiter.known_number_bytes(peek).ok()?;
            let start = (text.as_ptr() as usize).checked_sub(base)?;
            found.insert(value as *const JsonValue<'_> as usize, start..start + text.len());
        }
        JsonValue::Array(items) => {
            let mut next = jiter.known_array().ok()?;
            for item in items.iter() {
                walk(item, jiter, next?, base, found)?;
                next = jiter.array_step().ok()?;
            }
        }
        JsonValue::Object(pairs) => {
            let mut key = jiter.known_object().ok()?.is_some();
            for (_, item) in pairs.iter() {
                if !key {
                    return None;
                }
                let peek = jiter.peek().ok()?;
                walk(item, jiter, peek, base, found)?;
                key = jiter.next_key().ok()?.is_some();
            }
        }
        _ => jiter.known_skip(peek).ok()?,
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn floats_of(text: &str) -> Vec<String> {
        let root = JsonValue::parse(text.as_bytes(), true).unwrap_or(JsonValue::Null);
        let mut source = JsonSource::new(text.as_bytes(), &root);
        let mut out = Vec::new();
        collect(&root, &mut source, &mut out);
        out
    }

    fn collect(value: &JsonValue<'_>, source: &mut JsonSource, out: &mut Vec<String>) {
        match value {
            JsonValue::Float(_) => out.push(source.float_text(value).unwrap_or("?").to_owned()),
            JsonValue::Array(items) => items.iter().for_each(|v| collect(v, source, out)),
            JsonValue::Object(pairs) => pairs.iter().for_each(|(_, v)| collect(v, source, out)),
            _ => {}
        }
    }

    #[test]
    fn floats_keep_their_text() {
        assert_eq!(floats_of("1.10"), ["1.10"]);
        assert_eq!(
            floats_of(r#"{"a": [1, 2.50, {"b": -0.0, "b": 1E+400}], "c": "1.5", "d": NaN, "e": [[], {}, 1e-7]}"#),
            ["2.50", "-0.0", "1E+400", "NaN", "1e-7"]
        );
        assert_eq!(floats_of(" [ -Infinity , 123456789012345678901234567890.5 ] "), ["-Infinity", "123456789012345678901234567890.5"]);
    }

    #[test]
    fn a_value_of_another_tree_has_no_text() {
        let text = b"[1.5]";
        let root = JsonValue::parse(text, true).unwrap_or(JsonValue::Null);
        let mut source = JsonSource::new(text, &root);
        assert_eq!(source.float_text(&JsonValue::Float(1.5)), None);
    }
}
