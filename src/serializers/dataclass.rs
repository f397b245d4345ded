//! A dataclass: its fields by their declared types, as a dict in python mode
//! and an object in JSON; include and exclude pick fields by name. A value
//! that is not an instance is dumped by its own type, with a warning.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyType};

use super::{any, writer, Dumper, Filter, JsonOut, Serializer};
use crate::validators::node_get;

#[derive(Debug)]
pub struct DataclassSerializer {
    cls: Py<PyType>,
    /// Each field's name, its JSON key (quoted), and its serializer.
    fields: Vec<(Py<PyString>, Box<str>, Serializer)>,
}

impl DataclassSerializer {
    pub fn build(node: &Bound<'_, PyDict>) -> PyResult<Self> {
        let required = |key: &str| node_get(node, key)?.ok_or_else(|| PyTypeError::new_err(format!("dataclass node without {key:?}")));
        let mut fields = Vec::new();
        for pair in required("fields")?.cast::<PyList>()?.iter() {
            let name = pair.get_item(0)?.cast_into::<PyString>()?;
            let quoted = writer::quoted(name.to_str()?);
            fields.push((name.unbind(), quoted, Serializer::build(pair.get_item(1)?.cast::<PyDict>()?)?));
        }
        Ok(DataclassSerializer { cls: required("cls")?.cast_into::<PyType>()?.unbind(), fields })
    }

    pub fn class_name(&self, py: Python<'_>) -> String {
        self.cls.bind(py).name().map(|n| n.to_string()).unwrap_or_default()
    }

    pub fn accepts(&self, value: &Bound<'_, PyAny>) -> bool {
        value.is_instance(self.cls.bind(value.py())).unwrap_or(false)
    }

    pub fn visit_objects(&self, visit: &mut dyn FnMut(&Py<PyAny>)) {
        visit(self.cls.as_any());
        self.fields.iter().for_each(|(_, _, s)| s.visit_objects(visit));
    }

    pub fn models<'a>(&'a self, found: &mut Vec<&'a super::ModelSerializer>) {
        self.fields.iter().for_each(|(_, _, s)| s.models(found));
    }

    /// The fields `filter` keeps, each with its value and the filter below it.
    fn kept<'py>(&self, value: &Bound<'py, PyAny>, filter: &Filter<'py>) -> PyResult<Vec<(usize, Bound<'py, PyAny>, Filter<'py>)>> {
        let py = value.py();
        let prepared = if filter.is_empty() { None } else { Some(filter.prepare()?) };
        let mut kept = Vec::with_capacity(self.fields.len());
        for (index, (name, _, _)) in self.fields.iter().enumerate() {
            let next = match &prepared {
                None => Filter::default(),
                Some(p) => match p.key(name.bind(py).as_any())? {
                    Some(next) => next,
                    None => continue,
                },
            };
            kept.push((index, value.getattr(name.bind(py))?, next));
        }
        Ok(kept)
    }

    pub fn to_python<'py>(&self, value: &Bound<'py, PyAny>, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<Bound<'py, PyAny>> {
        if !self.accepts(value) {
            d.mismatch(&self.class_name(d.py), value);
            return any::to_python(value, d, filter);
        }
        d.enter(value)?;
        let out = PyDict::new(d.py);
        for (index, field_value, next) in self.kept(value, filter)? {
            let (name, _, serializer) = &self.fields[index];
            out.set_item(name.bind(d.py), serializer.to_python(&field_value, d, &next)?)?;
        }
        d.leave();
        Ok(out.into_any())
    }

    pub fn to_json<'py>(&self, value: &Bound<'py, PyAny>, out: &mut JsonOut, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<()> {
        if !self.accepts(value) {
            d.mismatch(&self.class_name(d.py), value);
            return any::to_json(value, out, d, filter);
        }
        d.enter(value)?;
        out.begin('{');
        let mut first = true;
        for (index, field_value, next) in self.kept(value, filter)? {
            let (_, quoted, serializer) = &self.fields[index];
            out.item(first);
            first = false;
            out.key(quoted);
            serializer.to_json(&field_value, out, d, &next)?;
        }
        out.end('}', !first);
        d.leave();
        Ok(())
    }
}
