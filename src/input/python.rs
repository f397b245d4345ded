//! Coercion from Python objects. Exact builtin types take a fast path; every
//! other accepted input goes through a colder conversion.

use std::os::raw::c_int;

use pyo3::exceptions::PyOverflowError;
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyFloat, PyInt, PyString, PyType};

use crate::errors::{ErrorKind, ValError, ValResult};

/// A validated int: its exact value when it fits an `i64`, the Python int always.
pub enum IntValue<'py> {
    Small(i64, Bound<'py, PyAny>),
    Big(Bound<'py, PyAny>),
}

impl<'py> IntValue<'py> {
    fn from_exact_int(obj: Bound<'py, PyAny>) -> Self {
        let mut overflow: c_int = 0;
        // SAFETY: obj is an exact int; the call cannot fail for one.
        let v = unsafe { ffi::PyLong_AsLongLongAndOverflow(obj.as_ptr(), &mut overflow) };
        if overflow == 0 {
            IntValue::Small(v, obj)
        } else {
            IntValue::Big(obj)
        }
    }
}

fn decimal_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    DECIMAL.import(py, "decimal", "Decimal")
}

fn enum_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static ENUM: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    ENUM.import(py, "enum", "Enum")
}

pub fn coerce_int<'py>(input: &Bound<'py, PyAny>, strict: bool) -> ValResult<IntValue<'py>> {
    if input.is_exact_instance_of::<PyInt>() {
        return Ok(IntValue::from_exact_int(input.clone()));
    }
    coerce_int_slow(input, strict)
}

#[cold]
fn coerce_int_slow<'py>(input: &Bound<'py, PyAny>, strict: bool) -> ValResult<IntValue<'py>> {
    let py = input.py();
    if input.is_instance_of::<PyBool>() {
        if strict {
            return Err(ValError::new(ErrorKind::IntType, input));
        }
        let v = input.is_truthy()? as i64;
        return Ok(IntValue::Small(v, v.into_pyobject(py)?.into_any()));
    }
    if input.is_instance_of::<PyInt>() {
        // int subclasses (IntEnum included) become plain ints with their own
        // value; PyNumber_Index copies it without calling an overridden __int__.
        let plain = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyNumber_Index(input.as_ptr()))? };
        return Ok(IntValue::from_exact_int(plain));
    }
    if strict {
        return Err(ValError::new(ErrorKind::IntType, input));
    }
    if let Ok(f) = input.cast::<PyFloat>() {
        return int_from_float(input, f.value());
    }
    if let Ok(s) = input.cast::<PyString>() {
        return int_from_str(input, s.to_str().map_err(|_| ValError::new(ErrorKind::IntParsing, input))?);
    }
    if let Ok(b) = input.cast::<PyBytes>() {
        let text = std::str::from_utf8(b.as_bytes()).map_err(|_| ValError::new(ErrorKind::IntParsing, input))?;
        return int_from_str(input, text);
    }
    if input.is_instance(decimal_type(py)?)? {
        let is_finite: bool = input.call_method0("is_finite")?.extract()?;
        if !is_finite {
            return Err(ValError::new(ErrorKind::FiniteNumber, input));
        }
        let as_int = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyNumber_Long(input.as_ptr()))? };
        if !as_int.eq(input)? {
            return Err(ValError::new(ErrorKind::IntFromFloat, input));
        }
        return Ok(IntValue::from_exact_int(as_int));
    }
    Err(ValError::new(ErrorKind::IntType, input))
}

fn int_from_float<'py>(input: &Bound<'py, PyAny>, f: f64) -> ValResult<IntValue<'py>> {
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
    let v = f as i64;
    Ok(IntValue::Small(v, v.into_pyobject(input.py())?.into_any()))
}

/// Accepts surrounding whitespace, a sign, underscores between digits (as `int()`
/// does) and a zero fraction such as `"5.00"`.
fn int_from_str<'py>(input: &Bound<'py, PyAny>, text: &str) -> ValResult<IntValue<'py>> {
    let py = input.py();
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
        return Ok(IntValue::Small(v, v.into_pyobject(py)?.into_any()));
    }
    // Large or underscored: Python's own parser is exact for any size it accepts.
    let parsed = py
        .get_type::<PyInt>()
        .call1((s,))
        .map_err(|_| ValError::new(ErrorKind::IntParsingSize, input))?;
    Ok(IntValue::from_exact_int(parsed))
}

/// Returns the float value and the exact `float` object to store.
pub fn coerce_float<'py>(input: &Bound<'py, PyAny>, strict: bool) -> ValResult<(f64, Bound<'py, PyAny>)> {
    if let Ok(f) = input.cast_exact::<PyFloat>() {
        return Ok((f.value(), input.clone()));
    }
    coerce_float_slow(input, strict)
}

#[cold]
fn coerce_float_slow<'py>(input: &Bound<'py, PyAny>, strict: bool) -> ValResult<(f64, Bound<'py, PyAny>)> {
    let py = input.py();
    let make = |v: f64| -> ValResult<(f64, Bound<'py, PyAny>)> { Ok((v, PyFloat::new(py, v).into_any())) };
    if input.is_instance_of::<PyBool>() {
        if strict {
            return Err(ValError::new(ErrorKind::FloatType, input));
        }
        return make(if input.is_truthy()? { 1.0 } else { 0.0 });
    }
    if input.is_instance_of::<PyFloat>() || input.is_instance_of::<PyInt>() {
        return match input.extract::<f64>() {
            Ok(v) => make(v),
            Err(e) if e.is_instance_of::<PyOverflowError>(py) => Err(ValError::new(ErrorKind::FloatType, input)),
            Err(e) => Err(e.into()),
        };
    }
    let is_decimal = input.is_instance(decimal_type(py)?)?;
    if strict && !is_decimal {
        return Err(ValError::new(ErrorKind::FloatType, input));
    }
    let text = if let Ok(s) = input.cast::<PyString>() {
        Some(s.clone().into_any())
    } else if let Ok(b) = input.cast::<PyBytes>() {
        match std::str::from_utf8(b.as_bytes()) {
            Ok(t) => Some(PyString::new(py, t).into_any()),
            Err(_) => return Err(ValError::new(ErrorKind::FloatParsing, input)),
        }
    } else {
        None
    };
    if let Some(text) = text {
        // float() also reads non-ASCII digits; pydantic takes only ASCII ones
        // (surrounding Unicode whitespace is fine).
        let acceptable = text.cast::<PyString>().ok().and_then(|s| s.to_str().ok()).is_some_and(|t| {
            let inner = t.trim();
            // underscores are taken only when no whitespace surrounds the number
            inner.is_ascii() && (inner.len() == t.len() || !inner.contains('_'))
        });
        if !acceptable {
            return Err(ValError::new(ErrorKind::FloatParsing, input));
        }
        // SAFETY: text is a str; the result is a new reference or NULL with an error set.
        let parsed = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyFloat_FromString(text.as_ptr())) };
        return match parsed {
            Ok(f) => Ok((f.cast::<PyFloat>().map(|f| f.value()).unwrap_or(f64::NAN), f)),
            Err(_) => Err(ValError::new(ErrorKind::FloatParsing, input)),
        };
    }
    if is_decimal {
        let v: f64 = input.extract().map_err(|_| ValError::new(ErrorKind::FloatParsing, input))?;
        return make(v);
    }
    Err(ValError::new(ErrorKind::FloatType, input))
}

pub fn coerce_str<'py>(input: &Bound<'py, PyAny>, strict: bool) -> ValResult<Bound<'py, PyString>> {
    if let Ok(s) = input.cast_exact::<PyString>() {
        return Ok(s.clone());
    }
    coerce_str_slow(input, strict)
}

#[cold]
fn coerce_str_slow<'py>(input: &Bound<'py, PyAny>, strict: bool) -> ValResult<Bound<'py, PyString>> {
    let py = input.py();
    if let Ok(s) = input.cast::<PyString>() {
        // A str subclass becomes a plain str with the same text.
        let text = s.to_str().map_err(|_| ValError::new(ErrorKind::StringUnicode, input))?;
        return Ok(PyString::new(py, text));
    }
    if strict {
        return Err(ValError::new(ErrorKind::StringType, input));
    }
    let raw: Option<Vec<u8>> = if let Ok(b) = input.cast::<PyBytes>() {
        Some(b.as_bytes().to_vec())
    } else if let Ok(b) = input.cast::<PyByteArray>() {
        Some(b.to_vec())
    } else {
        None
    };
    if let Some(raw) = raw {
        return match std::str::from_utf8(&raw) {
            Ok(t) => Ok(PyString::new(py, t)),
            Err(_) => Err(ValError::new(ErrorKind::StringUnicode, input)),
        };
    }
    if input.is_instance(enum_type(py)?)? {
        let value = input.getattr("value")?;
        if let Ok(s) = value.cast::<PyString>() {
            // a plain str even when the value is a str subclass
            let text = s.to_str().map_err(|_| ValError::new(ErrorKind::StringUnicode, input))?;
            return Ok(PyString::new(py, text));
        }
        // any other value: its text, as pydantic's lax str gives it
        return Ok(value.str()?);
    }
    Err(ValError::new(ErrorKind::StringType, input))
}

/// Whether `s` holds a lone surrogate (and so has no UTF-8 form), found by
/// scanning its code units: no encoding, no allocation, no Python code.
pub fn has_surrogates(s: &Bound<'_, PyString>) -> bool {
    // SAFETY: `s` is a live, ready str; its data holds `len` code units of `kind`.
    unsafe {
        let ptr = s.as_ptr();
        let len = ffi::PyUnicode_GET_LENGTH(ptr) as usize;
        let data = ffi::PyUnicode_DATA(ptr);
        match ffi::PyUnicode_KIND(ptr) {
            ffi::PyUnicode_2BYTE_KIND => {
                std::slice::from_raw_parts(data as *const u16, len).iter().any(|&u| (0xD800..=0xDFFF).contains(&u))
            }
            ffi::PyUnicode_4BYTE_KIND => {
                std::slice::from_raw_parts(data as *const u32, len).iter().any(|&u| (0xD800..=0xDFFF).contains(&u))
            }
            _ => false, // one byte per code point: no surrogates
        }
    }
}

pub fn coerce_bool(input: &Bound<'_, PyAny>, strict: bool) -> ValResult<bool> {
    // SAFETY: comparing object identity with the two bool singletons.
    unsafe {
        if input.as_ptr() == ffi::Py_True() {
            return Ok(true);
        }
        if input.as_ptr() == ffi::Py_False() {
            return Ok(false);
        }
    }
    coerce_bool_slow(input, strict)
}

#[cold]
fn coerce_bool_slow(input: &Bound<'_, PyAny>, strict: bool) -> ValResult<bool> {
    if strict {
        return Err(ValError::new(ErrorKind::BoolType, input));
    }
    let parse = |text: &str| match text.to_ascii_lowercase().as_str() {
        "0" | "off" | "f" | "false" | "n" | "no" => Some(false),
        "1" | "on" | "t" | "true" | "y" | "yes" => Some(true),
        _ => None,
    };
    let parsed = if let Ok(s) = input.cast::<PyString>() {
        s.to_str().ok().and_then(parse)
    } else if let Ok(b) = input.cast::<PyBytes>() {
        std::str::from_utf8(b.as_bytes()).ok().and_then(parse)
    } else if input.is_instance_of::<PyInt>() {
        match input.extract::<i64>() {
            Ok(0) => Some(false),
            Ok(1) => Some(true),
            Ok(_) => None,
            Err(_) => return Err(ValError::new(ErrorKind::BoolType, input)),
        }
    } else if let Ok(f) = input.cast::<PyFloat>() {
        match f.value() {
            v if v == 0.0 => Some(false),
            v if v == 1.0 => Some(true),
            // a whole number that an i64 holds is a bad boolean; anything else is no boolean at all
            v if v.fract() == 0.0 && v.abs() < 9.223_372_036_854_776e18 => None,
            _ => return Err(ValError::new(ErrorKind::BoolType, input)),
        }
    } else if input.is_instance(decimal_type(input.py())?)? {
        if input.eq(0)? {
            Some(false)
        } else if input.eq(1)? {
            Some(true)
        } else {
            return Err(ValError::new(ErrorKind::BoolType, input));
        }
    } else {
        return Err(ValError::new(ErrorKind::BoolType, input));
    };
    parsed.ok_or_else(|| ValError::new(ErrorKind::BoolParsing, input))
}

pub fn coerce_bytes<'py>(input: &Bound<'py, PyAny>, strict: bool) -> ValResult<Bound<'py, PyAny>> {
    if input.is_exact_instance_of::<PyBytes>() {
        return Ok(input.clone());
    }
    coerce_bytes_slow(input, strict)
}

#[cold]
fn coerce_bytes_slow<'py>(input: &Bound<'py, PyAny>, strict: bool) -> ValResult<Bound<'py, PyAny>> {
    let py = input.py();
    if let Ok(b) = input.cast::<PyBytes>() {
        return Ok(PyBytes::new(py, b.as_bytes()).into_any());
    }
    if strict {
        return Err(ValError::new(ErrorKind::BytesType, input));
    }
    if let Ok(s) = input.cast::<PyString>() {
        let text = s.to_str().map_err(|_| ValError::new(ErrorKind::StringUnicode, input))?;
        return Ok(PyBytes::new(py, text.as_bytes()).into_any());
    }
    if let Ok(b) = input.cast::<PyByteArray>() {
        return Ok(PyBytes::new(py, &b.to_vec()).into_any());
    }
    Err(ValError::new(ErrorKind::BytesType, input))
}
