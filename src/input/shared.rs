//! Rules both inputs share: numbers from text, ints from floats, booleans
//! from text and numbers. Each takes the input it reports errors against.

use std::os::raw::c_int;

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyFloat, PyInt, PyString};

use super::Input;
use crate::errors::{ErrorKind, ValError, ValResult};

/// A validated int: its exact value when it fits an `i64`, the Python int always.
pub enum IntValue<'py> {
    Small(i64, Bound<'py, PyAny>),
    Big(Bound<'py, PyAny>),
}

impl<'py> IntValue<'py> {
    pub fn small(py: Python<'py>, v: i64) -> ValResult<Self> {
        Ok(IntValue::Small(v, v.into_pyobject(py)?.into_any()))
    }

    pub fn from_exact_int(obj: Bound<'py, PyAny>) -> Self {
        let mut overflow: c_int = 0;
        // SAFETY: obj is an exact int; the call cannot fail for one.
        let v = unsafe { ffi::PyLong_AsLongLongAndOverflow(obj.as_ptr(), &mut overflow) };
        if overflow == 0 {
            IntValue::Small(v, obj)
        } else {
            IntValue::Big(obj)
        }
    }

    pub fn into_object(self) -> Bound<'py, PyAny> {
        match self {
            IntValue::Small(_, obj) | IntValue::Big(obj) => obj,
        }
    }
}

pub fn int_from_float<'py>(py: Python<'py>, input: &impl Input<'py>, f: f64) -> ValResult<IntValue<'py>> {
    if !f.is_finite() {
        return Err(ValError::new(ErrorKind::FiniteNumber, input));
    }
    if f.fract() != 0.0 {
        return Err(ValError::new(ErrorKind::IntFromFloat, input));
    }
    // ±2^63 are exactly representable; pydantic refuses both.
    if f <= -9.223_372_036_854_776e18 || f >= 9.223_372_036_854_776e18 {
        return Err(ValError::new(ErrorKind::IntParsingSize, input));
    }
    IntValue::small(py, f as i64)
}

/// Accepts surrounding whitespace, a sign, underscores between digits (as `int()`
/// does) and a zero fraction such as `"5.00"`.
pub fn int_from_str<'py>(py: Python<'py>, input: &impl Input<'py>, text: &str) -> ValResult<IntValue<'py>> {
    let mut s = text.trim();
    if let Some(dot) = s.find('.') {
        let (whole, frac) = s.split_at(dot);
        if frac.len() == 1 || !frac[1..].bytes().all(|b| b == b'0') {
            return Err(ValError::new(ErrorKind::IntParsing, input));
        }
        s = whole;
    }
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    let valid = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'_')
        && !digits.starts_with('_')
        && !digits.ends_with('_')
        && !digits.contains("__");
    if !valid {
        return Err(ValError::new(ErrorKind::IntParsing, input));
    }
    if let Ok(v) = s.parse::<i64>() {
        return IntValue::small(py, v);
    }
    // Large or underscored: Python's own parser is exact for any size it accepts.
    let parsed = py
        .get_type::<PyInt>()
        .call1((s,))
        .map_err(|_| ValError::new(ErrorKind::IntParsingSize, input))?;
    Ok(IntValue::from_exact_int(parsed))
}

/// Python's `float()` reading of a text, limited to what pydantic accepts:
/// ASCII digits (surrounding Unicode whitespace is fine), and underscores only
/// when no whitespace surrounds the number.
pub fn float_from_str<'py>(py: Python<'py>, input: &impl Input<'py>, text: &str) -> ValResult<(f64, Bound<'py, PyAny>)> {
    let inner = text.trim();
    if !inner.is_ascii() || (inner.len() != text.len() && inner.contains('_')) {
        return Err(ValError::new(ErrorKind::FloatParsing, input));
    }
    let text = PyString::new(py, text);
    // SAFETY: text is a str; the result is a new reference or NULL with an error set.
    let parsed = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyFloat_FromString(text.as_ptr())) };
    match parsed {
        Ok(f) => Ok((f.cast::<PyFloat>().map(|f| f.value()).unwrap_or(f64::NAN), f)),
        Err(_) => Err(ValError::new(ErrorKind::FloatParsing, input)),
    }
}

pub fn float_object<'py>(py: Python<'py>, v: f64) -> (f64, Bound<'py, PyAny>) {
    (v, PyFloat::new(py, v).into_any())
}

/// pydantic's boolean words.
pub fn bool_from_str(text: &str) -> Option<bool> {
    match text.to_ascii_lowercase().as_str() {
        "0" | "off" | "f" | "false" | "n" | "no" => Some(false),
        "1" | "on" | "t" | "true" | "y" | "yes" => Some(true),
        _ => None,
    }
}

/// A number as a boolean: 0 and 1 are; another whole number an i64 holds is a
/// bad boolean (bool_parsing); anything else is no boolean at all (bool_type).
pub fn bool_from_float<'py>(input: &impl Input<'py>, v: f64) -> ValResult<bool> {
    match v {
        v if v == 0.0 => Ok(false),
        v if v == 1.0 => Ok(true),
        v if v.fract() == 0.0 && v.abs() < 9.223_372_036_854_776e18 => Err(ValError::new(ErrorKind::BoolParsing, input)),
        _ => Err(ValError::new(ErrorKind::BoolType, input)),
    }
}

pub fn bool_from_int<'py>(input: &impl Input<'py>, v: i64) -> ValResult<bool> {
    match v {
        0 => Ok(false),
        1 => Ok(true),
        _ => Err(ValError::new(ErrorKind::BoolParsing, input)),
    }
}
