//! The descriptor that stands in for a field's `__slots__` member on classes
//! whose instances are untracked by the GC (every field a scalar). Reading is
//! a plain slot read, as with the member it replaces; a write that bypasses
//! validation (the descriptor's `__set__`, `object.__setattr__`) tracks the
//! instance again when the new value can hold references.

use std::os::raw::{c_int, c_void};

use pyo3::exceptions::{PyAttributeError, PyTypeError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyString, PyType};

#[repr(C)]
struct FieldSlot {
    ob_base: ffi::PyObject,
    offset: isize,
    /// The field's name (a str), owned.
    name: *mut ffi::PyObject,
    /// The class whose layout `offset` belongs to, owned and traversed.
    owner: *mut ffi::PyObject,
}

fn slot_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static TYPE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    TYPE.get_or_try_init(py, || -> PyResult<Py<PyType>> {
        let slots: &'static mut [ffi::PyType_Slot] = Box::leak(Box::new([
            ffi::PyType_Slot { slot: ffi::Py_tp_descr_get, pfunc: descr_get as *mut c_void },
            ffi::PyType_Slot { slot: ffi::Py_tp_descr_set, pfunc: descr_set as *mut c_void },
            ffi::PyType_Slot { slot: ffi::Py_tp_dealloc, pfunc: dealloc as *mut c_void },
            ffi::PyType_Slot { slot: ffi::Py_tp_traverse, pfunc: traverse as *mut c_void },
            ffi::PyType_Slot { slot: ffi::Py_tp_clear, pfunc: clear as *mut c_void },
            ffi::PyType_Slot { slot: 0, pfunc: std::ptr::null_mut() },
        ]));
        let spec: &'static mut ffi::PyType_Spec = Box::leak(Box::new(ffi::PyType_Spec {
            name: c"satya._satya.FieldSlot".as_ptr(),
            basicsize: std::mem::size_of::<FieldSlot>() as c_int,
            itemsize: 0,
            flags: (ffi::Py_TPFLAGS_DEFAULT | ffi::Py_TPFLAGS_HAVE_GC) as _,
            slots: slots.as_mut_ptr(),
        }));
        // SAFETY: spec and slots live forever; the result is a new reference or NULL.
        unsafe { Ok(Bound::from_owned_ptr_or_err(py, ffi::PyType_FromSpec(spec))?.cast_into::<PyType>()?.unbind()) }
    })
    .map(|t| t.bind(py))
}

/// A descriptor for the slot of `name` at `offset` in instances of `owner`.
pub fn new_field_slot<'py>(owner: &Bound<'py, PyType>, name: &Bound<'py, PyString>, offset: isize) -> PyResult<Bound<'py, PyAny>> {
    let py = owner.py();
    let tp = slot_type(py)?;
    // SAFETY: tp_alloc returns a zeroed object of basicsize or NULL; the fields
    // are filled before the object is tracked or seen by anyone.
    unsafe {
        let alloc = (*tp.as_type_ptr()).tp_alloc.unwrap_or(ffi::PyType_GenericAlloc);
        let obj = Bound::from_owned_ptr_or_err(py, alloc(tp.as_type_ptr(), 0))?;
        let slot = obj.as_ptr() as *mut FieldSlot;
        (*slot).offset = offset;
        (*slot).name = name.clone().into_ptr();
        (*slot).owner = owner.clone().into_any().into_ptr();
        Ok(obj)
    }
}

/// The offset and owner of `descr` when it is a field slot descriptor.
pub fn field_slot_parts(descr: &Bound<'_, PyAny>) -> Option<(isize, *mut ffi::PyTypeObject)> {
    let tp = slot_type(descr.py()).ok()?;
    // SAFETY: the type check guarantees the layout.
    unsafe {
        if ffi::Py_TYPE(descr.as_ptr()) != tp.as_type_ptr() {
            return None;
        }
        let slot = descr.as_ptr() as *mut FieldSlot;
        Some(((*slot).offset, (*slot).owner as *mut ffi::PyTypeObject))
    }
}

/// Checks that `obj` has the owner's layout; raises TypeError otherwise.
unsafe fn check_instance(py: Python<'_>, slot: *mut FieldSlot, obj: *mut ffi::PyObject) -> PyResult<()> {
    if (*slot).owner.is_null() || (*slot).name.is_null() {
        return Err(PyTypeError::new_err("field descriptor was cleared"));
    }
    if ffi::PyObject_TypeCheck(obj, (*slot).owner as *mut ffi::PyTypeObject) != 0 {
        return Ok(());
    }
    let name = Bound::from_borrowed_ptr(py, (*slot).name);
    let owner = Bound::from_borrowed_ptr(py, (*slot).owner).cast_into::<PyType>()?;
    let other = Bound::from_borrowed_ptr(py, obj).get_type();
    Err(PyTypeError::new_err(format!(
        "descriptor '{name}' for '{}' objects doesn't apply to a '{}' object",
        owner.name()?,
        other.name()?
    )))
}

unsafe fn missing_attribute(py: Python<'_>, slot: *mut FieldSlot, obj: *mut ffi::PyObject) -> PyErr {
    let name = Bound::from_borrowed_ptr(py, (*slot).name);
    let class = Bound::from_borrowed_ptr(py, obj).get_type();
    let class_name = class.name().map(|n| n.to_string()).unwrap_or_default();
    PyAttributeError::new_err(format!("'{class_name}' object has no attribute '{name}'"))
}

unsafe extern "C" fn descr_get(descr: *mut ffi::PyObject, obj: *mut ffi::PyObject, _owner: *mut ffi::PyObject) -> *mut ffi::PyObject {
    if obj.is_null() {
        ffi::Py_INCREF(descr);
        return descr;
    }
    let slot = descr as *mut FieldSlot;
    let py = Python::assume_attached();
    if let Err(e) = check_instance(py, slot, obj) {
        e.restore(py);
        return std::ptr::null_mut();
    }
    let value = *((obj as *mut u8).offset((*slot).offset) as *mut *mut ffi::PyObject);
    if value.is_null() {
        missing_attribute(py, slot, obj).restore(py);
        return std::ptr::null_mut();
    }
    ffi::Py_INCREF(value);
    value
}

unsafe extern "C" fn descr_set(descr: *mut ffi::PyObject, obj: *mut ffi::PyObject, value: *mut ffi::PyObject) -> c_int {
    let slot = descr as *mut FieldSlot;
    let py = Python::assume_attached();
    if let Err(e) = check_instance(py, slot, obj) {
        e.restore(py);
        return -1;
    }
    let place = (obj as *mut u8).offset((*slot).offset) as *mut *mut ffi::PyObject;
    if value.is_null() {
        if (*place).is_null() {
            missing_attribute(py, slot, obj).restore(py);
            return -1;
        }
    } else {
        if ffi::PyObject_IS_GC(value) == 1 && ffi::PyObject_GC_IsTracked(obj) == 0 && ffi::PyType_IS_GC(ffi::Py_TYPE(obj)) == 1 {
            ffi::PyObject_GC_Track(obj as *mut c_void);
        }
        ffi::Py_INCREF(value);
    }
    let old = std::ptr::replace(place, value);
    ffi::Py_XDECREF(old);
    0
}

unsafe extern "C" fn traverse(descr: *mut ffi::PyObject, visit: ffi::visitproc, arg: *mut c_void) -> c_int {
    let slot = descr as *mut FieldSlot;
    for field in [(*slot).name, (*slot).owner] {
        if !field.is_null() {
            let r = visit(field, arg);
            if r != 0 {
                return r;
            }
        }
    }
    // A heap type's instances keep their type alive.
    visit(ffi::Py_TYPE(descr) as *mut ffi::PyObject, arg)
}

unsafe extern "C" fn clear(descr: *mut ffi::PyObject) -> c_int {
    let slot = descr as *mut FieldSlot;
    let name = std::mem::replace(&mut (*slot).name, std::ptr::null_mut());
    let owner = std::mem::replace(&mut (*slot).owner, std::ptr::null_mut());
    ffi::Py_XDECREF(name);
    ffi::Py_XDECREF(owner);
    0
}

unsafe extern "C" fn dealloc(descr: *mut ffi::PyObject) {
    let tp = ffi::Py_TYPE(descr);
    ffi::PyObject_GC_UnTrack(descr as *mut c_void);
    clear(descr);
    if let Some(free) = (*tp).tp_free {
        free(descr as *mut c_void);
    }
    ffi::Py_DECREF(tp as *mut ffi::PyObject);
}
