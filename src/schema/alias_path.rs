//! Fields read through `AliasPath`s and `AliasChoices`: each choice is a first
//! key followed by keys and indices walked into the value under it; the first
//! choice that reaches a value gives the field its input.

use std::borrow::Cow;
use std::sync::Arc;

use jiter::JsonValue;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use crate::errors::LocItem;

/// One step after the first key.
pub enum PathStep {
    /// A key of a mapping (or, reading attributes, an attribute of an object).
    Key(Py<PyString>, Arc<str>),
    /// An index of a sequence, negative from the end; in Python input any
    /// object's item (a dict with int keys too).
    Index(Py<PyAny>, i64),
}

pub struct AliasPath {
    pub first: Py<PyString>,
    pub first_text: Arc<str>,
    pub rest: Box<[PathStep]>,
}

/// A field's choices, tried in order, and whether its name comes after them.
pub struct AliasPaths {
    pub choices: Box<[AliasPath]>,
    pub by_name: bool,
}

impl AliasPaths {
    /// The field descriptor's "paths" (a list of lists of str and int, each
    /// starting with a str), or None for a field read under one key.
    pub fn read(spec: &Bound<'_, PyDict>) -> PyResult<Option<Box<Self>>> {
        let Some(paths) = spec.get_item("paths")?.filter(|p| !p.is_none()) else { return Ok(None) };
        let py = spec.py();
        let mut choices = Vec::new();
        for path in paths.cast::<PyList>()?.iter() {
            let path = path.cast::<PyList>()?;
            let first = path.get_item(0)?;
            let first_text: String = first.extract().map_err(|_| PyTypeError::new_err("the first item of an AliasPath must be a str"))?;
            let mut rest = Vec::with_capacity(path.len().saturating_sub(1));
            for step in path.iter().skip(1) {
                rest.push(match step.cast::<PyString>() {
                    Ok(key) => PathStep::Key(PyString::intern(py, key.to_str()?).unbind(), key.to_str()?.into()),
                    Err(_) => PathStep::Index(step.clone().unbind(), step.extract()?),
                });
            }
            choices.push(AliasPath {
                first: PyString::intern(py, &first_text).unbind(),
                first_text: first_text.as_str().into(),
                rest: rest.into(),
            });
        }
        if choices.is_empty() {
            return Err(PyTypeError::new_err("AliasChoices needs at least one choice"));
        }
        let by_name = spec.get_item("paths_by_name")?.map(|v| v.is_truthy()).transpose()?.unwrap_or(false);
        Ok(Some(Box::new(Self { choices: choices.into(), by_name })))
    }

    pub fn visit_objects(&self, visit: &mut dyn FnMut(&Py<PyAny>)) {
        for path in self.choices.iter() {
            visit(path.first.as_any());
            for step in path.rest.iter() {
                match step {
                    PathStep::Key(key, _) => visit(key.as_any()),
                    PathStep::Index(index, _) => visit(index),
                }
            }
        }
    }
}

impl AliasPath {
    /// Where an error of a value read through this path is located, outermost
    /// first: the path's own items.
    pub fn loc(&self) -> impl DoubleEndedIterator<Item = LocItem> + '_ {
        std::iter::once(LocItem::Key(self.first_text.clone())).chain(self.rest.iter().map(|step| match step {
            PathStep::Key(_, text) => LocItem::Key(text.clone()),
            PathStep::Index(_, i) => LocItem::Int(*i),
        }))
    }

    /// The rest of the path walked from `value`, the first key's value. A str
    /// is never indexed; any other object is asked for its item, and a step
    /// it refuses (whatever it raises) means the path reaches nothing. Reading
    /// attributes, a key of anything but a dict is an attribute.
    pub fn walk_python<'py>(&self, mut value: Bound<'py, PyAny>, attributes: bool) -> Option<Bound<'py, PyAny>> {
        let py = value.py();
        for step in self.rest.iter() {
            value = match step {
                PathStep::Key(key, _) if attributes && value.cast::<PyDict>().is_err() => value.getattr(key.bind(py)).ok()?,
                _ if value.is_instance_of::<PyString>() => return None,
                PathStep::Key(key, _) => value.get_item(key.bind(py)).ok()?,
                PathStep::Index(index, _) => value.get_item(index.bind(py)).ok()?,
            };
        }
        Some(value)
    }

    /// The path walked through a JSON object's pairs: keys of objects (a
    /// repeated key's last value) and indices of arrays.
    pub fn walk_json<'a>(&self, pairs: &'a [(Cow<'a, str>, JsonValue<'a>)]) -> Option<&'a JsonValue<'a>> {
        let mut value = last_value(pairs, &self.first_text)?;
        for step in self.rest.iter() {
            value = match (step, value) {
                (PathStep::Key(_, key), JsonValue::Object(pairs)) => last_value(pairs, key)?,
                (PathStep::Index(_, index), JsonValue::Array(items)) => {
                    let at = match usize::try_from(*index) {
                        Ok(at) => at,
                        Err(_) => items.len().checked_sub(usize::try_from(index.unsigned_abs()).ok()?)?,
                    };
                    items.get(at)?
                }
                _ => return None,
            };
        }
        Some(value)
    }
}

fn last_value<'a>(pairs: &'a [(Cow<'a, str>, JsonValue<'a>)], key: &str) -> Option<&'a JsonValue<'a>> {
    pairs.iter().rev().find(|(k, _)| k.as_ref() == key).map(|(_, v)| v)
}

impl super::CompiledSchema {
    /// The input of a field read through alias paths: the first choice that
    /// reaches a value, else its name when validating by name. Records which
    /// it was, for the errors' locations and the keys the fields took.
    #[inline(never)]
    pub(super) fn find_by_paths<'py, L: super::FieldLookup<'py>>(
        &self,
        py: Python<'py>,
        lookup: &mut L,
        index: usize,
        field: &super::Field,
        by_name: &mut smallvec::SmallVec<[usize; 2]>,
        chosen: &mut super::Chosen,
    ) -> crate::errors::ValResult<Option<L::Item>> {
        let Some(paths) = &field.paths else { return lookup.get(py, index, field) };
        for (choice, path) in paths.choices.iter().enumerate() {
            if let Some(item) = lookup.walk(py, path)? {
                chosen.push((index, choice));
                return Ok(Some(item));
            }
        }
        if !paths.by_name {
            return Ok(None);
        }
        let item = lookup.get(py, index, field)?;
        if item.is_some() {
            by_name.push(index);
        }
        Ok(item)
    }

    /// The input keys the fields read (`lookup::Taken`): a key, a name, or
    /// the first key of the path that reached a value.
    #[cold]
    pub(super) fn taken_keys(&self, given: &crate::fields_set::FieldsSet, by_name: &[usize], chosen: &super::Chosen) -> Vec<Arc<str>> {
        let mut taken = Vec::with_capacity(self.fields.len());
        for (index, field) in self.fields.iter().enumerate().filter(|(index, _)| given.contains(*index)) {
            let path = chosen.iter().find(|(i, _)| *i == index).and_then(|(_, choice)| field.paths.as_ref()?.choices.get(*choice));
            taken.push(match path {
                Some(path) => path.first_text.clone(),
                None if by_name.contains(&index) => field.name_text.clone(),
                None => field.key_text.clone(),
            });
        }
        taken
    }

    /// An error of a field read through alias paths is located at the path
    /// that gave its value, or at the first choice when none did.
    #[cold]
    pub(super) fn locate_at_path(&self, index: usize, line: &mut crate::errors::LineError, chosen: &super::Chosen) {
        let Some(paths) = &self.fields[index].paths else { return };
        let choice = chosen.iter().find(|(i, _)| *i == index).map_or(0, |(_, choice)| *choice);
        line.loc_reversed.pop();
        line.loc_reversed.extend(paths.choices[choice].loc().rev());
    }
}
