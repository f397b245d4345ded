//! `model_dump`: an instance to plain Python data, nested models to dicts.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyFrozenSet, PyList, PySet, PyString, PyTuple, PyType};

use crate::model::{model_schema_of, SchemaHandle};

/// Beyond this depth a dump is taken to be walking a cycle.
const MAX_DUMP_DEPTH: u32 = 200;

pub struct DumpOptions<'py> {
    pub json_mode: bool,
    pub by_alias: bool,
    pub exclude_none: bool,
    pub include: Option<Bound<'py, PyAny>>,
    pub exclude: Option<Bound<'py, PyAny>>,
    pub base: Bound<'py, PyType>,
}

pub fn dump_model<'py>(
    obj: &Bound<'py, PyAny>,
    handle: &Bound<'py, SchemaHandle>,
    opts: &DumpOptions<'py>,
    depth: u32,
    top: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let py = obj.py();
    if depth > MAX_DUMP_DEPTH {
        return Err(PyValueError::new_err("Circular reference detected (depth exceeded)"));
    }
    let out = PyDict::new(py);
    for field in &handle.get().schema.fields {
        // SAFETY: handle is the schema of obj's own class.
        let Some(value) = (unsafe { field.offset.get(py, obj.as_ptr()) }) else { continue };
        let name = field.name.bind(py).clone();
        if top {
            if let Some(include) = &opts.include {
                if !include.contains(&name)? {
                    continue;
                }
            }
            if let Some(exclude) = &opts.exclude {
                if exclude.contains(&name)? {
                    continue;
                }
            }
        }
        if opts.exclude_none && value.is_none() {
            continue;
        }
        let key = if opts.by_alias { field.key.bind(py).clone() } else { name };
        out.set_item(key, to_plain(&value, opts, depth + 1)?)?;
    }
    Ok(out)
}

/// Containers are rebuilt so that nested models inside them become dicts.
pub fn to_plain<'py>(value: &Bound<'py, PyAny>, opts: &DumpOptions<'py>, depth: u32) -> PyResult<Bound<'py, PyAny>> {
    let py = value.py();
    if depth > MAX_DUMP_DEPTH {
        return Err(PyValueError::new_err("Circular reference detected (depth exceeded)"));
    }
    if value.is_none() || value.is_exact_instance_of::<PyString>() || value.is_exact_instance_of::<pyo3::types::PyInt>()
        || value.is_exact_instance_of::<pyo3::types::PyFloat>() || value.is_exact_instance_of::<pyo3::types::PyBool>()
    {
        return Ok(value.clone());
    }
    if let Some(handle) = model_schema_of(value, &opts.base)? {
        return Ok(dump_model(value, &handle, opts, depth, false)?.into_any());
    }
    if let Ok(list) = value.cast::<PyList>() {
        let items = list.iter().map(|v| to_plain(&v, opts, depth + 1)).collect::<PyResult<Vec<_>>>()?;
        return Ok(PyList::new(py, items)?.into_any());
    }
    if let Ok(tuple) = value.cast::<PyTuple>() {
        let items = tuple.iter().map(|v| to_plain(&v, opts, depth + 1)).collect::<PyResult<Vec<_>>>()?;
        return Ok(if opts.json_mode { PyList::new(py, items)?.into_any() } else { PyTuple::new(py, items)?.into_any() });
    }
    if let Ok(dict) = value.cast::<PyDict>() {
        let out = PyDict::new(py);
        for (k, v) in dict.iter() {
            let k = if opts.json_mode { json_key(&k)? } else { k };
            out.set_item(k, to_plain(&v, opts, depth + 1)?)?;
        }
        return Ok(out.into_any());
    }
    if opts.json_mode {
        if let Ok(b) = value.cast::<PyBytes>() {
            let text = std::str::from_utf8(b.as_bytes())
                .map_err(|_| PyValueError::new_err("bytes are not valid UTF-8 and cannot be dumped to JSON"))?;
            return Ok(PyString::new(py, text).into_any());
        }
        if value.is_instance_of::<PySet>() || value.is_instance_of::<PyFrozenSet>() {
            let items = value.try_iter()?.map(|v| to_plain(&v?, opts, depth + 1)).collect::<PyResult<Vec<_>>>()?;
            return Ok(PyList::new(py, items)?.into_any());
        }
    }
    Ok(value.clone())
}

/// A dict key as JSON has it: a string.
pub fn json_key<'py>(key: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    if key.is_instance_of::<PyString>() {
        return Ok(key.clone());
    }
    Ok(PyString::new(key.py(), &crate::json::key_text(key)?).into_any())
}
