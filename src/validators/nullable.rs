//! `Optional[X]` / `X | None`: None passes, anything else goes to X.

use jiter::Peek;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::{BuildContext, State, Validator};
use crate::batch::{JsonReader, Native};
use crate::errors::ValResult;
use crate::input::Input;

#[derive(Debug)]
pub struct NullableValidator {
    inner: Box<Validator>,
}

impl NullableValidator {
    pub fn build(node: &Bound<'_, PyDict>, ctx: &BuildContext) -> PyResult<Validator> {
        let inner = node.get_item("inner")?.ok_or_else(|| pyo3::exceptions::PyTypeError::new_err("nullable without inner"))?;
        let inner = Validator::build(inner.cast::<PyDict>()?, ctx)?;
        Ok(Validator::Nullable(NullableValidator { inner: Box::new(inner) }))
    }

    pub fn inner(&self) -> &Validator {
        &self.inner
    }


    #[inline]
    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        if input.is_null() {
            return Ok(py.None().into_bound(py));
        }
        self.inner.validate(py, input, state)
    }

    #[inline]
    pub fn validate_deferred<'py>(
        &self,
        py: Python<'py>,
        input: &impl Input<'py>,
        state: &mut State,
    ) -> ValResult<(Bound<'py, PyAny>, Option<u64>)> {
        if input.is_null() {
            return Ok((py.None().into_bound(py), None));
        }
        self.inner.validate_deferred(py, input, state)
    }

    /// Off the GIL (see `Validator::native`).
    #[inline]
    pub fn native_deferred<'d>(&'d self, json: &mut JsonReader<'d>, peek: Peek) -> Option<(Native<'d>, Option<u64>)> {
        if peek == Peek::Null {
            return json.null(peek).map(|()| (Native::Null, None));
        }
        self.inner.native_deferred(json, peek)
    }

    #[inline]
    pub fn native<'d>(&'d self, json: &mut JsonReader<'d>, peek: Peek) -> Option<Native<'d>> {
        if peek == Peek::Null {
            return json.null(peek).map(|()| Native::Null);
        }
        self.inner.native(json, peek)
    }
}
