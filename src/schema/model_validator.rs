//! The one model path: `Model(**kw)`, `model_validate`, `model_validate_json`,
//! nested model fields and assignment all validate here.

use pyo3::prelude::*;
use pyo3::types::PyType;

use super::lookup::{AttributesLookup, DictLookup, JsonObjectLookup, MappingLookup};
use super::{CompiledSchema, Values};
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
