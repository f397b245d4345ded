//! `model_dump` and `model_dump_json` as native methods of `ModelBase`: the
//! vectorcall keyword reading, and the call into the serializers. A call
//! without keywords reads nothing.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};

use super::dumper::Warnings;
use super::{model_to_json, model_to_python, DumpOptions, Dumper, Filter, JsonOut, SerializationError};
use crate::model::slot_guard;
use crate::schema_handle::schema_of;

/// One call's keywords.
struct DumpCall<'py> {
    opts: DumpOptions,
    indent: Option<usize>,
    include: Option<Bound<'py, PyAny>>,
    exclude: Option<Bound<'py, PyAny>>,
    context: Option<Bound<'py, PyAny>>,
    fallback: Option<Bound<'py, PyAny>>,
}

/// Reads the keywords of `model_dump` (`json_text` false) or `model_dump_json`.
///
/// # Safety
/// `args` holds `nargs` live objects followed by one per name in `kwnames`.
unsafe fn parse_call<'py>(
    py: Python<'py>,
    json_text: bool,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> PyResult<DumpCall<'py>> {
    let name = if json_text { "model_dump_json" } else { "model_dump" };
    let nargs = ffi::PyVectorcall_NARGS(nargs as usize);
    let mut call = DumpCall {
        opts: DumpOptions { json_mode: json_text, ..DumpOptions::default() },
        indent: None,
        include: None,
        exclude: None,
        context: None,
        fallback: None,
    };
    if nargs != 0 {
        return Err(PyTypeError::new_err(format!("{name}() takes 1 positional argument but {} were given", nargs + 1)));
    }
    if kwnames.is_null() {
        return Ok(call);
    }
    let names = Bound::from_borrowed_ptr(py, kwnames).cast_into::<PyTuple>()?;
    for (i, key) in names.iter().enumerate() {
        let value = Bound::from_borrowed_ptr(py, *args.add(i));
        let flag = || -> PyResult<bool> { Ok(!value.is_none() && value.is_truthy()?) };
        match key.cast_into::<PyString>()?.to_str()? {
            "mode" if !json_text => {
                call.opts.json_mode = match value.extract::<&str>()? {
                    "python" => false,
                    "json" => true,
                    other => return Err(PyValueError::new_err(format!("mode must be 'python' or 'json', not {other:?}"))),
                }
            }
            "indent" if json_text => call.indent = if value.is_none() { None } else { Some(value.extract()?) },
            "include" => call.include = Some(value),
            "exclude" => call.exclude = Some(value),
            "by_alias" => call.opts.by_alias = if value.is_none() { None } else { Some(value.is_truthy()?) },
            "exclude_unset" => call.opts.exclude_unset = flag()?,
            "exclude_defaults" => call.opts.exclude_defaults = flag()?,
            "exclude_none" => call.opts.exclude_none = flag()?,
            "exclude_computed_fields" => call.opts.exclude_computed_fields = flag()?,
            "round_trip" => call.opts.round_trip = flag()?,
            // a bool, or pydantic's "none" / "warn" / "error"
            "warnings" => {
                call.opts.warnings = match value.extract::<&str>() {
                    Ok("none") => Warnings::None,
                    Ok("warn") => Warnings::Warn,
                    Ok("error") => Warnings::Error,
                    Ok(other) => {
                        return Err(PyValueError::new_err(format!("warnings must be a bool or 'none', 'warn' or 'error', not {other:?}")))
                    }
                    Err(_) if value.is_truthy()? => Warnings::Warn,
                    Err(_) => Warnings::None,
                }
            }
            "serialize_as_any" => call.opts.serialize_as_any = flag()?,
            // accepted for pydantic's signature; no hook reads it yet
            "context" => call.context = Some(value).filter(|v| !v.is_none()),
            "fallback" => call.fallback = Some(value).filter(|v| !v.is_none()),
            other => return Err(PyTypeError::new_err(format!("{name}() got an unexpected keyword argument '{other}'"))),
        }
    }
    Ok(call)
}

/// One dump call: the keywords read, then the instance written to a dict
/// (`json_text` false) or to JSON text.
#[inline(always)]
unsafe fn dump_call(
    json_text: bool,
    slf: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    slot_guard(std::ptr::null_mut(), |py| {
        let obj = Bound::from_borrowed_ptr(py, slf);
        let call = parse_call(py, json_text, args, nargs, kwnames)?;
        let handle = schema_of(&obj.get_type())?;
        let mut dumper = Dumper::new(py, call.opts);
        dumper.context = call.context;
        dumper.fallback = call.fallback;
        let filter = Filter::new(call.include, call.exclude);
        let out = if json_text {
            let mut out = JsonOut::new(call.indent);
            model_to_json(&handle, &obj, &mut out, &mut dumper, &filter).map_err(|err| json_error(py, err))?;
            out.into_py(py).into_any()
        } else {
            model_to_python(&handle, &obj, &mut dumper, &filter)?
        };
        dumper.finish()?;
        Ok(out.into_ptr())
    })
}

unsafe extern "C" fn model_dump(
    slf: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    dump_call(false, slf, args, nargs, kwnames)
}

unsafe extern "C" fn model_dump_json(
    slf: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    dump_call(true, slf, args, nargs, kwnames)
}

/// An error met while writing JSON, as pydantic reports it: a serialization
/// error as it is, anything else wrapped in one that names it.
#[cold]
fn json_error(py: Python<'_>, err: PyErr) -> PyErr {
    if err.is_instance_of::<SerializationError>(py) {
        return err;
    }
    let name = err.get_type(py).name().map(|n| n.to_string()).unwrap_or_default();
    let new = SerializationError::new_err(format!("Error serializing to JSON: {name}: {}", err.value(py)));
    new.set_cause(py, Some(err));
    new
}

struct Methods([ffi::PyMethodDef; 3]);
// SAFETY: the definitions are immutable after creation and only read by CPython.
unsafe impl Sync for Methods {}
unsafe impl Send for Methods {}

/// The method table of `ModelBase`.
pub fn methods() -> *mut ffi::PyMethodDef {
    static METHODS: std::sync::OnceLock<Methods> = std::sync::OnceLock::new();
    let flags = ffi::METH_FASTCALL | ffi::METH_KEYWORDS;
    let table = METHODS.get_or_init(|| {
        Methods([
            ffi::PyMethodDef {
                ml_name: c"model_dump".as_ptr(),
                ml_meth: ffi::PyMethodDefPointer { PyCFunctionFastWithKeywords: model_dump },
                ml_flags: flags,
                ml_doc: c"model_dump($self, /, *, mode='python', include=None, exclude=None, context=None, by_alias=None, exclude_unset=False, exclude_defaults=False, exclude_none=False, exclude_computed_fields=False, round_trip=False, warnings=True, fallback=None, serialize_as_any=False)\n--\n\nThe instance as a dict; mode='json' gives only JSON types.".as_ptr(),
            },
            ffi::PyMethodDef {
                ml_name: c"model_dump_json".as_ptr(),
                ml_meth: ffi::PyMethodDefPointer { PyCFunctionFastWithKeywords: model_dump_json },
                ml_flags: flags,
                ml_doc: c"model_dump_json($self, /, *, indent=None, include=None, exclude=None, context=None, by_alias=None, exclude_unset=False, exclude_defaults=False, exclude_none=False, exclude_computed_fields=False, round_trip=False, warnings=True, fallback=None, serialize_as_any=False)\n--\n\nThe instance as JSON text.".as_ptr(),
            },
            ffi::PyMethodDef::zeroed(),
        ])
    });
    table.0.as_ptr() as *mut ffi::PyMethodDef
}
