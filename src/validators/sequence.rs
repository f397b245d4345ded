//! `Sequence[T]`: an instance of `collections.abc.Sequence` other than str
//! and bytes, read as a `list[T]` (a tuple first becomes a list, so strict
//! mode takes it too). The result keeps the input's type as pydantic does: a
//! list or range gives a list, a tuple a tuple, any other type is called with
//! the validated list. From JSON: exactly a list.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyList, PyRange, PyString, PyTuple, PyType};

use super::{list::ListValidator, BuildContext, State, Validator};
use crate::errors::{ErrorKind, ValError, ValResult};
use crate::input::Input;

fn sequence_abc(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static SEQUENCE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    SEQUENCE.import(py, "collections.abc", "Sequence")
}

#[derive(Debug)]
pub struct SequenceValidator {
    /// `list[T]` with the node's strictness.
    list: Box<Validator>,
    /// Checked on the validated items, named "Value" as pydantic names them.
    min: Option<u64>,
    max: Option<u64>,
    /// A bare `Sequence`: any instance of it is kept as it is.
    bare: bool,
}

impl SequenceValidator {
    pub fn build(node: &Bound<'_, PyDict>, ctx: &BuildContext) -> PyResult<Validator> {
        let (min, max) = super::seq_items::lengths(node)?;
        let list_node = node.copy()?;
        list_node.del_item("constraints").ok();
        Ok(Validator::Sequence(SequenceValidator { list: Box::new(ListValidator::build(&list_node, ctx)?), min, max, bare: super::node_get(node, "inner")?.is_none() }))
    }

    pub fn list(&self) -> &Validator {
        &self.list
    }

    pub fn check_count(&self) -> usize {
        self.min.is_some() as usize + self.max.is_some() as usize + self.list.check_count()
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let value = self.validate_items(py, input, state)?;
        let len = value.len()? as u64;
        if let Some(max) = self.max.filter(|&max| len > max) {
            return Err(ValError::new(ErrorKind::TooLong { field_type: "Value".into(), max_length: max, actual_length: len }, input));
        }
        if let Some(min) = self.min.filter(|&min| len < min) {
            return Err(ValError::new(ErrorKind::TooShort { field_type: "Value".into(), min_length: min, actual_length: len }, input));
        }
        Ok(value)
    }

    fn validate_items<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        if !input.is_python() {
            return self.list.validate(py, input, state);
        }
        let value = input.to_python(py)?;
        if !self.bare && (value.is_instance_of::<PyString>() || value.is_instance_of::<PyBytes>()) {
            let type_name = if value.is_instance_of::<PyString>() { "str" } else { "bytes" };
            return Err(ValError::new(ErrorKind::SequenceStr { type_name }, input));
        }
        if !value.is_instance(sequence_abc(py)?)? {
            return Err(ValError::new(ErrorKind::IsInstanceOf { class: "Sequence".into() }, input));
        }
        if self.bare {
            return Ok(value);
        }
        let value_type = value.get_type();
        if value.is_exact_instance_of::<PyTuple>() {
            let as_list = PyList::new(py, value.try_iter()?.collect::<PyResult<Vec<_>>>()?)?.into_any();
            let list = self.list.validate(py, &as_list, state)?;
            return Ok(PyTuple::new(py, list.cast::<PyList>().map_err(PyErr::from)?.iter())?.into_any());
        }
        let list = self.list.validate(py, &value, state)?;
        if value.is_exact_instance_of::<PyList>() || value.is_instance_of::<PyRange>() {
            return Ok(list);
        }
        Ok(value_type.call1((list,))?)
    }
}
