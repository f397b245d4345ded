//! `None`: only None passes.

use pyo3::prelude::*;

use crate::errors::{ErrorKind, ValError, ValResult};

#[derive(Debug)]
pub struct NoneValidator;

impl NoneValidator {
    #[inline]
    pub fn validate<'py>(&self, py: Python<'py>, input: &Bound<'py, PyAny>) -> ValResult<Bound<'py, PyAny>> {
        if input.is_none() {
            Ok(py.None().into_bound(py))
        } else {
            Err(ValError::new(ErrorKind::NoneRequired, input))
        }
    }
}
