//! The Python `ValidationError`: a `ValueError` subclass whose text and dicts
//! are built only when asked for.

use std::fmt::Write;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};

use super::LineError;

#[pyclass(extends = PyValueError, module = "satya._satya", name = "ValidationError", subclass, frozen)]
pub struct ValidationError {
    title: Py<PyAny>,
    lines: Vec<LineError>,
}

impl ValidationError {
    #[cold]
    #[inline(never)]
    pub fn new_err(py: Python<'_>, title: Py<PyAny>, lines: Vec<LineError>) -> PyErr {
        match Bound::new(py, ValidationError { title, lines }) {
            Ok(err) => PyErr::from_value(err.into_any()),
            Err(e) => e,
        }
    }

    fn loc_tuple<'py>(py: Python<'py>, line: &LineError) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, line.loc_reversed.iter().rev().map(|item| item.to_object(py)))
    }

    fn display(&self, py: Python<'_>) -> PyResult<String> {
        let n = self.lines.len();
        let mut out = format!(
            "{n} validation error{} for {}",
            if n == 1 { "" } else { "s" },
            self.title.bind(py).str()?
        );
        for line in &self.lines {
            out.push('\n');
            if !line.loc_reversed.is_empty() {
                let parts: Vec<String> = line
                    .loc_reversed
                    .iter()
                    .rev()
                    .map(|item| match item {
                        super::LocItem::Index(i) => Ok(i.to_string()),
                        super::LocItem::Key(k) => k.bind(py).str().map(|s| {
                            let s = s.to_string();
                            // keep the path readable when a key itself contains a dot
                            if s.contains('.') { format!("`{s}`") } else { s }
                        }),
                    })
                    .collect::<PyResult<_>>()?;
                out.push_str(&parts.join("."));
                out.push('\n');
            }
            let input = line.input.bind(py);
            let repr = match input.repr() {
                Ok(r) => truncate_repr(&r.to_string()),
                Err(_) => format!("<unprintable {} object>", input.get_type().name()?),
            };
            let type_name = input.get_type().name()?;
            let _ = write!(
                out,
                "  {} [type={}, input_value={}, input_type={}]",
                line.kind.message(),
                line.kind.type_name(),
                repr,
                type_name
            );
        }
        Ok(out)
    }
}

/// Long reprs keep their first 25 and last 24 characters.
fn truncate_repr(repr: &str) -> String {
    let count = repr.chars().count();
    if count <= 50 {
        return repr.to_owned();
    }
    let head: String = repr.chars().take(25).collect();
    let tail: String = repr.chars().skip(count - 24).collect();
    format!("{head}...{tail}")
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
        let _ = include_url; // satya has no error URLs; accepted for compatibility
        let list = PyList::empty(py);
        for line in &self.lines {
            let d = PyDict::new(py);
            d.set_item("type", line.kind.type_name())?;
            d.set_item("loc", Self::loc_tuple(py, line)?)?;
            d.set_item("msg", line.kind.message())?;
            if include_input {
                d.set_item("input", line.input.bind(py))?;
            }
            if include_context {
                if let Some(ctx) = line.kind.context(py)? {
                    d.set_item("ctx", ctx)?;
                }
            }
            list.append(d)?;
        }
        Ok(list)
    }

    fn __str__(&self, py: Python<'_>) -> PyResult<String> {
        self.display(py)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        self.display(py)
    }
}
