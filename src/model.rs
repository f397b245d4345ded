//! The native side of `Model`: the base type whose `__init__` and `__setattr__`
//! are Rust, the compiled schema kept on each class, and instance storage.

use std::os::raw::{c_int, c_void};
use std::panic::AssertUnwindSafe;

use pyo3::exceptions::{PyAttributeError, PyRuntimeError, PyTypeError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::pyclass::{PyTraverseError, PyVisit};
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyString, PyType};

use crate::errors::{into_py_err, ValResult};
use crate::input::{json_bytes, parse_json, JsonInput};
use crate::schema::{CompiledSchema, Validated, Values};
use crate::validators::State;

/// The compiled schema of one Model class, stored in the class's own dict.
#[pyclass(frozen, module = "satya._satya", name = "CompiledSchema")]
pub struct SchemaHandle {
    pub schema: CompiledSchema,
    /// The class whose layout the slot offsets describe; a handle found on any
    /// other class is refused, so offsets are never applied to a foreign layout.
    /// Held strongly (and traversed), so its address cannot be reused while the
    /// handle lives.
    owner: Py<PyType>,
}

#[pymethods]
impl SchemaHandle {
    fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
        visit.call(&self.owner)?;
        let mut result = Ok(());
        self.schema.visit_objects(&mut |obj| {
            if result.is_ok() {
                result = visit.call(obj);
            }
        });
        result
    }

    /// What `satya.inspect` reports: the backend, how many checks run as
    /// native code and how many in the interpreter, and the native code itself.
    fn describe<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let s = &self.schema;
        let mut programs = vec![(&s.program, &s.backend)];
        let mut items = Vec::new();
        for field in &s.fields {
            field.validator.item_programs(&mut items);
        }
        programs.extend(items.iter().map(|p| (p.program(), p.backend())));
        let total: usize = s.fields.iter().map(|f| f.validator.check_count()).sum();
        let (mut compiled, mut code_size, mut compile_time, mut clif, mut all_native) = (0, 0, 0.0, Vec::new(), true);
        for (program, backend) in programs.iter().filter(|(p, _)| !p.is_empty()) {
            match backend.native() {
                Some(native) => {
                    compiled += program.checks().len();
                    code_size += native.code_size;
                    compile_time += native.compile_time.as_secs_f64();
                    clif.push(native.clif.clone());
                }
                None => all_native = false,
            }
        }
        let d = PyDict::new(py);
        d.set_item("backend", if s.jit_requested && all_native { "jit" } else { "interpreter" })?;
        d.set_item("checks_compiled", compiled)?;
        d.set_item("checks_interpreted", total - compiled)?;
        d.set_item("native_functions", clif.len())?;
        d.set_item("compile_time_s", compile_time)?;
        d.set_item("code_size", code_size)?;
        d.set_item("clif", clif.join("\n"))?;
        Ok(d)
    }
}

const SCHEMA_ATTR: &str = "__satya_schema__";

fn schema_key(py: Python<'_>) -> &Bound<'_, PyString> {
    static KEY: PyOnceLock<Py<PyString>> = PyOnceLock::new();
    KEY.get_or_init(py, || PyString::intern(py, SCHEMA_ATTR).unbind()).bind(py)
}

/// The schema of `cls`, built now if the class was waiting for a forward reference.
#[inline]
pub fn schema_of<'py>(cls: &Bound<'py, PyType>) -> PyResult<Bound<'py, SchemaHandle>> {
    let py = cls.py();
    // SAFETY: a heap type's tp_dict is its live class dict; the borrowed item is
    // turned into an owned reference before anything else runs.
    let found = unsafe {
        let dict = (*cls.as_type_ptr()).tp_dict;
        if dict.is_null() {
            None
        } else {
            let item = ffi::PyDict_GetItemWithError(dict, schema_key(py).as_ptr());
            if item.is_null() {
                ffi::PyErr_Clear();
                None
            } else {
                Some(Bound::from_borrowed_ptr(py, item))
            }
        }
    };
    match found.map(|obj| obj.cast_into::<SchemaHandle>()) {
        Some(Ok(handle)) if handle.get().owner.is(cls) => Ok(handle),
        _ => schema_of_slow(cls),
    }
}

#[cold]
fn schema_of_slow<'py>(cls: &Bound<'py, PyType>) -> PyResult<Bound<'py, SchemaHandle>> {
    let py = cls.py();
    py.import("satya._model")?.call_method1("_complete_class", (cls,))?;
    let name = cls.name()?;
    let not_a_model = || PyTypeError::new_err(format!("{name} is not a satya Model class"));
    let handle = cls.getattr(schema_key(py)).map_err(|_| not_a_model())?;
    let handle = handle.cast_into::<SchemaHandle>().map_err(|_| not_a_model())?;
    if !handle.get().owner.is(cls) {
        return Err(PyTypeError::new_err(format!("{name}.{SCHEMA_ATTR} belongs to another class")));
    }
    Ok(handle)
}

/// Builds the schema for `cls` from the metaclass's descriptor and stores it.
#[pyfunction]
pub fn build_schema(cls: &Bound<'_, PyType>, descriptor: &Bound<'_, PyDict>) -> PyResult<()> {
    let schema = CompiledSchema::build(cls, descriptor)?;
    if schema.scalars_only {
        for field in &schema.fields {
            crate::schema::seal(cls, field.name.bind(cls.py()))?;
        }
    }
    let owner = cls.clone().unbind();
    cls.setattr(SCHEMA_ATTR, Bound::new(cls.py(), SchemaHandle { schema, owner })?)
}

/// Writes validated values into `obj`'s slots.
///
/// # Safety
/// `obj` must be an instance of the class `schema` was built for.
unsafe fn write_values(schema: &CompiledSchema, obj: *mut ffi::PyObject, values: Values<'_>) {
    for (field, value) in schema.fields.iter().zip(values) {
        field.offset.set(obj, value);
    }
    // Validated scalars cannot form a reference cycle, so the collector need not
    // scan the instance (set_state tracks it again for arbitrary values).
    if schema.scalars_only && ffi::PyObject_GC_IsTracked(obj) == 1 {
        ffi::PyObject_GC_UnTrack(obj as *mut c_void);
    }
}

/// A value that can hold references makes an untracked instance tracked again.
///
/// # Safety
/// `obj` must be a live instance of a Model class.
unsafe fn track_for(schema: &CompiledSchema, obj: *mut ffi::PyObject, value: &Bound<'_, PyAny>) {
    if schema.scalars_only
        && ffi::PyObject_IS_GC(value.as_ptr()) == 1
        && ffi::PyObject_GC_IsTracked(obj) == 0
        && ffi::PyType_IS_GC(ffi::Py_TYPE(obj)) == 1
    {
        ffi::PyObject_GC_Track(obj as *mut c_void);
    }
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

/// A new instance of `cls` holding `values`; `schema` must be `cls`'s own.
pub fn new_instance<'py>(cls: &Bound<'py, PyType>, schema: &CompiledSchema, values: Values<'py>) -> PyResult<Bound<'py, PyAny>> {
    let obj = alloc_instance(cls)?;
    // SAFETY: obj was just allocated as an instance of cls, whose schema this is.
    unsafe { write_values(schema, obj.as_ptr(), values) };
    Ok(obj)
}

/// Per-call options of `model_validate` / `model_validate_json`.
#[derive(Default)]
struct CallOptions {
    strict: Option<bool>,
    from_attributes: bool,
    context: Option<Py<PyAny>>,
}

impl CallOptions {
    fn state(self) -> State {
        State::new(self.strict, self.from_attributes, self.context)
    }
}

/// Which native classmethod a descriptor binds.
#[derive(Clone, Copy, PartialEq)]
enum Entry {
    Validate,
    ValidateJson,
}

impl Entry {
    fn name(self) -> &'static str {
        match self {
            Entry::Validate => "model_validate",
            Entry::ValidateJson => "model_validate_json",
        }
    }
}

/// Reads `(input, *, strict=None, context=None[, from_attributes=None])` from
/// a vectorcall; a call without keywords reads nothing else.
///
/// # Safety
/// `args` holds `nargs` live objects followed by one per name in `kwnames`.
unsafe fn parse_call<'py>(
    py: Python<'py>,
    entry: Entry,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> PyResult<(Bound<'py, PyAny>, CallOptions)> {
    let nargs = ffi::PyVectorcall_NARGS(nargs as usize);
    let name = entry.name();
    let mut input = (nargs == 1).then(|| Bound::from_borrowed_ptr(py, *args));
    let mut options = CallOptions::default();
    if nargs > 1 {
        return Err(PyTypeError::new_err(format!("{name}() takes 1 positional argument but {nargs} were given")));
    }
    if !kwnames.is_null() {
        let names = Bound::from_borrowed_ptr(py, kwnames).cast_into::<pyo3::types::PyTuple>()?;
        for (i, key) in names.iter().enumerate() {
            let value = Bound::from_borrowed_ptr(py, *args.offset(nargs + i as isize));
            let key = key.cast_into::<PyString>()?;
            match key.to_str()? {
                "strict" => options.strict = if value.is_none() { None } else { Some(value.is_truthy()?) },
                "context" => options.context = (!value.is_none()).then(|| value.unbind()),
                "from_attributes" if entry == Entry::Validate => options.from_attributes = value.is_truthy()?,
                "obj" if entry == Entry::Validate && input.is_none() => input = Some(value),
                "json_data" if entry == Entry::ValidateJson && input.is_none() => input = Some(value),
                other => return Err(PyTypeError::new_err(format!("{name}() got an unexpected keyword argument '{other}'"))),
            }
        }
    }
    let input = input.ok_or_else(|| PyTypeError::new_err(format!("{name}() missing 1 required positional argument")))?;
    Ok((input, options))
}

/// `Model.model_validate(obj, ...)` and `Model.model_validate_json(data, ...)`:
/// the class's own native functions, bound to the class once when first
/// looked up, so that a call allocates no bound method.
unsafe fn entry_call(
    entry: Entry,
    cls: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    slot_guard(std::ptr::null_mut(), |py| {
        let cls = Bound::from_borrowed_ptr(py, cls).cast_into::<PyType>()?;
        let (input, options) = parse_call(py, entry, args, nargs, kwnames)?;
        let handle = schema_of(&cls)?;
        let schema = &handle.get().schema;
        let mut state = options.state();
        let result = match entry {
            Entry::Validate => schema.validate_model(py, &cls, &input, &mut state),
            Entry::ValidateJson => validate_json(py, &cls, schema, &input, &mut state),
        };
        Ok(result.map_err(|e| into_py_err(py, e, schema.title.bind(py).as_any()))?.into_ptr())
    })
}

/// Parses JSON bytes with jiter and validates the document as the model.
fn validate_json<'py>(
    py: Python<'py>,
    cls: &Bound<'py, PyType>,
    schema: &CompiledSchema,
    data: &Bound<'py, PyAny>,
    state: &mut State,
) -> ValResult<Bound<'py, PyAny>> {
    let bytes = json_bytes(data)?;
    let document = parse_json(&bytes, data)?;
    schema.validate_model(py, cls, &JsonInput::Value(&document), state)
}

unsafe extern "C" fn model_validate_call(
    cls: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    entry_call(Entry::Validate, cls, args, nargs, kwnames)
}

unsafe extern "C" fn model_validate_json_call(
    cls: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    entry_call(Entry::ValidateJson, cls, args, nargs, kwnames)
}

/// Runs `f` as the body of a C slot: errors and panics become Python exceptions.
unsafe fn slot_guard<R: Copy>(on_error: R, f: impl FnOnce(Python<'_>) -> PyResult<R>) -> R {
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
        let values = match schema.validate_input(py, &cls, kwargs.as_any(), &mut State::default()) {
            Ok(Validated::Values(values)) => values,
            Ok(Validated::Instance(_)) => unreachable!("keyword arguments are a dict"),
            Err(e) => return Err(into_py_err(py, e, schema.title.bind(py).as_any())),
        };
        write_values(schema, slf, values);
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
        let Some(index) = schema.field_index(py, &name_obj) else {
            return if ffi::PyObject_GenericSetAttr(slf, name, value) < 0 { Err(PyErr::fetch(py)) } else { Ok(0) };
        };
        let field = &schema.fields[index];
        if value.is_null() {
            return Err(PyAttributeError::new_err(format!("cannot delete field '{name_obj}'")));
        }
        let value = Bound::from_borrowed_ptr(py, value);
        let validated = schema
            .validate_assignment(py, index, &value, &mut State::default())
            .map_err(|e| into_py_err(py, e, schema.title.bind(py).as_any()))?;
        track_for(schema, slf, &validated);
        field.offset.set(slf, validated);
        Ok(0)
    })
}

/// The method definition behind every class's entry point.
struct MethodDef(ffi::PyMethodDef);
// SAFETY: the definition is immutable after creation and only read by CPython.
unsafe impl Sync for MethodDef {}
unsafe impl Send for MethodDef {}

impl Entry {
    fn method_def(self) -> &'static MethodDef {
        static VALIDATE: std::sync::OnceLock<MethodDef> = std::sync::OnceLock::new();
        static VALIDATE_JSON: std::sync::OnceLock<MethodDef> = std::sync::OnceLock::new();
        let flags = ffi::METH_FASTCALL | ffi::METH_KEYWORDS;
        match self {
            Entry::Validate => VALIDATE.get_or_init(|| {
                MethodDef(ffi::PyMethodDef {
                    ml_name: c"model_validate".as_ptr(),
                    ml_meth: ffi::PyMethodDefPointer { PyCFunctionFastWithKeywords: model_validate_call },
                    ml_flags: flags,
                    ml_doc: c"model_validate(obj, *, strict=None, context=None, from_attributes=None)\n--\n\nValidates a dict, a Mapping or an instance into an instance of this class.".as_ptr(),
                })
            }),
            Entry::ValidateJson => VALIDATE_JSON.get_or_init(|| {
                MethodDef(ffi::PyMethodDef {
                    ml_name: c"model_validate_json".as_ptr(),
                    ml_meth: ffi::PyMethodDefPointer { PyCFunctionFastWithKeywords: model_validate_json_call },
                    ml_flags: flags,
                    ml_doc: c"model_validate_json(json_data, *, strict=None, context=None)\n--\n\nValidates a JSON document (str, bytes or bytearray) into an instance of this class.".as_ptr(),
                })
            }),
        }
    }

    /// Where the function bound to a class is cached, in that class's own dict.
    fn cache_key(self, py: Python<'_>) -> &Bound<'_, PyString> {
        static VALIDATE: PyOnceLock<Py<PyString>> = PyOnceLock::new();
        static VALIDATE_JSON: PyOnceLock<Py<PyString>> = PyOnceLock::new();
        let (cell, name) = match self {
            Entry::Validate => (&VALIDATE, "__satya_validate__"),
            Entry::ValidateJson => (&VALIDATE_JSON, "__satya_validate_json__"),
        };
        cell.get_or_init(py, || PyString::intern(py, name).unbind()).bind(py)
    }

    /// The entry point bound to `cls`.
    fn bind<'py>(self, cls: &Bound<'py, PyType>) -> PyResult<Bound<'py, PyAny>> {
        let def = self.method_def();
        // SAFETY: the definition lives for the rest of the process; `cls` becomes
        // the function's self, kept alive by the function (and traversed by the GC).
        unsafe {
            let def_ptr = &def.0 as *const ffi::PyMethodDef as *mut ffi::PyMethodDef;
            Bound::from_owned_ptr_or_err(cls.py(), ffi::PyCFunction_NewEx(def_ptr, cls.as_ptr(), std::ptr::null_mut()))
        }
    }
}

/// `Model.model_validate` and `Model.model_validate_json` are descriptors:
/// `Cls.model_validate` (or `super().model_validate` with `Cls` as the owner)
/// returns a native function bound to `Cls`, made once and cached in `Cls`'s
/// own dict. A class that defines its own method simply overrides it.
unsafe fn entry_descr_get(entry: Entry, obj: *mut ffi::PyObject, owner: *mut ffi::PyObject) -> *mut ffi::PyObject {
    slot_guard(std::ptr::null_mut(), |py| {
        let owner = if owner.is_null() { ffi::Py_TYPE(obj) as *mut ffi::PyObject } else { owner };
        let cls = Bound::from_borrowed_ptr(py, owner).cast_into::<PyType>()?;
        let key = entry.cache_key(py);
        let dict = (*cls.as_type_ptr()).tp_dict;
        if !dict.is_null() {
            let cached = ffi::PyDict_GetItemWithError(dict, key.as_ptr());
            if !cached.is_null() {
                return Ok(Bound::from_borrowed_ptr(py, cached).into_ptr());
            }
            ffi::PyErr_Clear();
        }
        let bound = entry.bind(&cls)?;
        cls.setattr(key, &bound)?;
        Ok(bound.into_ptr())
    })
}

unsafe extern "C" fn model_validate_descr_get(_descr: *mut ffi::PyObject, obj: *mut ffi::PyObject, owner: *mut ffi::PyObject) -> *mut ffi::PyObject {
    entry_descr_get(Entry::Validate, obj, owner)
}

unsafe extern "C" fn model_validate_json_descr_get(_descr: *mut ffi::PyObject, obj: *mut ffi::PyObject, owner: *mut ffi::PyObject) -> *mut ffi::PyObject {
    entry_descr_get(Entry::ValidateJson, obj, owner)
}

/// The descriptor for `name` ("model_validate" or "model_validate_json"),
/// stored on `satya.Model`.
#[pyfunction]
pub fn entry_descriptor<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    static VALIDATE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    static VALIDATE_JSON: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    type DescrGet = unsafe extern "C" fn(*mut ffi::PyObject, *mut ffi::PyObject, *mut ffi::PyObject) -> *mut ffi::PyObject;
    let (cell, type_name, getter): (_, &'static std::ffi::CStr, DescrGet) = match name {
        "model_validate" => (&VALIDATE, c"satya._satya.ModelValidateDescriptor", model_validate_descr_get),
        "model_validate_json" => (&VALIDATE_JSON, c"satya._satya.ModelValidateJsonDescriptor", model_validate_json_descr_get),
        other => return Err(PyTypeError::new_err(format!("no native entry point {other:?}"))),
    };
    let tp = cell.get_or_try_init(py, || -> PyResult<Py<PyType>> {
        let slots: &'static mut [ffi::PyType_Slot] = Box::leak(Box::new([
            ffi::PyType_Slot { slot: ffi::Py_tp_descr_get, pfunc: getter as *mut c_void },
            ffi::PyType_Slot { slot: 0, pfunc: std::ptr::null_mut() },
        ]));
        let spec: &'static mut ffi::PyType_Spec = Box::leak(Box::new(ffi::PyType_Spec {
            name: type_name.as_ptr(),
            basicsize: std::mem::size_of::<ffi::PyObject>() as c_int,
            itemsize: 0,
            flags: ffi::Py_TPFLAGS_DEFAULT as _,
            slots: slots.as_mut_ptr(),
        }));
        // SAFETY: spec and slots live forever; the result is a new reference or NULL.
        unsafe { Ok(Bound::from_owned_ptr_or_err(py, ffi::PyType_FromSpec(spec))?.cast_into::<PyType>()?.unbind()) }
    })?;
    // SAFETY: a ready type without fields; tp_alloc returns a new reference or NULL.
    unsafe {
        let tp = tp.bind(py).as_type_ptr();
        Bound::from_owned_ptr_or_err(py, ffi::PyType_GenericAlloc(tp, 0))
    }
}

/// Creates `ModelBase`, the native base of `satya.Model`.
pub fn create_base_type(py: Python<'_>) -> PyResult<Bound<'_, PyType>> {
    let slots: &'static mut [ffi::PyType_Slot] = Box::leak(Box::new([
        ffi::PyType_Slot { slot: ffi::Py_tp_init, pfunc: model_init as *mut c_void },
        ffi::PyType_Slot { slot: ffi::Py_tp_setattro, pfunc: model_setattro as *mut c_void },
        ffi::PyType_Slot { slot: ffi::Py_tp_new, pfunc: ffi::PyType_GenericNew as *mut c_void },
        ffi::PyType_Slot { slot: 0, pfunc: std::ptr::null_mut() },
    ]));
    let spec: &'static mut ffi::PyType_Spec = Box::leak(Box::new(ffi::PyType_Spec {
        name: c"satya._satya.ModelBase".as_ptr(),
        basicsize: std::mem::size_of::<ffi::PyObject>() as c_int,
        itemsize: 0,
        flags: (ffi::Py_TPFLAGS_DEFAULT | ffi::Py_TPFLAGS_BASETYPE) as _,
        slots: slots.as_mut_ptr(),
    }));
    // SAFETY: spec and slots live forever; the result is a new reference or NULL.
    unsafe { Ok(Bound::from_owned_ptr_or_err(py, ffi::PyType_FromSpec(spec))?.cast_into::<PyType>()?) }
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
/// `model_construct`). Unknown keys are ignored.
#[pyfunction]
pub fn set_state(obj: &Bound<'_, PyAny>, state: &Bound<'_, PyDict>) -> PyResult<()> {
    let py = obj.py();
    let handle = schema_of(&obj.get_type())?;
    // Restored values are unvalidated and may hold containers.
    // SAFETY: obj is a live instance of a GC-enabled Model class.
    unsafe {
        if ffi::PyType_IS_GC(ffi::Py_TYPE(obj.as_ptr())) == 1 && ffi::PyObject_GC_IsTracked(obj.as_ptr()) == 0 {
            ffi::PyObject_GC_Track(obj.as_ptr() as *mut c_void);
        }
    }
    for field in &handle.get().schema.fields {
        if let Some(v) = state.get_item(field.name.bind(py))? {
            // SAFETY: the schema is the one of obj's own class.
            unsafe { field.offset.set(obj.as_ptr(), v) };
        }
    }
    Ok(())
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

/// Field values in order, as (name, value) pairs; unset fields are skipped.
pub fn field_items<'py>(obj: &Bound<'py, PyAny>, handle: &Bound<'py, SchemaHandle>, by_alias: bool) -> Vec<(Bound<'py, PyString>, Bound<'py, PyAny>)> {
    let py = obj.py();
    handle
        .get()
        .schema
        .fields
        .iter()
        .filter_map(|f| {
            // SAFETY: handle is the schema of obj's own class.
            let v = unsafe { f.offset.get(py, obj.as_ptr()) }?;
            let name = if by_alias { &f.key } else { &f.name };
            Some((name.bind(py).clone(), v))
        })
        .collect()
}

/// The schema of `obj`'s class when `obj` is a Model instance.
pub fn model_schema_of<'py>(obj: &Bound<'py, PyAny>, base: &Bound<'py, PyType>) -> PyResult<Option<Bound<'py, SchemaHandle>>> {
    if obj.is_instance(base)? {
        Ok(Some(schema_of(&obj.get_type())?))
    } else {
        Ok(None)
    }
}

