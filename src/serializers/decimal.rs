//! Decimal: itself in python mode, its `str()` in JSON (a string, so that no
//! digit is lost: `"1.10"`, `"1E+2"`, `"NaN"`).

use pyo3::prelude::*;
use pyo3::types::PyType;

use super::str_form::StrForm;
use crate::input::decimal_type;

pub struct DecimalForm;

impl StrForm for DecimalForm {
    const NAME: &'static str = "decimal";

    fn class(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
        decimal_type(py)
    }
}
