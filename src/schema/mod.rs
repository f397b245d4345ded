//! `CompiledSchema`: everything a Model class needs at validation time, built
//! once when the class statement runs and kept on the class.

mod build;
mod layout;

use std::sync::Arc;

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use smallvec::SmallVec;

use crate::errors::{ErrorKind, LineError, LocItem, ValError, ValResult};
use crate::validators::{CheckError, State, Validator};

pub use layout::SlotOffset;

pub enum DefaultValue {
    Required,
    Value { value: Py<PyAny>, copy: DefaultCopy },
    Factory(Py<PyAny>),
}

/// How each use of a default gets its own value, decided at class definition
/// (pydantic's rule): immutable values are shared, empty builtin containers are
/// made new, anything else is deep-copied.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DefaultCopy {
    Shared,
    EmptyList,
    EmptyDict,
    EmptySet,
    Deep,
}

pub struct Field {
    /// Interned attribute name.
    pub name: Py<PyString>,
    /// Interned input key: the alias when there is one.
    pub key: Py<PyString>,
    /// The key's text, for comparing keys that are equal but not identical.
    pub key_text: Box<str>,
    pub validator: Validator,
    pub default: DefaultValue,
    /// Slot in the Program's buffer, when the Program checks this field.
    pub slot: Option<u32>,
    /// Where the instance stores this field.
    pub offset: SlotOffset,
}

/// What a failing Program check reports, and for which field.
pub struct CheckSite {
    pub field: u32,
    pub error: CheckError,
}

pub struct CompiledSchema {
    pub class_name: Arc<str>,
    pub title: Py<PyString>,
    pub fields: Vec<Field>,
    pub program: satya_jit::Program,
    pub backend: crate::backend::Backend,
    pub sites: Vec<CheckSite>,
    /// Whether the class asked for native code (it may still have fallen back).
    pub jit_requested: bool,
    /// Strict mode: only dicts and instances are accepted as input.
    pub strict: bool,
    /// Every field holds an immutable scalar, so instances need no GC tracking.
    pub scalars_only: bool,
}

/// Errors tagged with their field's index, so they can be reported in field order.
type FieldErrors = SmallVec<[(usize, LineError); 4]>;

/// Validated values in field order, before they are written to an instance.
pub type Values<'py> = SmallVec<[Bound<'py, PyAny>; 12]>;

impl CompiledSchema {
    /// Looks up, coerces and checks every field of `input`; collects every error.
    /// `source` is what the caller was given (the dict itself, or the Mapping
    /// it was read from); a missing field reports it as its input.
    pub fn validate_dict<'py>(
        &self,
        py: Python<'py>,
        input: &Bound<'py, PyDict>,
        source: &Bound<'py, PyAny>,
        state: &mut State,
    ) -> ValResult<Values<'py>> {
        let mut values: Values<'py> = SmallVec::with_capacity(self.fields.len());
        let mut slots: SmallVec<[u64; 16]> = SmallVec::from_elem(0, self.program.n_slots());
        let mut filled: SmallVec<[bool; 16]> = SmallVec::from_elem(false, self.program.n_slots());
        let mut errors: FieldErrors = SmallVec::new();
        let mut ordered = OrderedKeys::new();
        for (index, field) in self.fields.iter().enumerate() {
            let Some(item) = ordered.get(py, input, &field.key, &field.key_text) else {
                match self.default_for(py, field, source) {
                    Ok(v) => values.push(v),
                    Err(e) => collect(py, &mut errors, index, field, e)?,
                }
                continue;
            };
            let result = match field.slot {
                Some(slot) => field.validator.validate_deferred(py, &item, state).map(|(v, bits)| {
                    if let Some(bits) = bits {
                        slots[slot as usize] = bits;
                        filled[slot as usize] = true;
                    }
                    v
                }),
                None => field.validator.validate(py, &item, state),
            };
            match result {
                Ok(v) => values.push(v),
                Err(e) => collect(py, &mut errors, index, field, e)?,
            }
        }
        if !self.program.is_empty() {
            let mut out: SmallVec<[u64; 2]> = SmallVec::from_elem(0, self.program.out_words());
            if self.backend.run(&self.program, &slots, &mut out) != 0 {
                self.program_errors(py, input, &slots, &filled, &out, &mut errors);
            }
        }
        if errors.is_empty() {
            Ok(values)
        } else {
            Err(sorted_lines(errors))
        }
    }

    /// Turns failing checks into errors: the first failure of each field whose
    /// value reached its slot.
    #[cold]
    #[inline(never)]
    fn program_errors(
        &self,
        py: Python<'_>,
        input: &Bound<'_, PyDict>,
        slots: &[u64],
        filled: &[bool],
        failed: &[u64],
        errors: &mut FieldErrors,
    ) {
        let mut reported: SmallVec<[u32; 8]> = SmallVec::new();
        for (i, check) in self.program.checks().iter().enumerate() {
            if failed[i / 64] & (1 << (i % 64)) == 0 || !filled[check.slot as usize] {
                continue;
            }
            let site = &self.sites[i];
            if reported.contains(&site.field) {
                continue;
            }
            reported.push(site.field);
            let field = &self.fields[site.field as usize];
            let input_value = dict_get(py, input, &field.key).map(|v| v.unbind()).unwrap_or_else(|| py.None());
            let mut line = LineError::new(site.error.to_kind(slots[check.slot as usize]), input_value);
            line.loc_reversed.push(LocItem::Key(field.key.clone_ref(py).into_any()));
            errors.push((site.field as usize, line));
        }
    }

    #[inline]
    fn default_for<'py>(&self, py: Python<'py>, field: &Field, source: &Bound<'py, PyAny>) -> ValResult<Bound<'py, PyAny>> {
        match &field.default {
            DefaultValue::Value { value, copy } => Ok(match copy {
                DefaultCopy::Shared => value.bind(py).clone(),
                DefaultCopy::EmptyList => pyo3::types::PyList::empty(py).into_any(),
                DefaultCopy::EmptyDict => PyDict::new(py).into_any(),
                DefaultCopy::EmptySet => pyo3::types::PySet::empty(py)?.into_any(),
                DefaultCopy::Deep => deep_copy(py, value.bind(py))?,
            }),
            DefaultValue::Factory(factory) => Ok(factory.bind(py).call0()?),
            DefaultValue::Required => Err(ValError::new(ErrorKind::Missing, source)),
        }
    }

    /// The fields present in a Mapping that is not a dict, read one key at a
    /// time (a KeyError means absent), so that keys the fields do not name are
    /// never touched.
    #[cold]
    pub fn fields_of_mapping<'py>(&self, mapping: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
        let py = mapping.py();
        let out = PyDict::new(py);
        for field in &self.fields {
            match mapping.get_item(field.key.bind(py)) {
                Ok(value) => out.set_item(field.key.bind(py), value)?,
                Err(e) if e.is_instance_of::<pyo3::exceptions::PyKeyError>(py) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }

    pub fn field_index(&self, py: Python<'_>, name: &Bound<'_, PyAny>) -> Option<usize> {
        let ptr = name.as_ptr();
        if let Some(i) = self.fields.iter().position(|f| f.name.as_ptr() == ptr) {
            return Some(i);
        }
        let name = name.cast::<PyString>().ok()?.to_str().ok()?;
        self.fields.iter().position(|f| f.name.bind(py).to_str().map(|s| s == name).unwrap_or(false))
    }

    pub fn visit_objects(&self, visit: &mut dyn FnMut(&Py<PyAny>)) {
        for field in &self.fields {
            field.validator.visit_objects(visit);
            match &field.default {
                DefaultValue::Value { value, .. } | DefaultValue::Factory(value) => visit(value),
                DefaultValue::Required => {}
            }
        }
    }
}

fn deep_copy<'py>(py: Python<'py>, value: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    static DEEPCOPY: pyo3::sync::PyOnceLock<Py<PyAny>> = pyo3::sync::PyOnceLock::new();
    DEEPCOPY.import(py, "copy", "deepcopy")?.call1((value,))
}

/// Walks the input in insertion order while its keys are the fields' own
/// interned key objects in field order (the usual case for literals and
/// `**kwargs`), which needs no hashing; any other key ends the walk and the
/// remaining fields are looked up.
struct OrderedKeys {
    pos: ffi::Py_ssize_t,
    active: bool,
}

impl OrderedKeys {
    #[inline]
    fn new() -> Self {
        Self { pos: 0, active: true }
    }

    #[inline]
    fn get<'py>(&mut self, py: Python<'py>, dict: &Bound<'py, PyDict>, key: &Py<PyString>, key_text: &str) -> Option<Bound<'py, PyAny>> {
        if self.active {
            let mut k: *mut ffi::PyObject = std::ptr::null_mut();
            let mut v: *mut ffi::PyObject = std::ptr::null_mut();
            // SAFETY: PyDict_Next yields borrowed pointers valid while the dict is
            // unchanged; the value is turned into an owned reference at once.
            unsafe {
                if ffi::PyDict_Next(dict.as_ptr(), &mut self.pos, &mut k, &mut v) != 0 && same_key(k, key.as_ptr(), key_text) {
                    return Some(Bound::from_borrowed_ptr(py, v));
                }
            }
            self.active = false;
        }
        dict_get(py, dict, key)
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

#[cold]
fn collect(py: Python<'_>, errors: &mut FieldErrors, index: usize, field: &Field, err: ValError) -> ValResult<()> {
    match err {
        ValError::Lines(lines) => {
            for mut line in lines {
                line.loc_reversed.push(LocItem::Key(field.key.clone_ref(py).into_any()));
                errors.push((index, line));
            }
            Ok(())
        }
        internal => Err(internal),
    }
}

#[cold]
fn sorted_lines(mut errors: FieldErrors) -> ValError {
    errors.sort_by_key(|(index, _)| *index);
    ValError::Lines(errors.into_iter().map(|(_, line)| line).collect())
}
