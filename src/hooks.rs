//! What the Python hooks (validator functions) share: how they are called,
//! the `ValidationInfo` they may take, and how what they raise becomes errors:
//! a `ValueError` is value_error, an `AssertionError` assertion_error, a
//! `PydanticCustomError` its own type, a ValidationError its own errors; any
//! other exception propagates unchanged.

use std::sync::Arc;

use pyo3::exceptions::{PyAssertionError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyString, PyType};

use crate::errors::{ErrorKind, InputValue, LineError, ValError, ValidationError};
use crate::input::Input;
use crate::validators::State;

/// What a hook that takes `info` is told about the call.
#[pyclass(frozen, module = "satya._satya", name = "ValidationInfo")]
pub struct ValidationInfo {
    #[pyo3(get)]
    context: Option<Py<PyAny>>,
    #[pyo3(get)]
    config: Option<Py<PyAny>>,
    /// "python" or "json": the input the call started from.
    #[pyo3(get)]
    mode: &'static str,
    /// The fields validated so far (a field hook); None for a model hook.
    #[pyo3(get)]
    data: Option<Py<PyDict>>,
    #[pyo3(get)]
    field_name: Option<Py<PyString>>,
}

#[pymethods]
impl ValidationInfo {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let repr = |v: &Option<Py<PyAny>>| -> PyResult<String> {
            Ok(match v {
                Some(v) => v.bind(py).repr()?.to_string(),
                None => "None".into(),
            })
        };
        let data = match &self.data {
            Some(d) => d.bind(py).repr()?.to_string(),
            None => "None".into(),
        };
        let field_name = match &self.field_name {
            Some(f) => f.bind(py).repr()?.to_string(),
            None => "None".into(),
        };
        Ok(format!(
            "ValidationInfo(config={}, context={}, data={data}, field_name={field_name})",
            repr(&self.config)?,
            repr(&self.context)?
        ))
    }
}

/// A Python hook as the schema keeps it.
#[derive(Debug)]
pub struct Hook {
    pub func: Py<PyAny>,
    /// Whether it takes a `ValidationInfo` as its last argument.
    pub takes_info: bool,
    pub field_name: Option<Py<PyString>>,
    pub config: Option<Py<PyAny>>,
}

impl Hook {
    pub fn read(node: &Bound<'_, PyDict>) -> PyResult<Self> {
        let get = |key: &str| node.get_item(key).map(|v| v.filter(|v| !v.is_none()));
        let func = get("function")?.ok_or_else(|| pyo3::exceptions::PyTypeError::new_err("a hook needs a 'function'"))?;
        Ok(Hook {
            func: func.unbind(),
            takes_info: get("info")?.map(|v| v.is_truthy()).transpose()?.unwrap_or(false),
            field_name: get("field_name")?.map(|v| v.cast_into::<PyString>()).transpose()?.map(Bound::unbind),
            config: get("config")?.map(Bound::unbind),
        })
    }

    /// Calls the hook with `args`, then the info when it takes one; what it
    /// raises becomes errors against `input`.
    pub fn call<'py, const N: usize>(
        &self,
        py: Python<'py>,
        args: [Bound<'py, PyAny>; N],
        input: &impl Input<'py>,
        state: &State,
    ) -> Result<Bound<'py, PyAny>, ValError> {
        let func = self.func.bind(py);
        let result = match (self.takes_info, args.as_slice()) {
            (false, [a]) => func.call1((a,)),
            (false, [a, b]) => func.call1((a, b)),
            (true, [a]) => func.call1((a, Bound::new(py, self.info(py, state))?)),
            (true, [a, b]) => func.call1((a, b, Bound::new(py, self.info(py, state))?)),
            _ => unreachable_args(),
        };
        result.map_err(|err| hook_error(py, err, input))
    }

    fn info(&self, py: Python<'_>, state: &State) -> ValidationInfo {
        ValidationInfo {
            context: state.context.as_ref().map(|c| c.clone_ref(py)),
            config: self.config.as_ref().map(|c| c.clone_ref(py)),
            mode: if state.input_json { "json" } else { "python" },
            data: state.field_data.as_ref().map(|d| d.clone_ref(py)),
            field_name: self.field_name.as_ref().map(|f| f.clone_ref(py)),
        }
    }

    pub fn visit_objects(&self, visit: &mut dyn FnMut(&Py<PyAny>)) {
        visit(&self.func);
        if let Some(config) = &self.config {
            visit(config);
        }
    }
}

/// Hooks take the value, or the value and a handler.
#[cold]
fn unreachable_args<T>() -> PyResult<T> {
    Err(pyo3::exceptions::PyTypeError::new_err("a hook takes one or two arguments"))
}

fn custom_error_class(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static CLASS: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    CLASS.import(py, "satya._hooks", "PydanticCustomError")
}

/// Whether `error` is a PydanticCustomError: satya's, or pydantic's own.
fn is_custom(error: &Bound<'_, PyAny>) -> bool {
    let py = error.py();
    if custom_error_class(py).is_ok_and(|class| error.is_instance(class).unwrap_or(false)) {
        return true;
    }
    error.get_type().name().is_ok_and(|n| n == "PydanticCustomError") && error.hasattr("message_template").unwrap_or(false)
}

/// The error kind of a PydanticCustomError object.
pub fn custom_kind(error: &Bound<'_, PyAny>) -> PyResult<ErrorKind> {
    let py = error.py();
    let error_type = error.getattr(pyo3::intern!(py, "type"))?;
    let error_type = if error_type.is_callable() { error_type.call0()? } else { error_type };
    let message = error.call_method0(pyo3::intern!(py, "message"))?;
    let context = error.getattr(pyo3::intern!(py, "context"))?;
    let context = match context.is_none() {
        true => None,
        false => Some(Arc::new(context.cast_into::<PyDict>()?.unbind())),
    };
    Ok(ErrorKind::Custom { error_type: error_type.str()?.to_cow()?.as_ref().into(), message: message.str()?.to_cow()?.as_ref().into(), context })
}

/// A PydanticCustomError for an error of that kind (its message already rendered).
pub fn custom_error<'py>(py: Python<'py>, error_type: &str, message: &str, context: Option<&Bound<'py, PyDict>>) -> PyResult<Bound<'py, PyAny>> {
    custom_error_class(py)?.call1((error_type, message, context))
}

/// What an exception raised by a hook means for validation.
#[cold]
pub fn hook_error<'py>(py: Python<'py>, err: PyErr, input: &impl Input<'py>) -> ValError {
    let value = err.value(py);
    if let Ok(validation_error) = value.cast::<ValidationError>() {
        return match copy_lines(py, &validation_error.get().lines) {
            Ok(lines) => ValError::Lines(lines),
            Err(e) => ValError::Internal(e),
        };
    }
    if is_custom(value) {
        return match custom_kind(value) {
            Ok(kind) => ValError::new(kind, input),
            Err(e) => ValError::Internal(e),
        };
    }
    let text = || -> Arc<str> { value.str().map(|s| s.to_string()).unwrap_or_default().into() };
    if value.is_instance_of::<PyValueError>() {
        let exception = Some(Arc::new(value.clone().into_any().unbind()));
        return ValError::new(ErrorKind::ValueError { error: text(), exception }, input);
    }
    if value.is_instance_of::<PyAssertionError>() {
        let exception = Some(Arc::new(value.clone().into_any().unbind()));
        return ValError::new(ErrorKind::AssertionError { error: text(), exception }, input);
    }
    ValError::Internal(err)
}

/// The errors of a ValidationError raised inside a hook, to be located again.
fn copy_lines(py: Python<'_>, lines: &[LineError]) -> PyResult<Vec<LineError>> {
    lines
        .iter()
        .map(|line| {
            Ok(LineError {
                kind: line.kind.clone(),
                loc_reversed: line.loc_reversed.clone(),
                input: InputValue::Python(line.input.to_object(py)?.unbind()),
            })
        })
        .collect()
}
