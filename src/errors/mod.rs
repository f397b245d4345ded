//! Validation errors: collected as native `LineError`s (locations and inputs
//! hold no Python objects they do not need), turned into the Python
//! `ValidationError` only when validation fails (a cold path).

mod input_value;
mod kinds;
mod kinds_from_ctx;
mod validation_error;
mod wording;

pub use input_value::InputValue;
pub use kinds::{BoundValue, ErrorKind};
pub use validation_error::{truncate_repr, ModelValidationError, ValidationError};
pub use wording::worded;

use std::sync::Arc;

use pyo3::prelude::*;
use smallvec::SmallVec;

use crate::input::Input;

/// Most locations are one or two items deep; they stay inline.
pub type Loc = SmallVec<[LocItem; 3]>;

/// One step of an error's location: a key's text, an int key, or an index.
#[derive(Debug, Clone)]
pub enum LocItem {
    Key(Arc<str>),
    Int(i64),
    Index(usize),
}

impl LocItem {
    pub fn to_object(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(match self {
            LocItem::Key(k) => pyo3::types::PyString::new(py, k).into_any().unbind(),
            LocItem::Int(i) => i.into_pyobject(py)?.into_any().unbind(),
            LocItem::Index(i) => i.into_pyobject(py)?.into_any().unbind(),
        })
    }

    /// A location item given from Python (`from_exception_data`, unpickling).
    pub fn from_object(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        if let Ok(s) = obj.cast::<pyo3::types::PyString>() {
            return Ok(LocItem::Key(s.to_cow()?.as_ref().into()));
        }
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(LocItem::Int(i));
        }
        Ok(LocItem::Key(obj.str()?.to_cow()?.as_ref().into()))
    }
}

impl From<&str> for LocItem {
    fn from(s: &str) -> Self {
        LocItem::Key(s.into())
    }
}

/// One failure. `loc_reversed` holds the innermost item first, so an outer
/// validator adds its location with a cheap push.
#[derive(Debug)]
pub struct LineError {
    pub kind: ErrorKind,
    pub loc_reversed: Loc,
    pub input: InputValue,
}

impl LineError {
    pub fn new(kind: ErrorKind, input: InputValue) -> Self {
        Self { kind, loc_reversed: Loc::new(), input }
    }

    pub fn with_outer(mut self, item: LocItem) -> Self {
        self.loc_reversed.push(item);
        self
    }
}

#[derive(Debug)]
pub enum ValError {
    Lines(Vec<LineError>),
    /// A Python exception that is not a validation failure (for example from a
    /// default_factory); it propagates unchanged.
    Internal(PyErr),
}

pub type ValResult<T> = Result<T, ValError>;

impl ValError {
    #[cold]
    #[inline(never)]
    pub fn new<'py>(kind: ErrorKind, input: &impl Input<'py>) -> Self {
        ValError::Lines(vec![LineError::new(kind, input.error_value())])
    }

    /// Prefixes every line's location with `item`.
    #[cold]
    pub fn with_outer(self, item: impl Fn() -> LocItem) -> Self {
        match self {
            ValError::Lines(mut lines) => {
                for line in &mut lines {
                    line.loc_reversed.push(item());
                }
                ValError::Lines(lines)
            }
            other => other,
        }
    }
}

impl From<std::convert::Infallible> for ValError {
    fn from(never: std::convert::Infallible) -> Self {
        match never {}
    }
}

impl From<PyErr> for ValError {
    fn from(err: PyErr) -> Self {
        ValError::Internal(err)
    }
}

/// Raises `ValidationError` for `title` from collected lines.
#[cold]
#[inline(never)]
pub fn into_py_err(py: Python<'_>, err: ValError, title: &Bound<'_, PyAny>) -> PyErr {
    match err {
        ValError::Internal(e) => e,
        ValError::Lines(lines) => ValidationError::new_err(py, title.clone().unbind(), lines),
    }
}
