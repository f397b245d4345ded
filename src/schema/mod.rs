//! `CompiledSchema`: everything a Model class needs at validation time, built
//! once when the class statement runs and kept on the class.

mod alias_path;
mod build;
mod json_lookup;
mod layout;
mod lookup;
mod model_validator;
mod hooks;

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use smallvec::SmallVec;

use crate::fields_set::FieldsSet;
use crate::errors::{LineError, LocItem, ValError, ValResult};
use crate::input::Input;
use crate::serializers::Serializer;
use crate::validators::{CheckError, State, Validator};

pub use layout::SlotOffset;
pub use lookup::FieldLookup;
pub use model_validator::Validated;
pub use hooks::{ModelHandler, ModelHooks};

pub enum DefaultValue {
    Required,
    Value { value: Py<PyAny>, copy: DefaultCopy },
    Factory(Py<PyAny>),
}

/// How each use of a default gets its own value, decided at class definition
/// (pydantic's rule): immutable values are shared, empty builtin containers are
/// made new, anything else is deep-copied.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DefaultCopy {
    Shared,
    EmptyList,
    EmptyDict,
    EmptySet,
    Deep,
}

pub struct Field {
    /// Interned attribute name.
    pub name: Py<PyString>,
    /// The attribute name's text, for assignment errors.
    pub name_text: Arc<str>,
    /// Interned input key: the alias when there is one.
    pub key: Py<PyString>,
    /// The key's text, for matching keys that are equal but not identical
    /// (and JSON keys), and for error locations.
    pub key_text: Arc<str>,
    pub validator: Validator,
    /// How dumps write the value, chosen from the same declared type.
    pub serializer: Serializer,
    /// The name and the key, quoted and escaped for JSON output.
    pub name_json: Box<str>,
    pub key_json: Box<str>,
    pub default: DefaultValue,
    /// Slot in the Program's buffer, when the Program checks this field.
    pub slot: Option<u32>,
    /// Where the instance stores this field.
    pub offset: SlotOffset,
    /// `Field(frozen=True)`: the field may not be assigned.
    pub frozen: bool,
    /// The key a dump by alias writes (`serialization_alias`, else the alias).
    pub ser_key: Py<PyString>,
    pub ser_key_json: Box<str>,
    /// The field name, also accepted as input when validating by name.
    pub alt_key: Option<(Py<PyString>, Arc<str>)>,
    /// `Field(exclude=True)`: never dumped.
    pub exclude: bool,
    /// `validate_default`: a default is validated as an input would be.
    pub validate_default: bool,
    /// `AliasPath`s / `AliasChoices` the field is read through (its `key`
    /// is then its name, read after them when validating by name).
    pub paths: Option<Box<alias_path::AliasPaths>>,
}

/// What a failing Program check reports, and for which field.
pub struct CheckSite {
    pub field: u32,
    pub error: CheckError,
    /// The error's input is the validated value (a timedelta's, as pydantic
    /// reports it), not the input it was read from.
    pub report_value: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Revalidate {
    Never,
    Always,
    SubclassInstances,
}

pub struct CompiledSchema {
    pub class_name: Arc<str>,
    /// Some field is read through alias paths: fields are looked up the
    /// slower way that knows them (decided once, so other models never pay).
    pub has_paths: bool,
    pub title: Py<PyString>,
    pub fields: Vec<Field>,
    /// Each field's index by its key's text, for JSON keys out of field order.
    pub key_index: std::collections::HashMap<Arc<str>, usize>,
    pub program: satya_jit::Program,
    pub backend: crate::backend::Backend,
    pub sites: Vec<CheckSite>,
    /// Whether some site reports the validated value: those values are kept.
    pub value_slots: bool,
    /// Whether the class asked for native code (it may still have fallen back).
    pub jit_requested: bool,
    /// Strict mode: only dicts and instances are accepted as input.
    pub strict: bool,
    /// `from_attributes`: objects' attributes are read as fields.
    pub from_attributes: bool,
    /// Every field holds an immutable scalar, so instances need no GC tracking.
    pub scalars_only: bool,
    /// No field's default is made by a factory or a deep copy, so filling in
    /// defaults runs no user code.
    pub pure_defaults: bool,
    /// Whether this schema and the models inside it validate without Python,
    /// so that batches can run off the GIL; decided when the class is built,
    /// or at first use when a model inside waits for a forward reference.
    pub without_python: std::sync::OnceLock<bool>,
    /// See `pure_tree()`; decided with `without_python`.
    pub pure_tree: std::sync::OnceLock<bool>,
    /// For models with more fields than a new dict holds without growing:
    /// dicts of every field name (and every key) to None, which a dump copies
    /// and fills rather than building its dict one insertion at a time.
    pub dump_templates: Option<[Py<PyDict>; 2]>,
    /// `model_validator`s and `model_post_init`.
    pub hooks: ModelHooks,
    /// `extra="forbid"`: an input key that names no field is an error.
    pub forbid_extra: bool,
    /// `frozen=True`: no attribute may be assigned.
    pub frozen: bool,
    /// `serialize_by_alias`: a dump's keys when it gives no `by_alias`.
    pub serialize_by_alias: bool,
    /// A `RootModel`: include and exclude name the items of its `root`.
    pub root_model: bool,
    /// `validate_assignment` (on unless the config turns it off).
    pub validate_assignment: bool,
    /// Some field is `Field(exclude=True)`: dumps leave it out.
    pub has_excluded: bool,
    /// `computed_field`s, dumped after the fields.
    pub computed: Vec<crate::serializers::ComputedField>,
    /// `extra="allow"`: the slot of the dict of input keys that name no field
    /// (`__pydantic_extra__`); their values come after the fields' in `Values`.
    pub extra_slot: Option<SlotOffset>,
    /// `hide_input_in_errors`: the errors' text leaves the inputs out.
    pub hide_input: bool,
    /// A Model's own errors, raised as `ModelValidationError` (an adapter's are plain).
    pub of_model: bool,
    /// `loc_by_alias=False`: errors are located at field names, not keys.
    pub loc_by_name: bool,
    /// `revalidate_instances`: which instances given as input are validated
    /// again from their fields.
    pub revalidate: Revalidate,
    /// `model_serializer`: what a dump of an instance gives.
    pub model_ser: Option<crate::serializers::ModelSerHook>,
    /// The config's keys and extra handling, which a call's overrides are
    /// compared with: (`validate_by_alias`, `validate_by_name`, `extra`).
    pub keys_config: KeysConfig,
    /// This model built again under other keys, for calls that override them.
    pub variants: std::sync::Mutex<Vec<(KeysConfig, Arc<CompiledSchema>)>>,
}

/// How a model reads its input's keys: by alias, by name, and what it does
/// with the keys that name no field.
pub type KeysConfig = (bool, bool, crate::validators::ExtraKeys);

/// The alias path choice each field read through paths took, by field index.
type Chosen = SmallVec<[(usize, usize); 2]>;

/// Errors tagged with their field's index, so they can be reported in field order.
type FieldErrors = SmallVec<[(usize, LineError); 4]>;

/// Validated values in field order, before they are written to an instance.
pub type Values<'py> = SmallVec<[Bound<'py, PyAny>; 12]>;

impl CompiledSchema {
    /// Finds, coerces and checks every field through `lookup`; collects every
    /// error. The one body behind every way a model is validated.
    #[inline(always)]
    pub fn validate_fields<'py, L: FieldLookup<'py>>(&self, py: Python<'py>, lookup: &mut L, state: &mut State) -> ValResult<(Values<'py>, FieldsSet)> {
        match self.has_paths {
            false => self.validate_fields_as::<L, false>(py, lookup, state),
            true => self.validate_fields_as::<L, true>(py, lookup, state),
        }
    }

    fn validate_fields_as<'py, L: FieldLookup<'py>, const PATHS: bool>(&self, py: Python<'py>, lookup: &mut L, state: &mut State) -> ValResult<(Values<'py>, FieldsSet)> {
        let n_slots = self.program.n_slots();
        let mut values: Values<'py> = SmallVec::with_capacity(self.fields.len());
        let mut given = FieldsSet::with_fields(self.fields.len());
        let mut slots: SmallVec<[u64; 8]> = SmallVec::from_elem(0, n_slots);
        // The input each slot was read from, for the errors of failing checks.
        let mut slot_inputs: SmallVec<[Option<L::Item>; 8]> = SmallVec::from_elem(None, n_slots);
        let mut slot_values: SmallVec<[Option<Bound<'py, PyAny>>; 2]> =
            if self.value_slots { SmallVec::from_elem(None, n_slots) } else { SmallVec::new() };
        let mut errors: FieldErrors = SmallVec::new();
        // fields read under their names, whose errors are located there
        let mut by_name: SmallVec<[usize; 2]> = SmallVec::new();
        // fields read through alias paths, and the choice that gave each
        let mut chosen: Chosen = SmallVec::new();
        for (index, field) in self.fields.iter().enumerate() {
            let found = if PATHS && field.paths.is_some() {
                self.find_by_paths(py, lookup, index, field, &mut by_name, &mut chosen)?
            } else {
                lookup.get(py, index, field)?
            };
            let Some(item) = found else {
                match self.default_for(py, field, lookup, state) {
                    Ok(v) => {
                        if let Some(data) = &state.field_data {
                            data.bind(py).set_item(field.name.bind(py), &v)?;
                        }
                        values.push(v)
                    }
                    Err(e) => {
                        // a default that fails its validation is located at the field's name
                        if !matches!(field.default, DefaultValue::Required) {
                            by_name.push(index);
                        }
                        collect(&mut errors, index, field, e)?
                    }
                }
                continue;
            };
            given.insert(index);
            if item.is_placeholder() {
                // validate_strings: a field's value that is no string is
                // refused before it is read, located at the field's name
                let line = LineError::new(crate::errors::ErrorKind::StringType, item.error_value());
                errors.push((index, line.with_outer(LocItem::Key(field.name_text.clone()))));
                by_name.push(index);
                continue;
            }
            if field.alt_key.is_some() && lookup.found_by_name() {
                by_name.push(index);
            }
            let result = match field.slot {
                Some(slot) => field.validator.validate_deferred(py, &item, state).map(|(v, bits)| {
                    if let Some(bits) = bits {
                        slots[slot as usize] = bits;
                        slot_inputs[slot as usize] = Some(item);
                        if self.value_slots {
                            slot_values[slot as usize] = Some(v.clone());
                        }
                    }
                    v
                }),
                None => field.validator.validate(py, &item, state),
            };
            match result {
                Ok(v) => {
                    if let Some(data) = &state.field_data {
                        data.bind(py).set_item(field.name.bind(py), &v)?;
                    }
                    values.push(v)
                }
                Err(e) => collect(&mut errors, index, field, e)?,
            }
        }
        if !self.program.is_empty() {
            let mut out: SmallVec<[u64; 2]> = SmallVec::from_elem(0, self.program.out_words());
            if self.backend.run(&self.program, &slots, &mut out) != 0 {
                self.program_errors(&slots, &slot_inputs, &slot_values, &out, &mut errors);
            }
        }
        let taken_keys = (PATHS && (self.extra_slot.is_some() || self.forbid_extra)).then(|| self.taken_keys(&given, &by_name, &chosen));
        let taken = taken_keys.as_deref();
        if self.extra_slot.is_some() {
            let mut invalid = Vec::new();
            let extra = lookup.extra_values(py, self, given.len(), taken, &mut invalid)?;
            errors.extend(invalid.into_iter().map(|line| (usize::MAX, line)));
            values.push(extra.into_any());
        }
        if self.forbid_extra {
            // after the fields' errors, as pydantic lists them
            let mut extras = Vec::new();
            lookup.extra_errors(py, self, given.len(), taken, &mut extras)?;
            errors.extend(extras.into_iter().map(|line| (usize::MAX, line)));
        }
        if errors.is_empty() {
            return Ok((values, given));
        }
        for (index, line) in errors.iter_mut().filter(|(index, _)| *index != usize::MAX) {
            if self.loc_by_name || by_name.contains(index) {
                if let Some(outer) = line.loc_reversed.last_mut() {
                    *outer = LocItem::Key(self.fields[*index].name_text.clone());
                }
            } else if PATHS {
                self.locate_at_path(*index, line, &chosen);
            }
        }
        Err(sorted_lines(errors))
    }

    /// Turns failing checks into errors: the first failure of each field whose
    /// value reached its slot, reported against the input it was read from.
    #[cold]
    #[inline(never)]
    fn program_errors<'py, I: Input<'py>>(
        &self,
        slots: &[u64],
        inputs: &[Option<I>],
        values: &[Option<Bound<'py, PyAny>>],
        failed: &[u64],
        errors: &mut FieldErrors,
    ) {
        let mut reported: SmallVec<[u32; 8]> = SmallVec::new();
        for (i, check) in self.program.checks().iter().enumerate() {
            let Some(input) = &inputs[check.slot as usize] else { continue };
            if failed[i / 64] & (1 << (i % 64)) == 0 {
                continue;
            }
            let site = &self.sites[i];
            if reported.contains(&site.field) {
                continue;
            }
            reported.push(site.field);
            let field = &self.fields[site.field as usize];
            let reported_input = match values.get(check.slot as usize) {
                Some(Some(value)) if site.report_value => value.error_value(),
                _ => input.error_value(),
            };
            let line = LineError::new(site.error.to_kind(slots[check.slot as usize]), reported_input);
            errors.push((site.field as usize, line.with_outer(LocItem::Key(field.key_text.clone()))));
        }
    }

    #[inline]
    fn default_for<'py>(&self, py: Python<'py>, field: &Field, lookup: &impl FieldLookup<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        match &field.default {
            DefaultValue::Required => Err(lookup.missing()),
            _ if field.validate_default => field.validator.validate(py, &self.default_value(py, field)?, state),
            _ => Ok(self.default_value(py, field)?),
        }
    }

    /// A new use of an optional field's default; a required field has none.
    pub fn default_value<'py>(&self, py: Python<'py>, field: &Field) -> PyResult<Bound<'py, PyAny>> {
        match &field.default {
            DefaultValue::Value { value, copy } => Ok(match copy {
                DefaultCopy::Shared => value.bind(py).clone(),
                DefaultCopy::EmptyList => pyo3::types::PyList::empty(py).into_any(),
                DefaultCopy::EmptyDict => PyDict::new(py).into_any(),
                DefaultCopy::EmptySet => pyo3::types::PySet::empty(py)?.into_any(),
                DefaultCopy::Deep => deep_copy(py, value.bind(py))?,
            }),
            DefaultValue::Factory(factory) => factory.bind(py).call0(),
            DefaultValue::Required => Err(pyo3::exceptions::PyRuntimeError::new_err(format!("{} has no default", field.name_text))),
        }
    }

    pub fn field_index(&self, py: Python<'_>, name: &Bound<'_, PyAny>) -> Option<usize> {
        let ptr = name.as_ptr();
        if let Some(i) = self.fields.iter().position(|f| f.name.as_ptr() == ptr) {
            return Some(i);
        }
        let name = name.cast::<PyString>().ok()?.to_str().ok()?;
        self.fields.iter().position(|f| f.name.bind(py).to_str().map(|s| s == name).unwrap_or(false))
    }

    pub fn visit_objects(&self, visit: &mut dyn FnMut(&Py<PyAny>)) {
        if let Ok(variants) = self.variants.try_lock() {
            variants.iter().for_each(|(_, variant)| variant.visit_objects(visit));
        }
        self.hooks.visit_objects(visit);
        self.computed.iter().for_each(|c| c.visit_objects(visit));
        if let Some(hook) = &self.model_ser {
            hook.visit_objects(visit);
        }
        for template in self.dump_templates.iter().flatten() {
            visit(template.as_any());
        }
        for field in &self.fields {
            field.validator.visit_objects(visit);
            field.serializer.visit_objects(visit);
            if let Some(paths) = &field.paths {
                paths.visit_objects(visit);
            }
            match &field.default {
                DefaultValue::Value { value, .. } | DefaultValue::Factory(value) => visit(value),
                DefaultValue::Required => {}
            }
        }
    }
}

fn deep_copy<'py>(py: Python<'py>, value: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    static DEEPCOPY: pyo3::sync::PyOnceLock<Py<PyAny>> = pyo3::sync::PyOnceLock::new();
    DEEPCOPY.import(py, "copy", "deepcopy")?.call1((value,))
}

#[cold]
fn collect(errors: &mut FieldErrors, index: usize, field: &Field, err: ValError) -> ValResult<()> {
    match err {
        ValError::Lines(lines) => {
            for line in lines {
                errors.push((index, line.with_outer(LocItem::Key(field.key_text.clone()))));
            }
            Ok(())
        }
        internal => Err(internal),
    }
}

#[cold]
fn sorted_lines(mut errors: FieldErrors) -> ValError {
    errors.sort_by_key(|(index, _)| *index);
    ValError::Lines(errors.into_iter().map(|(_, line)| line).collect())
}

impl CompiledSchema {
    /// The Python ValidationError of `err`, titled and worded as this model's.
    #[cold]
    pub fn py_err(&self, py: Python<'_>, err: ValError) -> PyErr {
        match err {
            ValError::Internal(e) => e,
            ValError::Lines(lines) => self.py_err_titled(py, lines, self.title.bind(py).as_any()),
        }
    }

    /// The error of `lines` under another title (a batch's `list[User]`).
    #[cold]
    pub fn py_err_titled(&self, py: Python<'_>, lines: Vec<crate::errors::LineError>, title: &Bound<'_, PyAny>) -> PyErr {
        crate::errors::ValidationError::new_err_as(py, title.clone().unbind(), lines, self.hide_input, self.of_model)
    }
}
