//! `dict[K, V]`: keys and values validated, errors located at the key
//! (`("meta", "a")`) or at the key itself (`("meta", 1, "[key]")`).

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyString, PyType};

use super::checks::{CheckError, LeafChecks};
use super::{BuildContext, node_get, node_strict, State, Validator};
use crate::errors::{ErrorKind, LineError, LocItem, ValError, ValResult};

/// A dict key in an error location: str and int keys as they are, a bool as
/// its int, anything else as its text (pydantic's rule).
#[cold]
fn key_location(key: &Bound<'_, PyAny>) -> LocItem {
    let py = key.py();
    if key.is_exact_instance_of::<PyString>() || key.is_exact_instance_of::<pyo3::types::PyInt>() {
        return LocItem::Key(key.clone().unbind());
    }
    if let Ok(b) = key.cast::<pyo3::types::PyBool>() {
        return LocItem::Key((b.is_true() as i64).into_pyobject(py).map(|i| i.into_any().unbind()).unwrap_or_else(|_| key.clone().unbind()));
    }
    match key.str() {
        Ok(text) => LocItem::Key(text.into_any().unbind()),
        Err(_) => LocItem::Key(key.clone().unbind()),
    }
}

#[derive(Debug)]
pub struct DictValidator {
    strict: bool,
    key: Box<Validator>,
    value: Box<Validator>,
    checks: Option<LeafChecks>,
}

fn mapping_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static MAPPING: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    MAPPING.import(py, "collections.abc", "Mapping")
}

impl DictValidator {
    pub fn build(node: &Bound<'_, PyDict>, ctx: &BuildContext) -> PyResult<Validator> {
        let strict = node_strict(node)?;
        let any = || Validator::Any(super::any::AnyValidator);
        let key = match node_get(node, "key")? {
            Some(k) => Validator::build(k.cast::<PyDict>()?, ctx)?,
            None => any(),
        };
        let value = match node_get(node, "value")? {
            Some(v) => Validator::build(v.cast::<PyDict>()?, ctx)?,
            None => any(),
        };
        let checks = LeafChecks::read_lengths(node, |min, limit| CheckError::SeqLen { min, limit, field_type: "Dictionary" })?;
        Ok(Validator::Dict(DictValidator { strict, key: Box::new(key), value: Box::new(value), checks }))
    }

    pub fn checks(&self) -> Option<&LeafChecks> {
        self.checks.as_ref()
    }
    pub fn key(&self) -> &Validator {
        &self.key
    }
    pub fn value(&self) -> &Validator {
        &self.value
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &Bound<'py, PyAny>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let (dict, len) = self.validate_deferred(py, input, state)?;
        if let (Some(checks), Some(len)) = (&self.checks, len) {
            if let Some(kind) = checks.first_failure(len) {
                return Err(ValError::new(kind, input));
            }
        }
        Ok(dict)
    }

    pub fn validate_deferred<'py>(
        &self,
        py: Python<'py>,
        input: &Bound<'py, PyAny>,
        state: &mut State,
    ) -> ValResult<(Bound<'py, PyAny>, Option<u64>)> {
        let pairs: Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>)> = if let Ok(d) = input.cast::<PyDict>() {
            d.iter().collect()
        } else if !self.strict && input.is_instance(mapping_type(py)?)? {
            // Other Mappings are read through items(): each key is validated
            // before anything hashes it again.
            input
                .call_method0("items")?
                .try_iter()?
                .map(|pair| pair.and_then(|p| p.extract()))
                .collect::<PyResult<_>>()?
        } else {
            return Err(ValError::new(ErrorKind::DictType, input));
        };
        let out = PyDict::new(py);
        let mut errors: Vec<LineError> = Vec::new();
        for (k, v) in pairs {
            let key = match self.key.validate(py, &k, state) {
                Ok(key) => Some(key),
                Err(ValError::Lines(lines)) => {
                    for mut l in lines {
                        l.loc_reversed.push(LocItem::Key(PyString::new(py, "[key]").into_any().unbind()));
                        l.loc_reversed.push(key_location(&k));
                        errors.push(l);
                    }
                    None
                }
                Err(e) => return Err(e),
            };
            match self.value.validate(py, &v, state) {
                Ok(value) => {
                    if let Some(key) = key {
                        out.set_item(key, value)?;
                    }
                }
                Err(ValError::Lines(lines)) => {
                    for mut l in lines {
                        l.loc_reversed.push(key_location(&k));
                        errors.push(l);
                    }
                }
                Err(e) => return Err(e),
            }
        }
        if !errors.is_empty() {
            return Err(ValError::Lines(errors));
        }
        let len = self.checks.as_ref().map(|_| out.len() as u64);
        Ok((out.into_any(), len))
    }
}
