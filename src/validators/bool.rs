//! `bool`, lax or strict.

use jiter::Peek;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict};

use super::{BuildContext, node_strict, State, Validator};
use crate::batch::{JsonReader, Native};
use crate::errors::ValResult;
use crate::input::Target;
use crate::input::Input;

#[derive(Debug)]
pub struct BoolValidator {
    strict: bool,
}

impl BoolValidator {
    pub fn build(node: &Bound<'_, PyDict>, _ctx: &BuildContext) -> PyResult<Validator> {
        Ok(Validator::Bool(BoolValidator { strict: node_strict(node)? }))
    }

    #[inline]
    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let value = input.validate_bool(py, state.strict_or(self.strict))?;
        state.floor_with(|| input.exactness(Target::Bool));
        Ok(PyBool::new(py, value).to_owned().into_any())
    }

    /// Off the GIL (see `Validator::native`).
    #[inline]
    pub fn native<'d>(&self, json: &mut JsonReader<'d>, peek: Peek) -> Option<Native<'d>> {
        json.bool(peek).map(Native::Bool)
    }
}
