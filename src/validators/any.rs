//! `Any`: every value passes, as the plain Python value.

use jiter::Peek;
use pyo3::prelude::*;

use crate::batch::{JsonReader, Native};

use crate::errors::ValResult;
use super::State;
use crate::input::{Exactness, Input};

#[derive(Debug)]
pub struct AnyValidator;

impl AnyValidator {
    #[inline]
    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        // a union prefers Any to a lax coercion, but not to an exact match
        state.floor_with(|| Exactness::Strict);
        input.to_python(py)
    }

    /// Off the GIL (see `Validator::native`).
    #[inline]
    pub fn native<'d>(&self, json: &mut JsonReader<'d>, peek: Peek) -> Option<Native<'d>> {
        json.value(peek).map(Native::Json)
    }
}
