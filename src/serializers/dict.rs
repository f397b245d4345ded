//! dict[K, V]: keys and values by their declared types; in JSON the keys
//! become strings. include and exclude pick entries by key. Entries are
//! walked with a size check: user code may run while they are dumped.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use super::{any, Dumper, Filter, JsonOut, Serializer};
use crate::input::DictEntries;

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
    let prepared = if filter.is_empty() { None } else { Some(filter.prepare()?) };
    for entry in DictEntries::new(dict) {
        let (k, v) = entry?;
        let next = match &prepared {
            None => None,
            Some(filter) => match filter.key(&k)? {
                Some(next) => Some(next),
                None => continue,
            },
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
    let prepared = if filter.is_empty() { None } else { Some(filter.prepare()?) };
    for entry in DictEntries::new(dict) {
        let (k, v) = entry?;
        let next = match &prepared {
            None => None,
            Some(filter) => match filter.key(&k)? {
                Some(next) => Some(next),
                None => continue,
            },
        };
        out.item(first);
        first = false;
        match k.cast::<PyString>() {
            Ok(s) => out.str(s.to_str()?),
            Err(_) => out.str(any::json_text_key(&k, d)?.to_str()?),
        }
        out.raw(if out.indented() { ": " } else { ":" });
        value_ser.to_json(&v, out, d, next.as_ref().unwrap_or(&none))?;
    }
    out.end('}', !first);
    Ok(())
}
