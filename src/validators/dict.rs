//! `dict[K, V]`: keys and values validated, errors located at the key
//! (`("meta", "a")`) or at the key itself (`("meta", 1, "[key]")`).

use jiter::Peek;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use super::checks::{CheckError, LeafChecks};
use super::{BuildContext, node_get, node_strict, State, Validator};
use crate::batch::{JsonReader, Native};
use crate::errors::{ErrorKind, LineError, LocItem, ValError, ValResult};
use crate::input::{DictEntries, Input, JsonInput, MapInput};

/// A dict key in an error location: str and int keys as they are, a bool as
/// its int, anything else as its repr (pydantic's rule).
#[cold]
pub(super) fn key_location(key: &Bound<'_, PyAny>) -> LocItem {
    if let Ok(s) = key.cast::<PyString>() {
        if let Ok(text) = s.to_cow() {
            return LocItem::Key(text.as_ref().into());
        }
    }
    if key.is_instance_of::<pyo3::types::PyInt>() {
        if let Ok(i) = key.extract::<i64>() {
            return LocItem::Int(i);
        }
    }
    let text = key.repr().map(|s| s.to_string_lossy().into_owned());
    LocItem::Key(text.unwrap_or_else(|_| "<unprintable key>".into()).into())
}

/// How many different keys a dict built from `pairs` holds (native keys are text).
fn distinct_keys(pairs: &[(Native<'_>, Native<'_>)]) -> u64 {
    let keys: std::collections::HashSet<&str> = pairs
        .iter()
        .map(|(k, _)| match k {
            Native::Str(s) => s.as_ref(),
            _ => "",
        })
        .collect();
    keys.len() as u64
}

#[derive(Debug)]
pub struct DictValidator {
    strict: bool,
    key: Box<Validator>,
    value: Box<Validator>,
    checks: Option<LeafChecks>,
}

impl DictValidator {
    pub fn build(node: &Bound<'_, PyDict>, ctx: &BuildContext) -> PyResult<Validator> {
        let strict = node_strict(node)?;
        let any = || Validator::Any(super::any::AnyValidator);
        let key = match node_get(node, "key")? {
            Some(k) => Validator::build(k.cast::<PyDict>()?, ctx)?,
            None => any(),
        };
        let value = match node_get(node, "value")? {
            Some(v) => Validator::build(v.cast::<PyDict>()?, ctx)?,
            None => any(),
        };
        let checks = LeafChecks::read_lengths(node, |min, limit| CheckError::SeqLen { min, limit, field_type: "Dictionary" })?;
        Ok(Validator::Dict(DictValidator { strict, key: Box::new(key), value: Box::new(value), checks }))
    }

    pub fn checks(&self) -> Option<&LeafChecks> {
        self.checks.as_ref()
    }
    pub fn key(&self) -> &Validator {
        &self.key
    }
    pub fn value(&self) -> &Validator {
        &self.value
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let (dict, len) = self.validate_deferred(py, input, state)?;
        if let (Some(checks), Some(len)) = (&self.checks, len) {
            if let Some(kind) = checks.first_failure(len) {
                return Err(ValError::new(kind, input));
            }
        }
        Ok(dict)
    }

    pub fn validate_deferred<'py>(
        &self,
        py: Python<'py>,
        input: &impl Input<'py>,
        state: &mut State,
    ) -> ValResult<(Bound<'py, PyAny>, Option<u64>)> {
        let out = PyDict::new(py);
        let mut errors: Vec<LineError> = Vec::new();
        let map = input.validate_dict(py, state.strict_or(self.strict))?;
        // partial: only the last entry's value may be cut short, and the entry
        // is dropped if that value fails
        let partial = state.partial;
        state.with_partial(false, |state| -> ValResult<()> {
            match map {
                MapInput::Dict(d) => {
                    let len = d.len();
                    // Validating an entry may run Python code that changes `d`.
                    for (index, entry) in DictEntries::new(&d).enumerate() {
                        let (k, v) = entry?;
                        let last = partial && index + 1 == len;
                        self.entry(py, &out, &k, &v, || key_location(&k), last, &mut errors, state)?;
                    }
                }
                MapInput::Pairs(pairs) => {
                    for (index, (k, v)) in pairs.iter().enumerate() {
                        let last = partial && index + 1 == pairs.len();
                        self.entry(py, &out, k, v, || key_location(k), last, &mut errors, state)?;
                    }
                }
                MapInput::Json(pairs) => {
                    // validate_strings: a value that is no string fails the dict itself
                    let placeholder = || pairs.iter().find(|(_, v)| crate::input::is_placeholder(v));
                    if let Some((_, v)) = crate::input::strings_mode().then(placeholder).flatten() {
                        return Err(ValError::new(ErrorKind::StringType, &JsonInput::Value(v)));
                    }
                    for (index, (k, v)) in pairs.iter().enumerate() {
                        let key = JsonInput::Key(k.as_ref());
                        let last = partial && index + 1 == pairs.len();
                        self.entry(py, &out, &key, &JsonInput::Value(v), || LocItem::Key(k.as_ref().into()), last, &mut errors, state)?;
                    }
                }
            }
            Ok(())
        })?;
        if !errors.is_empty() {
            return Err(ValError::Lines(errors));
        }
        let len = self.checks.as_ref().map(|_| out.len() as u64);
        Ok((out.into_any(), len))
    }

    /// Off the GIL: an object whose keys the key validator takes as text and
    /// whose values are all valid; the length counts distinct keys, as the
    /// built dict does.
    pub fn native_deferred<'d>(&'d self, json: &mut JsonReader<'d>, peek: Peek) -> Option<(Native<'d>, Option<u64>)> {
        let mut out = Vec::new();
        let mut key = json.object(peek)?;
        while let Some(k) = key {
            let value_peek = json.peek()?;
            let k = self.key.native_key(k)?;
            out.push((k, self.value.native(json, value_peek)?));
            key = json.next_key()?;
        }
        let len = self.checks.as_ref().map(|_| distinct_keys(&out));
        Some((Native::Dict(out), len))
    }

    pub fn native<'d>(&'d self, json: &mut JsonReader<'d>, peek: Peek) -> Option<Native<'d>> {
        let (value, len) = self.native_deferred(json, peek)?;
        LeafChecks::admit(self.checks.as_ref(), len, value)
    }

    /// Validates one key and its value into `out`, or records their errors
    /// located at the key.
    #[allow(clippy::too_many_arguments)]
    #[inline]
    fn entry<'py, I: Input<'py>>(
        &self,
        py: Python<'py>,
        out: &Bound<'py, PyDict>,
        k: &I,
        v: &I,
        location: impl Fn() -> LocItem,
        partial_last: bool,
        errors: &mut Vec<LineError>,
        state: &mut State,
    ) -> ValResult<()> {
        let key = match self.key.validate(py, k, state) {
            Ok(key) => Some(key),
            Err(ValError::Lines(lines)) => {
                for line in lines {
                    errors.push(line.with_outer(LocItem::from("[key]")).with_outer(location()));
                }
                None
            }
            Err(e) => return Err(e),
        };
        match state.with_partial(partial_last, |state| self.value.validate(py, v, state)) {
            Ok(value) => {
                if let Some(key) = key {
                    out.set_item(key, value)?;
                }
            }
            Err(ValError::Lines(_)) if partial_last => {}
            Err(ValError::Lines(lines)) => errors.extend(lines.into_iter().map(|l| l.with_outer(location()))),
            Err(e) => return Err(e),
        }
        Ok(())
    }
}
