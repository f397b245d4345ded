//! `Iterable[T]`: pydantic returns a lazy iterator that validates each item as
//! it is taken; satya reads the input at once and returns a list of the
//! validated items, so item errors come at validation, located at their index.
//! Any iterable is taken, in strict mode too; from JSON, an array.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use super::seq_items::{inner_validator, read_items, validate_item, ItemSink};
use super::{BuildContext, State, Validator};
use crate::errors::{ErrorKind, LineError, ValError, ValResult};
use crate::input::{Input, SeqInput};

#[derive(Debug)]
pub struct IterableValidator {
    item: Box<Validator>,
}

struct Sink<'v, 'py> {
    item: &'v Validator,
    out: Vec<Bound<'py, PyAny>>,
    errors: Vec<LineError>,
}

impl<'py> ItemSink<'py> for Sink<'_, 'py> {
    fn item<J: Input<'py>>(&mut self, py: Python<'py>, index: usize, item: &J, state: &mut State) -> ValResult<()> {
        if let Some(value) = validate_item(self.item, py, index, item, &mut self.errors, state)? {
            self.out.push(value);
        }
        Ok(())
    }
}

impl IterableValidator {
    pub fn build(node: &Bound<'_, PyDict>, ctx: &BuildContext) -> PyResult<Validator> {
        Ok(Validator::Iterable(IterableValidator { item: Box::new(inner_validator(node, "inner", ctx)?) }))
    }

    pub fn item(&self) -> &Validator {
        &self.item
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let seq = if input.is_python() {
            let value = input.to_python(py)?;
            let iter = match value.try_iter() {
                Ok(iter) => iter,
                Err(e) if e.is_instance_of::<PyTypeError>(py) => return Err(ValError::new(ErrorKind::IterableType, input)),
                Err(e) => return Err(e.into()),
            };
            SeqInput::Items(iter.collect::<PyResult<_>>()?)
        } else {
            match input.validate_list(py, false) {
                Ok(seq) => seq,
                Err(ValError::Lines(_)) => return Err(ValError::new(ErrorKind::IterableType, input)),
                Err(e) => return Err(e),
            }
        };
        let mut sink = Sink { item: &self.item, out: Vec::new(), errors: Vec::new() };
        read_items(py, seq, &mut sink, state)?;
        if !sink.errors.is_empty() {
            return Err(ValError::Lines(sink.errors));
        }
        Ok(PyList::new(py, sink.out)?.into_any())
    }
}
