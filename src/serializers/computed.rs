//! `computed_field`: properties whose values dumps include after the fields,
//! read from the instance and dumped by their return type (or as they are).

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use super::dumper::Dumper;
use super::filter::{Filter, Prepared};
use super::writer::JsonOut;
use super::{quoted, Serializer};

pub struct ComputedField {
    pub name: Py<PyString>,
    name_json: Box<str>,
    /// The key a dump by alias writes.
    alias: Py<PyString>,
    alias_json: Box<str>,
    serializer: Serializer,
}

impl ComputedField {
    /// The descriptor's "computed" list: `{"name", "alias", "type"}` each.
    pub fn read_all(descriptor: &Bound<'_, PyDict>) -> PyResult<Vec<Self>> {
        let Some(list) = descriptor.get_item("computed")?.filter(|v| !v.is_none()) else { return Ok(Vec::new()) };
        let py = descriptor.py();
        list.cast::<PyList>()?
            .iter()
            .map(|spec| {
                let spec = spec.cast_into::<PyDict>()?;
                let name: String = spec.get_item("name")?.ok_or_else(|| pyo3::exceptions::PyTypeError::new_err("computed field without a name"))?.extract()?;
                let alias: String = spec.get_item("alias")?.filter(|a| !a.is_none()).map(|a| a.extract()).transpose()?.unwrap_or_else(|| name.clone());
                let serializer = match spec.get_item("type")?.filter(|t| !t.is_none()) {
                    Some(node) => Serializer::build(node.cast::<PyDict>()?)?,
                    None => Serializer::Any,
                };
                Ok(ComputedField {
                    name: PyString::intern(py, &name).unbind(),
                    name_json: quoted(&name),
                    alias: PyString::intern(py, &alias).unbind(),
                    alias_json: quoted(&alias),
                    serializer,
                })
            })
            .collect()
    }

    pub fn visit_objects(&self, visit: &mut dyn FnMut(&Py<PyAny>)) {
        self.serializer.visit_objects(visit);
    }

    /// The value and the filter for it, unless the dump leaves it out.
    fn read<'py>(&self, obj: &Bound<'py, PyAny>, d: &Dumper<'py>, prepared: Option<&Prepared<'py>>) -> PyResult<Option<(Bound<'py, PyAny>, Filter<'py>)>> {
        if d.opts.exclude_computed_fields {
            return Ok(None);
        }
        let next = match prepared {
            None => Filter::default(),
            Some(prepared) => match prepared.key(self.name.bind(d.py).as_any())? {
                Some(next) => next,
                None => return Ok(None),
            },
        };
        let value = obj.getattr(self.name.bind(d.py))?;
        if d.opts.exclude_none && value.is_none() {
            return Ok(None);
        }
        Ok(Some((value, next)))
    }
}

/// Adds the computed fields of an instance to its dumped dict.
pub fn to_python<'py>(
    computed: &[ComputedField],
    obj: &Bound<'py, PyAny>,
    out: &Bound<'py, PyDict>,
    d: &mut Dumper<'py>,
    filter: &Filter<'py>,
    by_alias: bool,
) -> PyResult<()> {
    let prepared = if filter.is_empty() { None } else { Some(filter.prepare()?) };
    for field in computed {
        let Some((value, next)) = field.read(obj, d, prepared.as_ref())? else { continue };
        let key = if by_alias { &field.alias } else { &field.name };
        out.set_item(key.bind(d.py), field.serializer.to_python(&value, d, &next)?)?;
    }
    Ok(())
}

/// Writes the computed fields of an instance after its fields; `first` is
/// whether nothing was written in the object yet.
pub fn to_json<'py>(
    computed: &[ComputedField],
    obj: &Bound<'py, PyAny>,
    out: &mut JsonOut,
    d: &mut Dumper<'py>,
    filter: &Filter<'py>,
    by_alias: bool,
    first: &mut bool,
) -> PyResult<()> {
    let prepared = if filter.is_empty() { None } else { Some(filter.prepare()?) };
    for field in computed {
        let Some((value, next)) = field.read(obj, d, prepared.as_ref())? else { continue };
        out.item(*first);
        *first = false;
        out.key(if by_alias { &field.alias_json } else { &field.name_json });
        field.serializer.to_json(&value, out, d, &next)?;
    }
    Ok(())
}
