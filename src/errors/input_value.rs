//! An error's input, kept native: the Python object it was given, or the JSON
//! value it was read from (converted to Python only when `errors()` is read).

use jiter::JsonValue;
use pyo3::prelude::*;

#[derive(Debug)]
pub enum InputValue {
    Python(Py<PyAny>),
    Json(JsonValue<'static>),
}

impl InputValue {
    pub fn to_object<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            InputValue::Python(obj) => Ok(obj.bind(py).clone()),
            InputValue::Json(value) => crate::input::json_to_python(py, value),
        }
    }
}
