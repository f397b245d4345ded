//! `model_validate_strings` and `TypeAdapter.validate_strings`: a Python
//! object of strings (and str-keyed dicts of them) validated as the same
//! strings in a JSON document would be (see `input/strings.rs`).

use pyo3::prelude::*;
use pyo3::types::PyType;

use crate::entry::CallOptions;
use crate::input::StringsDocument;
use crate::schema_handle::schema_of;

/// Validates `obj` in strings mode as an instance of `cls`, or with `key` as
/// the value of that field of `cls` (a type adapter's holder): errors are then
/// located under `key`.
#[pyfunction]
#[pyo3(signature = (cls, obj, key=None, strict=None, context=None, extra=None, by_alias=None, by_name=None))]
#[allow(clippy::too_many_arguments)]
pub fn validate_strings<'py>(
    cls: &Bound<'py, PyType>,
    obj: &Bound<'py, PyAny>,
    key: Option<&str>,
    strict: Option<bool>,
    context: Option<Py<PyAny>>,
    extra: Option<Bound<'py, PyAny>>,
    by_alias: Option<bool>,
    by_name: Option<bool>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = cls.py();
    let handle = schema_of(cls)?;
    let schema = &handle.get().schema;
    let mut state = CallOptions::of_keywords(strict, context, extra.as_ref(), by_alias, by_name)?.state();
    let source = match key {
        None => obj.clone(),
        Some(key) => {
            let wrapper = pyo3::types::PyDict::new(py);
            wrapper.set_item(key, obj)?;
            wrapper.into_any()
        }
    };
    StringsDocument::new(&source)
        .and_then(|document| document.with(|root| schema.validate_json_value(py, cls, root, &mut state)))
        .map_err(|e| schema.py_err(py, e))
}
