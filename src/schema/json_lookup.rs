//! A JSON object as a model's input: its keys are matched to fields as they
//! arrive, without building a dict.

use std::borrow::Cow;

use jiter::JsonValue;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use smallvec::SmallVec;

use super::alias_path::AliasPath;
use super::lookup::{FieldLookup, Taken};
use super::{CompiledSchema, Field};
use crate::errors::{ErrorKind, LineError, LocItem, ValError, ValResult};
use crate::input::{Input, JsonInput};

type JsonPairs<'a> = [(Cow<'a, str>, JsonValue<'a>)];

/// A JSON object: its keys are read once, in arrival order, and matched to
/// fields by their text; no dict is built. A repeated key keeps its last value
/// and keys that name no field are skipped, as pydantic does.
pub struct JsonObjectLookup<'a> {
    pairs: &'a JsonPairs<'a>,
    matched: SmallVec<[Option<&'a JsonValue<'a>>; 16]>,
    /// Whether each field's value came under its own key (else its name).
    by_key: SmallVec<[bool; 16]>,
    last: usize,
}

impl<'a> JsonObjectLookup<'a> {
    pub fn new(pairs: &'a JsonPairs<'a>, schema: &CompiledSchema) -> Self {
        let mut matched: SmallVec<[Option<&'a JsonValue<'a>>; 16]> = SmallVec::from_elem(None, schema.fields.len());
        let mut by_key: SmallVec<[bool; 16]> = SmallVec::from_elem(false, schema.fields.len());
        let mut next = 0;
        for (key, value) in pairs {
            if let Some((index, own_key)) = schema.field_of_key(key, next) {
                // a field's own key wins over its name, wherever each comes
                if own_key || !by_key[index] {
                    matched[index] = Some(value);
                    by_key[index] |= own_key;
                }
                next = index + 1;
            }
        }
        Self { pairs, matched, by_key, last: 0 }
    }

    /// Whether a field took its value from `key`: one of the keys alias paths
    /// read (`taken`), else a field's own key, or its name when its own key
    /// was absent (a name beside its own key is extra).
    fn was_read(&self, schema: &CompiledSchema, key: &str, taken: Taken<'_>) -> bool {
        match taken {
            Some(taken) => taken.iter().any(|k| **k == *key),
            None => match schema.key_index.get(key) {
                Some(&index) => *schema.fields[index].key_text == *key || !self.by_key[index],
                None => false,
            },
        }
    }
}

impl CompiledSchema {
    /// The field a JSON key names, if any, and whether the key is the field's
    /// own (else its name). Keys usually arrive in field order, so the field
    /// after the last one matched (`next`) is tried first.
    #[inline]
    pub fn field_of_key(&self, key: &str, next: usize) -> Option<(usize, bool)> {
        match self.fields.get(next) {
            Some(field) if crate::batch::same_bytes(field.key_text.as_bytes(), key.as_bytes()) => Some((next, true)),
            _ => {
                let index = *self.key_index.get(key)?;
                let field = &self.fields[index];
                // a field without a second key is found by its own only
                Some((index, field.alt_key.is_none() || *field.key_text == *key))
            }
        }
    }
}

impl<'a, 'py> FieldLookup<'py> for JsonObjectLookup<'a> {
    type Item = JsonInput<'a>;

    #[inline]
    fn get(&mut self, _py: Python<'py>, index: usize, _field: &Field) -> ValResult<Option<JsonInput<'a>>> {
        self.last = index;
        Ok(self.matched[index].map(JsonInput::Value))
    }

    fn walk(&mut self, _py: Python<'py>, path: &AliasPath) -> ValResult<Option<JsonInput<'a>>> {
        Ok(path.walk_json(self.pairs).map(JsonInput::Value))
    }

    fn found_by_name(&self) -> bool {
        !self.by_key[self.last]
    }

    #[cold]
    fn missing(&self) -> ValError {
        // validate_strings: the dict the object was made from
        let original = Python::attach(|py| crate::input::original_of_pairs(py, self.pairs).map(|o| ValError::new(ErrorKind::Missing, &o)));
        if let Some(error) = original {
            return error;
        }
        let object = JsonValue::Object(std::sync::Arc::new(self.pairs.to_vec()));
        ValError::new(ErrorKind::Missing, &JsonInput::Value(&object))
    }

    fn extra_values(&self, py: Python<'py>, schema: &CompiledSchema, _found: usize, taken: Taken<'_>, errors: &mut Vec<LineError>) -> PyResult<Bound<'py, PyDict>> {
        let extra = PyDict::new(py);
        for (key, value) in self.pairs {
            if self.was_read(schema, key, taken) {
                continue;
            }
            if crate::input::is_placeholder(value) {
                errors.push(not_a_string(value));
                continue;
            }
            // a repeated key keeps its first place and its last value, as a dict does
            extra.set_item(key.as_ref(), crate::input::python_of(py, value)?)?;
        }
        Ok(extra)
    }

    /// A repeated key is one extra key, where it first came, with its last value.
    fn extra_errors(&self, _py: Python<'py>, schema: &CompiledSchema, _found: usize, taken: Taken<'_>, errors: &mut Vec<LineError>) -> PyResult<()> {
        let mut extras: Vec<(&str, &JsonValue<'a>)> = Vec::new();
        for (key, value) in self.pairs {
            if self.was_read(schema, key, taken) {
                continue;
            }
            match extras.iter_mut().find(|(k, _)| *k == key.as_ref()) {
                Some(extra) => extra.1 = value,
                None => extras.push((key.as_ref(), value)),
            }
        }
        for (key, value) in extras {
            if crate::input::is_placeholder(value) {
                errors.push(not_a_string(value));
                continue;
            }
            let line = LineError::new(ErrorKind::ExtraForbidden, JsonInput::Value(value).error_value());
            errors.push(line.with_outer(LocItem::Key(key.into())));
        }
        Ok(())
    }
}

/// `validate_strings`: an extra key's value that is no string is refused,
/// located at the model itself, as pydantic reports it.
#[cold]
fn not_a_string(value: &JsonValue<'_>) -> LineError {
    LineError::new(ErrorKind::StringType, JsonInput::Value(value).error_value())
}
