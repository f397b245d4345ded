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
}

impl EnumSerializer {
    pub fn build(node: &Bound<'_, PyDict>) -> PyResult<Self> {
        let class = node_get(node, "cls")?.ok_or_else(|| pyo3::exceptions::PyTypeError::new_err("enum node without 'cls'"))?;
        let use_values = node_get(node, "use_enum_values")?.map(|v| v.is_truthy()).transpose()?.unwrap_or(false);
        Ok(EnumSerializer { class: class.cast_into::<PyType>()?.unbind(), use_values })
    }

    pub fn class_name(&self, py: Python<'_>) -> String {
        self.class.bind(py).name().map(|n| n.to_string()).unwrap_or_default()
    }

    pub fn visit_objects(&self, visit: &mut dyn FnMut(&Py<PyAny>)) {
        visit(self.class.as_any());
    }

    /// Whether `value` is what the field holds: a member, or with
    /// `use_enum_values` any value (validation stored one of the values).
    #[inline]
    fn expected<'py>(&self, value: &Bound<'py, PyAny>) -> PyResult<bool> {
        let class = self.class.bind(value.py());
        Ok(self.use_values || value.get_type().is(class) || value.is_instance(class)?)
    }

    pub fn to_python<'py>(&self, value: &Bound<'py, PyAny>, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<Bound<'py, PyAny>> {
        if !self.expected(value)? {
            d.mismatch(&self.class_name(d.py), value);
        } else if !d.opts.json_mode {
            return Ok(value.clone());
        }
        any::to_python(value, d, filter)
    }

    pub fn to_json<'py>(&self, value: &Bound<'py, PyAny>, out: &mut JsonOut, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<()> {
        if !self.expected(value)? {
            d.mismatch(&self.class_name(d.py), value);
        }
        any::to_json(value, out, d, filter)
    }
}
