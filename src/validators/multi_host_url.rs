//! `satya._satya.MultiHostUrl`: a URL with a list of hosts
//! (`postgres://a:5432,b:5433/db`), read as pydantic reads `PostgresDsn`,
//! `MongoDsn` and `NatsDsn`. The url crate reads one host, so the text is
//! split at the commas of its host part: every host but the last is read on
//! its own, and the last one carries the path, query and fragment.

use std::hash::{Hash, Hasher};

use pyo3::basic::CompareOp;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use url::Url;

use super::url_object::{is_special, query_pairs, unicode_text};

#[pyclass(module = "satya._satya", name = "MultiHostUrl", frozen)]
pub struct PyMultiHostUrl {
    /// The last host, with the scheme, path, query and fragment.
    last: Url,
    /// The hosts before it, each read as `scheme://host`.
    others: Vec<Url>,
}

impl PyMultiHostUrl {
    pub fn new(last: Url, others: Vec<Url>) -> Self {
        PyMultiHostUrl { last, others }
    }

    /// The text: the last host's URL with the other hosts written in
    /// front of it, each ending in a comma.
    pub fn text(&self) -> String {
        self.joined(|url| url.as_str().to_owned())
    }

    fn joined(&self, text_of: impl Fn(&Url) -> String) -> String {
        let mut text = text_of(&self.last);
        if self.others.is_empty() {
            return text;
        }
        let start = self.last.scheme().len() + 3;
        // a special scheme's URL ends in the slash of its empty path
        let trailing = usize::from(is_special(self.last.scheme()));
        let mut hosts = String::new();
        for url in &self.others {
            let other = text_of(url);
            hosts.push_str(other.get(start..other.len().saturating_sub(trailing)).unwrap_or_default());
            hosts.push(',');
        }
        if text.is_char_boundary(start) {
            text.insert_str(start, &hosts);
        }
        text
    }
}

#[pymethods]
impl PyMultiHostUrl {
    #[getter]
    fn scheme(&self) -> &str {
        self.last.scheme()
    }

    /// Each host with its credentials and port, in the order written.
    fn hosts<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        let single = self.others.is_empty() && !self.last.host_str().unwrap_or_default().is_empty();
        let listed: Vec<&Url> = match single {
            true => vec![&self.last],
            false if self.others.is_empty() => vec![],
            false => self.others.iter().chain(std::iter::once(&self.last)).collect(),
        };
        listed.into_iter().map(|url| host_parts(py, url)).collect()
    }

    #[getter]
    fn path(&self) -> Option<&str> {
        Some(self.last.path()).filter(|p| !p.is_empty())
    }

    #[getter]
    fn query(&self) -> Option<&str> {
        self.last.query()
    }

    fn query_params(&self) -> Vec<(String, String)> {
        query_pairs(&self.last)
    }

    #[getter]
    fn fragment(&self) -> Option<&str> {
        self.last.fragment()
    }

    fn unicode_string(&self) -> String {
        self.joined(unicode_text)
    }

    fn __str__(&self) -> String {
        self.text()
    }

    fn __repr__(&self) -> String {
        format!("MultiHostUrl('{}')", self.text())
    }

    fn __richcmp__(&self, other: PyRef<'_, PyMultiHostUrl>, op: CompareOp) -> bool {
        op.matches(self.text().cmp(&other.text()))
    }

    fn __hash__(&self) -> u64 {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        self.text().hash(&mut hasher);
        hasher.finish()
    }
}

fn host_parts<'py>(py: Python<'py>, url: &Url) -> PyResult<Bound<'py, PyDict>> {
    let parts = PyDict::new(py);
    parts.set_item("username", Some(url.username()).filter(|u| !u.is_empty()))?;
    parts.set_item("password", url.password())?;
    parts.set_item("host", url.host_str())?;
    parts.set_item("port", url.port_or_known_default())?;
    Ok(parts)
}

/// `text` split into its hosts: the text of the last host with everything
/// after it, and the text of each host before it, both with the scheme and
/// slashes in front. An empty host before a comma is an error.
pub fn split_hosts(text: &str) -> Result<(String, Vec<String>), SplitError> {
    // leading control characters and spaces are dropped, as the url crate drops them
    let trimmed = text.trim_start_matches(|c: char| c <= ' ');
    let offset = text.len() - trimmed.len();
    let scheme_len = trimmed
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
        .filter(|&end| end > 0 && trimmed[end..].starts_with(':'))
        .ok_or(SplitError::NoScheme)?;
    let scheme = trimmed[..scheme_len].to_ascii_lowercase();
    let after_colon = &trimmed[scheme_len + 1..];
    let slashes = after_colon.len() - after_colon.trim_start_matches(['/', '\\']).len();
    let prefix_end = offset + scheme_len + 1 + slashes;
    let prefix = &text[..prefix_end];
    let rest = &text[prefix_end..];
    let special = is_special(&scheme);
    let host_end = rest
        .find(|c: char| matches!(c, '/' | '?' | '#') || (c == '\\' && special))
        .unwrap_or(rest.len());
    let mut hosts: Vec<&str> = rest[..host_end].split(',').collect();
    let last = hosts.pop().unwrap_or_default();
    if hosts.iter().any(|h| h.is_empty()) {
        return Err(SplitError::EmptyHost);
    }
    let last_text = format!("{prefix}{last}{}", &rest[host_end..]);
    Ok((last_text, hosts.into_iter().map(|h| format!("{prefix}{h}")).collect()))
}

#[derive(Debug, PartialEq)]
pub enum SplitError {
    /// No `scheme:` in front: the url crate's "relative URL without a base".
    NoScheme,
    EmptyHost,
}

#[cfg(test)]
mod tests {
    use super::{split_hosts, SplitError};

    fn split(text: &str) -> (String, Vec<String>) {
        split_hosts(text).unwrap()
    }

    #[test]
    fn hosts_split_at_commas_before_the_path() {
        assert_eq!(split("postgres://a:1,b:2/db?x=1,2"), ("postgres://b:2/db?x=1,2".into(), vec!["postgres://a:1".into()]));
        assert_eq!(split("postgres://u:p@a,b,c"), ("postgres://c".into(), vec!["postgres://u:p@a".into(), "postgres://b".into()]));
        assert_eq!(split("  nats://a"), ("  nats://a".into(), vec![]));
        assert_eq!(split("mongodb://a#f,g"), ("mongodb://a#f,g".into(), vec![]));
    }

    #[test]
    fn a_backslash_ends_the_hosts_of_special_schemes_only() {
        assert_eq!(split("ws://a,b\\c,d").1, vec!["ws://a".to_string()]);
        assert_eq!(split("nats://a,b\\c,d").1.len(), 2);
    }

    #[test]
    fn empty_hosts_and_missing_schemes_are_errors() {
        assert_eq!(split_hosts("postgres://a,,b"), Err(SplitError::EmptyHost));
        assert_eq!(split_hosts("postgres://,a"), Err(SplitError::EmptyHost));
        assert_eq!(split_hosts("://a,b"), Err(SplitError::NoScheme));
        assert_eq!(split_hosts("a,b"), Err(SplitError::NoScheme));
    }
}
