//! deque and Sequence: each item by the item type's serializer; in python
//! mode a deque stays a deque and a Sequence keeps its list, tuple or deque
//! type; in JSON, a list.

use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};

use super::tuple::{dump_items, items_of, write_items};
use super::{any, Dumper, Filter, JsonOut, Serializer};
use crate::input::deque_type;

fn is_deque(value: &Bound<'_, PyAny>) -> PyResult<bool> {
    value.is_instance(deque_type(value.py())?)
}

/// Whether `value` is what this field holds: a deque, or for a Sequence a
/// list, tuple or deque.
fn fits(value: &Bound<'_, PyAny>, sequence: bool) -> PyResult<bool> {
    Ok(is_deque(value)? || (sequence && (value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>())))
}

fn expected(item: &Serializer, sequence: bool, py: Python<'_>) -> String {
    format!("{}[{}]", if sequence { "Sequence" } else { "deque" }, item.expected(py))
}

pub fn to_python<'py>(item: &Serializer, sequence: bool, value: &Bound<'py, PyAny>, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<Bound<'py, PyAny>> {
    if !fits(value, sequence)? {
        // a bare Sequence holds any sequence (a range, a str) as it came
        if !sequence {
            d.mismatch(&expected(item, sequence, d.py), value);
        }
        return any::to_python(value, d, filter);
    }
    let items = dump_items(&items_of(value)?, |_| item, d, filter)?;
    let list = PyList::new(d.py, items)?;
    Ok(if d.opts.json_mode || value.is_instance_of::<PyList>() {
        list.into_any()
    } else if value.is_instance_of::<PyTuple>() {
        PyTuple::new(d.py, list.iter())?.into_any()
    } else {
        deque_type(d.py)?.call1((list,))?
    })
}

pub fn to_json<'py>(item: &Serializer, sequence: bool, value: &Bound<'py, PyAny>, out: &mut JsonOut, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<()> {
    if !fits(value, sequence)? {
        if !sequence {
            d.mismatch(&expected(item, sequence, d.py), value);
        }
        return any::to_json(value, out, d, filter);
    }
    write_items(&items_of(value)?, |_| item, out, d, filter)
}
