//! The entry points behind a type adapter's methods: its value validated as
//! the one field of the adapter's hidden model from Python data (with partial
//! input) and from a JSON document; and strings mode (`input/strings.rs`),
//! which `model_validate_strings` uses too. Errors are located under the
//! field's `key`, except those of the document itself (json_invalid, json_type).

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};

use crate::entry::CallOptions;
use crate::errors::ValResult;
use crate::input::{json_bytes, invalid_json, StringsDocument};
use crate::schema::CompiledSchema;
use crate::schema_handle::schema_of;
use crate::validators::State;

/// `experimental_allow_partial`: off, on, or on with a JSON document's
/// unfinished last string kept.
fn partial_mode(mode: Option<&str>) -> PyResult<jiter::PartialMode> {
    match mode {
        None | Some("off") => Ok(jiter::PartialMode::Off),
        Some("on") => Ok(jiter::PartialMode::On),
        Some("trailing-strings") => Ok(jiter::PartialMode::TrailingStrings),
        Some(_) => Err(PyValueError::new_err("Invalid partial mode, should be `'off'`, `'on'`, `'trailing-strings'` or a `bool`")),
    }
}

/// The schema of `cls` and the state of a call with these options.
#[allow(clippy::too_many_arguments)]
fn prepared<'py>(
    cls: &Bound<'py, PyType>,
    strict: Option<bool>,
    from_attributes: bool,
    context: Option<Py<PyAny>>,
    extra: Option<Bound<'py, PyAny>>,
    by_alias: Option<bool>,
    by_name: Option<bool>,
    partial: jiter::PartialMode,
) -> PyResult<(Bound<'py, crate::schema_handle::SchemaHandle>, State)> {
    let mut state = CallOptions::of_keywords(strict, context, extra.as_ref(), by_alias, by_name)?.state();
    state.from_attributes = from_attributes;
    state.partial = partial.is_active();
    Ok((schema_of(cls)?, state))
}

fn finished<'py>(py: Python<'py>, schema: &CompiledSchema, result: ValResult<Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
    result.map_err(|e| schema.py_err(py, e))
}

/// `{key: value}` validated as an instance of `cls` (Python input).
#[pyfunction]
#[pyo3(signature = (cls, value, key, strict=None, from_attributes=false, context=None, extra=None, by_alias=None, by_name=None, partial=None))]
#[allow(clippy::too_many_arguments)]
pub fn validate_python_as_field<'py>(
    cls: &Bound<'py, PyType>,
    value: &Bound<'py, PyAny>,
    key: &str,
    strict: Option<bool>,
    from_attributes: bool,
    context: Option<Py<PyAny>>,
    extra: Option<Bound<'py, PyAny>>,
    by_alias: Option<bool>,
    by_name: Option<bool>,
    partial: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = cls.py();
    // a call made by a hook inside validate_strings reads its own input
    let _plain = crate::input::set_aside();
    let (handle, mut state) = prepared(cls, strict, from_attributes, context, extra, by_alias, by_name, partial_mode(partial)?)?;
    let schema = &handle.get().schema;
    let wrapper = PyDict::new(py);
    wrapper.set_item(key, value)?;
    finished(py, schema, schema.validate_model(py, cls, wrapper.as_any(), &mut state))
}

/// A JSON document validated as the value of field `key` of `cls`.
#[pyfunction]
#[pyo3(signature = (cls, data, key, strict=None, context=None, extra=None, by_alias=None, by_name=None, partial=None))]
#[allow(clippy::too_many_arguments)]
pub fn validate_json_as_field<'py>(
    cls: &Bound<'py, PyType>,
    data: &Bound<'py, PyAny>,
    key: &str,
    strict: Option<bool>,
    context: Option<Py<PyAny>>,
    extra: Option<Bound<'py, PyAny>>,
    by_alias: Option<bool>,
    by_name: Option<bool>,
    partial: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = cls.py();
    let _plain = crate::input::set_aside();
    let mode = partial_mode(partial)?;
    let (handle, mut state) = prepared(cls, strict, false, context, extra, by_alias, by_name, mode)?;
    let schema = &handle.get().schema;
    let result = json_bytes(data).and_then(|bytes| {
        let document = jiter::JsonValue::parse_with_config(&bytes, true, mode).map_err(|e| invalid_json(e, &bytes, data))?;
        let wrapper = jiter::JsonValue::Object(std::sync::Arc::new(vec![(std::borrow::Cow::Owned(key.to_owned()), document)]));
        let jiter::JsonValue::Object(pairs) = &wrapper else { unreachable!() };
        // the document's nodes keep their addresses inside the wrapper (its
        // arrays and objects are shared), so numbers' text is found there
        state.with_json_source(&bytes, &pairs[0].1, |state| schema.validate_json_value(py, cls, &wrapper, state))
    });
    finished(py, schema, result)
}

/// `obj` validated in strings mode as an instance of `cls`, or with `key` as
/// the value of that field of `cls`.
#[pyfunction]
#[pyo3(signature = (cls, obj, key=None, strict=None, context=None, extra=None, by_alias=None, by_name=None, partial=None))]
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
    partial: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = cls.py();
    let (handle, mut state) = prepared(cls, strict, false, context, extra, by_alias, by_name, partial_mode(partial)?)?;
    let schema = &handle.get().schema;
    let source = match key {
        None => obj.clone(),
        Some(key) => {
            let wrapper = PyDict::new(py);
            wrapper.set_item(key, obj)?;
            wrapper.into_any()
        }
    };
    let result = StringsDocument::new(&source)
        .and_then(|document| document.with(|root| schema.validate_json_value(py, cls, root, &mut state)));
    finished(py, schema, result)
}
