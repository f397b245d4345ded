//! Enum fields: the member in python mode, its value in JSON (written by the
//! value's own type). With `use_enum_values` the field already holds the value.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};

use super::{any, Dumper, Filter, JsonOut};
use crate::validators::node_get;

#[derive(Debug)]
pub struct EnumSerializer {
    class: Py<PyType>,
    use_values: bool,
    /// An int enum's value is an int in JSON (a member made from a bool too).
    int_values: bool,
    /// What a stored value must be with `use_enum_values` ("int", "str", "float").
    value_type: Option<&'static str>,
}

impl EnumSerializer {
    pub fn build(node: &Bound<'_, PyDict>) -> PyResult<Self> {
        let class = node_get(node, "cls")?.ok_or_else(|| pyo3::exceptions::PyTypeError::new_err("enum node without 'cls'"))?;
        let use_values = node_get(node, "use_enum_values")?.map(|v| v.is_truthy()).transpose()?.unwrap_or(false);
        let mixed_in = node_get(node, "mixed_in")?.map(|v| v.extract::<String>()).transpose()?.unwrap_or_default();
        let value_type = match mixed_in.as_str() {
            "int" => Some("int"),
            "str" => Some("str"),
            "float" => Some("float"),
            _ => None,
        };
        Ok(EnumSerializer { class: class.cast_into::<PyType>()?.unbind(), use_values, int_values: value_type == Some("int"), value_type })
    }

    /// What the serializer warnings call the declared type (pydantic's word).
    pub fn class_name(&self, _py: Python<'_>) -> String {
        "enum".into()
    }

    pub fn visit_objects(&self, visit: &mut dyn FnMut(&Py<PyAny>)) {
        visit(self.class.as_any());
    }

    /// Whether `value` is what the field holds, as a union picks its choice.
    pub fn accepts(&self, value: &Bound<'_, PyAny>) -> bool {
        !value.is_none() && matches!(self.unexpected(value), Ok(None))
    }

    /// Whether `value` is what the field holds, else the type a warning
    /// names: a member (`enum`), or with `use_enum_values` a value of the
    /// members' builtin type. None is not warned about, as in pydantic.
    #[inline]
    fn unexpected<'py>(&self, value: &Bound<'py, PyAny>) -> PyResult<Option<&'static str>> {
        let class = self.class.bind(value.py());
        if value.is_none() || value.get_type().is(class) || value.is_instance(class)? {
            return Ok(None);
        }
        if !self.use_values {
            return Ok(Some("enum"));
        }
        let fits = match self.value_type {
            Some("int") => value.is_instance_of::<pyo3::types::PyInt>(),
            Some("str") => value.is_instance_of::<pyo3::types::PyString>(),
            Some(_) => value.is_instance_of::<pyo3::types::PyFloat>(),
            None => true,
        };
        Ok(if fits { None } else { self.value_type })
    }

    /// An int enum member in JSON: its value as a plain int.
    fn json_int<'py>(&self, value: &Bound<'py, PyAny>) -> Option<Bound<'py, PyAny>> {
        if !self.int_values || value.is_none() {
            return None;
        }
        let number = value.getattr(pyo3::intern!(value.py(), "value")).unwrap_or_else(|_| value.clone());
        // SAFETY: a live object; the result is a new reference or NULL.
        unsafe { Bound::from_owned_ptr_or_err(value.py(), pyo3::ffi::PyNumber_Index(number.as_ptr())) }.ok()
    }

    pub fn to_python<'py>(&self, value: &Bound<'py, PyAny>, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<Bound<'py, PyAny>> {
        if let Some(expected) = self.unexpected(value)? {
            d.mismatch(expected, value);
        } else if !d.opts.json_mode {
            return Ok(value.clone());
        } else if let Some(int) = self.json_int(value) {
            return Ok(int);
        }
        any::to_python(value, d, filter)
    }

    pub fn to_json<'py>(&self, value: &Bound<'py, PyAny>, out: &mut JsonOut, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<()> {
        match self.unexpected(value)? {
            Some(expected) => d.mismatch(expected, value),
            None => {
                if let Some(int) = self.json_int(value) {
                    return super::scalar::write_int(&int, out);
                }
            }
        }
        any::to_json(value, out, d, filter)
    }
}
