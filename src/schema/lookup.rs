//! Where a model's field values come from: a dict, another Mapping, an
//! object's attributes, or a JSON object (`json_lookup.rs`). Each finds the
//! input of one field; the model validator does the rest the same way for all
//! of them.

use std::sync::Arc;

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use super::alias_path::AliasPath;
use super::{CompiledSchema, Field};
use crate::errors::{ErrorKind, LineError, LocItem, ValError, ValResult};
use crate::input::Input;

pub use super::json_lookup::JsonObjectLookup;

pub trait FieldLookup<'py> {
    type Item: Input<'py> + Clone;

    /// The input of field `index`, or None when it is absent.
    fn get(&mut self, py: Python<'py>, index: usize, field: &Field) -> ValResult<Option<Self::Item>>;

    /// The input an alias path reaches, or None when it reaches nothing.
    fn walk(&mut self, py: Python<'py>, path: &AliasPath) -> ValResult<Option<Self::Item>>;

    /// A missing-field error, whose input is the whole model input.
    fn missing(&self) -> ValError;

    /// With `extra="allow"`: the input's keys that name no field, with their
    /// values as they are (Python objects); a key that is not a str is an error.
    /// `taken`, for a model with alias paths, lists the keys the fields read.
    fn extra_values(&self, py: Python<'py>, schema: &CompiledSchema, found: usize, taken: Taken<'_>, errors: &mut Vec<LineError>) -> PyResult<Bound<'py, PyDict>> {
        let _ = (schema, found, taken, errors);
        Ok(PyDict::new(py))
    }

    /// Whether the last value `get` found was under the field's name rather
    /// than its key (validating by name): its errors are located there.
    fn found_by_name(&self) -> bool {
        false
    }

    /// With `extra="forbid"`: an error for each input key that names no
    /// field, in input order; `found` fields were read from the input.
    /// Attributes have no keys to list.
    fn extra_errors(&self, _py: Python<'py>, _schema: &CompiledSchema, _found: usize, _taken: Taken<'_>, _errors: &mut Vec<LineError>) -> PyResult<()> {
        Ok(())
    }
}

/// The input keys the fields were read from, listed only for a model with
/// alias paths (where several fields may read one key, and a path's first
/// key counts only when the path reached a value); otherwise each key is
/// told by the field it names.
pub type Taken<'a> = Option<&'a [Arc<str>]>;

/// The error of an input key that names no field; a key that is not a str
/// is no valid key at all.
/// A field's name given beside its own key is extra too (`has_own_key`).
#[cold]
fn extra_error(
    schema: &CompiledSchema,
    key: &Bound<'_, PyAny>,
    value: &Bound<'_, PyAny>,
    taken: Taken<'_>,
    has_own_key: impl Fn(&super::Field) -> bool,
) -> PyResult<Option<LineError>> {
    let Ok(text) = key.cast::<PyString>() else {
        let line = LineError::new(ErrorKind::InvalidKey, key.error_value());
        return Ok(Some(line.with_outer(LocItem::from_object(key)?)));
    };
    let text = text.to_cow()?;
    if let Some(taken) = taken {
        if taken.iter().any(|k| **k == *text) {
            return Ok(None);
        }
    } else if let Some(&index) = schema.key_index.get(text.as_ref()) {
        let field = &schema.fields[index];
        if *field.key_text == *text || !has_own_key(field) {
            return Ok(None);
        }
    }
    Ok(Some(LineError::new(ErrorKind::ExtraForbidden, value.error_value()).with_outer(LocItem::Key(text.as_ref().into()))))
}

/// A dict, walked in insertion order while its keys are the fields' own keys
/// in field order (the usual case for literals and `**kwargs`), which needs no
/// hashing; any other key ends the walk and the remaining fields are looked up.
pub struct DictLookup<'a, 'py, S> {
    dict: &'a Bound<'py, PyDict>,
    /// What a missing field reports as its input.
    source: &'a S,
    pos: ffi::Py_ssize_t,
    in_order: bool,
    by_name: bool,
}

impl<'a, 'py, S: Input<'py>> DictLookup<'a, 'py, S> {
    pub fn new(dict: &'a Bound<'py, PyDict>, source: &'a S) -> Self {
        Self { dict, source, pos: 0, in_order: true, by_name: false }
    }
}

impl<'py, S: Input<'py>> FieldLookup<'py> for DictLookup<'_, 'py, S> {
    type Item = Bound<'py, PyAny>;

    #[inline(always)]
    fn get(&mut self, py: Python<'py>, _index: usize, field: &Field) -> ValResult<Option<Bound<'py, PyAny>>> {
        if self.in_order {
            let mut k: *mut ffi::PyObject = std::ptr::null_mut();
            let mut v: *mut ffi::PyObject = std::ptr::null_mut();
            // SAFETY: PyDict_Next yields borrowed pointers valid while the dict is
            // unchanged; the value is turned into an owned reference at once.
            unsafe {
                if ffi::PyDict_Next(self.dict.as_ptr(), &mut self.pos, &mut k, &mut v) != 0
                    && same_key(k, field.key.as_ptr(), &field.key_text)
                {
                    self.by_name = false;
                    return Ok(Some(Bound::from_borrowed_ptr(py, v)));
                }
            }
            self.in_order = false;
        }
        let found = dict_get(py, self.dict, &field.key);
        self.by_name = found.is_none() && field.alt_key.is_some();
        if !self.by_name {
            return Ok(found);
        }
        Ok(field.alt_key.as_ref().and_then(|(name, _)| dict_get(py, self.dict, name)))
    }

    fn walk(&mut self, py: Python<'py>, path: &AliasPath) -> ValResult<Option<Bound<'py, PyAny>>> {
        Ok(dict_get(py, self.dict, &path.first).and_then(|value| path.walk_python(value, false)))
    }

    fn found_by_name(&self) -> bool {
        self.by_name
    }

    #[cold]
    fn missing(&self) -> ValError {
        ValError::new(ErrorKind::Missing, self.source)
    }

    fn extra_values(&self, py: Python<'py>, schema: &CompiledSchema, found: usize, taken: Taken<'_>, errors: &mut Vec<LineError>) -> PyResult<Bound<'py, PyDict>> {
        let extra = PyDict::new(py);
        if self.dict.len() == found && taken.is_none() {
            return Ok(extra);
        }
        for (key, value) in self.dict.iter() {
            match extra_error(schema, &key, &value, taken, |field| dict_get(py, self.dict, &field.key).is_some())? {
                Some(line) if matches!(line.kind, ErrorKind::InvalidKey) => errors.push(line),
                Some(_) => extra.set_item(key, value)?,
                None => {}
            }
        }
        Ok(extra)
    }

    fn extra_errors(&self, _py: Python<'py>, schema: &CompiledSchema, found: usize, taken: Taken<'_>, errors: &mut Vec<LineError>) -> PyResult<()> {
        // every key named a field
        if self.dict.len() == found && taken.is_none() {
            return Ok(());
        }
        let py = self.dict.py();
        for (key, value) in self.dict.iter() {
            errors.extend(extra_error(schema, &key, &value, taken, |field| dict_get(py, self.dict, &field.key).is_some())?);
        }
        Ok(())
    }
}

/// The same object, or an exact str equal to the field's key (keys from JSON or
/// f-strings are equal but not identical); cheaper than hashing into the dict.
/// Field names are ASCII identifiers in practice, so only a compact ASCII key
/// is compared byte by byte; anything else falls back to the dict lookup.
///
/// # Safety
/// `k` must be a live object; `field_text` is the field key's text.
#[inline]
unsafe fn same_key(k: *mut ffi::PyObject, field_key: *mut ffi::PyObject, field_text: &str) -> bool {
    if k == field_key {
        return true;
    }
    if ffi::Py_TYPE(k) != std::ptr::addr_of_mut!(ffi::PyUnicode_Type) || ffi::PyUnicode_IS_ASCII(k) == 0 {
        return false;
    }
    let len = ffi::PyUnicode_GET_LENGTH(k) as usize;
    len == field_text.len()
        && std::slice::from_raw_parts(ffi::PyUnicode_DATA(k) as *const u8, len) == field_text.as_bytes()
}

/// A borrowed dict lookup that neither raises nor allocates.
#[inline]
pub fn dict_get<'py>(py: Python<'py>, dict: &Bound<'py, PyDict>, key: &Py<PyString>) -> Option<Bound<'py, PyAny>> {
    // SAFETY: both pointers are live; the result is borrowed from the dict, so it
    // is turned into an owned reference at once.
    unsafe {
        let item = ffi::PyDict_GetItemWithError(dict.as_ptr(), key.as_ptr());
        if item.is_null() {
            // A key comparison that raised is a missing key here.
            ffi::PyErr_Clear();
            None
        } else {
            Some(Bound::from_borrowed_ptr(py, item))
        }
    }
}

/// A Mapping that is not a dict, read one field key at a time (a KeyError
/// means absent), so that keys the fields do not name are never touched.
pub struct MappingLookup<'a, 'py> {
    pub mapping: &'a Bound<'py, PyAny>,
    pub by_name: bool,
}

impl<'py> FieldLookup<'py> for MappingLookup<'_, 'py> {
    type Item = Bound<'py, PyAny>;

    fn get(&mut self, py: Python<'py>, _index: usize, field: &Field) -> ValResult<Option<Bound<'py, PyAny>>> {
        self.by_name = false;
        match absent_on::<pyo3::exceptions::PyKeyError>(py, self.mapping.get_item(field.key.bind(py)))? {
            None => match &field.alt_key {
                Some((name, _)) => {
                    self.by_name = true;
                    absent_on::<pyo3::exceptions::PyKeyError>(py, self.mapping.get_item(name.bind(py)))
                }
                None => Ok(None),
            },
            found => Ok(found),
        }
    }

    fn walk(&mut self, py: Python<'py>, path: &AliasPath) -> ValResult<Option<Bound<'py, PyAny>>> {
        let first = absent_on::<pyo3::exceptions::PyKeyError>(py, self.mapping.get_item(path.first.bind(py)))?;
        Ok(first.and_then(|value| path.walk_python(value, false)))
    }

    fn found_by_name(&self) -> bool {
        self.by_name
    }

    #[cold]
    fn missing(&self) -> ValError {
        ValError::new(ErrorKind::Missing, self.mapping)
    }

    fn extra_values(&self, py: Python<'py>, schema: &CompiledSchema, _found: usize, taken: Taken<'_>, errors: &mut Vec<LineError>) -> PyResult<Bound<'py, PyDict>> {
        let extra = PyDict::new(py);
        for key in self.mapping.try_iter()? {
            let key = key?;
            let value = self.mapping.get_item(&key)?;
            let has_own_key = |field: &super::Field| self.mapping.contains(field.key.bind(py)).unwrap_or(false);
            match extra_error(schema, &key, &value, taken, has_own_key)? {
                Some(line) if matches!(line.kind, ErrorKind::InvalidKey) => errors.push(line),
                Some(_) => extra.set_item(key, value)?,
                None => {}
            }
        }
        Ok(extra)
    }

    fn extra_errors(&self, py: Python<'py>, schema: &CompiledSchema, _found: usize, taken: Taken<'_>, errors: &mut Vec<LineError>) -> PyResult<()> {
        for key in self.mapping.try_iter()? {
            let key = key?;
            let value = self.mapping.get_item(&key)?;
            let has_own_key = |field: &super::Field| self.mapping.contains(field.key.bind(py)).unwrap_or(false);
            errors.extend(extra_error(schema, &key, &value, taken, has_own_key)?);
        }
        Ok(())
    }
}

/// A looked-up value, or None when the lookup raised `E` (the field is absent).
fn absent_on<'py, E: pyo3::PyTypeInfo>(py: Python<'py>, found: PyResult<Bound<'py, PyAny>>) -> ValResult<Option<Bound<'py, PyAny>>> {
    match found {
        Ok(value) => Ok(Some(value)),
        Err(e) if e.is_instance_of::<E>(py) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// `from_attributes`: each field is the object's attribute of the field's key.
pub struct AttributesLookup<'a, 'py> {
    pub obj: &'a Bound<'py, PyAny>,
    pub by_name: bool,
}

impl<'py> FieldLookup<'py> for AttributesLookup<'_, 'py> {
    type Item = Bound<'py, PyAny>;

    fn get(&mut self, py: Python<'py>, _index: usize, field: &Field) -> ValResult<Option<Bound<'py, PyAny>>> {
        self.by_name = false;
        match absent_on::<pyo3::exceptions::PyAttributeError>(py, self.obj.getattr(field.key.bind(py)))? {
            None => match &field.alt_key {
                Some((name, _)) => {
                    self.by_name = true;
                    absent_on::<pyo3::exceptions::PyAttributeError>(py, self.obj.getattr(name.bind(py)))
                }
                None => Ok(None),
            },
            found => Ok(found),
        }
    }

    fn walk(&mut self, py: Python<'py>, path: &AliasPath) -> ValResult<Option<Bound<'py, PyAny>>> {
        let first = absent_on::<pyo3::exceptions::PyAttributeError>(py, self.obj.getattr(path.first.bind(py)))?;
        Ok(first.and_then(|value| path.walk_python(value, true)))
    }

    fn found_by_name(&self) -> bool {
        self.by_name
    }

    #[cold]
    fn missing(&self) -> ValError {
        ValError::new(ErrorKind::Missing, self.obj)
    }
}
