//! URL fields (`AnyUrl`, `HttpUrl` ...): text parsed by the `url` crate as
//! pydantic parses it, then the class's constraints; the value is an instance
//! of the field's class holding a `satya._satya.Url`.

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyString, PyType};
use url::Url;

use super::multi_host_url::{split_hosts, PyMultiHostUrl, SplitError};
use super::url_object::PyUrl;
use super::{node_get, node_strict, BuildContext, State, Validator};
use crate::errors::{ErrorKind, ValError, ValResult};
use crate::input::{Input, LiteralKey};

/// What a URL class allows, as `UrlConstraints` gives it, and the parts it
/// fills in when the text lacks them.
#[derive(Debug, Default)]
pub struct UrlRules {
    max_length: Option<usize>,
    allowed_schemes: Option<Vec<String>>,
    /// `allowed_schemes` as the url_scheme error words them: `'http' or 'https'`.
    expected_schemes: Arc<str>,
    host_required: bool,
    default_host: Option<String>,
    default_port: Option<u16>,
    default_path: Option<String>,
    /// The text may list several hosts (`MultiHostUrl`).
    multi_host: bool,
}

/// A parsed URL: one host, or (`multi_host`) the last host's URL and the
/// hosts before it.
pub enum ParsedUrl {
    One(Url),
    Many(Url, Vec<Url>),
}

impl UrlRules {
    pub fn build(node: &Bound<'_, PyDict>) -> PyResult<Self> {
        let get = |key: &str| node_get(node, key);
        let max_length = get("max_length")?.map(|v| v.extract()).transpose()?;
        let allowed_schemes: Option<Vec<String>> = get("allowed_schemes")?.map(|v| v.extract()).transpose()?;
        let expected_schemes = allowed_schemes.as_deref().map(expected_schemes).unwrap_or_default().into();
        let flag = |key: &str| -> PyResult<bool> { Ok(get(key)?.map(|v| v.is_truthy()).transpose()?.unwrap_or(false)) };
        Ok(UrlRules {
            max_length,
            allowed_schemes,
            expected_schemes,
            host_required: flag("host_required")?,
            default_host: get("default_host")?.map(|v| v.extract()).transpose()?,
            default_port: get("default_port")?.map(|v| v.extract()).transpose()?,
            default_path: get("default_path")?.map(|v| v.extract()).transpose()?,
            multi_host: flag("multi_host")?,
        })
    }

    /// `text` parsed and checked, in pydantic's order: length, emptiness,
    /// syntax (strict: a part the parser had to repair is an error), scheme,
    /// then the host required and the defaults filled in.
    pub fn parse<'py>(&self, text: &str, input: &impl Input<'py>, strict: bool) -> ValResult<ParsedUrl> {
        if let Some(max_length) = self.max_length {
            if text.len() > max_length {
                return Err(ValError::new(ErrorKind::UrlTooLong { max_length: max_length as u64 }, input));
            }
        }
        if text.is_empty() {
            return Err(parsing_error("input is empty", input));
        }
        let (mut url, others) = match self.multi_host {
            false => (parse_one(text, input, strict)?, Vec::new()),
            true => {
                let (last, others) = split_hosts(text).map_err(|e| match e {
                    SplitError::NoScheme => parsing_error(&url::ParseError::RelativeUrlWithoutBase.to_string(), input),
                    SplitError::EmptyHost => parsing_error("empty host", input),
                })?;
                // with several hosts, none may be empty: the last one is read
                // and judged first, as pydantic does
                let last = parse_one(&last, input, strict)?;
                if !others.is_empty() && !has_host(&last) {
                    return Err(parsing_error("empty host", input));
                }
                let others = others.iter().map(|t| parse_one(t, input, strict)).collect::<ValResult<Vec<Url>>>()?;
                if !others.iter().all(has_host) {
                    return Err(parsing_error("empty host", input));
                }
                (last, others)
            }
        };
        if let Some(schemes) = &self.allowed_schemes {
            if !schemes.iter().any(|s| s == url.scheme()) {
                let expected_schemes = self.expected_schemes.clone();
                return Err(ValError::new(ErrorKind::UrlScheme { expected_schemes }, input));
            }
        }
        self.fill_defaults(&mut url).map_err(|error| parsing_error(&error, input))?;
        Ok(match self.multi_host {
            false => ParsedUrl::One(url),
            true => ParsedUrl::Many(url, others),
        })
    }

    /// The required host, and the default host, port and path where `url`
    /// has none.
    fn fill_defaults(&self, url: &mut Url) -> Result<(), String> {
        if !has_host(url) {
            match &self.default_host {
                Some(host) => url.set_host(Some(host)).map_err(|e| e.to_string())?,
                None if self.host_required => return Err("empty host".into()),
                None => {}
            }
        }
        if let Some(port) = self.default_port {
            if url.port().is_none() {
                url.set_port(Some(port)).map_err(|()| "empty host".to_string())?;
            }
        }
        if let Some(path) = &self.default_path {
            if matches!(url.path(), "" | "/") {
                url.set_path(path);
            }
        }
        Ok(())
    }
}

fn has_host(url: &Url) -> bool {
    url.host_str().is_some_and(|h| !h.is_empty())
}

/// One URL read by the url crate; in strict mode a part it had to repair is an error.
fn parse_one<'py>(text: &str, input: &impl Input<'py>, strict: bool) -> ValResult<Url> {
    if text.is_empty() {
        return Err(parsing_error("input is empty", input));
    }
    if !strict {
        return Url::parse(text).map_err(|e| parsing_error(&e.to_string(), input));
    }
    let violation = std::cell::Cell::new(None);
    // the last repair counts; credentials in a URL are no error here
    let note = |v: url::SyntaxViolation| {
        if v != url::SyntaxViolation::EmbeddedCredentials {
            violation.set(Some(v));
        }
    };
    let url = Url::options().syntax_violation_callback(Some(&note)).parse(text);
    let url = url.map_err(|e| parsing_error(&e.to_string(), input))?;
    if let Some(v) = violation.get() {
        return Err(ValError::new(ErrorKind::UrlSyntaxViolation { error: v.description().into() }, input));
    }
    Ok(url)
}

#[cold]
fn parsing_error<'py>(error: &str, input: &impl Input<'py>) -> ValError {
    ValError::new(ErrorKind::UrlParsing { error: error.into() }, input)
}

/// `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'`.
fn expected_schemes(schemes: &[String]) -> String {
    let quoted: Vec<String> = schemes.iter().map(|s| format!("'{s}'")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

#[derive(Debug)]
pub struct UrlValidator {
    strict: bool,
    /// The field's class, whose instances are kept as they are.
    cls: Py<PyType>,
    /// satya's base of every URL class: another URL class's instance is read by its text.
    base: Py<PyType>,
    rules: UrlRules,
}

impl UrlValidator {
    pub fn build(node: &Bound<'_, PyDict>, _ctx: &BuildContext) -> PyResult<Validator> {
        let get_type = |key: &str| -> PyResult<Py<PyType>> {
            let value = node_get(node, key)?.ok_or_else(|| pyo3::exceptions::PyTypeError::new_err(format!("url node without {key:?}")))?;
            Ok(value.cast_into::<PyType>()?.unbind())
        };
        Ok(Validator::Url(UrlValidator {
            strict: node_strict(node)?,
            cls: get_type("cls")?,
            base: get_type("base")?,
            rules: UrlRules::build(node)?,
        }))
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let made = self.validate_inner(py, input, state)?;
        // only an instance kept as it is is an exact match; text is parsed (lax)
        state.floor_with(|| match input.is_python() && input.to_python(py).is_ok_and(|i| i.is(&made)) {
            true => crate::input::Exactness::Exact,
            false => crate::input::Exactness::Lax,
        });
        Ok(made)
    }

    fn validate_inner<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &State) -> ValResult<Bound<'py, PyAny>> {
        let strict = state.strict_or(self.strict);
        let url = match input.literal_key() {
            LiteralKey::Str(text) => self.rules.parse(&text, input, strict)?,
            _ if input.is_python() => {
                let object = input.to_python(py)?;
                if object.is_instance(self.cls.bind(py))? {
                    return Ok(object);
                }
                let text = self.python_text(&object, input, strict)?;
                self.rules.parse(&text, input, strict)?
            }
            _ => return Err(ValError::new(ErrorKind::UrlType, input)),
        };
        Ok(new_instance(self.cls.bind(py), url)?)
    }

    /// The text of a Python input: a str, another URL class's instance, or
    /// (lax) UTF-8 bytes.
    fn python_text<'py>(&self, object: &Bound<'py, PyAny>, input: &impl Input<'py>, strict: bool) -> ValResult<String> {
        if let Ok(text) = object.cast::<PyString>() {
            return match text.to_str() {
                Ok(text) => Ok(text.to_owned()),
                Err(_) => Err(ValError::new(ErrorKind::StringUnicode, input)),
            };
        }
        if object.is_instance(self.base.bind(object.py()))? {
            return Ok(object.str()?.to_str()?.to_owned());
        }
        if !strict {
            let bytes = if let Ok(b) = object.cast::<PyBytes>() {
                Some(b.as_bytes().to_vec())
            } else {
                object.cast::<PyByteArray>().ok().map(|b| b.to_vec())
            };
            if let Some(text) = bytes.and_then(|b| String::from_utf8(b).ok()) {
                return Ok(text);
            }
        }
        Err(ValError::new(ErrorKind::UrlType, input))
    }

    pub fn visit_objects(&self, visit: &mut dyn FnMut(&Py<PyAny>)) {
        visit(self.cls.as_any());
        visit(self.base.as_any());
    }
}

/// An instance of `cls` (a URL class) made without its `__init__`, holding
/// the parsed URL in `_url`.
pub fn new_instance<'py>(cls: &Bound<'py, PyType>, url: ParsedUrl) -> PyResult<Bound<'py, PyAny>> {
    let py = cls.py();
    let instance = cls.call_method1(pyo3::intern!(py, "__new__"), (cls,))?;
    let core = match url {
        ParsedUrl::One(url) => Bound::new(py, PyUrl::new(url))?.into_any(),
        ParsedUrl::Many(last, others) => Bound::new(py, PyMultiHostUrl::new(last, others))?.into_any(),
    };
    // SAFETY: both are live objects; the generic setter fills the `_url` slot
    // past the class's own `__setattr__`, which refuses changes.
    let status = unsafe {
        pyo3::ffi::PyObject_GenericSetAttr(instance.as_ptr(), pyo3::intern!(py, "_url").as_ptr(), core.as_ptr())
    };
    if status < 0 {
        return Err(PyErr::fetch(py));
    }
    Ok(instance)
}

#[cfg(test)]
mod tests {
    use super::expected_schemes;
    use url::Url;

    #[test]
    fn schemes_are_listed_as_pydantic_lists_them() {
        let list = |s: &[&str]| expected_schemes(&s.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(list(&["file"]), "'file'");
        assert_eq!(list(&["http", "https"]), "'http' or 'https'");
        assert_eq!(list(&["a", "b", "c"]), "'a', 'b' or 'c'");
    }

    /// The url crate's error texts are what url_parsing reports.
    #[test]
    fn parse_errors_read_as_pydantic_reports_them() {
        let error = |text: &str| Url::parse(text).err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(error("abc"), "relative URL without a base");
        assert_eq!(error("http://"), "empty host");
        assert_eq!(error("http://a:99999"), "invalid port number");
        assert_eq!(error("http://1.2.3.256"), "invalid IPv4 address");
        assert_eq!(error("http://[::1"), "invalid IPv6 address");
        assert_eq!(error("http://ex ample.com"), "invalid international domain name");
    }
}
