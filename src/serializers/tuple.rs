//! tuple: each item by the serializer of its position (then of the variadic
//! rest); a tuple in python mode, a list in JSON. Also the walk over a
//! collection's items the set and deque serializers share.

use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};

use super::filter::ItemFilter;
use super::{any, Dumper, Filter, JsonOut, Serializer};

#[derive(Debug)]
pub struct TupleSerializer {
    pub items: Vec<Serializer>,
    pub rest: Option<Serializer>,
}

impl TupleSerializer {
    fn at(&self, index: usize) -> &Serializer {
        self.items.get(index).or(self.rest.as_ref()).unwrap_or(&Serializer::Any)
    }

    pub fn expected(&self, py: Python<'_>) -> String {
        let mut parts: Vec<String> = self.items.iter().map(|s| s.expected(py)).collect();
        if let Some(rest) = &self.rest {
            parts.push(rest.expected(py));
            parts.push("...".into());
        }
        format!("tuple[{}]", parts.join(", "))
    }
}

/// The items, copied so user code run while dumping cannot change them.
pub fn items_of<'py>(value: &Bound<'py, PyAny>) -> PyResult<Vec<Bound<'py, PyAny>>> {
    value.try_iter()?.collect()
}

/// The kept items, each dumped by `at(index)`.
pub fn dump_items<'py, 's>(
    items: &[Bound<'py, PyAny>],
    at: impl Fn(usize) -> &'s Serializer,
    d: &mut Dumper<'py>,
    filter: &Filter<'py>,
) -> PyResult<Vec<Bound<'py, PyAny>>> {
    let item_filter = ItemFilter::new(filter, items.len())?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        if let Some(next) = item_filter.item(d.py, i)? {
            out.push(at(i).to_python(item, d, &next)?);
        }
    }
    Ok(out)
}

/// The kept items written as a JSON array, each by `at(index)`.
pub fn write_items<'py, 's>(
    items: &[Bound<'py, PyAny>],
    at: impl Fn(usize) -> &'s Serializer,
    out: &mut JsonOut,
    d: &mut Dumper<'py>,
    filter: &Filter<'py>,
) -> PyResult<()> {
    let item_filter = ItemFilter::new(filter, items.len())?;
    out.begin('[');
    let mut first = true;
    for (i, item) in items.iter().enumerate() {
        let Some(next) = item_filter.item(d.py, i)? else { continue };
        out.item(first);
        first = false;
        at(i).to_json(item, out, d, &next)?;
    }
    out.end(']', !first);
    Ok(())
}

pub fn to_python<'py>(s: &TupleSerializer, value: &Bound<'py, PyAny>, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<Bound<'py, PyAny>> {
    if !value.is_instance_of::<PyTuple>() {
        d.mismatch(&s.expected(d.py), value);
        return any::to_python(value, d, filter);
    }
    let items = dump_items(&items_of(value)?, |i| s.at(i), d, filter)?;
    Ok(if d.opts.json_mode { PyList::new(d.py, items)?.into_any() } else { PyTuple::new(d.py, items)?.into_any() })
}

pub fn to_json<'py>(s: &TupleSerializer, value: &Bound<'py, PyAny>, out: &mut JsonOut, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<()> {
    if !value.is_instance_of::<PyTuple>() {
        d.mismatch(&s.expected(d.py), value);
        return any::to_json(value, out, d, filter);
    }
    write_items(&items_of(value)?, |i| s.at(i), out, d, filter)
}
