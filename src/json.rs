//! `model_dump_json`: compact JSON written straight from the instance's slots.
//! Floats print as pydantic prints them (see `write_float`); NaN and the
//! infinities become `null`; bytes are UTF-8 text.

use std::fmt::Write;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyFrozenSet, PyInt, PyList, PySet, PyString, PyTuple, PyType};

use crate::model::{field_items, model_schema_of};

const MAX_JSON_DEPTH: u32 = 200;

pub struct JsonWriter<'py> {
    pub out: String,
    pub by_alias: bool,
    pub exclude_none: bool,
    pub base: Bound<'py, PyType>,
}

impl<'py> JsonWriter<'py> {
    pub fn write(&mut self, value: &Bound<'py, PyAny>, depth: u32) -> PyResult<()> {
        if depth > MAX_JSON_DEPTH {
            return Err(PyValueError::new_err("Circular reference detected (depth exceeded)"));
        }
        if value.is_none() {
            self.out.push_str("null");
        } else if let Ok(b) = value.cast::<PyBool>() {
            self.out.push_str(if b.is_true() { "true" } else { "false" });
        } else if let Ok(s) = value.cast::<PyString>() {
            write_str(&mut self.out, s.to_str()?);
        } else if value.is_instance_of::<PyInt>() {
            match value.extract::<i64>() {
                Ok(v) => {
                    let _ = write!(self.out, "{v}");
                }
                Err(_) => self.out.push_str(&value.cast::<PyInt>()?.str()?.to_string()),
            }
        } else if let Ok(f) = value.cast::<PyFloat>() {
            write_float(&mut self.out, f.value());
        } else if let Some(handle) = model_schema_of(value, &self.base)? {
            self.out.push('{');
            let mut first = true;
            for (name, v) in field_items(value, &handle, self.by_alias) {
                if self.exclude_none && v.is_none() {
                    continue;
                }
                if !first {
                    self.out.push(',');
                }
                first = false;
                write_str(&mut self.out, name.to_str()?);
                self.out.push(':');
                self.write(&v, depth + 1)?;
            }
            self.out.push('}');
        } else if let Ok(d) = value.cast::<PyDict>() {
            self.out.push('{');
            for (i, (k, v)) in d.iter().enumerate() {
                if i > 0 {
                    self.out.push(',');
                }
                write_str(&mut self.out, &key_text(&k)?);
                self.out.push(':');
                self.write(&v, depth + 1)?;
            }
            self.out.push('}');
        } else if value.is_instance_of::<PyList>()
            || value.is_instance_of::<PyTuple>()
            || value.is_instance_of::<PySet>()
            || value.is_instance_of::<PyFrozenSet>()
        {
            self.out.push('[');
            for (i, item) in value.try_iter()?.enumerate() {
                if i > 0 {
                    self.out.push(',');
                }
                self.write(&item?, depth + 1)?;
            }
            self.out.push(']');
        } else if let Ok(b) = value.cast::<PyBytes>() {
            let text = std::str::from_utf8(b.as_bytes())
                .map_err(|_| PyValueError::new_err("bytes are not valid UTF-8 and cannot be serialized to JSON"))?;
            write_str(&mut self.out, text);
        } else {
            return Err(PyValueError::new_err(format!(
                "Unable to serialize unknown type: {}",
                value.get_type().repr()?
            )));
        }
        Ok(())
    }
}

/// The text of a dict key in JSON: strings as they are, numbers and the
/// constants as they print.
pub fn key_text(key: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = key.cast::<PyString>() {
        return Ok(s.to_str()?.to_owned());
    }
    if let Ok(b) = key.cast::<PyBool>() {
        return Ok(if b.is_true() { "true" } else { "false" }.to_owned());
    }
    if let Ok(f) = key.cast::<PyFloat>() {
        let mut s = String::new();
        write_float(&mut s, f.value());
        return Ok(s);
    }
    if key.is_none() || key.is_instance_of::<PyInt>() {
        return Ok(key.str()?.to_string());
    }
    Err(PyValueError::new_err(format!("Unable to serialize dict key of type {}", key.get_type().repr()?)))
}

/// Floats as pydantic writes them: Python's shortest repr digits (ties to
/// even), decimal notation for 1e-5 <= |v| < 1e16, otherwise an exponent
/// without zero padding (`1e+16`, `1e-7`).
pub fn write_float(out: &mut String, v: f64) {
    if !v.is_finite() {
        out.push_str("null");
        return;
    }
    let repr = python_repr(v);
    match repr.split_once('e') {
        None => out.push_str(&repr),
        // repr switches to an exponent below 1e-4; pydantic only below 1e-5
        Some((mantissa, "-05")) => {
            let (sign, digits) = match mantissa.strip_prefix('-') {
                Some(rest) => ("-", rest),
                None => ("", mantissa),
            };
            out.push_str(sign);
            out.push_str("0.0000");
            out.extend(digits.chars().filter(|c| *c != '.'));
        }
        Some((mantissa, exponent)) => {
            let (sign, digits) = exponent.split_at(1);
            out.push_str(mantissa);
            out.push('e');
            out.push_str(sign);
            out.push_str(digits.trim_start_matches('0'));
        }
    }
}

/// `repr(v)` through CPython's own formatter, so the digits match Python's.
fn python_repr(v: f64) -> String {
    // SAFETY: the call returns a PyMem-allocated NUL-terminated string (or NULL
    // on memory failure), which is copied and freed here.
    unsafe {
        let raw = pyo3::ffi::PyOS_double_to_string(v, b'r' as _, 0, pyo3::ffi::Py_DTSF_ADD_DOT_0, std::ptr::null_mut());
        if raw.is_null() {
            return format!("{v:?}");
        }
        let text = std::ffi::CStr::from_ptr(raw).to_string_lossy().into_owned();
        pyo3::ffi::PyMem_Free(raw as *mut std::ffi::c_void);
        text
    }
}

pub fn write_str(out: &mut String, s: &str) {
    out.push('"');
    let mut run_start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[run_start..i]);
        if escape.is_empty() {
            let _ = write!(out, "\\u{:04x}", b);
        } else {
            out.push_str(escape);
        }
        run_start = i + 1;
    }
    out.push_str(&s[run_start..]);
    out.push('"');
}
