//! dict[K, V]: keys and values by their declared types; in JSON the keys
//! become strings. include and exclude pick entries by key.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use super::{any, Dumper, Filter, JsonOut, Serializer};

/// The entries of `dict`, read so that user code run while they are dumped
/// cannot break the walk: a change of size is Python's RuntimeError.
pub fn entries<'py>(dict: &Bound<'py, PyDict>) -> impl Iterator<Item = PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)>> + 'py {
    let dict = dict.clone();
    let len = dict.len();
    let mut pos: pyo3::ffi::Py_ssize_t = 0;
    std::iter::from_fn(move || {
        if dict.len() != len {
            return Some(Err(pyo3::exceptions::PyRuntimeError::new_err("dictionary changed size during iteration")));
        }
        let mut key = std::ptr::null_mut();
        let mut value = std::ptr::null_mut();
        // SAFETY: PyDict_Next checks pos against the dict's current table; the
        // borrowed key and value are made owned before any other code runs.
        unsafe {
            if pyo3::ffi::PyDict_Next(dict.as_ptr(), &mut pos, &mut key, &mut value) == 0 {
                return None;
            }
            let py = dict.py();
            Some(Ok((Bound::from_borrowed_ptr(py, key), Bound::from_borrowed_ptr(py, value))))
        }
    })
}

fn mismatch<'py>(key: &Serializer, value_ser: &Serializer, value: &Bound<'py, PyAny>, d: &mut Dumper<'py>) {
    let expected = format!("dict[{}, {}]", key.expected(d.py), value_ser.expected(d.py));
    d.mismatch(&expected, value);
}

pub fn to_python<'py>(
    key: &Serializer,
    value_ser: &Serializer,
    value: &Bound<'py, PyAny>,
    d: &mut Dumper<'py>,
    filter: &Filter<'py>,
) -> PyResult<Bound<'py, PyAny>> {
    let Ok(dict) = value.cast::<PyDict>() else {
        mismatch(key, value_ser, value, d);
        return any::to_python(value, d, filter);
    };
    let out = PyDict::new(d.py);
    let none = Filter::default();
    for entry in entries(dict) {
        let (k, v) = entry?;
        let next = if filter.is_empty() {
            None
        } else {
            match filter.key(&k)? {
                Some(next) => Some(next),
                None => continue,
            }
        };
        let k = if d.opts.json_mode { any::json_key(&k, d)?.into_any() } else { key.to_python(&k, d, &none)? };
        out.set_item(k, value_ser.to_python(&v, d, next.as_ref().unwrap_or(&none))?)?;
    }
    Ok(out.into_any())
}

pub fn to_json<'py>(
    key: &Serializer,
    value_ser: &Serializer,
    value: &Bound<'py, PyAny>,
    out: &mut JsonOut,
    d: &mut Dumper<'py>,
    filter: &Filter<'py>,
) -> PyResult<()> {
    let Ok(dict) = value.cast::<PyDict>() else {
        mismatch(key, value_ser, value, d);
        return any::to_json(value, out, d, filter);
    };
    let none = Filter::default();
    out.begin('{');
    let mut first = true;
    for entry in entries(dict) {
        let (k, v) = entry?;
        let next = if filter.is_empty() {
            None
        } else {
            match filter.key(&k)? {
                Some(next) => Some(next),
                None => continue,
            }
        };
        out.item(first);
        first = false;
        match k.cast::<PyString>() {
            Ok(s) => out.str(s.to_str()?),
            Err(_) => out.str(any::json_key(&k, d)?.to_str()?),
        }
        out.raw(if out.indented() { ": " } else { ":" });
        value_ser.to_json(&v, out, d, next.as_ref().unwrap_or(&none))?;
    }
    out.end('}', !first);
    Ok(())
}
