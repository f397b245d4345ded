//! What validation carries: the build context of a class, and the per-call
//! `State` (options, the cycle path, a smart union's exactness).

use pyo3::prelude::*;

use crate::errors::{ErrorKind, ValError, ValResult};
use crate::input::{Exactness, Input};

/// Deep input against a recursive model stops here with a validation error
/// instead of exhausting the native stack (pydantic's limit).
pub const MAX_DEPTH: usize = 255;

/// What building a class's validators needs to know, and what it found.
pub struct BuildContext {
    /// Compile constraint programs to native code (else: the interpreter).
    pub jit: bool,
    /// Why native code could not be made, for a warning; those programs run
    /// in the interpreter.
    pub jit_failures: std::cell::RefCell<Vec<String>>,
    /// The types that contain themselves being built, innermost last.
    pub definitions: std::cell::RefCell<Vec<(String, std::sync::Arc<super::recursive::Definition>)>>,
}

/// What a model does with input keys that name no field (`extra=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExtraKeys {
    Ignore,
    Forbid,
    Allow,
}

impl ExtraKeys {
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "ignore" => Some(ExtraKeys::Ignore),
            "forbid" => Some(ExtraKeys::Forbid),
            "allow" => Some(ExtraKeys::Allow),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ExtraKeys::Ignore => "ignore",
            ExtraKeys::Forbid => "forbid",
            ExtraKeys::Allow => "allow",
        }
    }
}

/// A call's `by_alias=`, `by_name=` and `extra=`, each None where not given
/// (the model's own config decides).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KeyOverrides {
    pub by_alias: Option<bool>,
    pub by_name: Option<bool>,
    pub extra: Option<ExtraKeys>,
}

/// What one validation call carries through the tree: its per-call options and
/// the model inputs being validated, outermost first (a repeat is a cycle).
#[derive(Default)]
pub struct State {
    path: smallvec::SmallVec<[usize; 8]>,
    /// `strict=` of the call: overrides the schema's own setting when given.
    pub strict: Option<bool>,
    /// `from_attributes=` of the call: models read other objects' attributes.
    pub from_attributes: bool,
    /// `context=` of the call, kept for the hooks that read it.
    pub context: Option<Py<PyAny>>,
    /// `by_alias=`, `by_name=` and `extra=` of the call, for every model the
    /// call reaches; None when the call gave none of them.
    pub overrides: Option<KeyOverrides>,
    /// How many types that contain themselves (`recursive.rs`) are being
    /// validated, one inside another; counted apart from models, as pydantic counts.
    pub definition_depth: usize,
    /// `experimental_allow_partial`: the value being validated ends the input,
    /// so a list, dict or TypedDict drops its last item when that fails.
    pub partial: bool,
    /// The value being validated was read from JSON (a hook's `info.mode`),
    /// even where a hook handed on a Python object.
    pub input_json: bool,
    /// The fields of the model being validated that validated so far, for
    /// hooks that take `info` (kept only by models with such hooks).
    pub field_data: Option<Py<pyo3::types::PyDict>>,
    // uuid and decimal
    /// The JSON document being validated, for the text of its numbers.
    pub json_source: Option<crate::input::JsonSource>,
    // unions
    /// Inside a smart union: how closely the choice being tried matched so
    /// far (validators lower it); None outside unions, where nothing reads it.
    pub exactness: Option<Exactness>,
    /// Inside a smart union: how many fields the models of the choice being
    /// tried took from the input, the first measure of a model choice.
    pub fields_set_count: Option<usize>,
}

impl State {
    pub fn new(strict: Option<bool>, from_attributes: bool, context: Option<Py<PyAny>>) -> Self {
        State { strict, from_attributes, context, ..Default::default() }
    }

    // uuid and decimal
    /// Runs `validate` with `document`, parsed from `data`, as the JSON source
    /// whose number texts a Decimal reads. Both outlive the call, so the
    /// source never outlives them: it is taken off again before returning.
    pub fn with_json_source<R>(&mut self, data: &[u8], document: &jiter::JsonValue<'_>, validate: impl FnOnce(&mut Self) -> R) -> R {
        let outer = self.json_source.replace(crate::input::JsonSource::new(data, document));
        let outer_json = std::mem::replace(&mut self.input_json, true);
        let result = validate(self);
        self.json_source = outer;
        self.input_json = outer_json;
        result
    }

    /// Runs `validate` with `partial` set as given, then puts back the call's.
    #[inline]
    pub fn with_partial<R>(&mut self, partial: bool, validate: impl FnOnce(&mut Self) -> R) -> R {
        let outer = std::mem::replace(&mut self.partial, partial);
        let result = validate(self);
        self.partial = outer;
        result
    }

    /// The strictness a validator built with `strict` applies in this call.
    #[inline]
    pub fn strict_or(&self, strict: bool) -> bool {
        self.strict.unwrap_or(strict)
    }

    // unions
    /// Lowers the exactness of the union choice being tried to `exactness`
    /// (computed only inside a union).
    #[inline(always)]
    pub fn floor_with(&mut self, exactness: impl FnOnce() -> Exactness) {
        if let Some(current) = self.exactness {
            if current > Exactness::Lax {
                self.exactness = Some(current.min(exactness()));
            }
        }
    }

    /// Lowers the exactness for a value made from `input` by its class (a
    /// path, an IP address, a parsed document): the input itself is exact,
    /// other Python input lax, JSON text strict.
    #[inline]
    pub fn floor_made<'py>(&mut self, input: &impl Input<'py>, made: &Bound<'py, PyAny>) {
        self.floor_with(|| match input.is_python() {
            false => Exactness::Strict,
            true if input.to_python(made.py()).is_ok_and(|i| i.is(made)) => Exactness::Exact,
            true => Exactness::Lax,
        });
    }

    /// Records the fields a model took from its input, inside a union.
    #[inline]
    pub fn add_fields_set(&mut self, count: usize) {
        if self.exactness.is_some() {
            *self.fields_set_count.get_or_insert(0) += count;
        }
    }

    #[inline]
    pub fn enter<'py>(&mut self, input: &impl Input<'py>) -> ValResult<()> {
        let id = input.identity();
        if id != 0 && self.path.contains(&id) {
            return Err(ValError::new(ErrorKind::RecursionLoop, input));
        }
        if self.path.len() >= MAX_DEPTH {
            return Err(ValError::new(ErrorKind::RecursionDepthExceeded, input));
        }
        self.path.push(id);
        Ok(())
    }

    #[inline]
    pub fn leave(&mut self) {
        self.path.pop();
    }

    /// Enters one level of a type that contains itself: a Python value seen
    /// on the way in is a cycle; whether its identity was recorded is returned
    /// for `leave_definition`.
    pub fn enter_definition<'py>(&mut self, input: &impl Input<'py>) -> ValResult<bool> {
        let id = input.identity();
        if id != 0 && self.path.contains(&id) {
            return Err(ValError::new(ErrorKind::RecursionLoop, input));
        }
        if self.definition_depth >= MAX_DEPTH {
            return Err(ValError::new(ErrorKind::RecursionDepthExceeded, input));
        }
        self.definition_depth += 1;
        if id != 0 {
            self.path.push(id);
        }
        Ok(id != 0)
    }

    pub fn leave_definition(&mut self, recorded: bool) {
        self.definition_depth -= 1;
        if recorded {
            self.path.pop();
        }
    }
}
