//! Python input for tuples, sets, frozensets and deques: strict mode takes the
//! type itself (or a subclass); lax mode takes whatever a list field takes.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyFrozenSet, PyList, PySet, PyTuple, PyType};

use super::python::lax_sequence_types;
use super::{Collection, CollectionInput, SeqInput};
use crate::errors::{ErrorKind, ValError, ValResult};

pub fn deque_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static DEQUE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    DEQUE.import(py, "collections", "deque")
}

impl Collection {
    /// The error type for input that is not this collection.
    pub fn error_type(self) -> &'static str {
        match self {
            Collection::Tuple => "tuple_type",
            Collection::Set => "set_type",
            Collection::FrozenSet => "frozen_set_type",
            Collection::Deque => "deque_type",
        }
    }

    /// The type as error messages name it.
    pub fn noun(self) -> &'static str {
        match self {
            Collection::Tuple => "tuple",
            Collection::Set => "set",
            Collection::FrozenSet => "frozenset",
            Collection::Deque => "deque",
        }
    }

    /// The type as length errors name it (`field_type`).
    pub fn field_type(self) -> &'static str {
        match self {
            Collection::Tuple => "Tuple",
            Collection::Set => "Set",
            Collection::FrozenSet => "Frozenset",
            Collection::Deque => "Deque",
        }
    }
}

pub(super) fn validate_collection<'a, 'py>(
    input: &'a Bound<'py, PyAny>,
    py: Python<'py>,
    strict: bool,
    kind: Collection,
) -> ValResult<CollectionInput<'a, 'py>> {
    let own = match kind {
        Collection::Tuple => input.is_instance_of::<PyTuple>(),
        Collection::Set => input.is_instance_of::<PySet>(),
        Collection::FrozenSet => input.is_instance_of::<PyFrozenSet>(),
        Collection::Deque => input.is_instance(deque_type(py)?)?,
    };
    // pydantic knows the length of these before reading them; other
    // iterables are read lazily, so a length error cannot say how many.
    let known_length = input.is_instance_of::<PyList>()
        || input.is_instance_of::<PyTuple>()
        || input.is_instance_of::<PySet>()
        || input.is_instance_of::<PyFrozenSet>();
    if let (false, Ok(list)) = (strict, input.cast::<PyList>()) {
        return Ok(CollectionInput { items: SeqInput::List(list.clone()), sized: true, failure: None });
    }
    // the lax table: whatever a list field takes
    let accepted = own || (!strict && (known_length || input.is_instance(lax_sequence_types(py)?.as_any())?));
    if !accepted {
        return Err(ValError::new(ErrorKind::CollectionType { kind, json: false }, input));
    }
    let mut items = Vec::new();
    let mut failure = None;
    for item in input.try_iter()? {
        match item {
            Ok(item) => items.push(item),
            Err(err) => {
                failure = Some(describe(py, &err).into());
                break;
            }
        }
    }
    Ok(CollectionInput { items: SeqInput::Items(items), sized: own || known_length, failure })
}

/// An exception as pydantic's iteration_error names it: "RuntimeError: boom".
#[cold]
fn describe(py: Python<'_>, err: &PyErr) -> String {
    let name = err.get_type(py).name().map(|n| n.to_string()).unwrap_or_default();
    let text = err.value(py).str().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    format!("{name}: {text}")
}
