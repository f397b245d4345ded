//! TypedDict: the declared keys, each by its type's serializer; other keys
//! are left out, as pydantic leaves them out.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use super::filter::kept_entries;
use super::{any, Dumper, Filter, JsonOut, Serializer};

#[derive(Debug)]
pub struct TypedDictSerializer {
    pub fields: Vec<(String, Serializer)>,
}

impl TypedDictSerializer {
    fn field(&self, key: &Bound<'_, PyAny>) -> Option<(&str, &Serializer)> {
        let key = key.cast::<PyString>().ok()?.to_cow().ok()?;
        self.fields.iter().find(|(name, _)| *name == *key).map(|(name, s)| (name.as_str(), s))
    }

    pub fn visit_objects(&self, visit: &mut dyn FnMut(&Py<PyAny>)) {
        self.fields.iter().for_each(|(_, s)| s.visit_objects(visit));
    }

    pub fn models<'a>(&'a self, found: &mut Vec<&'a super::ModelSerializer>) {
        self.fields.iter().for_each(|(_, s)| s.models(found));
    }
}

// pydantic's name for the declared type in its warnings
const EXPECTED: &str = "general-fields";

pub fn to_python<'py>(s: &TypedDictSerializer, value: &Bound<'py, PyAny>, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<Bound<'py, PyAny>> {
    let Ok(dict) = value.cast::<PyDict>() else {
        d.mismatch(EXPECTED, value);
        return any::to_python(value, d, filter);
    };
    let out = PyDict::new(d.py);
    for entry in kept_entries(dict, filter)? {
        let (k, v, next) = entry?;
        if let Some((name, serializer)) = s.field(&k) {
            out.set_item(name, serializer.to_python(&v, d, &next)?)?;
        }
    }
    Ok(out.into_any())
}

pub fn to_json<'py>(s: &TypedDictSerializer, value: &Bound<'py, PyAny>, out: &mut JsonOut, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<()> {
    let Ok(dict) = value.cast::<PyDict>() else {
        d.mismatch(EXPECTED, value);
        return any::to_json(value, out, d, filter);
    };
    out.begin('{');
    let mut first = true;
    for entry in kept_entries(dict, filter)? {
        let (k, v, next) = entry?;
        let Some((name, serializer)) = s.field(&k) else { continue };
        out.item(first);
        first = false;
        out.str(name);
        out.raw(if out.indented() { ": " } else { ":" });
        serializer.to_json(&v, out, d, &next)?;
    }
    out.end('}', !first);
    Ok(())
}
