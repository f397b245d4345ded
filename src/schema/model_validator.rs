//! The one model path: `Model(**kw)`, `model_validate`, `model_validate_json`,
//! nested model fields and assignment all validate here.

use pyo3::prelude::*;
use pyo3::types::PyType;

use super::lookup::{AttributesLookup, DictLookup, JsonObjectLookup, MappingLookup};
use std::sync::Arc;

use super::{CompiledSchema, DefaultValue, KeysConfig, Values};
use crate::batch::{FieldPlaces, JsonReader};
use jiter::Peek;
use crate::fields_set::FieldsSet;
use crate::errors::{LocItem, ValResult};
use crate::input::{Exactness, Input, ModelInput, ModelRequest};
use crate::validators::{KeyOverrides, ModelWalk, State};

/// What validating a model input gave: an instance passed through as it is,
/// or the field values of a new one.
pub enum Validated<'py> {
    Instance(Bound<'py, PyAny>),
    Values(Values<'py>, FieldsSet),
}

/// Scratch space of one record kept on the stack up to this size.
const SCRATCH: usize = 16;

/// `len` zeroed places: `inline` when it is large enough, else `heap`.
#[inline(always)]
fn scratch<'a, T: Copy + Default, const N: usize>(inline: &'a mut [T; N], heap: &'a mut Vec<T>, len: usize) -> &'a mut [T] {
    if len <= N {
        &mut inline[..len]
    } else {
        heap.resize(len, T::default());
        heap
    }
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
        if let Some(overrides) = state.overrides {
            if let Some(variant) = self.variant(cls, overrides)? {
                return variant.validate_input(py, cls, input, state);
            }
        }
        let request = ModelRequest {
            cls,
            class_name: &self.class_name,
            strict: state.strict_or(self.strict),
            from_attributes: state.from_attributes || self.from_attributes,
        };
        let model_input = input.validate_model(py, &request)?;
        if let ModelInput::Instance(obj) = model_input {
            return match self.revalidates(cls, &obj) {
                true => self.revalidate_instance(py, cls, &obj, state),
                false => Ok(Validated::Instance(obj)),
            };
        }
        // building a new instance is not an exact match, for a union's choice
        state.floor_with(|| Exactness::Strict);
        state.enter(input)?;
        // each model fills its own `info.data` (when its hooks read it)
        let outer_data = std::mem::replace(&mut state.field_data, self.hooks.collects_data.then(|| pyo3::types::PyDict::new(py).unbind()));
        // partial input reaches into a type adapter's value, never a model's fields
        let outer_partial = state.partial;
        state.partial &= !self.of_model;
        let values = match &model_input {
            ModelInput::Dict(dict) => self.validate_fields(py, &mut DictLookup::new(dict, input), state),
            ModelInput::Mapping(mapping) => self.validate_fields(py, &mut MappingLookup { mapping, by_name: false }, state),
            ModelInput::Attributes(obj) => self.validate_fields(py, &mut AttributesLookup { obj, by_name: false }, state),
            ModelInput::JsonObject(pairs) => match self.judges_extra_keys() && crate::input::strings_mode() {
                true => match pairs.iter().find(|(_, v)| crate::input::is_placeholder(v)) {
                    // validate_strings: such a model reads every key, so the
                    // first value that is no string fails it whole, as in pydantic
                    Some((_, v)) => Err(crate::errors::ValError::new(crate::errors::ErrorKind::StringType, &crate::input::JsonInput::Value(v))),
                    None => self.validate_fields(py, &mut JsonObjectLookup::new(pairs, self), state),
                },
                false => self.validate_fields(py, &mut JsonObjectLookup::new(pairs, self), state),
            },
            ModelInput::Instance(obj) => {
                state.field_data = outer_data;
                state.partial = outer_partial;
                state.leave();
                return Ok(Validated::Instance(obj.clone()));
            }
        };
        state.field_data = outer_data;
        state.partial = outer_partial;
        state.leave();
        let (values, given) = values?;
        state.add_fields_set(given.len());
        Ok(Validated::Values(values, given))
    }

    /// This model as a call's `by_alias=`, `by_name=` and `extra=` have it read
    /// its keys (built once per combination, when first asked for), or None
    /// when they change nothing. A variant's own config is the combination,
    /// so it never asks for another.
    #[cold]
    fn variant(&self, cls: &Bound<'_, PyType>, overrides: KeyOverrides) -> PyResult<Option<Arc<CompiledSchema>>> {
        let (by_alias, by_name, extra) = self.keys_config;
        let wanted = (overrides.by_alias.unwrap_or(by_alias), overrides.by_name.unwrap_or(by_name), overrides.extra.unwrap_or(extra));
        if wanted == self.keys_config {
            return Ok(None);
        }
        if !wanted.0 && !wanted.1 {
            return Err(pyo3::exceptions::PyValueError::new_err("`validate_by_name` and `validate_by_alias` cannot both be set to `False`."));
        }
        let known = |variants: &[(KeysConfig, Arc<CompiledSchema>)]| variants.iter().find(|(k, _)| *k == wanted).map(|(_, v)| v.clone());
        if let Some(found) = known(&self.variants.lock().unwrap_or_else(|e| e.into_inner())) {
            return Ok(Some(found));
        }
        // the descriptor comes from Python, which may run other threads:
        // the lock is not held meanwhile, and the first variant stored wins
        let descriptor = cls.call_method1(pyo3::intern!(cls.py(), "__satya_variant__"), (wanted.0, wanted.1, wanted.2.name()))?;
        let mut built = CompiledSchema::build(cls, descriptor.cast::<pyo3::types::PyDict>()?)?;
        // what it was built for, even where it keeps its own (an adapter's holder keeps its extra)
        built.keys_config = wanted;
        let built = Arc::new(built);
        let mut variants = self.variants.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = known(&variants) {
            return Ok(Some(found));
        }
        variants.push((wanted, built.clone()));
        Ok(Some(built))
    }

    /// Whether keys that name no field are kept or refused (not ignored).
    #[inline]
    fn judges_extra_keys(&self) -> bool {
        self.forbid_extra || self.extra_slot.is_some()
    }

    /// Whether `revalidate_instances` has this instance given as input validated again.
    fn revalidates(&self, cls: &Bound<'_, PyType>, obj: &Bound<'_, PyAny>) -> bool {
        match self.revalidate {
            super::Revalidate::Never => false,
            super::Revalidate::Always => true,
            super::Revalidate::SubclassInstances => !obj.get_type().is(cls),
        }
    }

    /// An instance validated again from its fields' values, keeping its fields set.
    #[cold]
    fn revalidate_instance<'py>(&self, py: Python<'py>, cls: &Bound<'py, PyType>, obj: &Bound<'py, PyAny>, state: &mut State) -> ValResult<Validated<'py>> {
        let values = crate::model::get_state(obj)?;
        let was_set = crate::model::get_fields_set(obj)?;
        let (values, _) = self.validate_input_fields(py, &values, obj, state)?;
        let mut given = FieldsSet::with_fields(self.fields.len());
        for (index, field) in self.fields.iter().enumerate() {
            if was_set.contains(field.name.bind(py))? {
                given.insert(index);
            }
        }
        let _ = cls;
        Ok(Validated::Values(values, given))
    }

    fn validate_input_fields<'py>(&self, py: Python<'py>, values: &Bound<'py, pyo3::types::PyDict>, source: &Bound<'py, PyAny>, state: &mut State) -> ValResult<(super::Values<'py>, FieldsSet)> {
        state.enter(source)?;
        let result = self.validate_fields(py, &mut DictLookup::new(values, source), state);
        state.leave();
        result
    }

    /// A JSON document (or one record of a batch) as an instance of `cls`:
    /// every error is worded for JSON, even one from a hook's Python value.
    pub fn validate_json_value<'py>(
        &self,
        py: Python<'py>,
        cls: &Bound<'py, PyType>,
        value: &jiter::JsonValue<'_>,
        state: &mut State,
    ) -> ValResult<Bound<'py, PyAny>> {
        self.validate_model(py, cls, &crate::input::JsonInput::Value(value), state).map_err(|e| crate::errors::worded(e, true))
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
        if self.hooks.any() {
            return self.validate_hooked(py, cls, input, state, None, self.hooks.validators.len());
        }
        match self.validate_input(py, cls, input, state)? {
            Validated::Instance(obj) => Ok(obj),
            Validated::Values(values, given) => Ok(crate::model::new_instance(cls, self, values, &given)?),
        }
    }

    /// The field values of a JSON object that is valid for this model as it
    /// stands, read straight from the record into `values` (empty): native
    /// values off the GIL, or Python objects with it. None when the full path
    /// must decide (see `Validator::native`). Keys are matched as the JSON
    /// lookup matches them: a repeated key keeps its last value and unknown
    /// keys are read and dropped. Absent fields take their defaults when the
    /// instance is built.
    pub fn decode_native_values<'d, P: FieldPlaces<'d>>(&'d self, json: &mut JsonReader<'d>, peek: Peek, values: &mut P) -> Option<()> {
        let n_slots = self.program.n_slots();
        let (mut slots_inline, mut slots_heap) = ([0u64; SCRATCH], Vec::new());
        let slots = scratch(&mut slots_inline, &mut slots_heap, n_slots);
        let (mut filled_inline, mut filled_heap) = ([false; SCRATCH], Vec::new());
        let filled = scratch(&mut filled_inline, &mut filled_heap, n_slots);
        let (mut by_key_inline, mut by_key_heap) = ([false; SCRATCH], Vec::new());
        let by_key = scratch(&mut by_key_inline, &mut by_key_heap, self.fields.len());
        values.open(self.fields.len());
        let mut next = 0;
        let mut more = json.enter_object(peek)?;
        while more {
            // the key of the field after the last one read is compared as
            // written; any other is read and looked up
            let found = match self.fields.get(next) {
                Some(field) if json.key_if(field.key_json.as_bytes()) => Some((next, true)),
                _ => self.field_of_key(&json.key()?, next),
            };
            let value_peek = json.peek()?;
            // a field's own key wins over its name, wherever each comes
            let found = found.filter(|&(index, own_key)| {
                // a name might be extra beside its own key: the full path tells
                if !own_key && (self.forbid_extra || self.extra_slot.is_some()) {
                    return false;
                }
                let taken = own_key || !by_key[index];
                by_key[index] |= own_key;
                taken
            });
            match found {
                Some((index, _)) => {
                    let field = &self.fields[index];
                    let value = match field.slot {
                        Some(slot) => {
                            let (v, bits) = field.validator.native_deferred(json, value_peek)?;
                            slots[slot as usize] = bits.unwrap_or(0);
                            filled[slot as usize] = bits.is_some();
                            v
                        }
                        None => field.validator.native(json, value_peek)?,
                    };
                    values.put(index, value)?;
                    next = index + 1;
                }
                // an unknown key: skipped, unless it is an error (the full path reports it)
                None if self.forbid_extra || self.extra_slot.is_some() => return None,
                None => drop(json.value(value_peek)?),
            }
            more = json.next_member()?;
        }
        // a missing required field is an error, and a default to validate
        // is validated on the full path
        let missing = self.fields.iter().enumerate().any(|(i, f)| {
            !values.is_set(i) && (matches!(f.default, DefaultValue::Required) || f.validate_default)
        });
        if missing {
            return None;
        }
        if !self.program.is_empty() {
            let (mut out_inline, mut out_heap) = ([0u64; 2], Vec::new());
            let out = scratch(&mut out_inline, &mut out_heap, self.program.out_words());
            if self.backend.run(&self.program, slots, out) != 0 {
                // A failing check counts only when its slot holds a value, as in `program_errors`.
                let failed = self.program.checks().iter().enumerate().any(|(i, check)| {
                    out[i / 64] & (1 << (i % 64)) != 0 && filled[check.slot as usize]
                });
                if failed {
                    return None;
                }
            }
        }
        Some(())
    }

    /// Whether every field validates without Python, reaching nested models.
    pub fn runs_without_python(&self, py: Python<'_>, walk: &mut ModelWalk) -> PyResult<bool> {
        // a model hook is Python, and alias paths are walked on the full path
        // only (they are rare); the fields' models are reached all the same
        let mut without = !self.hooks.any() && !self.has_paths;
        walk.impure_defaults |= !self.pure_defaults;
        for field in &self.fields {
            without &= field.validator.runs_without_python(py, walk)?;
        }
        Ok(without)
    }

    /// Whether this schema, and every model inside it, validates without
    /// Python (so that its batches may run off the GIL), decided once. With
    /// `resolve`, models waiting for a forward reference are built now (first
    /// use); without it (class definition) such a model leaves the answer
    /// open (None) unless something already needs Python.
    pub fn decide_without_python(&self, py: Python<'_>, resolve: bool) -> PyResult<Option<bool>> {
        if let Some(known) = self.without_python.get() {
            return Ok(Some(*known));
        }
        let mut walk = ModelWalk { seen: vec![self as *const _ as usize], resolve, unresolved: false, impure_defaults: false };
        let without = self.runs_without_python(py, &mut walk)?;
        if without && walk.unresolved {
            return Ok(None);
        }
        // set first: whoever sees `without_python` set sees this too
        let _ = self.pure_tree.set(!walk.impure_defaults);
        Ok(Some(*self.without_python.get_or_init(|| without)))
    }

    /// Whether no default in this model, or in any model inside it, runs user
    /// code (a factory or a deep copy), so that values may become Python
    /// objects before the whole record is known valid; false until decided.
    #[inline]
    pub fn pure_tree(&self) -> bool {
        self.pure_tree.get().copied().unwrap_or(false)
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
