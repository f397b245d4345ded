//! `list[T]`: lax mode also takes tuples, sets, deques, dict views and
//! generators; strict mode only lists. Length bounds count the items.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyFrozenSet, PyList, PySet, PyTuple};

use super::checks::{CheckError, LeafChecks};
use super::{node_get, node_strict, State, Validator};
use crate::errors::{ErrorKind, LineError, LocItem, ValError, ValResult};

#[derive(Debug)]
pub struct ListValidator {
    strict: bool,
    item: Box<Validator>,
    checks: Option<LeafChecks>,
}

/// The lax-mode iterables that are accepted as lists besides tuple and set.
fn lax_sequence_types(py: Python<'_>) -> PyResult<&Bound<'_, PyTuple>> {
    static TYPES: PyOnceLock<Py<PyTuple>> = PyOnceLock::new();
    TYPES
        .get_or_try_init(py, || {
            let helpers = py.import("satya._types")?;
            Ok::<_, PyErr>(helpers.getattr("LAX_LIST_TYPES")?.cast_into::<PyTuple>()?.unbind())
        })
        .map(|t| t.bind(py))
}

impl ListValidator {
    pub fn build(node: &Bound<'_, PyDict>) -> PyResult<Validator> {
        let strict = node_strict(node)?;
        let item = match node_get(node, "inner")? {
            Some(inner) => Validator::build(inner.cast::<PyDict>()?)?,
            None => Validator::Any(super::any::AnyValidator),
        };
        let checks = match node_get(node, "constraints")? {
            Some(c) => {
                let c = c.cast::<PyDict>()?;
                let min: Option<u64> = node_get(c, "min_length")?.map(|v| v.extract()).transpose()?;
                let max: Option<u64> = node_get(c, "max_length")?.map(|v| v.extract()).transpose()?;
                Some(LeafChecks::lengths(min, max, |min, limit| CheckError::SeqLen { min, limit, field_type: "List" }))
                    .filter(|c| !c.is_empty())
            }
            None => None,
        };
        Ok(Validator::List(ListValidator { strict, item: Box::new(item), checks }))
    }

    pub fn checks(&self) -> Option<&LeafChecks> {
        self.checks.as_ref()
    }

    pub fn item(&self) -> &Validator {
        &self.item
    }


    pub fn validate<'py>(&self, py: Python<'py>, input: &Bound<'py, PyAny>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let (list, len) = self.validate_deferred(py, input, state)?;
        if let (Some(checks), Some(len)) = (&self.checks, len) {
            if let Some(kind) = checks.first_failure(len) {
                return Err(ValError::new(kind, input));
            }
        }
        Ok(list)
    }

    pub fn validate_deferred<'py>(
        &self,
        py: Python<'py>,
        input: &Bound<'py, PyAny>,
        state: &mut State,
    ) -> ValResult<(Bound<'py, PyAny>, Option<u64>)> {
        let list = if let Ok(list) = input.cast_exact::<PyList>() {
            self.validate_items(py, list.iter(), list.len(), state)?
        } else {
            self.validate_other(py, input, state)?
        };
        let len = self.checks.as_ref().map(|_| list.len() as u64);
        Ok((list.into_any(), len))
    }

    #[cold]
    fn validate_other<'py>(&self, py: Python<'py>, input: &Bound<'py, PyAny>, state: &mut State) -> ValResult<Bound<'py, PyList>> {
        let accepted = if self.strict {
            input.is_instance_of::<PyList>()
        } else {
            input.is_instance_of::<PyList>()
                || input.is_instance_of::<PyTuple>()
                || input.is_instance_of::<PySet>()
                || input.is_instance_of::<PyFrozenSet>()
                || input.is_instance(lax_sequence_types(py)?.as_any())?
        };
        if !accepted {
            return Err(ValError::new(ErrorKind::ListType, input));
        }
        let items: Vec<Bound<'py, PyAny>> = input.try_iter()?.collect::<PyResult<_>>()?;
        let n = items.len();
        self.validate_items(py, items.into_iter(), n, state)
    }

    #[inline]
    fn validate_items<'py>(
        &self,
        py: Python<'py>,
        items: impl Iterator<Item = Bound<'py, PyAny>>,
        len: usize,
        state: &mut State,
    ) -> ValResult<Bound<'py, PyList>> {
        let mut out = Vec::with_capacity(len);
        let mut errors: Vec<LineError> = Vec::new();
        for (index, item) in items.enumerate() {
            match self.item.validate(py, &item, state) {
                Ok(v) => out.push(v),
                Err(ValError::Lines(lines)) => {
                    errors.extend(lines.into_iter().map(|mut l| {
                        l.loc_reversed.push(LocItem::Index(index));
                        l
                    }))
                }
                Err(e) => return Err(e),
            }
        }
        if !errors.is_empty() {
            return Err(ValError::Lines(errors));
        }
        Ok(PyList::new(py, out)?)
    }
}

