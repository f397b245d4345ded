//! Record boundaries, found without parsing the records: NDJSON lines, and the
//! items of a JSON array. Each record is then parsed on its own, by any worker.

/// One record: its bytes in the input and its index (NDJSON: line number - 1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Record {
    pub start: usize,
    pub end: usize,
    pub index: usize,
}

#[inline]
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Every line that is not blank (blank lines are skipped but keep their
/// number), and how many line ends there are.
pub fn ndjson_lines(data: &[u8]) -> (Vec<Record>, usize) {
    let mut records = Vec::new();
    let mut start = 0;
    let mut index = 0;
    let mut push = |start: usize, end: usize, index: usize| {
        if data[start..end].iter().any(|&b| !is_space(b)) {
            records.push(Record { start, end, index });
        }
    };
    for newline in memchr::memchr_iter(b'\n', data) {
        push(start, newline, index);
        start = newline + 1;
        index += 1;
    }
    if start < data.len() {
        push(start, data.len(), index);
    }
    (records, index)
}

/// The index just past the string whose opening quote precedes `i`. Strings
/// in records are short, so a plain loop beats a vectorised search here.
#[inline]
fn string_end(data: &[u8], mut i: usize) -> Option<usize> {
    loop {
        match *data.get(i)? {
            b'"' => return Some(i + 1),
            b'\\' => i += 2, // an escape: skip the escaped byte
            _ => i += 1,
        }
    }
}

fn skip_space(data: &[u8], mut i: usize) -> usize {
    while i < data.len() && is_space(data[i]) {
        i += 1;
    }
    i
}

/// The bytes that delimit items; everything else is skipped with one test.
static STRUCTURAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 6 {
        table[b"\"[]{},"[i] as usize] = true;
        i += 1;
    }
    table
};

/// The items of a top-level JSON array, or None when the document does not
/// have that shape; the whole document is then parsed to report why. Items
/// are only delimited here: each is parsed, and so checked, on its own.
pub fn array_items(data: &[u8]) -> Option<Vec<Record>> {
    let mut i = skip_space(data, 0);
    if data.get(i) != Some(&b'[') {
        return None;
    }
    let mut records = Vec::new();
    i = skip_space(data, i + 1);
    if data.get(i) == Some(&b']') {
        return (skip_space(data, i + 1) == data.len()).then_some(records);
    }
    loop {
        let start = i;
        let mut depth = 0usize;
        loop {
            let b = *data.get(i)?;
            if STRUCTURAL[b as usize] {
                match b {
                    b'"' => {
                        i = string_end(data, i + 1)?;
                        continue;
                    }
                    b'[' | b'{' => depth += 1,
                    b']' | b'}' if depth == 0 => break,
                    b']' | b'}' => depth -= 1,
                    _ if depth == 0 => break, // a comma
                    _ => {}
                }
            }
            i += 1;
        }
        let mut end = i;
        while end > start && is_space(data[end - 1]) {
            end -= 1;
        }
        if end == start {
            return None;
        }
        records.push(Record { start, end, index: records.len() });
        match data[i] {
            b',' => i = skip_space(data, i + 1),
            b']' => return (skip_space(data, i + 1) == data.len()).then_some(records),
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(data: &'a [u8], records: &[Record]) -> Vec<(&'a str, usize)> {
        records.iter().map(|r| (std::str::from_utf8(&data[r.start..r.end]).unwrap(), r.index)).collect()
    }

    #[test]
    fn array_items_are_delimited_at_depth_zero() {
        let data = br#" [ {"a": [1, 2], "b": "x,]\"}"} , 3,"s" ,[[]] ] "#;
        let records = array_items(data).unwrap();
        assert_eq!(texts(data, &records), [(r#"{"a": [1, 2], "b": "x,]\"}"}"#, 0), ("3", 1), (r#""s""#, 2), ("[[]]", 3)]);
    }

    #[test]
    fn malformed_arrays_are_refused() {
        for doc in [&b""[..], b"{}", b"[", b"[1,", b"[1,]", b"[,1]", b"[1] x", b"[1}", b"[\"abc", b"[\"\\"] {
            assert!(array_items(doc).is_none(), "{:?}", std::str::from_utf8(doc));
        }
        assert_eq!(array_items(b" [ ] ").unwrap().len(), 0);
    }

    use jiter::JsonValue;
    use proptest::prelude::*;

    /// JSON text of arbitrary values, with arbitrary spacing, escapes and
    /// the bytes that delimit items inside strings.
    fn json_text() -> impl Strategy<Value = String> {
        let space = prop::sample::select(vec!["", " ", "\t", "\n", "\r\n "]);
        let string = prop::collection::vec(
            prop::sample::select(vec!["a", ",", "[", "]", "{", "}", "\\\"", "\\\\", "\\n", "\\u00e9", "é", " "]),
            0..6,
        )
        .prop_map(|parts| format!("\"{}\"", parts.concat()));
        let leaf = prop_oneof![
            Just("null".to_string()),
            Just("true".to_string()),
            any::<i64>().prop_map(|i| i.to_string()),
            any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| format!("{f:e}")),
            string.clone(),
        ];
        leaf.prop_recursive(4, 32, 5, move |inner| {
            let items = prop::collection::vec((inner.clone(), space.clone()), 0..5);
            prop_oneof![
                items.clone().prop_map(|v| format!("[{}]", v.into_iter().map(|(t, s)| format!("{s}{t}{s}")).collect::<Vec<_>>().join(","))),
                prop::collection::vec((string.clone(), inner, space.clone()), 0..5).prop_map(|v| {
                    format!("{{{}}}", v.into_iter().map(|(k, t, s)| format!("{s}{k}{s}:{t}")).collect::<Vec<_>>().join(","))
                }),
            ]
        })
    }

    proptest! {
        /// A well-formed array always splits, into items that parse to the array's own items.
        #[test]
        fn arrays_split_into_their_items(items in prop::collection::vec(json_text(), 0..8), gap in "[ \t\n]{0,2}") {
            let doc = format!("{gap}[{gap}{}{gap}]{gap}", items.join(&format!("{gap},{gap}")));
            let data = doc.as_bytes();
            let whole = JsonValue::parse(data, false).unwrap();
            let JsonValue::Array(expected) = whole else { panic!("not an array") };
            let records = array_items(data).expect("a well-formed array splits");
            prop_assert_eq!(records.len(), expected.len());
            for (record, value) in records.iter().zip(expected.iter()) {
                prop_assert_eq!(&JsonValue::parse(&data[record.start..record.end], false).unwrap(), value);
            }
        }

        /// Any bytes at all: no panic, and a split never claims an item past the end.
        #[test]
        fn arbitrary_bytes_are_safe(data in prop::collection::vec(prop::sample::select(b"[]{},\"\\ a1\n".to_vec()), 0..64)) {
            if let Some(records) = array_items(&data) {
                for r in records {
                    prop_assert!(r.start < r.end && r.end <= data.len());
                }
            }
            for r in ndjson_lines(&data).0 {
                prop_assert!(r.start <= r.end && r.end <= data.len());
            }
        }
    }

    #[test]
    fn blank_lines_are_skipped_but_counted() {
        let data = b"{\"a\":1}\n\n  \r\n{\"b\":2}\r\n{\"c\"";
        let (records, ends) = ndjson_lines(data);
        assert_eq!(texts(data, &records), [("{\"a\":1}", 0), ("{\"b\":2}\r", 3), ("{\"c\"", 4)]);
        assert_eq!(ends, 4);
        assert_eq!(ndjson_lines(b""), (vec![], 0));
        assert_eq!(ndjson_lines(b"\n \n\t\n").1, 3);
    }
}
