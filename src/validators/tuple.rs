//! `tuple[A, B]`, `tuple[T, ...]`, `tuple[()]` and bare `tuple`: positional
//! items, then the variadic rest. As pydantic does, a length beyond
//! `max_length` (or extra items of a fixed tuple) stops reading at once; a
//! missing item and `min_length` are reported beside the items' errors.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use super::seq_items::{inner_validator, iteration_error, lengths, read_items, seq_len, validate_item, ItemSink};
use super::{node_get, node_strict, BuildContext, State, Validator};
use crate::errors::{ErrorKind, LineError, LocItem, ValError, ValResult};
use crate::input::{Collection, Input};

#[derive(Debug)]
pub struct TupleValidator {
    strict: bool,
    items: Vec<Validator>,
    /// The validator of every item after `items`; None for a fixed tuple.
    rest: Option<Box<Validator>>,
    min: Option<u64>,
    max: Option<u64>,
}

/// A length error for `input`: with the input's length when it was known.
#[cold]
pub fn too_long<'py>(field_type: &'static str, max: u64, actual: Option<u64>, input: &impl Input<'py>) -> ValError {
    let kind = match actual {
        Some(actual_length) => ErrorKind::TooLong { field_type: field_type.into(), max_length: max, actual_length },
        None => ErrorKind::TooLongUnsized { field_type: field_type.into(), max_length: max },
    };
    ValError::new(kind, input)
}

struct Sink<'v, 'i, 'py, I: Input<'py>> {
    v: &'v TupleValidator,
    input: &'i I,
    actual: Option<u64>,
    out: Vec<Bound<'py, PyAny>>,
    errors: Vec<LineError>,
    read: usize,
}

impl<'py, I: Input<'py>> ItemSink<'py> for Sink<'_, '_, 'py, I> {
    fn item<J: Input<'py>>(&mut self, py: Python<'py>, index: usize, item: &J, state: &mut State) -> ValResult<()> {
        self.read = index + 1;
        let validator = match (self.v.items.get(index), &self.v.rest) {
            (Some(v), _) => v,
            (None, Some(rest)) => rest,
            (None, None) => return Err(too_long("Tuple", self.v.items.len() as u64, self.actual, self.input)),
        };
        if let Some(value) = validate_item(validator, py, index, item, &mut self.errors, state)? {
            self.out.push(value);
            if let Some(max) = self.v.max {
                if self.out.len() as u64 > max {
                    return Err(too_long("Tuple", max, self.actual, self.input));
                }
            }
        }
        Ok(())
    }
}

impl TupleValidator {
    pub fn build(node: &Bound<'_, PyDict>, ctx: &BuildContext) -> PyResult<Validator> {
        let strict = node_strict(node)?;
        let mut items = Vec::new();
        if let Some(list) = node_get(node, "items")? {
            for item in list.try_iter()? {
                items.push(Validator::build(item?.cast::<PyDict>()?, ctx)?);
            }
        }
        let rest = match node_get(node, "rest")? {
            Some(_) => Some(Box::new(inner_validator(node, "rest", ctx)?)),
            None => None,
        };
        let (min, max) = lengths(node)?;
        Ok(Validator::Tuple(TupleValidator { strict, items, rest, min, max }))
    }

    pub fn validators(&self) -> impl Iterator<Item = &Validator> {
        self.items.iter().chain(self.rest.as_deref())
    }

    pub fn check_count(&self) -> usize {
        self.min.is_some() as usize + self.max.is_some() as usize + self.validators().map(Validator::check_count).sum::<usize>()
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let collected = input.validate_collection(py, state.strict_or(self.strict), Collection::Tuple)?;
        state.floor_with(|| input.exactness(crate::input::Target::Collection(Collection::Tuple)));
        let len = seq_len(&collected.items);
        let actual = collected.sized.then_some(len as u64);
        let mut sink = Sink { v: self, input, actual, out: Vec::with_capacity(len), errors: Vec::new(), read: 0 };
        read_items(py, collected.items, &mut sink, state)?;
        if let Some(error) = collected.failure {
            // pydantic's tuple reports it one place further on
            return Err(iteration_error(error, len + 1, input));
        }
        let Sink { mut errors, out, read, .. } = sink;
        for index in read..self.items.len() {
            errors.push(LineError::new(ErrorKind::Missing, input.error_value()).with_outer(LocItem::Index(index)));
        }
        if let Some(min) = self.min.filter(|&min| (out.len() as u64) < min) {
            let kind = ErrorKind::TooShort { field_type: "Tuple".into(), min_length: min, actual_length: out.len() as u64 };
            errors.push(LineError::new(kind, input.error_value()));
        }
        if !errors.is_empty() {
            return Err(ValError::Lines(errors));
        }
        Ok(PyTuple::new(py, out)?.into_any())
    }
}
