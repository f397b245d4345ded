//! dict[K, V]: keys and values by their declared types; in JSON the keys
//! become strings. include and exclude pick entries by key. Entries are
//! walked with a size check: user code may run while they are dumped.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyFloat, PyString};

use super::filter::kept_entries;
use super::{any, Dumper, Filter, JsonOut, Serializer};

fn mismatch<'py>(key: &Serializer, value_ser: &Serializer, value: &Bound<'py, PyAny>, d: &mut Dumper<'py>) {
    let expected = format!("dict[{}, {}]", key.expected(d.py), value_ser.expected(d.py));
    d.mismatch(&expected, value);
}

/// A key declared a float is written as Python prints it, the infinities and
/// NaN included (`inf`, `nan`), as pydantic's float key serializer does; an
/// undeclared one goes by `any::json_key`.
fn declared_float(key: &Serializer, k: &Bound<'_, PyAny>) -> bool {
    matches!(key, Serializer::Float) && k.is_exact_instance_of::<PyFloat>()
}

fn json_key<'py>(key: &Serializer, k: &Bound<'py, PyAny>, d: &mut Dumper<'py>) -> PyResult<Bound<'py, PyString>> {
    if declared_float(key, k) {
        return k.repr();
    }
    any::json_key(k, d)
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
    for entry in kept_entries(dict, filter)? {
        let (k, v, next) = entry?;
        let k = if d.opts.json_mode { json_key(key, &k, d)?.into_any() } else { key.to_python(&k, d, &none)? };
        out.set_item(k, value_ser.to_python(&v, d, &next)?)?;
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
    out.begin('{');
    let mut first = true;
    for entry in kept_entries(dict, filter)? {
        let (k, v, next) = entry?;
        out.item(first);
        first = false;
        match k.cast::<PyString>() {
            Ok(s) => out.str(s.to_str()?),
            Err(_) if declared_float(key, &k) => out.str(k.repr()?.to_str()?),
            Err(_) => out.str(any::json_text_key(&k, d)?.to_str()?),
        }
        out.raw(if out.indented() { ": " } else { ":" });
        value_ser.to_json(&v, out, d, &next)?;
    }
    out.end('}', !first);
    Ok(())
}
