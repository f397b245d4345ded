//! bytes: as they are in python mode; UTF-8 text in JSON (pydantic's default).

use pyo3::exceptions::PyUnicodeDecodeError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyString};

use super::{any, Dumper, Filter, JsonOut, SerializationError};

/// The text of `data`, or pydantic's error for each output.
pub fn utf8<'a>(py: Python<'_>, data: &'a [u8], to_json: bool) -> PyResult<&'a str> {
    std::str::from_utf8(data).map_err(|e| {
        if to_json {
            SerializationError::new_err(format!("Error serializing to JSON: {e}"))
        } else {
            let start = e.valid_up_to();
            let end = start + e.error_len().unwrap_or(data.len() - start);
            match PyUnicodeDecodeError::new(py, c"utf-8", data, start..end, c"invalid utf-8") {
                Ok(err) => PyErr::from_value(err.into_any()),
                Err(err) => err,
            }
        }
    })
}

/// bytes or bytearray in JSON form: a str in python mode, text in JSON.
pub fn as_text<'py>(value: &Bound<'py, PyAny>) -> Option<Vec<u8>> {
    if let Ok(b) = value.cast::<PyBytes>() {
        return Some(b.as_bytes().to_vec());
    }
    value.cast::<PyByteArray>().ok().map(|b| b.to_vec())
}

pub fn to_python<'py>(value: &Bound<'py, PyAny>, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<Bound<'py, PyAny>> {
    match value.cast::<PyBytes>() {
        Ok(b) if d.opts.json_mode => Ok(PyString::new(d.py, utf8(d.py, b.as_bytes(), false)?).into_any()),
        Ok(_) => Ok(value.clone()),
        Err(_) => {
            d.mismatch("bytes", value);
            any::to_python(value, d, filter)
        }
    }
}

pub fn to_json<'py>(value: &Bound<'py, PyAny>, out: &mut JsonOut, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<()> {
    match value.cast::<PyBytes>() {
        Ok(b) => {
            out.str(utf8(d.py, b.as_bytes(), true)?);
            Ok(())
        }
        Err(_) => {
            d.mismatch("bytes", value);
            any::to_json(value, out, d, filter)
        }
    }
}
