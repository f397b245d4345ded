//! `Any`: every value passes, as the plain Python value.

use jiter::JsonValue;
use pyo3::prelude::*;

use crate::batch::Native;

use crate::errors::ValResult;
use crate::input::Input;

#[derive(Debug)]
pub struct AnyValidator;

impl AnyValidator {
    #[inline]
    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>) -> ValResult<Bound<'py, PyAny>> {
        input.to_python(py)
    }

    /// Off the GIL (see `Validator::native`).
    #[inline]
    pub fn native<'d>(&self, value: &JsonValue<'d>) -> Option<Native<'d>> {
        Some(Native::Json(value.clone()))
    }
}
