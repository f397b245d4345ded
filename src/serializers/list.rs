//! list[T]: each item by the item type's serializer; include and exclude pick
//! items by index. Items are read by index, the length checked each time:
//! the list may change while user code runs.

use pyo3::prelude::*;
use pyo3::types::PyList;

use super::filter::ItemFilter;
use super::{any, Dumper, Filter, JsonOut, Serializer};

pub fn to_python<'py>(item: &Serializer, value: &Bound<'py, PyAny>, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<Bound<'py, PyAny>> {
    let Ok(list) = value.cast::<PyList>() else {
        d.mismatch(&format!("list[{}]", item.expected(d.py)), value);
        return any::to_python(value, d, filter);
    };
    let mut out: smallvec::SmallVec<[Bound<'py, PyAny>; 16]> = smallvec::SmallVec::with_capacity(list.len());
    if filter.is_empty() {
        let mut i = 0;
        while i < list.len() {
            out.push(item.to_python(&list.get_item(i)?, d, filter)?);
            i += 1;
        }
    } else {
        let item_filter = ItemFilter::new(filter, list.len())?;
        let mut i = 0;
        while i < list.len() {
            if let Some(next) = item_filter.item(d.py, i)? {
                out.push(item.to_python(&list.get_item(i)?, d, &next)?);
            }
            i += 1;
        }
    }
    Ok(PyList::new(d.py, out)?.into_any())
}

pub fn to_json<'py>(item: &Serializer, value: &Bound<'py, PyAny>, out: &mut JsonOut, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<()> {
    let Ok(list) = value.cast::<PyList>() else {
        d.mismatch(&format!("list[{}]", item.expected(d.py)), value);
        return any::to_json(value, out, d, filter);
    };
    let item_filter = ItemFilter::new(filter, list.len())?;
    out.begin('[');
    let mut first = true;
    let mut i = 0;
    while i < list.len() {
        let v = list.get_item(i)?;
        i += 1;
        let Some(next) = item_filter.item(d.py, i - 1)? else { continue };
        out.item(first);
        first = false;
        item.to_json(&v, out, d, &next)?;
    }
    out.end(']', !first);
    Ok(())
}
