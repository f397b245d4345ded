//! Paths, IP addresses and networks, and secrets: the object itself in python
//! mode, its `str()` in JSON (a secret's mask, without the `b''` of bytes).
//! pydantic's serializers for paths and IPs accept the declared classes or a
//! str; another value is dumped by its own type after a warning.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyTuple, PyType};

use super::{any, Dumper, Filter, JsonOut};
use crate::validators::node_get;

#[derive(Debug)]
pub struct StrOf {
    /// The classes accepted (with str), as one tuple for `isinstance`; None accepts anything.
    classes: Option<Py<PyTuple>>,
    name: String,
    /// A secret: its JSON text is the mask of `get_secret_value()`.
    secret: bool,
}

impl StrOf {
    /// From a path, IP or secret node (its `cls`); an IPvAny node has none
    /// and takes any value, as pydantic's serializer does.
    pub fn build(node: &Bound<'_, PyDict>) -> PyResult<Self> {
        let py = node.py();
        if let Some(cls) = node_get(node, "cls")? {
            let cls = cls.cast_into::<PyType>()?;
            let name = cls.name()?.to_string();
            let secret = node_get(node, "kind")?.is_some_and(|k| k.eq("secret").unwrap_or(false));
            let classes = match secret {
                true => PyTuple::new(py, [cls.into_any()])?,
                false => PyTuple::new(py, [cls.into_any(), py.get_type::<PyString>().into_any()])?,
            };
            return Ok(StrOf { classes: Some(classes.unbind()), name, secret });
        }
        let name: String = node_get(node, "ip")?.map(|v| v.extract()).transpose()?.unwrap_or_default();
        Ok(StrOf { classes: None, name, secret: false })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn accepts(&self, value: &Bound<'_, PyAny>) -> PyResult<bool> {
        match &self.classes {
            Some(classes) => value.is_instance(classes.bind(value.py()).as_any()),
            None => Ok(true),
        }
    }

    pub fn to_python<'py>(&self, value: &Bound<'py, PyAny>, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<Bound<'py, PyAny>> {
        if !self.accepts(value)? {
            d.mismatch(&self.name, value);
            return any::to_python(value, d, filter);
        }
        if d.opts.json_mode && self.secret {
            Ok(PyString::new(d.py, &self.text(value)?).into_any())
        } else if d.opts.json_mode {
            // the str itself: a lone surrogate stays, as in pydantic
            Ok(value.str()?.into_any())
        } else {
            Ok(value.clone())
        }
    }

    pub fn to_json<'py>(&self, value: &Bound<'py, PyAny>, out: &mut JsonOut, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<()> {
        if !self.accepts(value)? {
            d.mismatch(&self.name, value);
            return any::to_json(value, out, d, filter);
        }
        out.str(&self.text(value)?);
        Ok(())
    }

    fn text(&self, value: &Bound<'_, PyAny>) -> PyResult<String> {
        if self.secret {
            let shown = value.call_method0(pyo3::intern!(value.py(), "get_secret_value"))?.is_truthy()?;
            return Ok(if shown { "**********" } else { "" }.to_string());
        }
        Ok(value.str()?.to_cow()?.into_owned())
    }

    pub fn visit_objects(&self, visit: &mut dyn FnMut(&Py<PyAny>)) {
        if let Some(classes) = &self.classes {
            visit(classes.as_any());
        }
    }
}
