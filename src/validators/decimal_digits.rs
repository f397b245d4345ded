//! How many decimal places and digits a finite Decimal has, as written and
//! with its trailing zeros dropped: read from a plain number's text when the
//! Decimal was made from one (no Python call), else from `as_tuple()`.

use pyo3::prelude::*;

/// ((places, digits) as written, (places, digits) without trailing zeros).
pub type Digits = ((u64, u64), (u64, u64));

/// From a Decimal's `as_tuple()`, exactly, whatever the context's precision
/// (zero is `0`). None when the value cannot say (pydantic then skips the checks).
pub fn from_decimal(decimal: &Bound<'_, PyAny>) -> Option<Digits> {
    let py = decimal.py();
    let tuple = decimal.call_method0(pyo3::intern!(py, "as_tuple")).ok()?;
    let digits: Vec<u8> = tuple.getattr(pyo3::intern!(py, "digits")).ok()?.extract().ok()?;
    let exponent: i64 = tuple.getattr(pyo3::intern!(py, "exponent")).ok()?.extract().ok()?;
    let trailing_zeros = digits.iter().rev().take_while(|&&d| d == 0).count();
    Some(from_coefficient(digits.len(), trailing_zeros, exponent))
}

/// From text of the form `[+-]digits[.digits][(e|E)[+-]digits]`: the same
/// numbers `as_tuple()` gives for the Decimal of that text. None for any
/// other text (spaces, underscores, infinities, NaN), left to `from_decimal`.
pub fn from_text(text: &str) -> Option<Digits> {
    let text = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], parse_exponent(&text[at + 1..])?),
        None => (text, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if whole.is_empty() && fraction.is_empty() {
        return None;
    }
    if !whole.bytes().chain(fraction.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let exponent = exponent.checked_sub(i64::try_from(fraction.len()).ok()?)?;
    // the coefficient's digits: leading zeros dropped, at least one digit
    let digits = whole.bytes().chain(fraction.bytes()).skip_while(|&b| b == b'0');
    let (len, trailing_zeros) = digits.fold((0usize, 0usize), |(len, zeros), b| (len + 1, if b == b'0' { zeros + 1 } else { 0 }));
    if len == 0 {
        return Some(from_coefficient(1, 1, exponent));
    }
    Some(from_coefficient(len, trailing_zeros, exponent))
}

fn parse_exponent(text: &str) -> Option<i64> {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // beyond this the Decimal itself would refuse or round the text
    text.parse::<i64>().ok().filter(|e| e.unsigned_abs() < 1 << 40)
}

fn from_coefficient(len: usize, trailing_zeros: usize, exponent: i64) -> Digits {
    let normalized = if trailing_zeros == len { (1, 0) } else { (len - trailing_zeros, exponent.saturating_add(trailing_zeros as i64)) };
    (count(len, exponent), count(normalized.0, normalized.1))
}

/// pydantic's count: a positive exponent adds trailing zeros to the digits, a
/// negative one is the number of places, and zeros after the point count as digits.
fn count(digits: usize, exponent: i64) -> (u64, u64) {
    let digits = digits as u64;
    if exponent >= 0 {
        (0, digits.saturating_add(exponent.unsigned_abs()))
    } else {
        let places = exponent.unsigned_abs();
        (places, digits.max(places))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (digits, exponent) as Python's `Decimal(text).as_tuple()` gives them.
    fn tuple(digits: &str, exponent: i64) -> Digits {
        let zeros = digits.bytes().rev().take_while(|&b| b == b'0').count();
        from_coefficient(digits.len(), zeros, exponent)
    }

    #[test]
    fn text_gives_what_as_tuple_gives() {
        let cases = [
            ("1234.50", "123450", -2),
            ("0.00", "0", -2),
            ("00120", "120", 0),
            ("1.20E+3", "120", 1),
            ("0.050", "50", -3),
            ("-7", "7", 0),
            ("+.5", "5", -1),
            ("5.", "5", 0),
            ("0", "0", 0),
            ("1e-7", "1", -7),
            ("100E2", "100", 2),
        ];
        for (text, digits, exponent) in cases {
            assert_eq!(from_text(text), Some(tuple(digits, exponent)), "{text}");
        }
    }

    #[test]
    fn other_text_is_left_to_the_decimal() {
        for text in ["", ".", "1_000", " 1", "1 ", "Infinity", "NaN", "1e", "1e+", "e5", "1.2.3", "--1", "1e99999999999999"] {
            assert_eq!(from_text(text), None, "{text:?}");
        }
    }
}
