//! float: NaN and the infinities are `null` in JSON text, and stay floats in
//! `model_dump(mode="json")` (pydantic's defaults).

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyFloat, PyInt};

use super::{any, Dumper, Filter, JsonOut};

#[inline]
fn exact(value: &Bound<'_, PyAny>) -> bool {
    value.get_type_ptr() == &raw mut ffi::PyFloat_Type
}

/// An int in a float field (model_construct, say) is a number all the same.
#[cold]
fn other_type<'py>(value: &Bound<'py, PyAny>, d: &mut Dumper<'py>) {
    let number = value.is_instance_of::<PyFloat>() || (value.is_instance_of::<PyInt>() && !value.is_instance_of::<PyBool>());
    if !number {
        d.mismatch("float", value);
    }
}

/// A number that is not a float (an int put there by model_construct, say)
/// is a float in JSON, as pydantic writes it.
fn as_float<'py>(value: &Bound<'py, PyAny>) -> Option<f64> {
    let number = value.is_instance_of::<PyFloat>() || (value.is_instance_of::<PyInt>() && !value.is_instance_of::<PyBool>());
    if number {
        value.extract::<f64>().ok()
    } else {
        None
    }
}

#[inline]
pub fn to_python<'py>(value: &Bound<'py, PyAny>, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<Bound<'py, PyAny>> {
    if exact(value) {
        return Ok(value.clone());
    }
    other_type(value, d);
    match as_float(value) {
        // python mode keeps an int as it is
        Some(v) if d.opts.json_mode => Ok(PyFloat::new(d.py, v).into_any()),
        Some(_) => Ok(value.clone()),
        None => any::to_python(value, d, filter),
    }
}

#[inline]
pub fn to_json<'py>(value: &Bound<'py, PyAny>, out: &mut JsonOut, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<()> {
    if exact(value) {
        // SAFETY: exact() checked the type.
        out.float(unsafe { ffi::PyFloat_AS_DOUBLE(value.as_ptr()) });
        return Ok(());
    }
    other_type(value, d);
    match as_float(value) {
        Some(v) => {
            out.float(v);
            Ok(())
        }
        None => any::to_json(value, out, d, filter),
    }
}
