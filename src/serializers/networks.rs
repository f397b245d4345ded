//! URL objects and `NameEmail`: themselves in python mode, their text in JSON.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

use super::str_form::StrForm;
use crate::validators::multi_host_url::PyMultiHostUrl;
use crate::validators::url_object::PyUrl;

fn networks_class<'py>(py: Python<'py>, cell: &'static PyOnceLock<Py<PyType>>, name: &str) -> PyResult<&'py Bound<'py, PyType>> {
    cell.get_or_try_init(py, || Ok::<_, PyErr>(py.import("satya._networks")?.getattr(name)?.cast_into::<PyType>()?.unbind()))
        .map(|t| t.bind(py))
}

pub struct UrlForm;

impl StrForm for UrlForm {
    const NAME: &'static str = "url";

    fn class(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
        static BASE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
        networks_class(py, &BASE, "_BaseUrl")
    }

    /// Read from the parsed URL inside, without calling Python's `__str__`.
    fn text(value: &Bound<'_, PyAny>) -> PyResult<String> {
        let inner = value.getattr(pyo3::intern!(value.py(), "_url"))?;
        if let Ok(url) = inner.cast::<PyUrl>() {
            return Ok(url.get().as_str().to_owned());
        }
        match inner.cast::<PyMultiHostUrl>() {
            Ok(url) => Ok(url.get().text()),
            Err(_) => Ok(value.str()?.to_cow()?.into_owned()),
        }
    }
}

pub struct NameEmailForm;

impl StrForm for NameEmailForm {
    const NAME: &'static str = "NameEmail";

    fn class(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
        static CLASS: PyOnceLock<Py<PyType>> = PyOnceLock::new();
        networks_class(py, &CLASS, "NameEmail")
    }
}
