//! A class satya has no validator for, allowed by `arbitrary_types_allowed`:
//! the value must be an instance of it, kept as it is. JSON cannot carry one.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};

use super::{BuildContext, State, Validator};
use crate::errors::{ErrorKind, ValError, ValResult};
use crate::input::Input;

#[derive(Debug)]
pub struct IsInstanceValidator {
    class: Py<PyType>,
    /// The class's name, as errors print it.
    name: std::sync::Arc<str>,
}

impl IsInstanceValidator {
    pub fn build(node: &Bound<'_, PyDict>, _ctx: &BuildContext) -> PyResult<Validator> {
        let class = node.get_item("cls")?.ok_or_else(|| pyo3::exceptions::PyTypeError::new_err("is_instance without a class"))?;
        let class = class.cast_into::<PyType>()?;
        let name = class.qualname()?.to_string().into();
        Ok(Validator::IsInstance(IsInstanceValidator { class: class.unbind(), name }))
    }

    pub fn visit_objects(&self, visit: &mut dyn FnMut(&Py<PyAny>)) {
        visit(self.class.as_any());
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, _state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        if !input.is_python() {
            return Err(ValError::new(ErrorKind::NeedsPythonObject { method_name: "isinstance" }, input));
        }
        let value = input.to_python(py)?;
        if value.is_instance(self.class.bind(py))? {
            return Ok(value);
        }
        Err(ValError::new(ErrorKind::IsInstanceOf { class: self.name.clone() }, input))
    }
}
