//! `coerce_numbers_to_str`: in lax mode a number (an int, a float or a
//! Decimal; never a bool) is taken as its text, then validated as the str
//! it wraps. JSON numbers read as their values print.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyString};

use super::{BuildContext, State, Validator};
use crate::errors::{LineError, ValError, ValResult};
use crate::input::Input;

#[derive(Debug)]
pub struct NumberStrValidator {
    inner: Box<Validator>,
}

impl NumberStrValidator {
    pub fn build(node: &Bound<'_, PyDict>, ctx: &BuildContext) -> PyResult<Validator> {
        let inner = node.get_item("inner")?.ok_or_else(|| pyo3::exceptions::PyTypeError::new_err("number_str without its str"))?;
        Ok(Validator::NumberStr(NumberStrValidator { inner: Box::new(Validator::build(inner.cast::<PyDict>()?, ctx)?) }))
    }

    pub fn inner(&self) -> &Validator {
        &self.inner
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        if state.strict != Some(true) {
            if let Some(text) = number_text(py, input)? {
                // the errors are the number's, as given
                return self.inner.validate(py, &text.into_any(), state).map_err(|e| match e {
                    ValError::Lines(lines) => ValError::Lines(
                        lines.into_iter().map(|line| LineError { input: input.error_value(), ..line }).collect(),
                    ),
                    other => other,
                });
            }
        }
        self.inner.validate(py, input, state)
    }
}

/// The text of a number input; None for anything else.
fn number_text<'py>(py: Python<'py>, input: &impl Input<'py>) -> ValResult<Option<Bound<'py, PyString>>> {
    if input.is_python() {
        let value = input.to_python(py)?;
        let is_number = (value.is_instance_of::<PyInt>() && !value.is_instance_of::<PyBool>())
            || value.is_instance_of::<PyFloat>()
            || crate::input::decimal_type(py).is_ok_and(|t| value.is_instance(t).unwrap_or(false));
        return Ok(if is_number { Some(value.str()?) } else { None });
    }
    let value = input.to_python(py)?;
    if value.is_instance_of::<PyBool>() {
        return Ok(None);
    }
    if let Ok(f) = value.cast::<PyFloat>() {
        return Ok(Some(PyString::new(py, &format!("{}", f.value()))));
    }
    if value.is_instance_of::<PyInt>() {
        return Ok(Some(value.str()?));
    }
    Ok(None)
}
