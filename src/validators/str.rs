//! `str`: lax or strict, with code-point lengths and a pattern. A pattern is
//! searched for anywhere in the string, as pydantic does. `constr`'s
//! transforms: whitespace is stripped before the checks, the case changed
//! after them (pydantic's order).

use std::sync::Arc;

use jiter::Peek;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use super::checks::{CheckError, LeafChecks};
use super::{BuildContext, node_get, node_strict, State, Validator};
use crate::batch::{JsonReader, Native};
use crate::errors::{ErrorKind, ValError, ValResult};
use crate::input::Target;
use crate::input::{has_surrogates, Input};

#[derive(Debug)]
pub struct StrValidator {
    strict: bool,
}

impl StrValidator {
    pub fn build(node: &Bound<'_, PyDict>, _ctx: &BuildContext) -> PyResult<Validator> {
        let strict = node_strict(node)?;
        let Some(constraints) = node_get(node, "constraints")? else {
            return Ok(Validator::Str(StrValidator { strict }));
        };
        let constraints = constraints.cast::<PyDict>()?;
        let min: Option<u64> = node_get(constraints, "min_length")?.map(|v| v.extract()).transpose()?;
        let max: Option<u64> = node_get(constraints, "max_length")?.map(|v| v.extract()).transpose()?;
        let pattern = match node_get(constraints, "pattern")? {
            Some(p) => Some(Pattern::compile(&p)?),
            None => None,
        };
        let transform = Transform::from_constraints(constraints)?;
        if min.is_none() && max.is_none() && pattern.is_none() && transform.is_none() {
            return Ok(Validator::Str(StrValidator { strict }));
        }
        let checks = LeafChecks::lengths(min, max, |min, limit| CheckError::StrLen { min, limit });
        Ok(Validator::ConstrainedStr(ConstrainedStrValidator { strict, checks, pattern, transform }))
    }

    #[inline]
    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let value = input.validate_str(py, state.strict_or(self.strict))?;
        state.floor_with(|| input.exactness(Target::Str));
        Ok(value.into_any())
    }

    /// Off the GIL (see `Validator::native`).
    #[inline]
    pub fn native<'d>(&self, json: &mut JsonReader<'d>, peek: Peek) -> Option<Native<'d>> {
        json.str(peek).map(Native::Str)
    }
}

/// Rust's regex engine when it accepts the pattern, else Python's `re`
/// (for look-around and back-references).
#[derive(Debug)]
enum Matcher {
    Rust(regex::Regex),
    Python(Py<PyAny>),
}

#[derive(Debug)]
struct Pattern {
    source: Arc<str>,
    matcher: Matcher,
}

impl Pattern {
    fn compile(pattern: &Bound<'_, PyAny>) -> PyResult<Self> {
        let source: String = pattern.extract()?;
        let matcher = match regex::Regex::new(&source) {
            Ok(re) => Matcher::Rust(re),
            Err(_) => {
                let compiled = pattern
                    .py()
                    .import("re")?
                    .call_method1("compile", (&source,))
                    .map_err(|e| PyTypeError::new_err(format!("invalid pattern {source:?}: {e}")))?;
                Matcher::Python(compiled.unbind())
            }
        };
        Ok(Pattern { source: source.into(), matcher })
    }

    /// Off the GIL: whether `text` matches, or None when only Python's `re` can tell.
    fn native_match(&self, text: &str) -> Option<bool> {
        match &self.matcher {
            Matcher::Rust(re) => Some(re.is_match(text)),
            Matcher::Python(_) => None,
        }
    }

    /// Whether matching needs Python's `re`.
    fn needs_python(&self) -> bool {
        matches!(self.matcher, Matcher::Python(_))
    }

    fn is_match(&self, value: &Bound<'_, pyo3::types::PyString>) -> ValResult<bool> {
        match &self.matcher {
            Matcher::Rust(re) => match value.to_str() {
                Ok(text) => Ok(re.is_match(text)),
                Err(_) => Ok(false), // lone surrogates cannot match a UTF-8 pattern
            },
            Matcher::Python(re) => Ok(!re.bind(value.py()).call_method1("search", (value,))?.is_none()),
        }
    }
}

/// A constrained string must be valid Unicode text: a lone surrogate is a
/// string_unicode error, as in pydantic (a plain `str` field lets it through).
#[inline]
fn coerce_utf8_str<'py>(py: Python<'py>, input: &impl Input<'py>, strict: bool) -> ValResult<Bound<'py, PyString>> {
    let s = input.validate_str(py, strict)?;
    if has_surrogates(&s) {
        return Err(ValError::new(ErrorKind::StringUnicode, input));
    }
    Ok(s)
}

/// `strip_whitespace`, `to_lower` and `to_upper`, with Rust's Unicode rules
/// (pydantic's).
#[derive(Debug, Clone, Copy)]
struct Transform {
    strip: bool,
    lower: bool,
    upper: bool,
}

impl Transform {
    fn from_constraints(constraints: &Bound<'_, PyDict>) -> PyResult<Option<Self>> {
        let flag = |key: &str| -> PyResult<bool> { Ok(node_get(constraints, key)?.map(|v| v.is_truthy()).transpose()?.unwrap_or(false)) };
        let t = Transform { strip: flag("strip_whitespace")?, lower: flag("to_lower")?, upper: flag("to_upper")? };
        Ok((t.strip || t.lower || t.upper).then_some(t))
    }

    fn strip<'a>(self, text: std::borrow::Cow<'a, str>) -> std::borrow::Cow<'a, str> {
        if !self.strip {
            return text;
        }
        match text {
            std::borrow::Cow::Borrowed(t) => std::borrow::Cow::Borrowed(t.trim()),
            std::borrow::Cow::Owned(t) => std::borrow::Cow::Owned(t.trim().to_owned()),
        }
    }

    fn change_case<'a>(self, text: std::borrow::Cow<'a, str>) -> std::borrow::Cow<'a, str> {
        if self.lower {
            std::borrow::Cow::Owned(text.to_lowercase())
        } else if self.upper {
            std::borrow::Cow::Owned(text.to_uppercase())
        } else {
            text
        }
    }
}

#[derive(Debug)]
pub struct ConstrainedStrValidator {
    strict: bool,
    checks: LeafChecks,
    pattern: Option<Pattern>,
    transform: Option<Transform>,
}

impl ConstrainedStrValidator {
    /// With a pattern, lengths are checked inline too, so that a too-short string
    /// reports its length before its pattern, as pydantic orders them.
    pub fn program_checks(&self) -> Option<&LeafChecks> {
        if self.pattern.is_none() && !self.checks.is_empty() {
            Some(&self.checks)
        } else {
            None
        }
    }

    pub fn check_count(&self) -> usize {
        self.checks.0.len() + self.pattern.is_some() as usize
    }

    pub fn transforms(&self) -> bool {
        self.transform.is_some()
    }

    /// The string after coercion and stripping: what the checks read.
    #[inline]
    fn coerce<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &State) -> ValResult<Bound<'py, PyString>> {
        let s = coerce_utf8_str(py, input, state.strict_or(self.strict))?;
        self.transformed(py, s, Transform::strip)
    }

    /// `s` with one transform applied; the same object when it is unchanged.
    fn transformed<'py>(
        &self,
        py: Python<'py>,
        s: Bound<'py, PyString>,
        step: fn(Transform, std::borrow::Cow<'_, str>) -> std::borrow::Cow<'_, str>,
    ) -> ValResult<Bound<'py, PyString>> {
        let Some(transform) = self.transform else { return Ok(s) };
        let text = s.to_str()?;
        Ok(match step(transform, std::borrow::Cow::Borrowed(text)) {
            std::borrow::Cow::Borrowed(t) if t.len() == text.len() => s,
            changed => PyString::new(py, &changed),
        })
    }

    /// The checked string in its final case.
    #[inline]
    fn finish<'py>(&self, py: Python<'py>, s: Bound<'py, PyString>) -> ValResult<Bound<'py, PyAny>> {
        Ok(self.transformed(py, s, Transform::change_case)?.into_any())
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let s = self.coerce(py, input, state)?;
        state.floor_with(|| input.exactness(Target::Str));
        if !self.checks.is_empty() {
            let len = s.len()? as u64;
            if let Some(kind) = self.checks.first_failure(len) {
                return Err(ValError::new(kind, input));
            }
        }
        if let Some(pattern) = &self.pattern {
            if !pattern.is_match(&s)? {
                let kind = ErrorKind::StringPatternMismatch { pattern: pattern.source.clone() };
                return Err(ValError::new(kind, input));
            }
        }
        self.finish(py, s)
    }

    #[inline(always)]
    pub fn validate_deferred<'py>(
        &self,
        py: Python<'py>,
        input: &impl Input<'py>,
        state: &mut State,
    ) -> ValResult<(Bound<'py, PyAny>, Option<u64>)> {
        if self.program_checks().is_none() {
            return Ok((self.validate(py, input, state)?, None));
        }
        let s = self.coerce(py, input, state)?;
        state.floor_with(|| input.exactness(Target::Str));
        let len = s.len()? as u64;
        Ok((self.finish(py, s)?, Some(len)))
    }

    /// Whether this validator can only run with Python (a pattern for `re`).
    pub fn needs_python(&self) -> bool {
        self.pattern.as_ref().is_some_and(Pattern::needs_python)
    }

    /// Off the GIL: a valid JSON string with its slot (the length in code
    /// points) when the model's Program checks it.
    #[inline]
    pub fn native_deferred<'d>(&self, json: &mut JsonReader<'d>, peek: Peek) -> Option<(Native<'d>, Option<u64>)> {
        if self.program_checks().is_none() {
            return self.native(json, peek).map(|v| (v, None));
        }
        let s = json.str(peek)?;
        let Some(t) = self.transform else {
            let len = char_count(&s);
            return Some((Native::Str(s), Some(len)));
        };
        let s = t.strip(s);
        let len = char_count(&s);
        Some((Native::Str(t.change_case(s)), Some(len)))
    }

    pub fn native<'d>(&self, json: &mut JsonReader<'d>, peek: Peek) -> Option<Native<'d>> {
        self.native_text(json.str(peek)?)
    }

    /// Off the GIL: `text` when it passes every check here.
    pub fn native_text<'d>(&self, text: std::borrow::Cow<'d, str>) -> Option<Native<'d>> {
        let text = match self.transform {
            Some(t) => t.strip(text),
            None => text,
        };
        if !self.checks.is_empty() && !self.checks.passes(char_count(&text)) {
            return None;
        }
        if let Some(pattern) = &self.pattern {
            if !pattern.native_match(&text)? {
                return None;
            }
        }
        Some(Native::Str(match self.transform {
            Some(t) => t.change_case(text),
            None => text,
        }))
    }
}

/// The number of code points in `text`, counted inline (short texts are the
/// usual case): every byte that does not continue a UTF-8 sequence starts one.
#[inline]
fn char_count(text: &str) -> u64 {
    text.bytes().filter(|&b| (b as i8) >= -0x40).count() as u64
}
