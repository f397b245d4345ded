//! `bool`, lax or strict.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict};

use super::{BuildContext, node_strict, Validator};
use crate::errors::ValResult;
use crate::input::coerce_bool;

#[derive(Debug)]
pub struct BoolValidator {
    strict: bool,
}

impl BoolValidator {
    pub fn build(node: &Bound<'_, PyDict>, _ctx: &BuildContext) -> PyResult<Validator> {
        Ok(Validator::Bool(BoolValidator { strict: node_strict(node)? }))
    }

    #[inline]
    pub fn validate<'py>(&self, py: Python<'py>, input: &Bound<'py, PyAny>) -> ValResult<Bound<'py, PyAny>> {
        let value = coerce_bool(input, self.strict)?;
        Ok(PyBool::new(py, value).to_owned().into_any())
    }
}
