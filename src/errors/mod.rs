//! Validation errors: collected as `LineError`s, turned into the Python
//! `ValidationError` only when validation fails (a cold path).

mod kinds;
mod validation_error;

pub use kinds::{BoundValue, ErrorKind};
pub use validation_error::ValidationError;

use pyo3::prelude::*;
use smallvec::SmallVec;

/// Most locations are one or two items deep; they stay inline.
pub type Loc = SmallVec<[LocItem; 3]>;

/// One step of an error's location.
#[derive(Debug)]
pub enum LocItem {
    Key(Py<PyAny>),
    Index(usize),
}

impl LocItem {
    pub fn to_object(&self, py: Python<'_>) -> Py<PyAny> {
        match self {
            LocItem::Key(k) => k.clone_ref(py),
            LocItem::Index(i) => i.into_pyobject(py).unwrap().into_any().unbind(),
        }
    }
}

/// One failure. `loc_reversed` holds the innermost item first, so an outer
/// validator adds its location with a cheap push.
#[derive(Debug)]
pub struct LineError {
    pub kind: ErrorKind,
    pub loc_reversed: Loc,
    pub input: Py<PyAny>,
}

impl LineError {
    pub fn new(kind: ErrorKind, input: Py<PyAny>) -> Self {
        Self { kind, loc_reversed: Loc::new(), input }
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
    pub fn new(kind: ErrorKind, input: &Bound<'_, PyAny>) -> Self {
        ValError::Lines(vec![LineError::new(kind, input.clone().unbind())])
    }

    /// Prefixes every line's location with `item`.
    #[cold]
    pub fn with_outer(self, item: impl Fn() -> LocItem) -> Self {
        match self {
            ValError::Lines(mut lines) => {
                if lines.len() == 1 {
                    lines[0].loc_reversed.push(item());
                } else {
                    for line in &mut lines {
                        line.loc_reversed.push(item());
                    }
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
