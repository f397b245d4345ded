//! The Python `ValidationError`: a `ValueError` subclass whose text and dicts
//! are built only when asked for. It pickles and copies through
//! `from_exception_data`, so it crosses process boundaries intact.

use std::fmt::Write;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::PyClassInitializer;
use pyo3::types::{PyDict, PyList, PyString, PyTuple, PyType};

use super::{ErrorKind, InputValue, LineError, Loc, LocItem};

/// Where an error type is documented (pydantic's pages, which satya's types follow).
const URL_PREFIX: &str = "https://errors.pydantic.dev/2.14/v/";

#[pyclass(extends = PyValueError, module = "satya._satya", name = "ValidationError", subclass, frozen)]
pub struct ValidationError {
    title: Py<PyAny>,
    pub(crate) lines: Vec<LineError>,
    /// The text leaves the inputs out (`from_exception_data(hide_input=True)`).
    hide_input: bool,
    /// The details of a 0.x error record, `ValidationError(field=..., message=...)`.
    record: Option<Py<PyDict>>,
}

/// The error a Model's own validation raises: a `ValidationError`, so that
/// pydantic-style and 0.x-style `except` clauses both catch it.
#[pyclass(extends = ValidationError, module = "satya._satya", name = "ModelValidationError", subclass, frozen)]
pub struct ModelValidationError;

impl ValidationError {
    #[cold]
    #[inline(never)]
    pub fn new_err(py: Python<'_>, title: Py<PyAny>, lines: Vec<LineError>) -> PyErr {
        Self::new_err_hiding(py, title, lines, false)
    }

    /// `hide_input`: the text leaves the inputs out (`hide_input_in_errors`).
    #[cold]
    #[inline(never)]
    pub fn new_err_hiding(py: Python<'_>, title: Py<PyAny>, lines: Vec<LineError>, hide_input: bool) -> PyErr {
        Self::new_err_as(py, title, lines, hide_input, false)
    }

    /// `of_model`: raised by a Model's own validation, as `ModelValidationError`.
    #[cold]
    #[inline(never)]
    pub fn new_err_as(py: Python<'_>, title: Py<PyAny>, lines: Vec<LineError>, hide_input: bool, of_model: bool) -> PyErr {
        match Self::create(py, ValidationError { title, lines, hide_input, record: None }, of_model) {
            Ok(err) => PyErr::from_value(err),
            Err(e) => e,
        }
    }

    fn create(py: Python<'_>, error: ValidationError, of_model: bool) -> PyResult<Bound<'_, PyAny>> {
        Ok(match of_model {
            true => Bound::new(py, PyClassInitializer::from(error).add_subclass(ModelValidationError))?.into_any(),
            false => Bound::new(py, error)?.into_any(),
        })
    }

    fn loc_tuple<'py>(py: Python<'py>, line: &LineError) -> PyResult<Bound<'py, PyTuple>> {
        let items = line.loc_reversed.iter().rev().map(|item| item.to_object(py)).collect::<PyResult<Vec<_>>>()?;
        PyTuple::new(py, items)
    }

    /// The text of `str(e)`; it never raises, whatever the inputs' reprs do.
    fn display(&self, py: Python<'_>) -> String {
        let n = self.lines.len();
        let title = self.title.bind(py).str().map(|s| s.to_string()).unwrap_or_else(|_| "<unprintable title>".into());
        let mut out = format!("{n} validation error{} for {title}", if n == 1 { "" } else { "s" });
        for line in &self.lines {
            out.push('\n');
            if !line.loc_reversed.is_empty() {
                let parts: Vec<String> = line
                    .loc_reversed
                    .iter()
                    .rev()
                    .map(|item| match item {
                        LocItem::Index(i) => i.to_string(),
                        LocItem::Int(i) => i.to_string(),
                        // keep the path readable when a key itself contains a dot
                        LocItem::Key(k) if k.contains('.') => format!("`{k}`"),
                        LocItem::Key(k) => k.to_string(),
                    })
                    .collect();
                out.push_str(&parts.join("."));
                out.push('\n');
            }
            let _ = write!(out, "  {} [type={}", line.kind.message(), line.kind.type_name());
            if !self.hide_input {
                let (repr, type_name) = match line.input.to_object(py) {
                    Ok(input) => (
                        safe_repr(&input),
                        input.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "object".into()),
                    ),
                    Err(_) => ("<unconvertible input>".into(), "object".into()),
                };
                let _ = write!(out, ", input_value={repr}, input_type={type_name}");
            }
            out.push(']');
        }
        out
    }
}

/// An input's repr as pydantic prints it, shortened; an unprintable object
/// names its type instead.
fn safe_repr(input: &Bound<'_, PyAny>) -> String {
    match input.repr() {
        Ok(r) => truncate_repr(&r.to_string_lossy()),
        Err(_) => format!(
            "<unprintable {} object>",
            input.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into())
        ),
    }
}

/// Long reprs keep their first 25 and last 24 characters.
pub fn truncate_repr(repr: &str) -> String {
    let count = repr.chars().count();
    if count <= 50 {
        return repr.to_owned();
    }
    let head: String = repr.chars().take(25).collect();
    let tail: String = repr.chars().skip(count - 24).collect();
    format!("{head}...{tail}")
}

/// One error from a dict of `from_exception_data`: type, loc, input and ctx.
fn line_from_dict(item: &Bound<'_, PyAny>) -> PyResult<LineError> {
    let get = |key: &str| item.get_item(key).ok().filter(|v| !v.is_none());
    let type_name = get("type").ok_or_else(|| pyo3::exceptions::PyTypeError::new_err("error details need a 'type'"))?;
    let ctx = get("ctx");
    let ctx = ctx.as_ref().map(|c| c.cast::<PyDict>()).transpose()?;
    let mut kind = match type_name.cast::<PyString>() {
        Ok(name) => ErrorKind::from_type_and_ctx(name.to_str()?, ctx)?,
        // a PydanticCustomError in place of a type name
        Err(_) => crate::hooks::custom_kind(&type_name)?,
    };
    // paths: a path_type message names its class, which only the message keeps
    if let (ErrorKind::PathType { message }, Some(msg)) = (&mut kind, get("msg")) {
        *message = msg.str()?.to_cow()?.as_ref().into();
    }
    // an error of JSON input keeps its JSON wording ("a valid array"), which only the message tells
    if let Some(msg) = get("msg") {
        let msg = msg.str()?.to_cow()?.into_owned();
        if kind.message() != msg {
            let json = super::wording::json_kind(kind.clone());
            if json.message() == msg {
                kind = json;
            }
        }
    }
    let mut loc = Loc::new();
    if let Some(items) = get("loc") {
        let items: Vec<Bound<'_, PyAny>> = items.try_iter()?.collect::<PyResult<_>>()?;
        for item in items.iter().rev() {
            loc.push(LocItem::from_object(item)?);
        }
    }
    let input = item.get_item("input").map(|v| v.unbind()).unwrap_or_else(|_| item.py().None());
    Ok(LineError { kind, loc_reversed: loc, input: InputValue::Python(input) })
}

/// satya's helpers for 0.x error records.
fn records_module(py: Python<'_>) -> PyResult<Bound<'_, PyModule>> {
    py.import("satya._v0_errors")
}

#[pymethods]
impl ValidationError {
    /// 0.x's error record: `ValidationError(field="age", message="...", path=["age"])`.
    /// pydantic's ValidationError has no public constructor, so this one is free.
    #[new]
    #[pyo3(signature = (*args, **record))]
    fn new(py: Python<'_>, args: &Bound<'_, PyTuple>, record: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let parts = records_module(py)?.call_method1("record_parts", (args, record))?;
        let (details, line): (Bound<'_, PyDict>, Bound<'_, PyAny>) = parts.extract()?;
        let title = details.get_item("field")?.ok_or_else(|| pyo3::exceptions::PyTypeError::new_err("an error record needs a field"))?;
        Ok(ValidationError { title: title.unbind(), lines: vec![line_from_dict(&line)?], hide_input: false, record: Some(details.unbind()) })
    }

    /// The record is complete after `__new__`; this only keeps BaseException's
    /// `__init__`, which refuses keywords, from running.
    #[pyo3(signature = (*_args, **_record))]
    fn __init__(&self, _args: &Bound<'_, PyTuple>, _record: Option<&Bound<'_, PyDict>>) {}

    /// The objects this error owns a reference to: its title, a record's
    /// details and the inputs, so that a cycle through them can be collected.
    fn __traverse__(&self, visit: pyo3::PyVisit<'_>) -> Result<(), pyo3::PyTraverseError> {
        visit.call(&self.title)?;
        if let Some(details) = &self.record {
            visit.call(details)?;
        }
        for line in &self.lines {
            if let InputValue::Python(input) = &line.input {
                visit.call(input)?;
            }
        }
        Ok(())
    }

    /// The 0.x record's details; an error raised by validation describes its first line.
    fn record_details<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyDict>> {
        match &slf.get().record {
            Some(details) => Ok(details.bind(slf.py()).copy()?),
            None => Ok(records_module(slf.py())?.call_method1("derived_details", (slf,))?.cast_into::<PyDict>()?),
        }
    }

    #[getter]
    fn field<'py>(slf: &Bound<'py, Self>) -> PyResult<Option<Bound<'py, PyAny>>> {
        Self::record_details(slf)?.get_item("field")
    }

    #[getter]
    fn message<'py>(slf: &Bound<'py, Self>) -> PyResult<Option<Bound<'py, PyAny>>> {
        Self::record_details(slf)?.get_item("message")
    }

    #[getter]
    fn path<'py>(slf: &Bound<'py, Self>) -> PyResult<Option<Bound<'py, PyAny>>> {
        Self::record_details(slf)?.get_item("path")
    }

    #[getter]
    fn value<'py>(slf: &Bound<'py, Self>) -> PyResult<Option<Bound<'py, PyAny>>> {
        Self::record_details(slf)?.get_item("value")
    }

    #[getter]
    fn constraint<'py>(slf: &Bound<'py, Self>) -> PyResult<Option<Bound<'py, PyAny>>> {
        Self::record_details(slf)?.get_item("constraint")
    }

    #[getter]
    fn suggestion<'py>(slf: &Bound<'py, Self>) -> PyResult<Option<Bound<'py, PyAny>>> {
        Self::record_details(slf)?.get_item("suggestion")
    }

    #[getter]
    fn context<'py>(slf: &Bound<'py, Self>) -> PyResult<Option<Bound<'py, PyAny>>> {
        Self::record_details(slf)?.get_item("context")
    }

    #[getter]
    fn title(&self, py: Python<'_>) -> Py<PyAny> {
        self.title.clone_ref(py)
    }

    fn error_count(&self) -> usize {
        self.lines.len()
    }

    #[pyo3(signature = (*, include_url = true, include_context = true, include_input = true))]
    fn errors<'py>(
        &self,
        py: Python<'py>,
        include_url: bool,
        include_context: bool,
        include_input: bool,
    ) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for line in &self.lines {
            let d = PyDict::new(py);
            d.set_item("type", line.kind.type_name())?;
            d.set_item("loc", Self::loc_tuple(py, line)?)?;
            d.set_item("msg", line.kind.message())?;
            if include_input {
                d.set_item("input", line.input.to_object(py)?)?;
            }
            if include_context {
                if let Some(ctx) = line.kind.context(py)? {
                    d.set_item("ctx", ctx)?;
                }
            }
            // a custom error type has no page to point to
            if include_url && !matches!(line.kind, ErrorKind::Custom { .. }) {
                d.set_item("url", format!("{URL_PREFIX}{}", line.kind.type_name()))?;
            }
            list.append(d)?;
        }
        Ok(list)
    }

    /// The errors as a JSON string, as pydantic writes them.
    #[pyo3(signature = (*, indent = None, include_url = true, include_context = true, include_input = true))]
    fn json(
        &self,
        py: Python<'_>,
        indent: Option<usize>,
        include_url: bool,
        include_context: bool,
        include_input: bool,
    ) -> PyResult<Py<PyAny>> {
        let errors = self.errors(py, include_url, include_context, include_input)?;
        Ok(py.import("satya._errors")?.call_method1("errors_json", (errors, indent))?.unbind())
    }

    /// A ValidationError from error details: dicts with `type`, `loc`, `input`
    /// and `ctx`, the type being one of satya's error type names.
    #[classmethod]
    #[pyo3(signature = (title, line_errors, input_type = "python", hide_input = false))]
    fn from_exception_data(
        cls: &Bound<'_, PyType>,
        title: Bound<'_, PyAny>,
        line_errors: &Bound<'_, PyAny>,
        input_type: &str,
        hide_input: bool,
    ) -> PyResult<Py<PyAny>> {
        let _ = input_type;
        let lines = line_errors.try_iter()?.map(|item| line_from_dict(&item?)).collect::<PyResult<Vec<_>>>()?;
        let of_model = cls.is_subclass_of::<ModelValidationError>()?;
        let error = ValidationError { title: title.unbind(), lines, hide_input, record: None };
        Ok(Self::create(cls.py(), error, of_model)?.unbind())
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let this = slf.get();
        if let Some(details) = &this.record {
            let rebuild = records_module(py)?.getattr("rebuild_record")?;
            return PyTuple::new(py, [rebuild, PyTuple::new(py, [details.bind(py).copy()?])?.into_any()]);
        }
        let rebuild = slf.get_type().getattr("from_exception_data")?;
        let errors = this.errors(py, false, true, true)?;
        // a custom error travels as the PydanticCustomError that made it
        for (line, details) in this.lines.iter().zip(errors.iter()) {
            if let ErrorKind::Custom { error_type, message, context } = &line.kind {
                let error = crate::hooks::custom_error(py, error_type, message, context.as_ref().map(|c| c.bind(py)))?;
                details.set_item("type", error)?;
            }
        }
        let hide_input = pyo3::types::PyBool::new(py, this.hide_input).to_owned().into_any();
        let python = PyString::new(py, "python").into_any();
        let args = PyTuple::new(py, [this.title.bind(py).clone(), errors.into_any(), python, hide_input])?;
        PyTuple::new(py, [rebuild, args.into_any()])
    }

    fn __str__(&self, py: Python<'_>) -> PyResult<String> {
        match &self.record {
            Some(details) => records_module(py)?.call_method1("record_text", (details.bind(py),))?.extract(),
            None => Ok(self.display(py)),
        }
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        match &self.record {
            Some(details) => records_module(py)?.call_method1("record_repr", (details.bind(py),))?.extract(),
            None => Ok(self.display(py)),
        }
    }
}
