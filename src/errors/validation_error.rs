//! The Python `ValidationError`: a `ValueError` subclass whose text and dicts
//! are built only when asked for. It pickles and copies through
//! `from_exception_data`, so it crosses process boundaries intact.

use std::fmt::Write;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
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
}

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
        match Bound::new(py, ValidationError { title, lines, hide_input }) {
            Ok(err) => PyErr::from_value(err.into_any()),
            Err(e) => e,
        }
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

#[pymethods]
impl ValidationError {
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
        let err = Bound::new(cls.py(), ValidationError { title: title.unbind(), lines, hide_input })?;
        Ok(err.into_any().unbind())
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let this = slf.get();
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

    fn __str__(&self, py: Python<'_>) -> String {
        self.display(py)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        self.display(py)
    }
}
