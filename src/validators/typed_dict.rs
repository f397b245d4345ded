//! `TypedDict`: a dict (lax: any Mapping; JSON: an object) whose declared
//! keys are validated in declaration order, each error located at its key; a
//! required key that is absent is `missing`; other keys are dropped. The
//! result is a new dict with the declared keys in declaration order.

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use super::{node_get, node_strict, BuildContext, State, Validator};
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
        let out = PyDict::new(py);
        let mut errors: Vec<LineError> = Vec::new();
        for field in &self.fields {
            let found = match &map {
                MapInput::Dict(d) => match d.get_item(field.key.bind(py))? {
                    Some(value) => Some(self.field(py, field, &value, &out, &mut errors, state)),
                    None => None,
                },
                // a Mapping read through items(): the last entry for a key counts, as in a dict
                MapInput::Pairs(pairs) => pairs
                    .iter()
                    .rev()
                    .find(|(k, _)| k.cast::<PyString>().is_ok_and(|s| s.to_cow().is_ok_and(|t| *t == *field.name)))
                    .map(|(_, value)| self.field(py, field, value, &out, &mut errors, state)),
                MapInput::Json(pairs) => pairs
                    .iter()
                    .rev()
                    .find(|(k, _)| k.as_ref() == &*field.name)
                    .map(|(_, value)| self.field(py, field, &JsonInput::Value(value), &out, &mut errors, state)),
            };
            match found {
                Some(result) => result?,
                None if field.required => {
                    let line = LineError::new(ErrorKind::Missing, input.error_value());
                    errors.push(line.with_outer(LocItem::Key(field.name.clone())));
                }
                None => {}
            }
        }
        if !errors.is_empty() {
            return Err(ValError::Lines(errors));
        }
        // the keys it took, the first measure of a union's choice (as for models)
        state.add_fields_set(out.len());
        Ok(out.into_any())
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
