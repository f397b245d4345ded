//! set and frozenset: each item by the item type's serializer; the same type
//! in python mode, a list in JSON.

use pyo3::prelude::*;
use pyo3::types::{PyFrozenSet, PyList, PySet};

use super::tuple::{dump_items, items_of, write_items};
use super::{any, Dumper, Filter, JsonOut, Serializer};

fn expected(item: &Serializer, frozen: bool, py: Python<'_>) -> String {
    format!("{}[{}]", if frozen { "frozenset" } else { "set" }, item.expected(py))
}

fn is_set(value: &Bound<'_, PyAny>) -> bool {
    value.is_instance_of::<PySet>() || value.is_instance_of::<PyFrozenSet>()
}

pub fn to_python<'py>(item: &Serializer, frozen: bool, value: &Bound<'py, PyAny>, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<Bound<'py, PyAny>> {
    if !is_set(value) {
        d.mismatch(&expected(item, frozen, d.py), value);
        return any::to_python(value, d, filter);
    }
    let items = dump_items(&items_of(value)?, |_| item, d, filter)?;
    Ok(if d.opts.json_mode {
        PyList::new(d.py, items)?.into_any()
    } else if frozen {
        PyFrozenSet::new(d.py, &items)?.into_any()
    } else {
        PySet::new(d.py, &items)?.into_any()
    })
}

pub fn to_json<'py>(item: &Serializer, frozen: bool, value: &Bound<'py, PyAny>, out: &mut JsonOut, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<()> {
    if !is_set(value) {
        d.mismatch(&expected(item, frozen, d.py), value);
        return any::to_json(value, out, d, filter);
    }
    write_items(&items_of(value)?, |_| item, out, d, filter)
}
