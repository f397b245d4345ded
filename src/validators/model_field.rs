//! A field whose type is another Model class (or the class itself).

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};

use super::{BuildContext, State, Validator};
use crate::errors::ValResult;
use crate::model::{schema_of, validate_instance};

#[derive(Debug)]
pub struct ModelFieldValidator {
    cls: Py<PyAny>,
}

impl ModelFieldValidator {
    pub fn build(node: &Bound<'_, PyDict>, _ctx: &BuildContext) -> PyResult<Validator> {
        let cls = node
            .get_item("cls")?
            .ok_or_else(|| pyo3::exceptions::PyTypeError::new_err("model node without 'cls'"))?;
        cls.cast::<PyType>()?;
        Ok(Validator::Model(ModelFieldValidator { cls: cls.unbind() }))
    }

    pub fn class_object(&self) -> &Py<PyAny> {
        &self.cls
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &Bound<'py, PyAny>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let cls = self.cls.bind(py).cast::<PyType>().map_err(PyErr::from)?;
        // The schema may be built only now, for a forward reference.
        let handle = schema_of(cls)?;
        validate_instance(py, cls, &handle.get().schema, input, state)
    }
}
