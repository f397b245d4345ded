//! UUID: itself in python mode, its hyphenated text in JSON.

use pyo3::prelude::*;
use pyo3::types::PyType;

use super::str_form::StrForm;
use crate::input::uuid_type;

pub struct UuidForm;

impl StrForm for UuidForm {
    const NAME: &'static str = "uuid";

    fn class(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
        uuid_type(py)
    }

    /// A plain UUID is written from its `int` without calling its Python
    /// `__str__`; a subclass by its own `str()`.
    fn text(value: &Bound<'_, PyAny>) -> PyResult<String> {
        if value.is_exact_instance(uuid_type(value.py())?) {
            let int: u128 = value.getattr(pyo3::intern!(value.py(), "int"))?.extract()?;
            return Ok(uuid::Uuid::from_u128(int).hyphenated().to_string());
        }
        Ok(value.str()?.to_cow()?.into_owned())
    }
}
