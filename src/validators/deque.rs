//! `collections.deque[T]`: read as pydantic reads a list (an input whose
//! length is known is refused at once when too long), then made a deque.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use super::seq_items::{inner_validator, lengths, read_items, seq_len, validate_item, ItemSink};
use super::tuple::too_long;
use super::{node_strict, BuildContext, State, Validator};
use crate::errors::{ErrorKind, LineError, ValError, ValResult};
use crate::input::{deque_type, Collection, Input};

#[derive(Debug)]
pub struct DequeValidator {
    strict: bool,
    item: Box<Validator>,
    min: Option<u64>,
    max: Option<u64>,
}

struct Sink<'v, 'i, 'py, I: Input<'py>> {
    v: &'v DequeValidator,
    input: &'i I,
    out: Vec<Bound<'py, PyAny>>,
    errors: Vec<LineError>,
}

impl<'py, I: Input<'py>> ItemSink<'py> for Sink<'_, '_, 'py, I> {
    fn item<J: Input<'py>>(&mut self, py: Python<'py>, index: usize, item: &J, state: &mut State) -> ValResult<()> {
        // reached only for input of unknown length (known ones are refused
        // before reading): pydantic stops at the first item past the limit
        if let Some(max) = self.v.max.filter(|&max| index as u64 >= max) {
            return Err(too_long("Deque", max, None, self.input));
        }
        if let Some(value) = validate_item(&self.v.item, py, index, item, &mut self.errors, state)? {
            self.out.push(value);
        }
        Ok(())
    }
}

impl DequeValidator {
    pub fn build(node: &Bound<'_, PyDict>, ctx: &BuildContext) -> PyResult<Validator> {
        let strict = node_strict(node)?;
        let item = Box::new(inner_validator(node, "inner", ctx)?);
        let (min, max) = lengths(node)?;
        Ok(Validator::Deque(DequeValidator { strict, item, min, max }))
    }

    pub fn item(&self) -> &Validator {
        &self.item
    }

    pub fn check_count(&self) -> usize {
        self.min.is_some() as usize + self.max.is_some() as usize + self.item.check_count()
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let collected = input.validate_collection(py, state.strict_or(self.strict), Collection::Deque)?;
        state.floor_with(|| input.exactness(crate::input::Target::Collection(Collection::Deque)));
        let len = seq_len(&collected.items) as u64;
        if let Some(max) = self.max.filter(|&max| collected.sized && len > max) {
            return Err(too_long("Deque", max, Some(len), input));
        }
        let mut sink = Sink { v: self, input, out: Vec::with_capacity(len as usize), errors: Vec::new() };
        read_items(py, collected.items, &mut sink, state)?;
        if let Some(error) = collected.failure {
            return Err(super::seq_items::iteration_error(error, len as usize, input));
        }
        let Sink { errors, out, .. } = sink;
        if !errors.is_empty() {
            return Err(ValError::Lines(errors));
        }
        if let Some(min) = self.min.filter(|&min| (out.len() as u64) < min) {
            let kind = ErrorKind::TooShort { field_type: "Deque".into(), min_length: min, actual_length: out.len() as u64 };
            return Err(ValError::new(kind, input));
        }
        Ok(deque_type(py)?.call1((PyList::new(py, out)?,))?)
    }
}
