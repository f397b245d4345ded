//! `EmailStr`, `NameEmail`, and `Field(email=True)` / `Field(url=True)` on a
//! str: the text is read as a str is, then checked natively (`email_syntax`,
//! the `url` crate).

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyType};

use super::email_syntax;
use super::url::UrlRules;
use super::{node_get, node_strict, BuildContext, State, Validator};
use crate::errors::{ErrorKind, ValError, ValResult};
use crate::input::Input;

/// pydantic's own limit, checked before anything else.
const MAX_EMAIL_LENGTH: usize = 2048;

#[derive(Debug)]
pub struct EmailValidator {
    strict: bool,
    /// `NameEmail`'s class, or None for `EmailStr`.
    name_email: Option<Py<PyType>>,
}

impl EmailValidator {
    pub fn build(node: &Bound<'_, PyDict>, _ctx: &BuildContext) -> PyResult<Validator> {
        let name_email = node_get(node, "cls")?.map(|c| c.cast_into::<PyType>().map(Bound::unbind)).transpose()?;
        Ok(Validator::Email(EmailValidator { strict: node_strict(node)?, name_email }))
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &State) -> ValResult<Bound<'py, PyAny>> {
        let strict = state.strict_or(self.strict);
        let Some(cls) = &self.name_email else {
            let text = input.validate_str(py, strict)?;
            let (_, email) = check_email(text.to_str()?, input)?;
            return Ok(PyString::new(py, &email).into_any());
        };
        let cls = cls.bind(py);
        let text = if input.is_python() {
            let object = input.to_python(py)?;
            if object.is_instance(cls)? {
                return Ok(object);
            }
            // an instance or a str, or one error naming the class
            input.validate_str(py, strict).map_err(|_| ValError::new(ErrorKind::NameEmailType, input))?
        } else {
            input.validate_str(py, strict)?
        };
        let (name, email) = check_email(text.to_str()?, input)?;
        Ok(cls.call1((name, email))?)
    }

    /// Whether the value is a plain str (`EmailStr`), not a `NameEmail`.
    pub fn is_str(&self) -> bool {
        self.name_email.is_none()
    }

    pub fn visit_objects(&self, visit: &mut dyn FnMut(&Py<PyAny>)) {
        if let Some(cls) = &self.name_email {
            visit(cls.as_any());
        }
    }
}

/// The name (the display name, else the local part) and the normalised address.
fn check_email<'py>(value: &str, input: &impl Input<'py>) -> ValResult<(String, String)> {
    let fail = |reason: &str| ValError::new(ErrorKind::EmailValue { reason: reason.into() }, input);
    if value.chars().count() > MAX_EMAIL_LENGTH {
        return Err(fail(&format!("Length must not exceed {MAX_EMAIL_LENGTH} characters")));
    }
    if value.contains(['\r', '\n']) {
        return Err(fail("Carriage return and line feed characters are not allowed"));
    }
    let (name, address) = match pretty_address(value) {
        Some((name, address)) => (name, address),
        None => (None, value),
    };
    let address = email_syntax::validate(address.trim_matches(is_space)).map_err(|reason| fail(&reason))?;
    Ok((name.map_or(address.local_part, str::to_owned), address.normalized))
}

/// Python's `str.isspace()`.
fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// pydantic's "pretty" form, `Name <address>` or `"Name" <address>` with
/// any spaces around: the name, if any, and the address between the brackets.
fn pretty_address(value: &str) -> Option<(Option<&str>, &str)> {
    let rest = value.trim_start_matches(is_space);
    let body = rest.trim_end_matches(is_space).strip_suffix('>')?;
    let address_after = |at: usize| -> Option<&str> { body.get(at + 1..).filter(|a| !a.is_empty()) };
    let open = rest.find('<')?;
    let prefix = rest[..open].trim_end_matches(is_space);
    let name_char = |c: char| c.is_alphanumeric() || "_.!#$%&'*+-/=?^`{|}~".contains(c);
    if prefix.is_empty() {
        return address_after(open).map(|a| (None, a));
    }
    if prefix.split(is_space).filter(|w| !w.is_empty()).all(|w| w.chars().all(name_char)) {
        return address_after(open).map(|a| (Some(prefix), a));
    }
    // a quoted name reaches the last quote that a `<` can follow
    if !rest.starts_with('"') {
        return None;
    }
    for (close, _) in body.match_indices('"').rev() {
        if close < 2 {
            break;
        }
        let after = &body[close + 1..];
        let spaces = after.len() - after.trim_start_matches(is_space).len();
        let open = close + 1 + spaces;
        if body[open..].starts_with('<') {
            if let Some(address) = address_after(open) {
                return Some((Some(&rest[1..close]), address));
            }
        }
    }
    None
}

/// What `Field(email=True)` or `Field(url=True)` checks on a str.
#[derive(Debug)]
pub enum StrCheck {
    /// The value becomes the normalised address.
    Email,
    /// The value stays the text as given, once it parses as a URL.
    Url(UrlRules),
}

#[derive(Debug)]
pub struct StrCheckValidator {
    inner: Box<Validator>,
    check: StrCheck,
}

impl StrCheckValidator {
    pub fn build(node: &Bound<'_, PyDict>, ctx: &BuildContext) -> PyResult<Validator> {
        let inner_node = node_get(node, "inner")?.ok_or_else(|| pyo3::exceptions::PyTypeError::new_err("str_check node without 'inner'"))?;
        let inner = Box::new(Validator::build(inner_node.cast::<PyDict>()?, ctx)?);
        let check: String = node_get(node, "check")?.map(|c| c.extract()).transpose()?.unwrap_or_default();
        let check = match check.as_str() {
            "email" => StrCheck::Email,
            "url" => StrCheck::Url(UrlRules::build(node)?),
            other => return Err(pyo3::exceptions::PyTypeError::new_err(format!("unknown str check {other:?}"))),
        };
        Ok(Validator::StrCheck(StrCheckValidator { inner, check }))
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let value = self.inner.validate(py, input, state)?;
        let text = value.cast::<PyString>().map_err(|_| ValError::new(ErrorKind::StringType, input))?;
        match &self.check {
            StrCheck::Email => {
                let (_, email) = check_email(text.to_str()?, input)?;
                Ok(PyString::new(py, &email).into_any())
            }
            StrCheck::Url(rules) => {
                rules.parse(text.to_str()?, input, false)?;
                Ok(value)
            }
        }
    }

    pub fn inner(&self) -> &Validator {
        &self.inner
    }
}

#[cfg(test)]
mod tests {
    use super::pretty_address;

    #[test]
    fn pretty_addresses_split_as_pydantic_splits_them() {
        assert_eq!(pretty_address("Bob <b@x.com>"), Some((Some("Bob"), "b@x.com")));
        assert_eq!(pretty_address("  Bob  Smith<b@x.com> "), Some((Some("Bob  Smith"), "b@x.com")));
        assert_eq!(pretty_address("\"Bob, S\" <b@x.com>"), Some((Some("Bob, S"), "b@x.com")));
        assert_eq!(pretty_address("<b@x.com>"), Some((None, "b@x.com")));
        assert_eq!(pretty_address("b@x.com"), None);
        assert_eq!(pretty_address("Bob <b@x.com"), None);
        assert_eq!(pretty_address("<>"), None);
    }
}
