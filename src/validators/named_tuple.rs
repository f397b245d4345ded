//! `NamedTuple` (and `collections.namedtuple`): its fields read from a tuple
//! or list by position (lax: any iterable a list field takes), or from a dict
//! by name (lax: any Mapping), or a JSON array or object, as pydantic reads
//! the class's arguments; then the class is called with them. Absent fields
//! take the class's defaults; more items than fields is `too_long`.

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyTuple, PyType};

use super::seq_items::{read_items, seq_len, validate_item, ItemSink};
use super::{node_get, BuildContext, State, Validator};
use crate::errors::{ErrorKind, LineError, LocItem, ValError, ValResult};
use crate::input::{Collection, CollectionInput, DictEntries, Exactness, Input, JsonInput, MapInput};

#[derive(Debug)]
struct NamedTupleField {
    name: Arc<str>,
    validator: Validator,
    default: Option<Py<PyAny>>,
}

#[derive(Debug)]
pub struct NamedTupleValidator {
    cls: Py<PyType>,
    class_name: Arc<str>,
    fields: Vec<NamedTupleField>,
}

struct Positional<'v, 'i, 'py, I: Input<'py>> {
    fields: &'v [NamedTupleField],
    input: &'i I,
    values: Vec<Option<Bound<'py, PyAny>>>,
    errors: Vec<LineError>,
}

impl<'py, I: Input<'py>> ItemSink<'py> for Positional<'_, '_, 'py, I> {
    fn item<J: Input<'py>>(&mut self, py: Python<'py>, index: usize, item: &J, state: &mut State) -> ValResult<()> {
        match self.fields.get(index) {
            Some(field) => self.values[index] = validate_item(&field.validator, py, index, item, &mut self.errors, state)?,
            // an input of unknown length (known ones are refused before
            // reading): pydantic stops at the first item too many
            None => return Err(super::tuple::too_long("NamedTuple", self.fields.len() as u64, None, self.input)),
        }
        Ok(())
    }
}

impl NamedTupleValidator {
    pub fn build(node: &Bound<'_, PyDict>, ctx: &BuildContext) -> PyResult<Validator> {
        let cls = node.get_item("cls")?.ok_or_else(|| pyo3::exceptions::PyTypeError::new_err("named_tuple node without 'cls'"))?;
        let cls = cls.cast_into::<PyType>()?;
        let class_name: Arc<str> = cls.name()?.to_string().into();
        let has_default: Vec<bool> = node_get(node, "has_default")?.map(|v| v.extract()).transpose()?.unwrap_or_default();
        let mut fields = Vec::new();
        if let Some(list) = node_get(node, "fields")? {
            for (index, field) in list.try_iter()?.enumerate() {
                let (name, field_node, default): (String, Bound<'_, PyDict>, Bound<'_, PyAny>) = field?.extract()?;
                let validator = Validator::build(&field_node, ctx)?;
                let default = has_default.get(index).copied().unwrap_or(false).then(|| default.unbind());
                fields.push(NamedTupleField { name: name.as_str().into(), validator, default });
            }
        }
        Ok(Validator::NamedTuple(NamedTupleValidator { cls: cls.unbind(), class_name, fields }))
    }

    pub fn validators(&self) -> impl Iterator<Item = &Validator> {
        self.fields.iter().map(|f| &f.validator)
    }

    pub fn visit_objects(&self, visit: &mut dyn FnMut(&Py<PyAny>)) {
        visit(self.cls.as_any());
        for field in &self.fields {
            if let Some(default) = &field.default {
                visit(default);
            }
            field.validator.visit_objects(visit);
        }
    }

    /// For a union's choice: an instance of the class is exact; a new one made
    /// from a tuple or by name (or from JSON) strict; from another iterable lax.
    fn exactness<'py>(&self, py: Python<'py>, input: &impl Input<'py>) -> Exactness {
        if !input.is_python() {
            return Exactness::Strict;
        }
        match input.to_python(py) {
            Ok(value) if value.get_type().is(self.cls.bind(py)) => Exactness::Exact,
            Ok(value) if value.is_instance_of::<PyTuple>() || value.is_instance_of::<PyDict>() => Exactness::Strict,
            _ => Exactness::Lax,
        }
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        state.floor_with(|| self.exactness(py, input));
        // the input's type is read alike in both modes: strictness is the fields'
        // a Mapping in strict mode too, as pydantic reads arguments
        match input.validate_dict(py, false) {
            Ok(map) => return self.by_name(py, input, map, state),
            Err(ValError::Lines(_)) => {}
            Err(e) => return Err(e),
        }
        let type_error = || ValError::new(ErrorKind::NamedTupleType { class_name: self.class_name.clone(), json: !input.is_python() }, input);
        // any iterable a list field takes, in strict mode too (only the items are strict)
        let collected = match input.validate_collection(py, false, Collection::Tuple) {
            Ok(collected) => collected,
            Err(ValError::Lines(_)) => return Err(type_error()),
            Err(e) => return Err(e),
        };
        self.by_position(py, input, collected, state)
    }

    fn by_position<'py>(&self, py: Python<'py>, input: &impl Input<'py>, collected: CollectionInput<'_, 'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let len = seq_len(&collected.items);
        let max = self.fields.len() as u64;
        if collected.sized && len as u64 > max {
            let kind = ErrorKind::TooLong { field_type: "NamedTuple".into(), max_length: max, actual_length: len as u64 };
            return Err(ValError::new(kind, input));
        }
        let mut sink = Positional { fields: &self.fields, input, values: vec![None; self.fields.len()], errors: Vec::new() };
        read_items(py, collected.items, &mut sink, state)?;
        if let Some(error) = collected.failure {
            return Err(super::seq_items::iteration_error(error, len, input));
        }
        let Positional { values, mut errors, .. } = sink;
        for (index, field) in self.fields.iter().enumerate().skip(len) {
            if field.default.is_none() {
                errors.push(LineError::new(ErrorKind::Missing, input.error_value()).with_outer(LocItem::Index(index)));
            }
        }
        if !errors.is_empty() {
            return Err(ValError::Lines(errors));
        }
        self.make(py, values)
    }

    fn by_name<'py>(&self, py: Python<'py>, input: &impl Input<'py>, map: MapInput<'_, 'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let pairs: Vec<(Arc<str>, Entry<'_, 'py>)> = match &map {
            MapInput::Dict(d) => {
                let mut pairs = Vec::with_capacity(d.len());
                for entry in DictEntries::new(d) {
                    let (k, v) = entry?;
                    pairs.push((key_text(&k)?, Entry::Python(v)));
                }
                pairs
            }
            MapInput::Pairs(items) => items.iter().map(|(k, v)| Ok((key_text(k)?, Entry::Python(v.clone())))).collect::<ValResult<_>>()?,
            MapInput::Json(items) => items.iter().map(|(k, v)| (Arc::from(k.as_ref()), Entry::Json(v))).collect(),
        };
        let mut values = Vec::with_capacity(self.fields.len());
        let mut errors: Vec<LineError> = Vec::new();
        for field in &self.fields {
            let loc = || LocItem::Key(field.name.clone());
            // the last entry for a key counts, as in a dict
            let value = match pairs.iter().rev().find(|(k, _)| *k == field.name) {
                Some((_, entry)) => match entry.validate(py, &field.validator, state) {
                    Ok(v) => Some(v),
                    Err(ValError::Lines(lines)) => {
                        errors.extend(lines.into_iter().map(|l| l.with_outer(loc())));
                        None
                    }
                    Err(e) => return Err(e),
                },
                None if field.default.is_some() => None,
                None => {
                    errors.push(LineError::new(ErrorKind::Missing, input.error_value()).with_outer(loc()));
                    None
                }
            };
            values.push(value);
        }
        for (key, entry) in &pairs {
            if !self.fields.iter().any(|f| f.name == *key) {
                errors.push(LineError::new(ErrorKind::ExtraForbidden, entry.error_value()).with_outer(LocItem::Key(key.clone())));
            }
        }
        if !errors.is_empty() {
            return Err(ValError::Lines(errors));
        }
        self.make(py, values)
    }

    /// The class called with every field: the validated value, else its default.
    fn make<'py>(&self, py: Python<'py>, values: Vec<Option<Bound<'py, PyAny>>>) -> ValResult<Bound<'py, PyAny>> {
        let args = values
            .into_iter()
            .zip(&self.fields)
            .map(|(value, field)| value.or_else(|| field.default.as_ref().map(|d| d.bind(py).clone())).unwrap_or_else(|| py.None().into_bound(py)));
        Ok(self.cls.bind(py).call1(PyTuple::new(py, args)?)?)
    }
}

/// A dict entry's value, of either input.
enum Entry<'a, 'py> {
    Python(Bound<'py, PyAny>),
    Json(&'a jiter::JsonValue<'a>),
}

impl<'py> Entry<'_, 'py> {
    fn validate(&self, py: Python<'py>, validator: &Validator, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        match self {
            Entry::Python(v) => validator.validate(py, v, state),
            Entry::Json(v) => validator.validate(py, &JsonInput::Value(v), state),
        }
    }

    fn error_value(&self) -> crate::errors::InputValue {
        match self {
            Entry::Python(v) => v.error_value(),
            Entry::Json(v) => JsonInput::Value(v).error_value(),
        }
    }
}

/// A key as the field name it must be: only str keys are names (pydantic's invalid_key).
fn key_text(key: &Bound<'_, PyAny>) -> ValResult<Arc<str>> {
    match key.cast::<PyString>() {
        Ok(s) => Ok(s.to_cow()?.as_ref().into()),
        Err(_) => {
            let line = LineError::new(ErrorKind::InvalidKey, key.error_value()).with_outer(super::dict::key_location(key));
            Err(ValError::Lines(vec![line]))
        }
    }
}
