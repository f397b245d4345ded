//! list[T]: each item by the item type's serializer; include and exclude pick
//! items by index. Items are read by index, the length checked each time:
//! the list may change while user code runs.

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::PyList;

use super::filter::ItemFilter;
use super::{any, Dumper, Filter, JsonOut, Serializer};

pub fn to_python<'py>(item: &Serializer, value: &Bound<'py, PyAny>, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<Bound<'py, PyAny>> {
    let Ok(list) = value.cast::<PyList>() else {
        d.mismatch(&format!("list[{}]", item.expected(d.py)), value);
        return any::to_python(value, d, filter);
    };
    if filter.is_empty() {
        return items_to_python(item, list, d);
    }
    let mut out: smallvec::SmallVec<[Bound<'py, PyAny>; 16]> = smallvec::SmallVec::with_capacity(list.len());
    let item_filter = ItemFilter::new(filter, list.len())?;
    let mut i = 0;
    while i < list.len() {
        if let Some(next) = item_filter.item(d.py, i)? {
            out.push(item.to_python(&list.get_item(i)?, d, &next)?);
        }
        i += 1;
    }
    Ok(PyList::new(d.py, out)?.into_any())
}

/// Every item, into a list made at its final size. The new list is hidden
/// from the garbage collector (and so from `gc.get_objects()`) while it has
/// empty places, since user code may run between items.
fn items_to_python<'py>(item: &Serializer, list: &Bound<'py, PyList>, d: &mut Dumper<'py>) -> PyResult<Bound<'py, PyAny>> {
    let py = d.py;
    let len = list.len();
    // SAFETY: a new list of `len` empty places, owned here; each place is
    // written once below, and a list's deallocation skips empty places.
    unsafe {
        let out = Bound::from_owned_ptr_or_err(py, ffi::PyList_New(len as ffi::Py_ssize_t))?;
        ffi::PyObject_GC_UnTrack(out.as_ptr() as *mut std::ffi::c_void);
        let mut filled = 0;
        // the source is read by index with its current size: it may shrink
        while filled < len && (filled as ffi::Py_ssize_t) < ffi::PyList_GET_SIZE(list.as_ptr()) {
            let value = Bound::from_borrowed_ptr(py, ffi::PyList_GET_ITEM(list.as_ptr(), filled as ffi::Py_ssize_t));
            let dumped = item.to_python(&value, d, &Filter::default())?;
            ffi::PyList_SET_ITEM(out.as_ptr(), filled as ffi::Py_ssize_t, dumped.into_ptr());
            filled += 1;
        }
        if filled < len {
            (*(out.as_ptr() as *mut ffi::PyVarObject)).ob_size = filled as ffi::Py_ssize_t;
        }
        ffi::PyObject_GC_Track(out.as_ptr() as *mut std::ffi::c_void);
        Ok(out.into_any())
    }
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
