//! `A | B | ...`: in smart mode every choice is tried and the closest match
//! wins (an exact match at once; else the model that took the most fields,
//! then the highest exactness, then the first); in left-to-right mode the
//! first choice that succeeds. Errors name their choice in `loc`.

use std::sync::Arc;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use super::{node_get, BuildContext, State, Validator};
use crate::batch::{JsonReader, Native};
use jiter::Peek;
use crate::errors::{LineError, LocItem, ValError, ValResult};
use crate::input::{Exactness, Input, LiteralKey};

#[derive(Debug)]
pub struct UnionValidator {
    smart: bool,
    choices: Vec<Validator>,
    /// Each choice's name in error locations (`int`, `list[str]`, a class name).
    labels: Vec<LocItem>,
    /// In a union of plain scalars: the choice an exact str input (a JSON
    /// string too) or an exact int input always ends up with, found without
    /// trying the choices before it (which can only fail or match less).
    str_choice: Option<usize>,
    int_choice: Option<usize>,
}

/// The best successful choice so far, by the smart mode's measures.
struct Best<'py> {
    value: Bound<'py, PyAny>,
    exactness: Exactness,
    fields_set: Option<usize>,
}

impl Best<'_> {
    fn beaten_by(&self, exactness: Exactness, fields_set: Option<usize>) -> bool {
        match (self.fields_set, fields_set) {
            (Some(current), Some(new)) if current != new => current < new,
            _ => self.exactness < exactness,
        }
    }
}

impl UnionValidator {
    pub fn build(node: &Bound<'_, PyDict>, ctx: &BuildContext) -> PyResult<Validator> {
        let smart = match node_get(node, "mode")? {
            Some(mode) => match mode.extract::<String>()?.as_str() {
                "smart" => true,
                "left_to_right" => false,
                other => return Err(PyTypeError::new_err(format!("unknown union mode {other:?}"))),
            },
            None => true,
        };
        let choices = node_get(node, "choices")?.ok_or_else(|| PyTypeError::new_err("union without choices"))?;
        let mut built = Vec::new();
        let mut labels = Vec::new();
        for choice in choices.cast::<PyList>()?.iter() {
            let (node, label): (Bound<'_, PyDict>, String) = choice.extract()?;
            built.push(Validator::build(&node, ctx)?);
            labels.push(LocItem::Key(Arc::from(label)));
        }
        let plain = built.iter().all(|c| {
            matches!(c, Validator::Int(_) | Validator::ConstrainedInt(_) | Validator::Float(_) | Validator::ConstrainedFloat(_))
                || matches!(c, Validator::Str(_) | Validator::Bool(_) | Validator::None(_))
        });
        let first = |wanted: fn(&Validator) -> bool| built.iter().position(wanted).filter(|_| plain && smart);
        let str_choice = first(|c| matches!(c, Validator::Str(_)));
        let int_choice = first(|c| matches!(c, Validator::Int(_)));
        Ok(Validator::Union(UnionValidator { smart, choices: built, labels, str_choice, int_choice }))
    }

    pub fn choices(&self) -> &[Validator] {
        &self.choices
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        if input.is_placeholder() {
            return Err(ValError::new(crate::errors::ErrorKind::StringType, input));
        }
        if self.smart {
            self.validate_smart(py, input, state)
        } else {
            self.validate_left_to_right(py, input, state)
        }
    }

    /// Off the GIL: in a union of plain scalars, a JSON string or int taken
    /// by the choice smart mode sends it to; any other union or input takes
    /// the full path.
    #[inline]
    pub fn native<'d>(&'d self, json: &mut JsonReader<'d>, peek: Peek) -> Option<Native<'d>> {
        let choice = match peek {
            Peek::String => self.str_choice?,
            _ if peek.is_num() => self.int_choice?,
            _ => return None,
        };
        self.choices[choice].native(json, peek)
    }

    pub fn has_native(&self) -> bool {
        self.str_choice.is_some() || self.int_choice.is_some()
    }

    fn validate_smart<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        if self.str_choice.is_some() || self.int_choice.is_some() {
            let choice = match input.literal_key() {
                // validate_strings: each choice that takes the string matches as well
                LiteralKey::Str(_) if !input.is_python() && crate::input::strings_mode() => None,
                LiteralKey::Str(_) => self.str_choice,
                LiteralKey::Int(_) => self.int_choice,
                _ => None,
            };
            if let Some(choice) = choice {
                return self.choices[choice].validate(py, input, state);
            }
        }
        let outer = (state.exactness, state.fields_set_count);
        let mut best: Option<Best<'py>> = None;
        let mut errors = Vec::new();
        for (choice, label) in self.choices.iter().zip(&self.labels) {
            state.exactness = Some(Exactness::Exact);
            state.fields_set_count = None;
            match choice.validate(py, input, state) {
                Ok(value) => {
                    let exactness = state.exactness.unwrap_or(Exactness::Lax);
                    let fields_set = state.fields_set_count;
                    if exactness == Exactness::Exact && fields_set.is_none() {
                        (state.exactness, state.fields_set_count) = outer;
                        return Ok(value);
                    }
                    if best.as_ref().is_none_or(|b| b.beaten_by(exactness, fields_set)) {
                        best = Some(Best { value, exactness, fields_set });
                    }
                }
                // once a choice succeeded, the others' errors are never reported
                Err(ValError::Lines(lines)) if best.is_none() => errors.extend(labelled(lines, label)),
                Err(ValError::Lines(_)) => {}
                Err(other) => {
                    (state.exactness, state.fields_set_count) = outer;
                    return Err(other);
                }
            }
        }
        (state.exactness, state.fields_set_count) = outer;
        match best {
            Some(best) => {
                state.floor_with(|| best.exactness);
                if let Some(count) = best.fields_set {
                    state.add_fields_set(count);
                }
                Ok(best.value)
            }
            None => Err(ValError::Lines(errors)),
        }
    }

    fn validate_left_to_right<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let mut errors = Vec::new();
        for (choice, label) in self.choices.iter().zip(&self.labels) {
            match choice.validate(py, input, state) {
                Err(ValError::Lines(lines)) => errors.extend(labelled(lines, label)),
                otherwise => return otherwise,
            }
        }
        Err(ValError::Lines(errors))
    }
}

fn labelled<'a>(lines: Vec<LineError>, label: &'a LocItem) -> impl Iterator<Item = LineError> + 'a {
    lines.into_iter().map(move |line| line.with_outer(label.clone()))
}
