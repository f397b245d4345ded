//! The native side of `Model`: the base type whose `__init__` and `__setattr__`
//! are Rust, and instance storage.

use std::os::raw::{c_int, c_void};
use std::panic::AssertUnwindSafe;

use pyo3::exceptions::{PyAttributeError, PyRuntimeError, PyTypeError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};

use crate::errors::ErrorKind;
use crate::fields_set::{self, FieldsSet};
use crate::schema::{CompiledSchema, Validated, Values};
use crate::schema_handle::schema_of;
use crate::validators::State;

/// Writes validated values into `obj`'s slots.
///
/// # Safety
/// `obj` must be an instance of the class `schema` was built for.
#[inline]
unsafe fn write_values(schema: &CompiledSchema, obj: *mut ffi::PyObject, values: Values<'_>, given: &FieldsSet) {
    let mut values = values.into_iter();
    for (field, value) in schema.fields.iter().zip(values.by_ref()) {
        field.offset.set(obj, value);
    }
    // extra="allow": the dict of extra keys, when the input was read for them
    if let (Some(slot), Some(extra)) = (schema.extra_slot, values.next()) {
        slot.set(obj, extra);
    }
    finish_instance(schema, obj, given);
}

/// Stores which fields were given, and stops the collector tracking an
/// instance of scalars.
///
/// # Safety
/// As for `write_values`, with every field written.
#[inline]
unsafe fn finish_instance(schema: &CompiledSchema, obj: *mut ffi::PyObject, given: &FieldsSet) {
    fields_set::store(obj, given);
    // Validated scalars cannot form a reference cycle, so the collector need not
    // scan the instance (set_state and a validation-free assignment track it
    // again; a container written by `object.__setattr__` is not seen, so a cycle
    // through it is never collected, a leak but never a dangling reference).
    if schema.scalars_only && ffi::PyObject_GC_IsTracked(obj) == 1 {
        ffi::PyObject_GC_UnTrack(obj as *mut c_void);
    }
}

/// Writes validated values into `obj`, an instance whose class's schema is `schema`
/// (`__init__` through a model's hooks).
pub fn fill_instance(obj: &Bound<'_, PyAny>, schema: &CompiledSchema, values: Values<'_>, given: &FieldsSet) -> PyResult<()> {
    let handle = schema_of(&obj.get_type())?;
    if !std::ptr::eq(&handle.get().schema, schema) {
        return Err(PyRuntimeError::new_err("internal error in satya: an instance filled with another class's values"));
    }
    // SAFETY: obj is an instance of the class `schema` was built for, checked above.
    unsafe { write_values(schema, obj.as_ptr(), values, given) };
    Ok(())
}

/// A new, empty instance of `cls`, made without running `__new__` or `__init__`.
fn alloc_instance<'py>(cls: &Bound<'py, PyType>) -> PyResult<Bound<'py, PyAny>> {
    // SAFETY: tp_alloc of a ready type returns a new reference or NULL with an error set.
    unsafe {
        let tp = cls.as_type_ptr();
        let alloc = (*tp).tp_alloc.unwrap_or(ffi::PyType_GenericAlloc);
        Bound::from_owned_ptr_or_err(cls.py(), alloc(tp, 0))
    }
}

/// A new instance of `cls` whose fields hold `value(field)`: the value, and
/// whether the input gave it (else it is a default). Each is written in place
/// as it is made, with no list of values in between; `schema` must be `cls`'s
/// own. With `extra="allow"` the dict of extra keys is empty: a record with
/// extra keys never reaches this.
#[inline]
pub fn new_instance_with<'py>(
    cls: &Bound<'py, PyType>,
    schema: &CompiledSchema,
    mut value: impl FnMut(&crate::schema::Field) -> PyResult<(Bound<'py, PyAny>, bool)>,
) -> PyResult<Bound<'py, PyAny>> {
    let obj = alloc_instance(cls)?;
    let mut given = FieldsSet::with_fields(schema.fields.len());
    for (index, field) in schema.fields.iter().enumerate() {
        let (v, was_given) = value(field)?;
        if was_given {
            given.insert(index);
        }
        // SAFETY: obj was just allocated as an instance of cls, whose schema
        // this is; a slot left empty by an error is freed as empty.
        unsafe { field.offset.set(obj.as_ptr(), v) };
    }
    if let Some(slot) = schema.extra_slot {
        // SAFETY: as above; the slot was read from this class.
        unsafe { slot.set(obj.as_ptr(), PyDict::new(cls.py()).into_any()) };
    }
    // SAFETY: as above; every field is written.
    unsafe { finish_instance(schema, obj.as_ptr(), &given) };
    Ok(obj)
}

/// A new instance of `cls` holding `values`; `schema` must be `cls`'s own.
#[inline]
pub fn new_instance<'py>(cls: &Bound<'py, PyType>, schema: &CompiledSchema, values: Values<'py>, given: &FieldsSet) -> PyResult<Bound<'py, PyAny>> {
    let obj = alloc_instance(cls)?;
    // SAFETY: obj was just allocated as an instance of cls, whose schema this is.
    unsafe { write_values(schema, obj.as_ptr(), values, given) };
    Ok(obj)
}

/// Runs `f` as the body of a C slot: errors and panics become Python exceptions.
pub(crate) unsafe fn slot_guard<R: Copy>(on_error: R, f: impl FnOnce(Python<'_>) -> PyResult<R>) -> R {
    let py = Python::assume_attached();
    match std::panic::catch_unwind(AssertUnwindSafe(|| f(py))) {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => {
            e.restore(py);
            on_error
        }
        Err(_) => {
            PyRuntimeError::new_err("internal error in satya (a Rust panic)").restore(py);
            on_error
        }
    }
}

/// `__init__`: keyword arguments are the input mapping.
unsafe extern "C" fn model_init(slf: *mut ffi::PyObject, args: *mut ffi::PyObject, kwargs: *mut ffi::PyObject) -> c_int {
    slot_guard(-1, |py| {
        let _plain = crate::input::set_aside();
        let obj = Bound::from_borrowed_ptr(py, slf);
        let cls = obj.get_type();
        if !args.is_null() && ffi::PyTuple_Size(args) != 0 {
            return Err(PyTypeError::new_err(format!(
                "{}.__init__() takes 1 positional argument but {} were given",
                cls.name()?,
                ffi::PyTuple_Size(args) + 1
            )));
        }
        let handle = schema_of(&cls)?;
        let schema = &handle.get().schema;
        let kwargs = if kwargs.is_null() {
            PyDict::new(py)
        } else {
            Bound::from_borrowed_ptr(py, kwargs).cast_into::<PyDict>()?
        };
        if schema.hooks.any() {
            let mut state = State::default();
            let level = schema.hooks.validators.len();
            let result = schema
                .validate_hooked(py, &cls, kwargs.as_any(), &mut state, Some(&obj), level)
                .map_err(|e| schema.py_err(py, e))?;
            if !result.is(&obj) {
                let message = c"A custom validator is returning a value other than `self`.\nReturning anything other than `self` from a top level model validator isn't supported when validating via `__init__`.";
                PyErr::warn(py, &py.get_type::<pyo3::exceptions::PyUserWarning>(), message, 1)?;
            }
            return Ok(0);
        }
        let (values, given) = match schema.validate_input(py, &cls, kwargs.as_any(), &mut State::default()) {
            Ok(Validated::Values(values, given)) => (values, given),
            Ok(Validated::Instance(_)) => {
                return Err(PyRuntimeError::new_err("internal error in satya: keyword arguments read as an instance"))
            }
            Err(e) => return Err(schema.py_err(py, e)),
        };
        write_values(schema, slf, values, &given);
        Ok(0)
    })
}

/// `__setattr__`: a field's new value is validated first; on failure the
/// instance is left unchanged.
unsafe extern "C" fn model_setattro(slf: *mut ffi::PyObject, name: *mut ffi::PyObject, value: *mut ffi::PyObject) -> c_int {
    slot_guard(-1, |py| {
        let obj = Bound::from_borrowed_ptr(py, slf);
        let name_obj = Bound::from_borrowed_ptr(py, name);
        let handle = schema_of(&obj.get_type())?;
        let schema = &handle.get().schema;
        // a private attribute (`_name`, not a field) may be set on a frozen model too
        if schema.frozen && !is_private_name(&name_obj) {
            return Err(frozen_error(py, schema, ErrorKind::FrozenInstance, &name_obj, value));
        }
        let Some(index) = schema.field_index(py, &name_obj) else {
            if let Some(slot) = schema.extra_slot.filter(|_| !is_private_name(&name_obj) && !value.is_null()) {
                // extra="allow": a new attribute is an extra key
                let extra = match slot.get(py, slf) {
                    Some(extra) => extra,
                    None => {
                        let extra = PyDict::new(py).into_any();
                        slot.set(slf, extra.clone());
                        extra
                    }
                };
                if !is_dunder(&name_obj) {
                    extra.set_item(&name_obj, Bound::from_borrowed_ptr(py, value))?;
                    return Ok(0);
                }
            }
            return if ffi::PyObject_GenericSetAttr(slf, name, value) < 0 { Err(PyErr::fetch(py)) } else { Ok(0) };
        };
        let field = &schema.fields[index];
        if field.frozen {
            return Err(frozen_error(py, schema, ErrorKind::FrozenField, &name_obj, value));
        }
        if value.is_null() {
            return Err(PyAttributeError::new_err(format!("cannot delete field '{name_obj}'")));
        }
        let value = Bound::from_borrowed_ptr(py, value);
        let validated = if schema.validate_assignment {
            schema
                .validate_assignment(py, index, &value, &mut State::default())
                .map_err(|e| schema.py_err(py, e))?
        } else {
            // taken as it is: it may be a container, which the collector must then see
            if ffi::PyObject_GC_IsTracked(slf) == 0 && ffi::PyObject_IS_GC(value.as_ptr()) != 0 {
                ffi::PyObject_GC_Track(slf as *mut c_void);
            }
            value
        };
        field.offset.set(slf, validated);
        fields_set::insert(slf, index);
        Ok(0)
    })
}

fn is_dunder(name: &Bound<'_, PyAny>) -> bool {
    name.cast::<pyo3::types::PyString>().ok().and_then(|n| n.to_str().ok().map(|n| n.starts_with("__"))).unwrap_or(false)
}

fn is_private_name(name: &Bound<'_, PyAny>) -> bool {
    name.cast::<pyo3::types::PyString>().ok().and_then(|n| n.to_str().ok().map(|n| n.starts_with('_') && !n.starts_with("__"))).unwrap_or(false)
}

/// Assigning to (or deleting) an attribute of a frozen model or a frozen field.
#[cold]
unsafe fn frozen_error(py: Python<'_>, schema: &CompiledSchema, kind: ErrorKind, name: &Bound<'_, PyAny>, value: *mut ffi::PyObject) -> PyErr {
    // a deletion reports None as its input
    let input = if value.is_null() { py.None().into_bound(py) } else { Bound::from_borrowed_ptr(py, value) };
    let loc = match crate::errors::LocItem::from_object(name) {
        Ok(loc) => loc,
        Err(e) => return e,
    };
    let error = crate::errors::ValError::new(kind, &input).with_outer(|| loc.clone());
    schema.py_err(py, error)
}

/// The last step of an instance's deallocation: CPython has released the
/// slots; the fields-set storage and the memory remain.
unsafe extern "C" fn model_dealloc(obj: *mut ffi::PyObject) {
    fields_set::release(obj);
    let tp = ffi::Py_TYPE(obj);
    match (*tp).tp_free {
        Some(free) => free(obj as *mut c_void),
        None => ffi::PyObject_Free(obj as *mut c_void),
    }
    // Every instance holds a reference to its heap type. A subclass's
    // deallocator leaves releasing it to this one, since ModelBase is itself a
    // heap type (CPython's rule for heap-type bases).
    ffi::Py_DECREF(tp as *mut ffi::PyObject);
}

/// `__setattr__(name, value)` and `__delattr__(name)` as methods rather than a
/// C-level slot: classes built on ModelBase then dispatch through Python's
/// slot, and `object.__setattr__` (which refuses to skip a C-level override)
/// may write a field directly, without validation, as on a pydantic model.
unsafe extern "C" fn model_setattr_method(slf: *mut ffi::PyObject, args: *mut *mut ffi::PyObject, nargs: ffi::Py_ssize_t) -> *mut ffi::PyObject {
    attr_method(slf, args, nargs, 2, c"__setattr__ expected 2 arguments")
}

unsafe extern "C" fn model_delattr_method(slf: *mut ffi::PyObject, args: *mut *mut ffi::PyObject, nargs: ffi::Py_ssize_t) -> *mut ffi::PyObject {
    attr_method(slf, args, nargs, 1, c"__delattr__ expected 1 argument")
}

unsafe fn attr_method(slf: *mut ffi::PyObject, args: *mut *mut ffi::PyObject, nargs: ffi::Py_ssize_t, expected: ffi::Py_ssize_t, message: &std::ffi::CStr) -> *mut ffi::PyObject {
    if nargs != expected {
        ffi::PyErr_SetString(ffi::PyExc_TypeError, message.as_ptr());
        return std::ptr::null_mut();
    }
    let value = if expected == 2 { *args.add(1) } else { std::ptr::null_mut() };
    if model_setattro(slf, *args, value) < 0 {
        return std::ptr::null_mut();
    }
    ffi::Py_NewRef(ffi::Py_None())
}

/// Adds `__setattr__` and `__delattr__` to `base`'s dict.
fn add_attr_methods(base: &Bound<'_, PyType>) -> PyResult<()> {
    struct Defs([ffi::PyMethodDef; 2]);
    // SAFETY: the table is immutable after initialisation and only read by CPython.
    unsafe impl Sync for Defs {}
    unsafe impl Send for Defs {}
    static DEFS: std::sync::OnceLock<Defs> = std::sync::OnceLock::new();
    let defs = DEFS.get_or_init(|| {
        Defs([
            ffi::PyMethodDef {
                ml_name: c"__setattr__".as_ptr(),
                ml_meth: ffi::PyMethodDefPointer { PyCFunctionFast: model_setattr_method },
                ml_flags: ffi::METH_FASTCALL,
                ml_doc: c"Validates a field's new value (unless validate_assignment is off) and stores it.".as_ptr(),
            },
            ffi::PyMethodDef {
                ml_name: c"__delattr__".as_ptr(),
                ml_meth: ffi::PyMethodDefPointer { PyCFunctionFast: model_delattr_method },
                ml_flags: ffi::METH_FASTCALL,
                ml_doc: c"Deletes an attribute; a field cannot be deleted.".as_ptr(),
            },
        ])
    });
    let py = base.py();
    for def in &defs.0 {
        // SAFETY: the definitions live forever; the descriptor is a new reference or NULL.
        let descr = unsafe {
            Bound::from_owned_ptr_or_err(py, ffi::PyDescr_NewMethod(base.as_type_ptr(), def as *const _ as *mut ffi::PyMethodDef))?
        };
        // SAFETY: ml_name is a static NUL-terminated string.
        let name = unsafe { std::ffi::CStr::from_ptr(def.ml_name) }.to_str().unwrap_or_default();
        base.setattr(name, descr)?;
    }
    Ok(())
}

/// Creates `ModelBase`, the native base of `satya.Model`.
pub fn create_base_type(py: Python<'_>) -> PyResult<Bound<'_, PyType>> {
    let slots: &'static mut [ffi::PyType_Slot] = Box::leak(Box::new([
        ffi::PyType_Slot { slot: ffi::Py_tp_init, pfunc: model_init as *mut c_void },
        ffi::PyType_Slot { slot: ffi::Py_tp_new, pfunc: ffi::PyType_GenericNew as *mut c_void },
        ffi::PyType_Slot { slot: ffi::Py_tp_dealloc, pfunc: model_dealloc as *mut c_void },
        ffi::PyType_Slot { slot: ffi::Py_tp_methods, pfunc: crate::serializers::methods() as *mut c_void },
        ffi::PyType_Slot { slot: 0, pfunc: std::ptr::null_mut() },
    ]));
    let spec: &'static mut ffi::PyType_Spec = Box::leak(Box::new(ffi::PyType_Spec {
        name: c"satya._satya.ModelBase".as_ptr(),
        basicsize: std::mem::size_of::<fields_set::ModelHeader>() as c_int,
        itemsize: 0,
        flags: (ffi::Py_TPFLAGS_DEFAULT | ffi::Py_TPFLAGS_BASETYPE) as _,
        slots: slots.as_mut_ptr(),
    }));
    // SAFETY: spec and slots live forever; the result is a new reference or NULL.
    let base = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyType_FromSpec(spec))?.cast_into::<PyType>()? };
    add_attr_methods(&base)?;
    Ok(base)
}

/// The instance's field values as a dict (for pickling and copying).
#[pyfunction]
pub fn get_state<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
    let py = obj.py();
    let handle = schema_of(&obj.get_type())?;
    let state = PyDict::new(py);
    for field in &handle.get().schema.fields {
        // SAFETY: the schema is the one of obj's own class.
        if let Some(v) = unsafe { field.offset.get(py, obj.as_ptr()) } {
            state.set_item(field.name.bind(py), v)?;
        }
    }
    Ok(state)
}

/// Restores field values without validating them (unpickling, copies,
/// `model_construct`). Unknown keys are ignored. `fields_set` names the
/// fields given explicitly; without it, every field in `state` counts.
#[pyfunction]
#[pyo3(signature = (obj, state, fields_set = None))]
pub fn set_state(obj: &Bound<'_, PyAny>, state: &Bound<'_, PyDict>, fields_set: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
    let py = obj.py();
    let handle = schema_of(&obj.get_type())?;
    // Restored values are unvalidated and may hold containers.
    // SAFETY: obj is a live instance of a GC-enabled Model class.
    unsafe {
        if ffi::PyType_IS_GC(ffi::Py_TYPE(obj.as_ptr())) == 1 && ffi::PyObject_GC_IsTracked(obj.as_ptr()) == 0 {
            ffi::PyObject_GC_Track(obj.as_ptr() as *mut c_void);
        }
    }
    let fields = &handle.get().schema.fields;
    let mut given = FieldsSet::with_fields(fields.len());
    for (index, field) in fields.iter().enumerate() {
        let name = field.name.bind(py);
        let present = match state.get_item(name)? {
            Some(v) => {
                // SAFETY: the schema is the one of obj's own class.
                unsafe { field.offset.set(obj.as_ptr(), v) };
                true
            }
            None => false,
        };
        let explicit = match fields_set {
            Some(names) => names.contains(name)?,
            None => present,
        };
        if explicit {
            given.insert(index);
        }
    }
    // SAFETY: obj is an instance of a Model class.
    unsafe { fields_set::store(obj.as_ptr(), &given) };
    Ok(())
}

/// `model_fields_set`: the names of the fields given explicitly, in field order.
#[pyfunction]
pub fn get_fields_set<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Bound<'py, pyo3::types::PySet>> {
    let py = obj.py();
    let handle = schema_of(&obj.get_type())?;
    let out = pyo3::types::PySet::empty(py)?;
    for (index, field) in handle.get().schema.fields.iter().enumerate() {
        // SAFETY: obj is an instance of the schema's class.
        if unsafe { fields_set::contains(obj.as_ptr(), index) } {
            out.add(field.name.bind(py))?;
        }
    }
    Ok(out)
}

/// Same class and equal field values.
#[pyfunction]
pub fn model_eq(a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>) -> PyResult<bool> {
    let py = a.py();
    if !a.get_type().is(&b.get_type()) {
        return Ok(false);
    }
    let handle = schema_of(&a.get_type())?;
    for field in &handle.get().schema.fields {
        // SAFETY: a and b are instances of the schema's class.
        let (x, y) = unsafe { (field.offset.get(py, a.as_ptr()), field.offset.get(py, b.as_ptr())) };
        let equal = match (x, y) {
            (Some(x), Some(y)) => x.eq(y)?,
            (None, None) => true,
            _ => false,
        };
        if !equal {
            return Ok(false);
        }
    }
    Ok(true)
}
