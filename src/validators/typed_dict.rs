//! `TypedDict`: a dict (lax: any Mapping; JSON: an object) whose declared
//! keys are validated in declaration order, each error located at its key; a
//! required key that is absent is `missing`; other keys are dropped. The
//! result is a new dict with the declared keys in declaration order.

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use super::{node_get, node_strict, BuildContext, ExtraKeys, State, Validator};
use crate::errors::{ErrorKind, LineError, LocItem, ValError, ValResult};
use crate::input::{Input, JsonInput, MapInput};

#[derive(Debug)]
struct TypedDictField {
    name: Arc<str>,
    key: Py<PyString>,
    validator: Validator,
    required: bool,
}

#[derive(Debug)]
pub struct TypedDictValidator {
    strict: bool,
    fields: Vec<TypedDictField>,
}

impl TypedDictValidator {
    pub fn build(node: &Bound<'_, PyDict>, ctx: &BuildContext) -> PyResult<Validator> {
        let strict = node_strict(node)?;
        let mut fields = Vec::new();
        if let Some(list) = node_get(node, "fields")? {
            for field in list.try_iter()? {
                let (name, field_node, required): (String, Bound<'_, PyDict>, bool) = field?.extract()?;
                let key = PyString::new(node.py(), &name).unbind();
                let validator = Validator::build(&field_node, ctx)?;
                fields.push(TypedDictField { name: name.as_str().into(), key, validator, required });
            }
        }
        Ok(Validator::TypedDict(TypedDictValidator { strict, fields }))
    }

    pub fn validators(&self) -> impl Iterator<Item = &Validator> {
        self.fields.iter().map(|f| &f.validator)
    }

    pub fn visit_objects(&self, visit: &mut dyn FnMut(&Py<PyAny>)) {
        for field in &self.fields {
            visit(field.key.as_any());
            field.validator.visit_objects(visit);
        }
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let map = input.validate_dict(py, state.strict_or(self.strict))?;
        let judged = matches!(state.overrides.and_then(|o| o.extra), Some(ExtraKeys::Forbid | ExtraKeys::Allow));
        if let (true, MapInput::Json(pairs)) = (judged && crate::input::strings_mode(), &map) {
            // validate_strings: every key is read, so the first value that
            // is no string fails the whole dict, as in pydantic
            if let Some((_, v)) = pairs.iter().find(|(_, v)| crate::input::is_placeholder(v)) {
                return Err(ValError::new(ErrorKind::StringType, &JsonInput::Value(v)));
            }
        }
        let out = PyDict::new(py);
        let mut errors: Vec<LineError> = Vec::new();
        // partial: the field of the input's last key may be cut short; a
        // field not required is then dropped if it fails
        let partial = std::mem::replace(&mut state.partial, false);
        let last_key = if partial { last_key(&map) } else { None };
        let result = self.validate_fields(py, input, &map, last_key.as_deref(), &out, &mut errors, state);
        state.partial = partial;
        result?;
        // the keys it took, the first measure of a union's choice (as for models)
        let taken = out.len();
        if let Some(extra @ (ExtraKeys::Forbid | ExtraKeys::Allow)) = state.overrides.and_then(|o| o.extra) {
            self.extra_keys(py, &map, extra, &out, &mut errors)?;
        }
        if !errors.is_empty() {
            return Err(ValError::Lines(errors));
        }
        state.add_fields_set(taken);
        Ok(out.into_any())
    }

    #[allow(clippy::too_many_arguments)]
    fn validate_fields<'py>(
        &self,
        py: Python<'py>,
        input: &impl Input<'py>,
        map: &MapInput<'_, 'py>,
        last_key: Option<&str>,
        out: &Bound<'py, PyDict>,
        errors: &mut Vec<LineError>,
        state: &mut State,
    ) -> ValResult<()> {
        for field in &self.fields {
            state.partial = last_key == Some(&*field.name);
            let droppable = state.partial && !field.required;
            let mut field_errors = Vec::new();
            let errors_here = if droppable { &mut field_errors } else { &mut *errors };
            let found = match map {
                MapInput::Dict(d) => match d.get_item(field.key.bind(py))? {
                    Some(value) => Some(self.field(py, field, &value, out, errors_here, state)),
                    None => None,
                },
                // a Mapping read through items(): the last entry for a key counts, as in a dict
                MapInput::Pairs(pairs) => pairs
                    .iter()
                    .rev()
                    .find(|(k, _)| k.cast::<PyString>().is_ok_and(|s| s.to_cow().is_ok_and(|t| *t == *field.name)))
                    .map(|(_, value)| self.field(py, field, value, out, errors_here, state)),
                MapInput::Json(pairs) => pairs
                    .iter()
                    .rev()
                    .find(|(k, _)| k.as_ref() == &*field.name)
                    .map(|(_, value)| self.field(py, field, &JsonInput::Value(value), out, errors_here, state)),
            };
            match found {
                Some(result) => result?,
                None if field.required => {
                    let line = LineError::new(ErrorKind::Missing, input.error_value());
                    errors.push(line.with_outer(LocItem::Key(field.name.clone())));
                }
                None => {}
            }
            // a failing last field that is not required is left out
            if droppable && !field_errors.is_empty() {
                out.del_item(field.key.bind(py)).ok();
            }
        }
        Ok(())
    }

    /// A call's `extra="forbid"`: an error for each key that names no field;
    /// `extra="allow"`: such keys kept in `out` with their values as they are.
    #[cold]
    fn extra_keys<'py>(&self, py: Python<'py>, map: &MapInput<'_, 'py>, extra: ExtraKeys, out: &Bound<'py, PyDict>, errors: &mut Vec<LineError>) -> ValResult<()> {
        let is_field = |key: &Bound<'py, PyAny>| {
            key.cast::<PyString>().is_ok_and(|k| k.to_cow().is_ok_and(|t| self.fields.iter().any(|f| *f.name == *t)))
        };
        let entries: Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>, crate::errors::InputValue)> = match map {
            MapInput::Dict(d) => d.iter().map(|(k, v)| { let e = v.error_value(); (k, v, e) }).collect(),
            MapInput::Pairs(pairs) => pairs.iter().map(|(k, v)| (k.clone(), v.clone(), v.error_value())).collect(),
            MapInput::Json(pairs) => pairs
                .iter()
                .map(|(k, v)| Ok((PyString::new(py, k).into_any(), crate::input::python_of(py, v)?, JsonInput::Value(v).error_value())))
                .collect::<PyResult<_>>()?,
        };
        let mut reported: Vec<Bound<'py, PyAny>> = Vec::new();
        for (key, value, error_value) in entries {
            if is_field(&key) {
                continue;
            }
            match extra {
                ExtraKeys::Allow => out.set_item(&key, value)?,
                // a repeated key is one extra key, where it first came
                _ if reported.iter().any(|k| k.eq(&key).unwrap_or(false)) => {}
                _ => {
                    errors.push(LineError::new(ErrorKind::ExtraForbidden, error_value).with_outer(LocItem::from_object(&key)?));
                    reported.push(key);
                }
            }
        }
        Ok(())
    }

    /// Validates one present key's value into `out`, or records its errors.
    fn field<'py, I: Input<'py>>(
        &self,
        py: Python<'py>,
        field: &TypedDictField,
        value: &I,
        out: &Bound<'py, PyDict>,
        errors: &mut Vec<LineError>,
        state: &mut State,
    ) -> ValResult<()> {
        match field.validator.validate(py, value, state) {
            Ok(v) => out.set_item(field.key.bind(py), v)?,
            Err(ValError::Lines(lines)) => errors.extend(lines.into_iter().map(|l| l.with_outer(LocItem::Key(field.name.clone())))),
            Err(e) => return Err(e),
        }
        Ok(())
    }
}

/// The last key of a mapping's input, where partial input is cut short.
fn last_key(map: &MapInput<'_, '_>) -> Option<String> {
    match map {
        MapInput::Dict(d) => d.keys().iter().last().and_then(|k| k.extract::<String>().ok()),
        MapInput::Pairs(pairs) => pairs.last().and_then(|(k, _)| k.extract::<String>().ok()),
        MapInput::Json(pairs) => pairs.last().map(|(k, _)| k.to_string()),
    }
}
