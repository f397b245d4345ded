//! `bytes`: lax or strict, with byte lengths.

use jiter::Peek;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};

use super::checks::{CheckError, LeafChecks};
use super::{BuildContext, node_strict, State, Validator};
use crate::batch::{JsonReader, Native};
use crate::errors::{ValError, ValResult};
use crate::input::Target;
use crate::input::Input;

#[derive(Debug)]
pub struct BytesValidator {
    strict: bool,
    checks: Option<LeafChecks>,
}

impl BytesValidator {
    pub fn build(node: &Bound<'_, PyDict>, _ctx: &BuildContext) -> PyResult<Validator> {
        let strict = node_strict(node)?;
        let checks = LeafChecks::read_lengths(node, |min, limit| CheckError::BytesLen { min, limit })?;
        Ok(Validator::Bytes(BytesValidator { strict, checks }))
    }

    pub fn checks(&self) -> Option<&LeafChecks> {
        self.checks.as_ref()
    }

    #[inline]
    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let (value, len) = self.validate_deferred(py, input, state)?;
        if let (Some(checks), Some(len)) = (&self.checks, len) {
            if let Some(kind) = checks.first_failure(len) {
                return Err(ValError::new(kind, input));
            }
        }
        Ok(value)
    }

    #[inline]
    pub fn validate_deferred<'py>(
        &self,
        py: Python<'py>,
        input: &impl Input<'py>,
        state: &mut State,
    ) -> ValResult<(Bound<'py, PyAny>, Option<u64>)> {
        let value = input.validate_bytes(py, state.strict_or(self.strict))?;
        state.floor_with(|| input.exactness(Target::Bytes));
        let len = match self.checks {
            Some(_) => Some(value.cast::<PyBytes>().map(|b| b.as_bytes().len() as u64).unwrap_or(0)),
            None => None,
        };
        Ok((value, len))
    }

    /// Off the GIL: a JSON string is valid bytes (pydantic's JSON column).
    #[inline]
    pub fn native_deferred<'d>(&self, json: &mut JsonReader<'d>, peek: Peek) -> Option<(Native<'d>, Option<u64>)> {
        let s = json.str(peek)?;
        let len = self.checks.as_ref().map(|_| s.len() as u64);
        Some((Native::Bytes(s), len))
    }

    #[inline]
    pub fn native<'d>(&self, json: &mut JsonReader<'d>, peek: Peek) -> Option<Native<'d>> {
        let (value, len) = self.native_deferred(json, peek)?;
        LeafChecks::admit(self.checks.as_ref(), len, value)
    }
}
