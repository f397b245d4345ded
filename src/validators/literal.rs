//! `Literal[...]`: the input must equal one of the listed values. Membership
//! is read from tables built at class definition, in pydantic's order: exact
//! bools, ints and strings first (JSON reads only these); then, by hash, the
//! listed values other than ints and strings (bools, Enum members, None, a
//! float; a later equal value wins), then the listed ints and strings; then
//! `==` for values that cannot be hashed. A match returns the listed value.
//! When a listed int fits 64 bits, a bigger int input is `int_parsing_size`.

use std::collections::HashMap;
use std::sync::Arc;

use jiter::Peek;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyInt, PyList, PyString};

use super::{BuildContext, State, Validator};
use crate::batch::{JsonReader, Native};
use crate::errors::{ErrorKind, ValError, ValResult};
use crate::input::{Input, LiteralKey};

/// The values a `Literal` (or an `Enum`'s members) may take, and how to find them.
#[derive(Debug)]
pub struct LiteralLookup {
    values: Vec<Py<PyAny>>,
    /// The listed `False` and `True`.
    bools: [Option<usize>; 2],
    ints: HashMap<i64, usize>,
    strs: HashMap<Box<str>, usize>,
    /// The listed `None`, for JSON null off the GIL.
    none: Option<usize>,
    /// Hashable values that are not exact ints or strings, mapped to their
    /// index (a later equal value wins, as in a dict).
    others: Py<PyDict>,
    /// The exact ints and strings by hash.
    scalars: Py<PyDict>,
    unhashable: Vec<usize>,
    /// The values' reprs as the error lists them: `'a', 'b' or 1`.
    pub expected: Arc<str>,
}

impl LiteralLookup {
    pub fn new(values: &[Bound<'_, PyAny>]) -> PyResult<Self> {
        let py = match values.first() {
            Some(v) => v.py(),
            None => return Err(pyo3::exceptions::PyTypeError::new_err("a Literal needs at least one value")),
        };
        let mut lookup = LiteralLookup {
            values: values.iter().map(|v| v.clone().unbind()).collect(),
            bools: [None, None],
            ints: HashMap::new(),
            strs: HashMap::new(),
            none: None,
            others: PyDict::new(py).unbind(),
            scalars: PyDict::new(py).unbind(),
            unhashable: Vec::new(),
            expected: expected_text(values)?.into(),
        };
        for (index, value) in values.iter().enumerate() {
            let scalar = if value.is_exact_instance_of::<PyBool>() {
                lookup.bools[value.is_truthy()? as usize].get_or_insert(index);
                false
            } else if value.is_exact_instance_of::<PyInt>() {
                if let Ok(i) = value.extract::<i64>() {
                    lookup.ints.entry(i).or_insert(index);
                }
                true
            } else if value.is_exact_instance_of::<PyString>() {
                lookup.strs.entry(value.extract::<String>()?.into_boxed_str()).or_insert(index);
                true
            } else {
                if value.is_none() {
                    lookup.none.get_or_insert(index);
                }
                false
            };
            let table = if scalar { &lookup.scalars } else { &lookup.others };
            match value.hash() {
                Ok(_) => table.bind(py).set_item(value, index)?,
                Err(_) => lookup.unhashable.push(index),
            }
        }
        Ok(lookup)
    }

    /// Whether some listed int fits 64 bits (then bigger ints are refused).
    pub fn has_small_ints(&self) -> bool {
        !self.ints.is_empty()
    }

    pub fn value(&self, index: usize) -> &Py<PyAny> {
        &self.values[index]
    }

    /// Off the GIL: the index a JSON scalar is listed at; None when only the
    /// full path can tell (a float, a big int, an unlisted value).
    #[inline]
    pub fn find_native<'d>(&self, json: &mut JsonReader<'d>, peek: Peek) -> Option<usize> {
        let key = match peek {
            Peek::Null => {
                json.null(peek)?;
                return self.none;
            }
            Peek::True | Peek::False => LiteralKey::Bool(json.bool(peek)?),
            Peek::String => LiteralKey::Str(json.str(peek)?),
            _ if peek.is_num() => LiteralKey::Int(json.int(peek)?),
            _ => return None,
        };
        self.find_key(&key)
    }

    /// The index of a bool, int or str key in the exact tables.
    #[inline]
    pub fn find_key(&self, key: &LiteralKey<'_>) -> Option<usize> {
        match key {
            LiteralKey::Bool(b) => self.bools[*b as usize],
            LiteralKey::Int(i) => self.ints.get(i).copied(),
            LiteralKey::Str(s) => self.strs.get(s.as_ref()).copied(),
            LiteralKey::BigInt | LiteralKey::Other => None,
        }
    }

    /// The index of the value `input` equals, if any.
    pub fn find<'py>(&self, py: Python<'py>, input: &impl Input<'py>) -> ValResult<Option<usize>> {
        let key = input.literal_key();
        if let LiteralKey::BigInt = key {
            if self.has_small_ints() {
                return Err(ValError::new(ErrorKind::IntParsingSize, input));
            }
        }
        if let Some(index) = self.find_key(&key) {
            return Ok(Some(index));
        }
        self.find_object(&input.to_python(py)?)
    }

    /// The index of the value a Python object equals, by hash then by `==`.
    pub fn find_object(&self, value: &Bound<'_, PyAny>) -> ValResult<Option<usize>> {
        // an unhashable input is simply not found
        for table in [&self.others, &self.scalars] {
            if let Ok(Some(index)) = table.bind(value.py()).get_item(value) {
                return Ok(Some(index.extract()?));
            }
        }
        for &index in &self.unhashable {
            if self.values[index].bind(value.py()).eq(value)? {
                return Ok(Some(index));
            }
        }
        Ok(None)
    }

    pub fn visit_objects(&self, visit: &mut dyn FnMut(&Py<PyAny>)) {
        self.values.iter().for_each(&mut *visit);
        visit(self.others.as_any());
        visit(self.scalars.as_any());
    }
}

/// `'a', 'b' or 1`: each value's repr, the last joined by "or".
fn expected_text(values: &[Bound<'_, PyAny>]) -> PyResult<String> {
    let reprs = values.iter().map(|v| Ok(v.repr()?.to_string())).collect::<PyResult<Vec<_>>>()?;
    Ok(match reprs.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    })
}

#[derive(Debug)]
pub struct LiteralValidator {
    lookup: LiteralLookup,
    /// What a match stores, by index: the listed value, or with
    /// `use_enum_values` an Enum member's value.
    stored: Vec<Py<PyAny>>,
}

impl LiteralValidator {
    pub fn build(node: &Bound<'_, PyDict>, _ctx: &BuildContext) -> PyResult<Validator> {
        let values = node
            .get_item("values")?
            .ok_or_else(|| pyo3::exceptions::PyTypeError::new_err("literal node without 'values'"))?;
        let values: Vec<Bound<'_, PyAny>> = values.cast::<PyList>()?.iter().collect();
        let stored = match node.get_item("stored")? {
            Some(stored) => stored.cast::<PyList>()?.iter().map(Bound::unbind).collect(),
            None => values.iter().map(|v| v.clone().unbind()).collect(),
        };
        Ok(Validator::Literal(LiteralValidator { lookup: LiteralLookup::new(&values)?, stored }))
    }

    pub fn visit_objects(&self, visit: &mut dyn FnMut(&Py<PyAny>)) {
        self.lookup.visit_objects(visit);
        self.stored.iter().for_each(&mut *visit);
    }

    #[inline]
    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, _state: &State) -> ValResult<Bound<'py, PyAny>> {
        match self.lookup.find(py, input)? {
            Some(index) => Ok(self.stored[index].bind(py).clone()),
            None => Err(ValError::new(ErrorKind::LiteralError { expected: self.lookup.expected.clone() }, input)),
        }
    }

    /// Off the GIL: a JSON bool, int or string that is listed.
    #[inline]
    pub fn native<'d>(&'d self, json: &mut JsonReader<'d>, peek: Peek) -> Option<Native<'d>> {
        self.lookup.find_native(json, peek).map(|index| Native::Object(&self.stored[index]))
    }
}
