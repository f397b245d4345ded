//! `Json[T]`: the value as T dumps it; with `round_trip`, the JSON text of
//! that value as a string, so that it validates again.

use pyo3::prelude::*;
use pyo3::types::PyString;

use super::{Dumper, Filter, JsonOut, Serializer};

pub fn to_python<'py>(inner: &Serializer, value: &Bound<'py, PyAny>, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<Bound<'py, PyAny>> {
    if d.opts.round_trip {
        let text = document(inner, value, d, filter)?;
        return Ok(PyString::new(d.py, &text).into_any());
    }
    inner.to_python(value, d, filter)
}

pub fn to_json<'py>(inner: &Serializer, value: &Bound<'py, PyAny>, out: &mut JsonOut, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<()> {
    if d.opts.round_trip {
        let text = document(inner, value, d, filter)?;
        out.str(&text);
        return Ok(());
    }
    inner.to_json(value, out, d, filter)
}

/// The compact JSON text of `value`.
fn document<'py>(inner: &Serializer, value: &Bound<'py, PyAny>, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<String> {
    let mut out = JsonOut::new(None);
    inner.to_json(value, &mut out, d, filter)?;
    Ok(std::mem::take(&mut out.buf))
}
