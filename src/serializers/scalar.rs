//! int, bool, str and None: validated values are dumped as they are.

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyInt, PyString};

use super::{any, Dumper, Filter, JsonOut};

#[derive(Debug, Clone, Copy)]
pub enum Scalar {
    Int,
    Bool,
    Str,
    None,
}

impl Scalar {
    pub fn name(self) -> &'static str {
        match self {
            Scalar::Int => "int",
            Scalar::Bool => "bool",
            Scalar::Str => "str",
            Scalar::None => "None",
        }
    }

    /// Whether `value` has exactly the declared type (what validation stores).
    #[inline]
    fn exact(self, value: &Bound<'_, PyAny>) -> bool {
        self.is_exact_type(value.get_type_ptr(), value.as_ptr())
    }

    /// `exact`, from the value's type and pointer.
    #[inline]
    pub fn is_exact_type(self, tp: *mut ffi::PyTypeObject, value: *mut ffi::PyObject) -> bool {
        match self {
            Scalar::Int => tp == &raw mut ffi::PyLong_Type,
            Scalar::Bool => tp == &raw mut ffi::PyBool_Type,
            Scalar::Str => tp == &raw mut ffi::PyUnicode_Type,
            // SAFETY: comparing with the None singleton.
            Scalar::None => value == unsafe { ffi::Py_None() },
        }
    }

    /// A subclass of the declared type (an IntEnum, a str subclass, a bool in
    /// an int field) is dumped by its own type without a warning; anything
    /// else warns first.
    #[cold]
    fn other_type<'py>(self, value: &Bound<'py, PyAny>, d: &mut Dumper<'py>) {
        let related = match self {
            Scalar::Int => value.is_instance_of::<PyInt>(),
            Scalar::Str => value.is_instance_of::<PyString>(),
            Scalar::Bool | Scalar::None => false,
        };
        if !related {
            d.mismatch(self.name(), value);
        }
    }

    #[inline]
    pub fn to_python<'py>(self, value: &Bound<'py, PyAny>, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<Bound<'py, PyAny>> {
        if self.exact(value) {
            return Ok(value.clone());
        }
        self.other_type(value, d);
        if let (Scalar::Int, true, Ok(int)) = (self, d.opts.json_mode, value.cast::<PyInt>()) {
            // a bool or IntEnum in an int field is a plain int in JSON
            // SAFETY: int is an int; the result is a new reference or NULL.
            return unsafe { Bound::from_owned_ptr_or_err(d.py, ffi::PyNumber_Index(int.as_ptr())) };
        }
        any::to_python(value, d, filter)
    }

    #[inline]
    pub fn to_json<'py>(self, value: &Bound<'py, PyAny>, out: &mut JsonOut, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<()> {
        if self.exact(value) {
            return match self {
                Scalar::Int => write_int(value, out),
                Scalar::Bool => {
                    out.raw(if value.is_truthy()? { "true" } else { "false" });
                    Ok(())
                }
                // SAFETY: exact() checked the type.
                Scalar::Str => {
                    out.str(unsafe { value.cast_unchecked::<PyString>() }.to_str()?);
                    Ok(())
                }
                Scalar::None => {
                    out.raw("null");
                    Ok(())
                }
            };
        }
        self.other_type(value, d);
        if let (Scalar::Int, true) = (self, value.is_instance_of::<PyInt>()) {
            return write_int(value, out);
        }
        any::to_json(value, out, d, filter)
    }
}

/// An int of any size: beyond 64 bits its digits come from num-bigint, which
/// has no limit on their number (Python's `str` has one).
#[inline]
pub fn write_int(value: &Bound<'_, PyAny>, out: &mut JsonOut) -> PyResult<()> {
    let mut overflow = 0;
    // SAFETY: value is an int; the call sets overflow instead of failing for a large one.
    let v = unsafe { ffi::PyLong_AsLongLongAndOverflow(value.as_ptr(), &mut overflow) };
    if overflow == 0 && !(v == -1 && PyErr::occurred(value.py())) {
        out.int(v);
        return Ok(());
    }
    let big: num_bigint::BigInt = value.extract()?;
    out.raw(&big.to_string());
    Ok(())
}
