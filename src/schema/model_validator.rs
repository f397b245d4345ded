//! The one model path: `Model(**kw)`, `model_validate`, `model_validate_json`,
//! nested model fields and assignment all validate here.

use pyo3::prelude::*;
use pyo3::types::PyType;

use smallvec::SmallVec;

use super::lookup::{match_fields, AttributesLookup, DictLookup, JsonObjectLookup, JsonPairs, MappingLookup};
use super::{CompiledSchema, DefaultValue, Values};
use crate::batch::NativeModel;
use crate::errors::{LocItem, ValResult};
use crate::input::{Input, ModelInput, ModelRequest};
use crate::validators::State;

/// What validating a model input gave: an instance passed through as it is,
/// or the field values of a new one.
pub enum Validated<'py> {
    Instance(Bound<'py, PyAny>),
    Values(Values<'py>),
}

impl CompiledSchema {
    /// Validates `input` for the model `cls`, whatever it is read from.
    pub fn validate_input<'py, I: Input<'py>>(
        &self,
        py: Python<'py>,
        cls: &Bound<'py, PyType>,
        input: &I,
        state: &mut State,
    ) -> ValResult<Validated<'py>> {
        let request = ModelRequest {
            cls,
            class_name: &self.class_name,
            strict: state.strict_or(self.strict),
            from_attributes: state.from_attributes || self.from_attributes,
        };
        let model_input = input.validate_model(py, &request)?;
        if let ModelInput::Instance(obj) = model_input {
            return Ok(Validated::Instance(obj));
        }
        state.enter(input)?;
        let values = match &model_input {
            ModelInput::Dict(dict) => self.validate_fields(py, &mut DictLookup::new(dict, input), state),
            ModelInput::Mapping(mapping) => self.validate_fields(py, &mut MappingLookup { mapping }, state),
            ModelInput::Attributes(obj) => self.validate_fields(py, &mut AttributesLookup { obj }, state),
            ModelInput::JsonObject(pairs) => self.validate_fields(py, &mut JsonObjectLookup::new(pairs, self), state),
            ModelInput::Instance(_) => unreachable!("returned above"),
        };
        state.leave();
        Ok(Validated::Values(values?))
    }

    /// Validates `input` into an instance of `cls`.
    #[inline]
    pub fn validate_model<'py, I: Input<'py>>(
        &self,
        py: Python<'py>,
        cls: &Bound<'py, PyType>,
        input: &I,
        state: &mut State,
    ) -> ValResult<Bound<'py, PyAny>> {
        match self.validate_input(py, cls, input, state)? {
            Validated::Instance(obj) => Ok(obj),
            Validated::Values(values) => Ok(crate::model::new_instance(cls, self, values)?),
        }
    }

    /// Off the GIL: the field values of a JSON object that is valid for this
    /// model as it stands, or None when the full path must decide (see
    /// `Validator::native`). Absent fields take their defaults when built.
    pub fn validate_native<'d>(&'d self, cls: &'d Py<PyType>, pairs: &JsonPairs<'d>) -> Option<NativeModel<'d>> {
        let matched = match_fields(pairs, self);
        let n_slots = self.program.n_slots();
        let mut slots: SmallVec<[u64; 8]> = SmallVec::from_elem(0, n_slots);
        let mut filled: SmallVec<[bool; 8]> = SmallVec::from_elem(false, n_slots);
        let mut values = Vec::with_capacity(self.fields.len());
        for (field, value) in self.fields.iter().zip(matched) {
            let Some(value) = value else {
                if matches!(field.default, DefaultValue::Required) {
                    return None;
                }
                values.push(None);
                continue;
            };
            match field.slot {
                Some(slot) => {
                    let (v, bits) = field.validator.native_deferred(value)?;
                    if let Some(bits) = bits {
                        slots[slot as usize] = bits;
                        filled[slot as usize] = true;
                    }
                    values.push(Some(v));
                }
                None => values.push(Some(field.validator.native(value)?)),
            }
        }
        if !self.program.is_empty() {
            let mut out: SmallVec<[u64; 2]> = SmallVec::from_elem(0, self.program.out_words());
            if self.backend.run(&self.program, &slots, &mut out) != 0 {
                // A failing check counts only when its slot holds a value, as in `program_errors`.
                let failed = self.program.checks().iter().enumerate().any(|(i, check)| {
                    out[i / 64] & (1 << (i % 64)) != 0 && filled[check.slot as usize]
                });
                if failed {
                    return None;
                }
            }
        }
        Some(NativeModel { cls, schema: self, values })
    }

    /// Whether every field validates without Python, resolving nested models.
    pub fn runs_without_python(&self, py: Python<'_>, seen: &mut Vec<usize>) -> PyResult<bool> {
        for field in &self.fields {
            if !field.validator.runs_without_python(py, seen)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Validates a value assigned to field `index`.
    pub fn validate_assignment<'py>(
        &self,
        py: Python<'py>,
        index: usize,
        value: &Bound<'py, PyAny>,
        state: &mut State,
    ) -> ValResult<Bound<'py, PyAny>> {
        let field = &self.fields[index];
        field.validator.validate(py, value, state).map_err(|e| e.with_outer(|| LocItem::Key(field.name_text.clone())))
    }
}
