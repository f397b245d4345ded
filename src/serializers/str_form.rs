//! Types dumped as themselves in python mode and as their `str()` in JSON
//! (pydantic's UUID and Decimal). A value of another type is dumped by its
//! own type, after a warning.

use pyo3::prelude::*;
use pyo3::types::{PyString, PyType};

use super::{any, Dumper, Filter, JsonOut};

pub trait StrForm {
    /// The type as serializer warnings name it.
    const NAME: &'static str;

    fn class(py: Python<'_>) -> PyResult<&Bound<'_, PyType>>;

    /// The JSON text of an instance of `class`.
    fn text(value: &Bound<'_, PyAny>) -> PyResult<String> {
        Ok(value.str()?.to_cow()?.into_owned())
    }
}

pub fn to_python<'py, T: StrForm>(value: &Bound<'py, PyAny>, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<Bound<'py, PyAny>> {
    if !value.is_instance(T::class(d.py)?)? {
        d.mismatch(T::NAME, value);
        return any::to_python(value, d, filter);
    }
    if d.opts.json_mode {
        Ok(PyString::new(d.py, &T::text(value)?).into_any())
    } else {
        Ok(value.clone())
    }
}

pub fn to_json<'py, T: StrForm>(value: &Bound<'py, PyAny>, out: &mut JsonOut, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<()> {
    if !value.is_instance(T::class(d.py)?)? {
        d.mismatch(T::NAME, value);
        return any::to_json(value, out, d, filter);
    }
    out.str(&T::text(value)?);
    Ok(())
}
