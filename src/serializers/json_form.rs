//! `ser_json_timedelta`, `ser_json_bytes` and `ser_json_inf_nan`: the JSON
//! forms a model's config picks for its timedelta, bytes and float fields,
//! around the serializer of the type (which writes the defaults).

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDelta, PyDeltaAccess, PyDict, PyFloat, PyString};

use super::{Dumper, Filter, JsonOut, Serializer};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Form {
    /// A timedelta as its total seconds.
    TimedeltaFloat,
    BytesBase64,
    BytesHex,
    /// NaN and the infinities as JSON's constants (`Infinity`) in JSON text.
    InfNanConstants,
    /// ... or as strings ("Infinity").
    InfNanStrings,
}

#[derive(Debug)]
pub struct JsonFormSerializer {
    form: Form,
    pub inner: Serializer,
}

impl JsonFormSerializer {
    /// The form a node asks for (`ser_json`), if it is not the default.
    pub fn wrap(node: &Bound<'_, PyDict>, inner: Serializer) -> PyResult<Serializer> {
        let Some(form) = node.get_item("ser_json")?.filter(|v| !v.is_none()) else { return Ok(inner) };
        let form = match form.extract::<String>()?.as_str() {
            "float" => Form::TimedeltaFloat,
            "base64" => Form::BytesBase64,
            "hex" => Form::BytesHex,
            "constants" => Form::InfNanConstants,
            "strings" => Form::InfNanStrings,
            "iso8601" | "utf8" | "null" => return Ok(inner),
            other => return Err(pyo3::exceptions::PyTypeError::new_err(format!("unknown JSON form {other:?}"))),
        };
        Ok(Serializer::JsonForm(Box::new(JsonFormSerializer { form, inner })))
    }

    /// The value in its JSON form as a Python object, when this form applies to it.
    fn converted<'py>(&self, value: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let py = value.py();
        Ok(match self.form {
            Form::TimedeltaFloat => match value.cast::<PyDelta>() {
                // all its microseconds as a float, divided; beyond 64 bits of
                // microseconds, the seconds plus the fraction
                Ok(delta) => {
                    let seconds = i64::from(delta.get_days()) * 86_400 + i64::from(delta.get_seconds());
                    let micros = i64::from(delta.get_microseconds());
                    let total = match seconds.checked_mul(1_000_000).and_then(|whole| whole.checked_add(micros)) {
                        Some(all) => all as f64 / 1_000_000.0,
                        None => seconds as f64 + micros as f64 / 1_000_000.0,
                    };
                    Some(PyFloat::new(py, total).into_any())
                }
                Err(_) => None,
            },
            Form::BytesBase64 if value.is_instance_of::<PyBytes>() => {
                static ENCODE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
                let encoded = ENCODE.import(py, "base64", "urlsafe_b64encode")?.call1((value,))?;
                Some(encoded.call_method1(pyo3::intern!(py, "decode"), ("ascii",))?)
            }
            Form::BytesHex if value.is_instance_of::<PyBytes>() => Some(value.call_method0(pyo3::intern!(py, "hex"))?),
            _ => None,
        })
    }

    pub fn to_python<'py>(&self, value: &Bound<'py, PyAny>, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<Bound<'py, PyAny>> {
        if d.opts.json_mode {
            if let Some(converted) = self.converted(value)? {
                return Ok(converted);
            }
        }
        self.inner.to_python(value, d, filter)
    }

    pub fn to_json<'py>(&self, value: &Bound<'py, PyAny>, out: &mut JsonOut, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<()> {
        if let Some(converted) = self.converted(value)? {
            return match converted.cast::<PyString>() {
                Ok(text) => {
                    out.str(text.to_str()?);
                    Ok(())
                }
                Err(_) => super::any::to_json(&converted, out, d, &Filter::default()),
            };
        }
        if matches!(self.form, Form::InfNanConstants | Form::InfNanStrings) {
            if let Ok(f) = value.cast::<PyFloat>() {
                let v = f.value();
                if !v.is_finite() {
                    let text = if v.is_nan() { "NaN" } else if v > 0.0 { "Infinity" } else { "-Infinity" };
                    match self.form {
                        Form::InfNanConstants => out.raw(text),
                        _ => out.str(text),
                    }
                    return Ok(());
                }
            }
        }
        self.inner.to_json(value, out, d, filter)
    }
}
