//! `Any`: every value passes unchanged.

use pyo3::prelude::*;

use crate::errors::ValResult;

#[derive(Debug)]
pub struct AnyValidator;

impl AnyValidator {
    #[inline]
    pub fn validate<'py>(&self, input: &Bound<'py, PyAny>) -> ValResult<Bound<'py, PyAny>> {
        Ok(input.clone())
    }
}
