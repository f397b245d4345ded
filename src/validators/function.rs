//! Validator functions written in Python, around a type's own validator:
//! `before` runs the function on the input and validates what it returns;
//! `after` validates, then runs the function on the value; `plain` runs only
//! the function; `wrap` gives the function the input and a handler that
//! validates. `field_validator` and the `Annotated` validators become these.

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use super::{BuildContext, CheckedValidator, State, Validator};
use crate::errors::{into_py_err, ValResult};
use crate::hooks::Hook;
use crate::input::Input;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HookMode {
    Before,
    After,
    Plain,
    Wrap,
}

impl HookMode {
    pub fn read(node: &Bound<'_, PyDict>) -> PyResult<Self> {
        let mode: String = node.get_item("mode")?.map(|m| m.extract()).transpose()?.unwrap_or_else(|| "after".into());
        Ok(match mode.as_str() {
            "before" => HookMode::Before,
            "after" => HookMode::After,
            "plain" => HookMode::Plain,
            "wrap" => HookMode::Wrap,
            other => return Err(pyo3::exceptions::PyTypeError::new_err(format!("unknown validator mode {other:?}"))),
        })
    }
}

#[derive(Debug)]
pub struct FunctionValidator {
    mode: HookMode,
    hook: Hook,
    /// The type's validator; None for `plain`. Shared with wrap handlers.
    inner: Option<Arc<Validator>>,
}

impl FunctionValidator {
    pub fn build(node: &Bound<'_, PyDict>, ctx: &BuildContext) -> PyResult<Validator> {
        let mode = HookMode::read(node)?;
        let inner = match (mode, node.get_item("inner")?) {
            (HookMode::Plain, _) => None,
            // the type's checks run as native code where they can, when the type validates
            (_, Some(inner)) => Some(Arc::new(CheckedValidator::wrap(Validator::build(inner.cast::<PyDict>()?, ctx)?, ctx))),
            (_, None) => return Err(pyo3::exceptions::PyTypeError::new_err("a validator function needs the type it wraps")),
        };
        Ok(Validator::Function(FunctionValidator { mode, hook: Hook::read(node)?, inner }))
    }

    pub fn inner(&self) -> Option<&Validator> {
        self.inner.as_deref()
    }

    pub fn visit_objects(&self, visit: &mut dyn FnMut(&Py<PyAny>)) {
        self.hook.visit_objects(visit);
        if let Some(inner) = &self.inner {
            inner.visit_objects(visit);
        }
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        match (self.mode, &self.inner) {
            (HookMode::Before, Some(inner)) => {
                let value = self.hook.call(py, [input.to_python(py)?], input, state)?;
                inner.validate(py, &value, state)
            }
            (HookMode::After, Some(inner)) => {
                let value = inner.validate(py, input, state)?;
                self.hook.call(py, [value], input, state)
            }
            (HookMode::Wrap, Some(inner)) => {
                let handler = ValidatorHandler {
                    inner: inner.clone(),
                    strict: state.strict,
                    from_attributes: state.from_attributes,
                    overrides: state.overrides,
                    input_json: state.input_json,
                    context: state.context.as_ref().map(|c| c.clone_ref(py)),
                    field_data: state.field_data.as_ref().map(|d| d.clone_ref(py)),
                };
                let handler = Bound::new(py, handler)?.into_any();
                self.hook.call(py, [input.to_python(py)?, handler], input, state)
            }
            _ => self.hook.call(py, [input.to_python(py)?], input, state),
        }
    }
}

/// The `handler` a wrap validator calls to run the type's own validation; it
/// raises a ValidationError, which the wrap function may catch.
#[pyclass(frozen, module = "satya._satya", name = "ValidatorCallable")]
pub struct ValidatorHandler {
    inner: Arc<Validator>,
    strict: Option<bool>,
    from_attributes: bool,
    overrides: Option<crate::validators::KeyOverrides>,
    input_json: bool,
    context: Option<Py<PyAny>>,
    field_data: Option<Py<PyDict>>,
}

#[pymethods]
impl ValidatorHandler {
    #[pyo3(signature = (input_value, outer_location = None))]
    fn __call__<'py>(&self, py: Python<'py>, input_value: Bound<'py, PyAny>, outer_location: Option<Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        let mut state = State::new(self.strict, self.from_attributes, self.context.as_ref().map(|c| c.clone_ref(py)));
        state.field_data = self.field_data.as_ref().map(|d| d.clone_ref(py));
        state.input_json = self.input_json;
        state.overrides = self.overrides;
        self.inner.validate(py, &input_value, &mut state).map_err(|e| {
            let e = match outer_location {
                Some(loc) => match crate::errors::LocItem::from_object(&loc) {
                    Ok(item) => e.with_outer(|| item.clone()),
                    Err(err) => return err,
                },
                None => e,
            };
            into_py_err(py, e, PyString::new(py, "ValidatorCallable").as_any())
        })
    }

    fn __repr__(&self) -> &'static str {
        "ValidatorCallable(...)"
    }
}
