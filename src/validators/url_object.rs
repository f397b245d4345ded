//! `satya._satya.Url`: a parsed URL with pydantic's accessors. satya's URL
//! classes (`python/satya/_networks.py`) keep one in `_url`.

use std::hash::{Hash, Hasher};

use pyo3::basic::CompareOp;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use url::{Host, Url};

#[pyclass(module = "satya._satya", name = "Url", frozen)]
pub struct PyUrl {
    url: Url,
}

impl PyUrl {
    pub fn new(url: Url) -> Self {
        PyUrl { url }
    }

    pub fn as_str(&self) -> &str {
        self.url.as_str()
    }
}

#[pymethods]
impl PyUrl {
    #[new]
    fn py_new(text: &str) -> PyResult<Self> {
        Url::parse(text).map(PyUrl::new).map_err(|e| PyValueError::new_err(e.to_string()))
    }

    #[getter]
    fn scheme(&self) -> &str {
        self.url.scheme()
    }

    #[getter]
    fn username(&self) -> Option<&str> {
        Some(self.url.username()).filter(|u| !u.is_empty())
    }

    #[getter]
    fn password(&self) -> Option<&str> {
        self.url.password()
    }

    #[getter]
    fn host(&self) -> Option<&str> {
        self.url.host_str()
    }

    fn unicode_host(&self) -> Option<String> {
        match self.url.host() {
            Some(Host::Domain(domain)) if is_punycode(&self.url, domain) => Some(idna::domain_to_unicode(domain).0),
            _ => self.url.host_str().map(str::to_owned),
        }
    }

    /// The port, or the scheme's default one.
    #[getter]
    fn port(&self) -> Option<u16> {
        self.url.port_or_known_default()
    }

    #[getter]
    fn path(&self) -> Option<&str> {
        Some(self.url.path()).filter(|p| !p.is_empty())
    }

    #[getter]
    fn query(&self) -> Option<&str> {
        self.url.query()
    }

    #[getter]
    fn fragment(&self) -> Option<&str> {
        self.url.fragment()
    }

    fn query_params(&self) -> Vec<(String, String)> {
        query_pairs(&self.url)
    }

    fn unicode_string(&self) -> String {
        unicode_text(&self.url)
    }

    fn __str__(&self) -> &str {
        self.url.as_str()
    }

    fn __repr__(&self) -> String {
        format!("Url('{}')", self.url.as_str())
    }

    fn __richcmp__(&self, other: PyRef<'_, PyUrl>, op: CompareOp) -> bool {
        op.matches(self.url.as_str().cmp(other.url.as_str()))
    }

    fn __hash__(&self) -> u64 {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        self.url.as_str().hash(&mut hasher);
        hasher.finish()
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((slf.get_type().into_any(), (slf.get().url.as_str().to_owned(),)))
    }
}

pub fn query_pairs(url: &Url) -> Vec<(String, String)> {
    url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
}

/// The text with the host decoded from punycode. As pydantic does, the
/// host is swapped in at the offset just past `scheme://`, whatever
/// precedes the host there (a user name shifts it).
pub fn unicode_text(url: &Url) -> String {
    let mut text = url.as_str().to_owned();
    if let Some(Host::Domain(domain)) = url.host() {
        if is_punycode(url, domain) {
            let start = url.scheme().len() + 3;
            let end = start + domain.len();
            if end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end) {
                text.replace_range(start..end, &idna::domain_to_unicode(domain).0);
            }
        }
    }
    text
}

/// A domain written in punycode, which only special schemes' hosts are.
fn is_punycode(url: &Url, domain: &str) -> bool {
    is_special(url.scheme()) && (domain.starts_with("xn--") || domain.contains(".xn--"))
}

/// The schemes the URL standard treats specially (their hosts are domains
/// and their empty path is `/`).
pub fn is_special(scheme: &str) -> bool {
    matches!(scheme, "http" | "https" | "ws" | "wss" | "ftp" | "file")
}
