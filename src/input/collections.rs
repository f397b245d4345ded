//! Python input for tuples, sets, frozensets and deques: strict mode takes the
//! type itself (or a subclass); lax mode takes whatever a list field takes.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyFrozenSet, PyList, PySet, PyTuple, PyType};

use super::{Collection, Input, SeqInput};
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
) -> ValResult<(SeqInput<'a, 'py>, bool)> {
    let own = match kind {
        Collection::Tuple => input.is_instance_of::<PyTuple>(),
        Collection::Set => input.is_instance_of::<PySet>(),
        Collection::FrozenSet => input.is_instance_of::<PyFrozenSet>(),
        Collection::Deque => input.is_instance(deque_type(py)?)?,
    };
    let wrong_type = || ValError::new(ErrorKind::CollectionType { kind, json: false }, input);
    if strict && !own {
        return Err(wrong_type());
    }
    // pydantic knows the length of these before reading them; other
    // iterables are read lazily, so a length error cannot say how many.
    let sized = own
        || input.is_instance_of::<PyList>()
        || input.is_instance_of::<PyTuple>()
        || input.is_instance_of::<PySet>()
        || input.is_instance_of::<PyFrozenSet>();
    let seq = if own {
        SeqInput::Items(input.try_iter()?.collect::<PyResult<_>>()?)
    } else {
        match input.validate_list(py, false) {
            Ok(seq) => seq,
            Err(ValError::Lines(_)) => return Err(wrong_type()),
            Err(e) => return Err(e),
        }
    };
    Ok((seq, sized))
}
