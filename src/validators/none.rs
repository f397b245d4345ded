//! `None`: only None (JSON null) passes.

use pyo3::prelude::*;

use crate::errors::ValResult;
use crate::input::Input;

#[derive(Debug)]
pub struct NoneValidator;

impl NoneValidator {
    #[inline]
    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>) -> ValResult<Bound<'py, PyAny>> {
        input.validate_none(py)
    }
}
