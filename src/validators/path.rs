//! `pathlib` paths: an instance of the declared class as it is, or a string
//! given to that class (under the GIL: the class decides what it makes).

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};

use super::{node_get, node_strict, BuildContext, State, Validator};
use crate::errors::{ErrorKind, ValError, ValResult};
use crate::input::Input;

#[derive(Debug)]
pub struct PathValidator {
    strict: bool,
    cls: Py<PyType>,
    class_name: Arc<str>,
    /// pydantic's path_type message names the class by its repr; made once.
    type_message: Arc<str>,
}

impl PathValidator {
    pub fn build(node: &Bound<'_, PyDict>, _ctx: &BuildContext) -> PyResult<Validator> {
        let cls = node_get(node, "cls")?
            .ok_or_else(|| pyo3::exceptions::PyTypeError::new_err("path node without 'cls'"))?
            .cast_into::<PyType>()?;
        let class_name: Arc<str> = cls.name()?.to_cow()?.as_ref().into();
        let type_message = format!("Input is not a valid path for {}", cls.repr()?.to_cow()?).into();
        Ok(Validator::Path(PathValidator { strict: node_strict(node)?, cls: cls.unbind(), class_name, type_message }))
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &State) -> ValResult<Bound<'py, PyAny>> {
        let cls = self.cls.bind(py);
        let strict = state.strict_or(self.strict);
        let text = if input.is_python() {
            let value = input.to_python(py)?;
            if value.is_instance(cls)? {
                return Ok(value);
            }
            if strict {
                return Err(ValError::new(ErrorKind::IsInstanceOf { class: self.class_name.clone() }, input));
            }
            // lax: a str as strict str validation takes it (no bytes), unless
            // the call itself says strict=False, which pydantic lets reach it
            input.validate_str(py, state.strict.unwrap_or(true)).map_err(|_| self.type_error(input))?
        } else {
            match input.validate_str(py, false) {
                Ok(text) => text,
                Err(e) if strict => return Err(e),
                Err(_) => return Err(self.type_error(input)),
            }
        };
        match cls.call1((text,)) {
            Ok(path) => Ok(path),
            Err(e) if e.is_instance_of::<pyo3::exceptions::PyTypeError>(py) => Err(self.type_error(input)),
            Err(e) => Err(e.into()),
        }
    }

    #[cold]
    fn type_error<'py>(&self, input: &impl Input<'py>) -> ValError {
        ValError::new(ErrorKind::PathType { message: self.type_message.clone() }, input)
    }
}

impl PathValidator {
    pub fn class(&self) -> &Py<PyType> {
        &self.cls
    }
}
