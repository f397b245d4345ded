//! The instance layout: each field lives in a `__slots__` member of the class,
//! at an offset read once from its member descriptor and checked for soundness.

use pyo3::exceptions::PyTypeError;
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::PyType;

/// Byte offset of an object pointer inside instances of one class.
#[derive(Clone, Copy, Debug)]
pub struct SlotOffset(isize);

impl SlotOffset {
    /// Reads the offset of member `name` on `cls`, refusing anything but a
    /// writable object member that lies inside `cls`'s instances.
    pub fn of(cls: &Bound<'_, PyType>, name: &str) -> PyResult<Self> {
        let mut descr = cls.getattr(name)?;
        // a deprecated field's warning descriptor stands in front of its slot
        if let Ok(slot) = descr.getattr(pyo3::intern!(cls.py(), "__satya_slot__")) {
            descr = slot;
        }
        let bad = || PyTypeError::new_err(format!("{}.{name} is not a plain slot", cls.name().map(|n| n.to_string()).unwrap_or_default()));
        // SAFETY: the type check guarantees `descr` is a PyMemberDescrObject;
        // d_member and d_type stay valid while the descriptor lives.
        let (offset, owner) = unsafe {
            if ffi::Py_TYPE(descr.as_ptr()) != std::ptr::addr_of_mut!(ffi::PyMemberDescr_Type) {
                return Err(bad());
            }
            let member_descr = descr.as_ptr() as *mut ffi::PyMemberDescrObject;
            // pyo3's declaration before 3.11 names the wrong struct; CPython
            // stores a PyMemberDef there on every version.
            let member = &*((*member_descr).d_member as *const ffi::PyMemberDef);
            if member.type_code != ffi::Py_T_OBJECT_EX {
                return Err(bad());
            }
            (member.offset, (*member_descr).d_common.d_type)
        };
        // SAFETY: reading fields of live type objects.
        unsafe {
            if ffi::PyType_IsSubtype(cls.as_type_ptr(), owner) == 0 {
                return Err(bad());
            }
            let basic_size = (*cls.as_type_ptr()).tp_basicsize;
            let header = std::mem::size_of::<ffi::PyObject>() as isize;
            let pointer = std::mem::size_of::<*mut ffi::PyObject>() as isize;
            if offset < header || offset + pointer > basic_size || offset % pointer != 0 {
                return Err(bad());
            }
        }
        Ok(SlotOffset(offset))
    }

    /// The value stored in `obj`'s slot (borrowed), or None when unset.
    ///
    /// # Safety
    /// `obj` must be an instance of the class this offset was read from.
    #[inline]
    pub unsafe fn get<'py>(self, py: Python<'py>, obj: *mut ffi::PyObject) -> Option<Bound<'py, PyAny>> {
        let p = (obj as *mut u8).offset(self.0) as *mut *mut ffi::PyObject;
        let value = *p;
        if value.is_null() {
            None
        } else {
            Some(Bound::from_borrowed_ptr(py, value))
        }
    }

    /// The pointer stored in `obj`'s slot, borrowed; null when unset.
    ///
    /// # Safety
    /// `obj` must be an instance of the class this offset was read from.
    #[inline]
    pub unsafe fn raw(self, obj: *mut ffi::PyObject) -> *mut ffi::PyObject {
        *((obj as *mut u8).offset(self.0) as *mut *mut ffi::PyObject)
    }

    /// Stores `value` in `obj`'s slot, releasing the previous value.
    ///
    /// # Safety
    /// `obj` must be an instance of the class this offset was read from.
    #[inline]
    pub unsafe fn set(self, obj: *mut ffi::PyObject, value: Bound<'_, PyAny>) {
        let p = (obj as *mut u8).offset(self.0) as *mut *mut ffi::PyObject;
        let old = std::ptr::replace(p, value.into_ptr());
        // Released after the write, so a finaliser that runs sees a consistent object.
        ffi::Py_XDECREF(old);
    }
}
