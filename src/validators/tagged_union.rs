//! A discriminated union: the tag, read from the input's discriminator key
//! (or returned by a user's function), picks the one choice to validate
//! with; its errors are located under the tag. Tags are found through the
//! same membership table as `Literal` values, built at class definition.

use std::sync::Arc;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyInt, PyList, PyString};

use super::literal::LiteralLookup;
use super::{node_get, BuildContext, State, Validator};
use crate::errors::{ErrorKind, LocItem, ValError, ValResult};
use crate::input::Input;

#[derive(Debug)]
enum Discriminator {
    /// The keys of each choice's tag field, tried in turn: its name, then its alias.
    Keys(Vec<Py<PyString>>),
    /// A function of the input returning its tag, or None when it has none.
    Function(Py<PyAny>),
}

#[derive(Debug)]
pub struct TaggedUnionValidator {
    discriminator: Discriminator,
    tags: LiteralLookup,
    /// For each tag in `tags`, its choice and its location in errors.
    tag_choice: Vec<(usize, LocItem)>,
    choices: Vec<Validator>,
    /// The discriminator and the tags as the errors print them.
    discriminator_repr: Arc<str>,
    expected_tags: Arc<str>,
    /// The Discriminator's own error for a missing or unknown tag.
    custom_error: Option<ErrorKind>,
}

fn tag_loc(tag: &Bound<'_, PyAny>) -> PyResult<LocItem> {
    if tag.is_instance_of::<PyInt>() && !tag.is_instance_of::<PyBool>() {
        if let Ok(i) = tag.extract::<i64>() {
            return Ok(LocItem::Int(i));
        }
    }
    Ok(LocItem::Key(Arc::from(tag.str()?.to_str()?)))
}

impl TaggedUnionValidator {
    pub fn build(node: &Bound<'_, PyDict>, ctx: &BuildContext) -> PyResult<Validator> {
        let required = |key: &str| node_get(node, key)?.ok_or_else(|| PyTypeError::new_err(format!("tagged union without {key:?}")));
        let discriminator = required("discriminator")?;
        let discriminator = match discriminator.cast::<PyList>() {
            Ok(keys) => Discriminator::Keys(keys.iter().map(|k| Ok(k.cast_into::<PyString>()?.unbind())).collect::<PyResult<_>>()?),
            Err(_) => Discriminator::Function(discriminator.unbind()),
        };
        let mut choices = Vec::new();
        for choice in required("choices")?.cast::<PyList>()?.iter() {
            choices.push(Validator::build(choice.cast::<PyDict>()?, ctx)?);
        }
        let mut tag_values = Vec::new();
        let mut tag_choice = Vec::new();
        for pair in required("tags")?.cast::<PyList>()?.iter() {
            let (tag, choice): (Bound<'_, PyAny>, usize) = pair.extract()?;
            if choice >= choices.len() {
                return Err(PyTypeError::new_err("tag of an unknown choice"));
            }
            tag_choice.push((choice, tag_loc(&tag)?));
            tag_values.push(tag);
        }
        Ok(Validator::TaggedUnion(TaggedUnionValidator {
            discriminator,
            tags: LiteralLookup::new(&tag_values)?,
            tag_choice,
            choices,
            discriminator_repr: required("discriminator_repr")?.extract::<String>()?.into(),
            expected_tags: required("expected_tags")?.extract::<String>()?.into(),
            custom_error: node_get(node, "custom_error")?.map(|spec| custom_error(&spec.cast_into::<PyDict>()?)).transpose()?,
        }))
    }

    pub fn choices(&self) -> &[Validator] {
        &self.choices
    }

    pub fn visit_objects(&self, visit: &mut dyn FnMut(&Py<PyAny>)) {
        if let Discriminator::Function(function) = &self.discriminator {
            visit(function);
        }
        self.tags.visit_objects(visit);
        self.choices.iter().for_each(|c| c.visit_objects(visit));
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let tag = match &self.discriminator {
            Discriminator::Keys(keys) => self.read_tag(py, keys, input, state.strict_or(false))?,
            Discriminator::Function(function) => Some(function.bind(py).call1((input.to_python(py)?,))?).filter(|tag| !tag.is_none()),
        };
        let Some(tag) = tag else {
            let kind = match &self.custom_error {
                Some(kind) => kind.clone(),
                None => ErrorKind::UnionTagNotFound { discriminator: self.discriminator_repr.clone() },
            };
            return Err(ValError::new(kind, input));
        };
        let Some(index) = self.tags.find_object(&tag)? else {
            return Err(self.tag_invalid(&tag, input));
        };
        let (choice, loc) = &self.tag_choice[index];
        self.choices[*choice].validate(py, input, state).map_err(|err| err.with_outer(|| loc.clone()))
    }

    fn read_tag<'py>(&self, py: Python<'py>, keys: &[Py<PyString>], input: &impl Input<'py>, strict: bool) -> ValResult<Option<Bound<'py, PyAny>>> {
        for key in keys {
            if let Some(tag) = input.discriminator_value(py, key.bind(py), strict)? {
                return Ok(Some(tag));
            }
        }
        Ok(None)
    }

    #[cold]
    fn tag_invalid<'py>(&self, tag: &Bound<'py, PyAny>, input: &impl Input<'py>) -> ValError {
        if let Some(kind) = &self.custom_error {
            return ValError::new(kind.clone(), input);
        }
        let tag = match tag.str() {
            Ok(text) => Arc::from(text.to_string_lossy().as_ref()),
            Err(_) => Arc::from("<unprintable>"),
        };
        let kind = ErrorKind::UnionTagInvalid { discriminator: self.discriminator_repr.clone(), tag, expected_tags: self.expected_tags.clone() };
        ValError::new(kind, input)
    }
}

/// `{"known": type, "context": ctx}` or `{"custom": PydanticCustomError}`.
fn custom_error(spec: &Bound<'_, PyDict>) -> PyResult<ErrorKind> {
    if let Some(error) = spec.get_item("custom")? {
        return crate::hooks::custom_kind(&error);
    }
    let error_type = spec.get_item("known")?.ok_or_else(|| PyTypeError::new_err("custom_error without a type"))?;
    let context = spec.get_item("context")?.filter(|c| !c.is_none());
    let context = context.as_ref().map(|c| c.cast::<PyDict>()).transpose()?;
    let error_type = error_type.extract::<String>()?;
    ErrorKind::from_type_and_ctx(&error_type, context)
        .map_err(|e| PyTypeError::new_err(format!("custom_error_type {error_type:?} without custom_error_message: {e}")))
}
