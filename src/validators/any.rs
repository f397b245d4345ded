//! `Any`: every value passes, as the plain Python value.

use pyo3::prelude::*;

use crate::errors::ValResult;
use crate::input::Input;

#[derive(Debug)]
pub struct AnyValidator;

impl AnyValidator {
    #[inline]
    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>) -> ValResult<Bound<'py, PyAny>> {
        input.to_python(py)
    }
}
