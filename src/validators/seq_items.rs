//! Reading a `SeqInput` item by item, for the collections other than list
//! (tuple, set, frozenset, deque, iterable): each validator is a sink that
//! takes the items in order and may stop early with a length error.

use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::{node_get, State, Validator};
use crate::errors::{LineError, LocItem, ValError, ValResult};
use crate::input::{Input, JsonInput, SeqInput};

pub trait ItemSink<'py> {
    /// Takes the item at `index`; an Err stops reading and is the result.
    fn item<I: Input<'py>>(&mut self, py: Python<'py>, index: usize, item: &I, state: &mut State) -> ValResult<()>;
}

pub fn seq_len(seq: &SeqInput<'_, '_>) -> usize {
    match seq {
        SeqInput::List(list) => list.len(),
        SeqInput::Items(items) => items.len(),
        SeqInput::Json(items) => items.len(),
    }
}

pub fn read_items<'py, S: ItemSink<'py>>(py: Python<'py>, seq: SeqInput<'_, 'py>, sink: &mut S, state: &mut State) -> ValResult<()> {
    // tuples, sets and the like are read whole, as in pydantic: never partial
    state.with_partial(false, |state| read_all(py, seq, sink, state))
}

fn read_all<'py, S: ItemSink<'py>>(py: Python<'py>, seq: SeqInput<'_, 'py>, sink: &mut S, state: &mut State) -> ValResult<()> {
    match seq {
        SeqInput::List(list) => {
            // by index with the current length: validating may change the list
            let mut index = 0;
            while index < list.len() {
                let item = list.get_item(index)?;
                sink.item(py, index, &item, state)?;
                index += 1;
            }
        }
        SeqInput::Items(items) => {
            for (index, item) in items.iter().enumerate() {
                sink.item(py, index, item, state)?;
            }
        }
        SeqInput::Json(items) => {
            for (index, item) in items.iter().enumerate() {
                sink.item(py, index, &JsonInput::Value(item), state)?;
            }
        }
    }
    Ok(())
}

/// What the input's iterator raised after `read` items, as pydantic reports
/// it: alone, the items' own errors dropped.
#[cold]
pub fn iteration_error<'py>(error: std::sync::Arc<str>, index: usize, input: &impl Input<'py>) -> ValError {
    let line = LineError::new(crate::errors::ErrorKind::IterationError { error }, input.error_value());
    ValError::Lines(vec![line.with_outer(LocItem::Index(index))])
}

/// Validates one item: its value, or None with its errors recorded at `index`.
#[inline]
pub fn validate_item<'py, I: Input<'py>>(
    validator: &Validator,
    py: Python<'py>,
    index: usize,
    item: &I,
    errors: &mut Vec<LineError>,
    state: &mut State,
) -> ValResult<Option<Bound<'py, PyAny>>> {
    match validator.validate(py, item, state) {
        Ok(value) => Ok(Some(value)),
        Err(ValError::Lines(lines)) => {
            errors.extend(lines.into_iter().map(|l| l.with_outer(LocItem::Index(index))));
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// The item validator of a node (`inner`), Any when the node has none.
pub fn inner_validator(node: &Bound<'_, PyDict>, key: &str, ctx: &super::BuildContext) -> PyResult<Validator> {
    Ok(match node_get(node, key)? {
        Some(inner) => Validator::build(inner.cast::<PyDict>()?, ctx)?,
        None => Validator::Any(super::any::AnyValidator),
    })
}

/// `min_length` and `max_length` of a node's constraints.
pub fn lengths(node: &Bound<'_, PyDict>) -> PyResult<(Option<u64>, Option<u64>)> {
    let Some(constraints) = node_get(node, "constraints")? else {
        return Ok((None, None));
    };
    let constraints = constraints.cast::<PyDict>()?;
    let min = node_get(constraints, "min_length")?.map(|v| v.extract()).transpose()?;
    let max = node_get(constraints, "max_length")?.map(|v| v.extract()).transpose()?;
    Ok((min, max))
}
