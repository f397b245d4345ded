//! `list[T]`: lax mode also takes tuples, sets, deques, dict views and
//! generators; strict mode only lists. Length bounds count the items.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use pyo3::ffi;
use satya_jit::{Check, CheckKind, Program, Shape};

use super::checks::{CheckError, LeafChecks};
use crate::backend::Backend;
use super::{BuildContext, node_get, node_strict, State, Validator};
use crate::errors::{ErrorKind, InputValue, LineError, LocItem, ValError, ValResult};
use jiter::{JsonValue, Peek};
use crate::batch::{JsonReader, Native};
use crate::input::Target;
use crate::input::{Input, JsonInput, SeqInput};

#[derive(Debug)]
pub struct ListValidator {
    strict: bool,
    item: Box<Validator>,
    checks: Option<LeafChecks>,
    /// Item constraints run over the whole list at once (native code or the
    /// interpreter), for lists of exact ints, floats or strs.
    items: Option<ItemProgram>,
}

/// How an item becomes its 64-bit slot.
#[derive(Debug, Clone, Copy, PartialEq)]
enum ItemKind {
    Int,
    Float,
    Str,
}

#[derive(Debug)]
pub struct ItemProgram {
    kind: ItemKind,
    checks: LeafChecks,
    program: Program,
    backend: Backend,
}

impl ItemProgram {
    fn build(item: &Validator, ctx: &BuildContext) -> Option<Self> {
        let kind = match item {
            Validator::ConstrainedInt(_) => ItemKind::Int,
            Validator::ConstrainedFloat(v) if v.finite_check_count() == 0 => ItemKind::Float,
            // a transformed string is not the input's own text
            Validator::ConstrainedStr(v) if !v.transforms() => ItemKind::Str,
            _ => return None,
        };
        let checks = item.program_checks()?.clone();
        let program = Program::new(1, checks.0.iter().map(|c| Check { slot: 0, kind: c.kind, origin: c.origin }).collect()).ok()?;
        let backend = Backend::choose(&program, Shape::Array, ctx);
        Some(ItemProgram { kind, checks, program, backend })
    }

    pub fn program(&self) -> &Program {
        &self.program
    }

    pub fn backend(&self) -> &Backend {
        &self.backend
    }

    /// The slot of every item (with spare capacity for the failing indices),
    /// or None when an item needs coercion or an int does not fit 64 bits:
    /// then the list takes the per-item path.
    fn slots(&self, list: &Bound<'_, PyList>) -> Option<Vec<u64>> {
        let n = list.len();
        let mut slots = Vec::with_capacity(2 * n);
        // SAFETY: indices are below the list's length, read under the GIL with
        // no Python code running in between; each item is only inspected.
        let item = |i: usize| unsafe { ffi::PyList_GET_ITEM(list.as_ptr(), i as ffi::Py_ssize_t) };
        let is = |obj: *mut ffi::PyObject, tp: *mut ffi::PyTypeObject| unsafe { ffi::Py_TYPE(obj) == tp };
        // One loop per kind keeps the type test out of a per-item match.
        match self.kind {
            ItemKind::Float => {
                let float_type = std::ptr::addr_of_mut!(ffi::PyFloat_Type);
                for i in 0..n {
                    let obj = item(i);
                    if !is(obj, float_type) {
                        return None;
                    }
                    // SAFETY: obj is an exact float.
                    slots.push(unsafe { ffi::PyFloat_AS_DOUBLE(obj) }.to_bits());
                }
            }
            ItemKind::Int => {
                let int_type = std::ptr::addr_of_mut!(ffi::PyLong_Type);
                for i in 0..n {
                    let obj = item(i);
                    if !is(obj, int_type) {
                        return None;
                    }
                    let mut overflow = 0;
                    // SAFETY: obj is an exact int; the call cannot fail for one.
                    let v = unsafe { ffi::PyLong_AsLongLongAndOverflow(obj, &mut overflow) };
                    if overflow != 0 {
                        return None;
                    }
                    slots.push(v as u64);
                }
            }
            ItemKind::Str => {
                let str_type = std::ptr::addr_of_mut!(ffi::PyUnicode_Type);
                for i in 0..n {
                    let obj = item(i);
                    if !is(obj, str_type) {
                        return None;
                    }
                    // SAFETY: obj is an exact str, borrowed from the list.
                    let text = unsafe { Bound::from_borrowed_ptr(list.py(), obj) };
                    // A lone surrogate sends the list to the per-item path, which reports it.
                    if crate::input::has_surrogates(text.cast::<pyo3::types::PyString>().ok()?) {
                        return None;
                    }
                    // SAFETY: as above.
                    slots.push(unsafe { ffi::PyUnicode_GetLength(obj) } as u64);
                }
            }
        }
        Some(slots)
    }

    /// The items' slots from a JSON array whose items need no coercion, with
    /// the same spare capacity; None when an item is of another JSON type.
    fn json_slots(&self, items: &[JsonValue<'_>]) -> Option<Vec<u64>> {
        let mut slots = Vec::with_capacity(2 * items.len());
        for item in items {
            slots.push(match (self.kind, item) {
                (ItemKind::Int, JsonValue::Int(i)) => *i as u64,
                (ItemKind::Float, JsonValue::Float(f)) => f.to_bits(),
                (ItemKind::Float, JsonValue::Int(i)) => (*i as f64).to_bits(),
                (ItemKind::Str, JsonValue::Str(s)) => s.chars().count() as u64,
                _ => return None,
            });
        }
        Some(slots)
    }

    /// Runs the item checks over `buffer` (the items' slots, with capacity for
    /// as many failing indices): each failing item's index and its error.
    fn failures(&self, mut buffer: Vec<u64>) -> Vec<(usize, ErrorKind)> {
        let n = buffer.len();
        buffer.resize(2 * n, 0); // within the capacity the slots were given
        let (slots, failing) = buffer.split_at_mut(n);
        // run_array reports at most n indices, each below n; `get` keeps a
        // broken backend from indexing out of bounds all the same.
        let failed = (self.backend.run_array(&self.program, slots, failing) as usize).min(n);
        failing[..failed]
            .iter()
            .filter_map(|&index| Some((index as usize, self.checks.first_failure(*slots.get(index as usize)?)?)))
            .collect()
    }

    /// Validates an exact list whose items need no coercion; None sends it to
    /// the per-item path.
    fn validate<'py>(&self, list: &Bound<'py, PyList>) -> Option<ValResult<Bound<'py, PyList>>> {
        let failures = self.failures(self.slots(list)?);
        if !failures.is_empty() {
            return Some(Err(item_errors(failures, |i| list.get_item(i).map(|item| item.error_value()).ok())));
        }
        // The items are already exact values: the result is a copy of the list
        // (made here rather than by `get_slice`, which panics on a failed copy).
        // SAFETY: list is a live list; the result is a new list or NULL with an error set.
        let copy = unsafe { Bound::from_owned_ptr_or_err(list.py(), ffi::PyList_GetSlice(list.as_ptr(), 0, ffi::PY_SSIZE_T_MAX)) };
        Some(copy.and_then(|c| Ok(c.cast_into::<PyList>()?)).map_err(ValError::from))
    }

    /// Validates a JSON array whose items need no coercion; None sends it to
    /// the per-item path.
    fn validate_json<'py>(&self, py: Python<'py>, items: &[JsonValue<'_>]) -> Option<ValResult<Bound<'py, PyList>>> {
        let failures = self.failures(self.json_slots(items)?);
        if !failures.is_empty() {
            return Some(Err(item_errors(failures, |i| Some(JsonInput::Value(items.get(i)?).error_value()))));
        }
        let values: PyResult<Vec<Bound<'py, PyAny>>> = items
            .iter()
            .map(|item| {
                Ok(match (self.kind, item) {
                    (ItemKind::Float, JsonValue::Int(i)) => pyo3::types::PyFloat::new(py, *i as f64).into_any(),
                    (_, item) => crate::input::json_to_python(py, item)?,
                })
            })
            .collect();
        Some(values.and_then(|v| PyList::new(py, v)).map_err(ValError::from))
    }
}

/// The errors of failing items, located at their indices.
#[cold]
fn item_errors(failures: Vec<(usize, ErrorKind)>, input: impl Fn(usize) -> Option<InputValue>) -> ValError {
    let lines = failures
        .into_iter()
        .filter_map(|(index, kind)| Some(LineError::new(kind, input(index)?).with_outer(LocItem::Index(index))))
        .collect();
    ValError::Lines(lines)
}

impl ListValidator {
    pub fn build(node: &Bound<'_, PyDict>, ctx: &BuildContext) -> PyResult<Validator> {
        let strict = node_strict(node)?;
        let item = match node_get(node, "inner")? {
            Some(inner) => Validator::build(inner.cast::<PyDict>()?, ctx)?,
            None => Validator::Any(super::any::AnyValidator),
        };
        let checks = LeafChecks::read_lengths(node, |min, limit| CheckError::SeqLen { min, limit, field_type: "List" })?;
        let items = ItemProgram::build(&item, ctx);
        Ok(Validator::List(ListValidator { strict, item: Box::new(item), checks, items }))
    }

    pub fn checks(&self) -> Option<&LeafChecks> {
        self.checks.as_ref()
    }

    fn exceeds_max_length(&self, len: usize) -> bool {
        self.checks.as_ref().is_some_and(|c| c.0.iter().any(|c| matches!(c.kind, CheckKind::LenMax(max) if len as u64 > max)))
    }

    pub fn item_program(&self) -> Option<&ItemProgram> {
        self.items.as_ref()
    }

    pub fn item(&self) -> &Validator {
        &self.item
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let (list, len) = self.validate_deferred(py, input, state)?;
        if let (Some(checks), Some(len)) = (&self.checks, len) {
            if let Some(kind) = checks.first_failure(len) {
                return Err(ValError::new(kind, input));
            }
        }
        Ok(list)
    }

    pub fn validate_deferred<'py>(
        &self,
        py: Python<'py>,
        input: &impl Input<'py>,
        state: &mut State,
    ) -> ValResult<(Bound<'py, PyAny>, Option<u64>)> {
        let seq = input.validate_list(py, state.strict_or(self.strict))?;
        state.floor_with(|| input.exactness(Target::List));
        let len = match &seq {
            SeqInput::List(list) => list.len(),
            SeqInput::Items(items) => items.len(),
            SeqInput::Json(items) => items.len(),
        };
        // Too long: the length is the one error, as pydantic reports it; the
        // placeholder value is never used, since the length check fails.
        if self.exceeds_max_length(len) {
            return Ok((py.None().into_bound(py), Some(len as u64)));
        }
        if state.partial {
            let list = match seq {
                SeqInput::List(list) => self.validate_items(py, list.iter(), len, state)?,
                SeqInput::Items(items) => self.validate_items(py, items.into_iter(), len, state)?,
                SeqInput::Json(items) => self.validate_items(py, items.iter().map(JsonInput::Value), len, state)?,
            };
            let len = self.checks.as_ref().map(|_| list.len() as u64);
            return Ok((list.into_any(), len));
        }
        let list = match seq {
            SeqInput::List(list) => match self.items.as_ref().filter(|_| list.is_exact_instance_of::<PyList>()).and_then(|items| items.validate(&list)) {
                Some(result) => result?,
                // Read by index at the C level: a subclass's __iter__ is not used.
                None => self.validate_items(py, list.iter(), len, state)?,
            },
            SeqInput::Items(items) => self.validate_items(py, items.into_iter(), len, state)?,
            SeqInput::Json(items) => match self.items.as_ref().and_then(|program| program.validate_json(py, items)) {
                Some(result) => result?,
                None => self.validate_items(py, items.iter().map(JsonInput::Value), len, state)?,
            },
        };
        let len = self.checks.as_ref().map(|_| list.len() as u64);
        Ok((list.into_any(), len))
    }

    /// Off the GIL: an array whose items are all valid.
    pub fn native_deferred<'d>(&'d self, json: &mut JsonReader<'d>, peek: Peek) -> Option<(Native<'d>, Option<u64>)> {
        let mut out = Vec::new();
        let mut next = json.array(peek)?;
        while let Some(item_peek) = next {
            out.push(self.item.native(json, item_peek)?);
            next = json.array_step()?;
        }
        if self.exceeds_max_length(out.len()) {
            return None;
        }
        let len = self.checks.as_ref().map(|_| out.len() as u64);
        Some((Native::List(out), len))
    }

    pub fn native<'d>(&'d self, json: &mut JsonReader<'d>, peek: Peek) -> Option<Native<'d>> {
        let (value, len) = self.native_deferred(json, peek)?;
        LeafChecks::admit(self.checks.as_ref(), len, value)
    }

    #[inline]
    fn validate_items<'py, I: Input<'py>>(
        &self,
        py: Python<'py>,
        items: impl Iterator<Item = I>,
        len: usize,
        state: &mut State,
    ) -> ValResult<Bound<'py, PyList>> {
        let mut out = Vec::with_capacity(len);
        let mut errors: Vec<LineError> = Vec::new();
        // partial: only the last item may be cut short, and it is dropped if it fails
        let partial = std::mem::replace(&mut state.partial, false);
        for (index, item) in items.enumerate() {
            let last = partial && index + 1 == len;
            state.partial = last;
            match self.item.validate(py, &item, state) {
                Ok(v) => out.push(v),
                Err(ValError::Lines(_)) if last => {}
                Err(ValError::Lines(lines)) => errors.extend(lines.into_iter().map(|l| l.with_outer(LocItem::Index(index)))),
                Err(e) => {
                    state.partial = partial;
                    return Err(e);
                }
            }
        }
        state.partial = partial;
        if !errors.is_empty() {
            return Err(ValError::Lines(errors));
        }
        Ok(PyList::new(py, out)?)
    }
}
