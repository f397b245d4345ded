//! `set[T]` and `frozenset[T]`: items validated in order and added as they
//! come, so duplicates count once. As pydantic does, the set growing past
//! `max_length` stops reading (its length then unknown: "not more"); an
//! unhashable item is an error at its index; `min_length` is checked last.

use pyo3::exceptions::PyTypeError;
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::seq_items::{inner_validator, lengths, read_items, validate_item, ItemSink};
use super::tuple::too_long;
use super::{node_strict, BuildContext, State, Validator};
use crate::errors::{ErrorKind, LineError, LocItem, ValError, ValResult};
use crate::input::{Collection, Input};

#[derive(Debug)]
pub struct SetValidator {
    strict: bool,
    kind: Collection,
    item: Box<Validator>,
    min: Option<u64>,
    max: Option<u64>,
}

struct Sink<'v, 'i, 'py, I: Input<'py>> {
    v: &'v SetValidator,
    input: &'i I,
    /// A new set or frozenset, filled here before anyone else sees it.
    out: Bound<'py, PyAny>,
    errors: Vec<LineError>,
}

impl<'py, I: Input<'py>> ItemSink<'py> for Sink<'_, '_, 'py, I> {
    fn item<J: Input<'py>>(&mut self, py: Python<'py>, index: usize, item: &J, state: &mut State) -> ValResult<()> {
        let Some(value) = validate_item(&self.v.item, py, index, item, &mut self.errors, state)? else {
            return Ok(());
        };
        // SAFETY: `out` is a set or a frozenset made in `validate` and not yet
        // shared, which PySet_Add may fill.
        if unsafe { ffi::PySet_Add(self.out.as_ptr(), value.as_ptr()) } < 0 {
            let err = PyErr::fetch(py);
            if !err.is_instance_of::<PyTypeError>(py) {
                return Err(err.into());
            }
            self.errors.push(LineError::new(ErrorKind::SetItemNotHashable, item.error_value()).with_outer(LocItem::Index(index)));
        }
        if let Some(max) = self.v.max {
            if self.out.len()? as u64 > max {
                return Err(too_long(self.v.kind.field_type(), max, None, self.input));
            }
        }
        Ok(())
    }
}

impl SetValidator {
    pub fn build(node: &Bound<'_, PyDict>, ctx: &BuildContext, kind: Collection) -> PyResult<Validator> {
        let strict = node_strict(node)?;
        let item = Box::new(inner_validator(node, "inner", ctx)?);
        let (min, max) = lengths(node)?;
        Ok(Validator::Set(SetValidator { strict, kind, item, min, max }))
    }

    pub fn item(&self) -> &Validator {
        &self.item
    }

    pub fn check_count(&self) -> usize {
        self.min.is_some() as usize + self.max.is_some() as usize + self.item.check_count()
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let collected = input.validate_collection(py, state.strict_or(self.strict), self.kind)?;
        state.floor_with(|| input.exactness(crate::input::Target::Collection(self.kind)));
        let read = super::seq_items::seq_len(&collected.items);
        // SAFETY: new empty sets; NULL (with an error set) becomes a PyErr.
        let out = unsafe {
            let ptr = if self.kind == Collection::FrozenSet { ffi::PyFrozenSet_New(std::ptr::null_mut()) } else { ffi::PySet_New(std::ptr::null_mut()) };
            Bound::from_owned_ptr_or_err(py, ptr)?
        };
        let mut sink = Sink { v: self, input, out, errors: Vec::new() };
        read_items(py, collected.items, &mut sink, state)?;
        if let Some(error) = collected.failure {
            return Err(super::seq_items::iteration_error(error, read, input));
        }
        let Sink { errors, out, .. } = sink;
        if !errors.is_empty() {
            return Err(ValError::Lines(errors));
        }
        let len = out.len()? as u64;
        if let Some(min) = self.min.filter(|&min| len < min) {
            let kind = ErrorKind::TooShort { field_type: self.kind.field_type().into(), min_length: min, actual_length: len };
            return Err(ValError::new(kind, input));
        }
        Ok(out)
    }
}
