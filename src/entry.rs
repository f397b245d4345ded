//! The native entry points `Model.model_validate(obj, ...)` and
//! `Model.model_validate_json(data, ...)`: descriptors that bind a native
//! function to each class once, the vectorcall argument reading, and the call
//! into the one model path.

use std::os::raw::{c_int, c_void};

use pyo3::exceptions::PyTypeError;
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyString, PyType};

use crate::errors::{into_py_err, ValResult};
use crate::batch::{native_instance, runs_without_python};
use crate::input::{json_bytes, parse_json};
use crate::model::slot_guard;
use crate::schema_handle::schema_of;
use crate::schema::CompiledSchema;
use crate::validators::{ExtraKeys, KeyOverrides, State};

/// Per-call options of `model_validate` / `model_validate_json`.
#[derive(Default)]
pub struct CallOptions {
    strict: Option<bool>,
    from_attributes: bool,
    context: Option<Py<PyAny>>,
    /// None unless the call gave `by_alias`, `by_name` or `extra` (checked).
    overrides: Option<KeyOverrides>,
}

impl CallOptions {
    /// The options of a call made from Python with keywords (`extra` as given).
    pub fn of_keywords(strict: Option<bool>, context: Option<Py<PyAny>>, extra: Option<&Bound<'_, PyAny>>, by_alias: Option<bool>, by_name: Option<bool>) -> PyResult<Self> {
        let extra = extra.map(extra_keys).transpose()?.flatten();
        let overrides = checked_overrides(KeyOverrides { by_alias, by_name, extra })?;
        Ok(CallOptions { strict, from_attributes: false, context, overrides })
    }

    pub fn state(self) -> State {
        let mut state = State::new(self.strict, self.from_attributes, self.context);
        state.overrides = self.overrides;
        state
    }
}

/// The overrides a call gave, None when it gave none; `by_alias=False`
/// without `by_name=True` is refused.
fn checked_overrides(overrides: KeyOverrides) -> PyResult<Option<KeyOverrides>> {
    if overrides.by_alias == Some(false) && overrides.by_name != Some(true) {
        return Err(user_error("At least one of `by_alias` or `by_name` must be set to True.", "validate-by-alias-and-name-false"));
    }
    Ok(Some(overrides).filter(|o| *o != KeyOverrides::default()))
}

/// `satya.PydanticUserError(message, code=code)`: a call asking the impossible.
#[cold]
fn user_error(message: &str, code: &str) -> PyErr {
    Python::attach(|py| {
        let made = py.import("satya.errors").and_then(|m| m.getattr("PydanticUserError")).and_then(|class| {
            let kwargs = pyo3::types::PyDict::new(py);
            kwargs.set_item("code", code)?;
            class.call((message,), Some(&kwargs))
        });
        match made {
            Ok(error) => PyErr::from_value(error),
            Err(e) => e,
        }
    })
}

/// `None`, else the truth of `value` (`by_alias=`, `by_name=`).
fn optional_flag(value: &Bound<'_, PyAny>) -> PyResult<Option<bool>> {
    Ok(if value.is_none() { None } else { Some(value.is_truthy()?) })
}

/// `extra=`: None, or one of the config's values.
fn extra_keys(value: &Bound<'_, PyAny>) -> PyResult<Option<ExtraKeys>> {
    if value.is_none() {
        return Ok(None);
    }
    let text = value.str()?;
    let text = text.to_cow()?;
    ExtraKeys::parse(&text)
        .map(Some)
        .ok_or_else(|| pyo3::exceptions::PyValueError::new_err(format!("Invalid extra_behavior: `{text}`")))
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

/// Reads `(input, *, strict=None, context=None, by_alias=None, by_name=None,
/// extra=None[, from_attributes=None])` from
/// a vectorcall; a call without keywords reads nothing else.
///
/// # Safety
/// `args` holds `nargs` live objects followed by one per name in `kwnames`.
#[inline]
unsafe fn parse_call<'py>(
    py: Python<'py>,
    entry: Entry,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> PyResult<(Bound<'py, PyAny>, CallOptions)> {
    let nargs = ffi::PyVectorcall_NARGS(nargs as usize);
    if nargs == 1 && kwnames.is_null() {
        return Ok((Bound::from_borrowed_ptr(py, *args), CallOptions::default()));
    }
    let name = entry.name();
    let mut input = (nargs == 1).then(|| Bound::from_borrowed_ptr(py, *args));
    let mut options = CallOptions::default();
    if nargs > 1 {
        return Err(PyTypeError::new_err(format!("{name}() takes 1 positional argument but {nargs} were given")));
    }
    if !kwnames.is_null() {
        let mut overrides = KeyOverrides::default();
        let names = Bound::from_borrowed_ptr(py, kwnames).cast_into::<pyo3::types::PyTuple>()?;
        for (i, key) in names.iter().enumerate() {
            let value = Bound::from_borrowed_ptr(py, *args.offset(nargs + i as isize));
            let key = key.cast_into::<PyString>()?;
            match key.to_str()? {
                "strict" => options.strict = if value.is_none() { None } else { Some(value.is_truthy()?) },
                "context" => options.context = (!value.is_none()).then(|| value.unbind()),
                "from_attributes" if entry == Entry::Validate => options.from_attributes = value.is_truthy()?,
                "by_alias" => overrides.by_alias = optional_flag(&value)?,
                "by_name" => overrides.by_name = optional_flag(&value)?,
                "extra" => overrides.extra = extra_keys(&value)?,
                "obj" if entry == Entry::Validate && input.is_none() => input = Some(value),
                "json_data" if entry == Entry::ValidateJson && input.is_none() => input = Some(value),
                other => return Err(PyTypeError::new_err(format!("{name}() got an unexpected keyword argument '{other}'"))),
            }
        }
        options.overrides = checked_overrides(overrides)?;
    }
    let input = input.ok_or_else(|| PyTypeError::new_err(format!("{name}() missing 1 required positional argument")))?;
    Ok((input, options))
}

/// `Model.model_validate(obj, ...)` and `Model.model_validate_json(data, ...)`:
/// the class's own native functions, bound to the class once when first
/// looked up, so that a call allocates no bound method.
#[inline(always)]
unsafe fn entry_call(
    entry: Entry,
    cls: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    slot_guard(std::ptr::null_mut(), |py| {
        // a call made by a hook inside validate_strings reads its own input
        let _plain = crate::input::set_aside();
        // The function's self is the class it was bound to (see `Entry::bind`).
        let cls = Bound::from_borrowed_ptr(py, cls).cast_into_unchecked::<PyType>();
        let (input, options) = parse_call(py, entry, args, nargs, kwnames)?;
        let handle = schema_of(&cls)?;
        let schema = &handle.get().schema;
        let mut state = options.state();
        let result = match entry {
            Entry::Validate => schema.validate_model(py, &cls, &input, &mut state),
            Entry::ValidateJson => validate_json(py, &cls, schema, &input, &mut state),
        };
        Ok(result.map_err(|e| schema.py_err(py, e))?.into_ptr())
    })
}

/// Reads JSON bytes straight into the model's values when every field can
/// take its value as it stands; otherwise (coercion, an error, a check only
/// Python runs) parses the document with jiter and validates it.
fn validate_json<'py>(
    py: Python<'py>,
    cls: &Bound<'py, PyType>,
    schema: &CompiledSchema,
    data: &Bound<'py, PyAny>,
    state: &mut State,
) -> ValResult<Bound<'py, PyAny>> {
    let bytes = json_bytes(data)?;
    // the native reader knows each model's own keys only
    if state.overrides.is_none() && runs_without_python(py, schema)? {
        if let Some(model) = native_instance(py, schema, cls.as_unbound(), &bytes)? {
            return Ok(model);
        }
    }
    let document = parse_json(&bytes, data)?;
    state.with_json_source(&bytes, &document, |state| schema.validate_json_value(py, cls, &document, state))
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
                    ml_doc: c"model_validate(obj, *, strict=None, extra=None, from_attributes=None, context=None, by_alias=None, by_name=None)\n--\n\nValidates a dict, a Mapping or an instance into an instance of this class.".as_ptr(),
                })
            }),
            Entry::ValidateJson => VALIDATE_JSON.get_or_init(|| {
                MethodDef(ffi::PyMethodDef {
                    ml_name: c"model_validate_json".as_ptr(),
                    ml_meth: ffi::PyMethodDefPointer { PyCFunctionFastWithKeywords: model_validate_json_call },
                    ml_flags: flags,
                    ml_doc: c"model_validate_json(json_data, *, strict=None, extra=None, context=None, by_alias=None, by_name=None)\n--\n\nValidates a JSON document (str, bytes or bytearray) into an instance of this class.".as_ptr(),
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


/// For tests: both ways `model_validate_json` reads `data`. Whether the
/// class may take the native reader, the instance that reader makes (None
/// when it leaves the document to the full path), and the full path's
/// result: the instance, or the ValidationError it raises.
#[pyfunction]
pub fn _json_paths<'py>(cls: &Bound<'py, PyType>, data: &Bound<'py, PyAny>) -> PyResult<(bool, Option<Bound<'py, PyAny>>, Bound<'py, PyAny>)> {
    let py = cls.py();
    let handle = schema_of(cls)?;
    let schema = &handle.get().schema;
    let title = schema.title.bind(py).as_any();
    let bytes = json_bytes(data).map_err(|e| into_py_err(py, e, title))?;
    let may = runs_without_python(py, schema)?;
    let native = match may {
        true => native_instance(py, schema, cls.as_unbound(), &bytes)?,
        false => None,
    };
    let mut state = State::new(None, false, None);
    let full = parse_json(&bytes, data)
        .and_then(|document| state.with_json_source(&bytes, &document, |state| schema.validate_json_value(py, cls, &document, state)));
    let full = match full {
        Ok(instance) => instance,
        Err(e) => into_py_err(py, e, title).into_value(py).into_bound(py).into_any(),
    };
    Ok((may, native, full))
}
