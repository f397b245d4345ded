//! A standard-library dataclass: an instance is kept as it is; a dict (or a
//! JSON object) is validated field by field, as the fields of a hidden model
//! of the same name, into a new instance whose `__post_init__` then runs.
//! Strict mode takes only instances from Python.

use std::sync::Arc;

use pyo3::exceptions::PyTypeError;
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyType};

use super::model_field::ModelFieldValidator;
use super::{node_get, node_strict, BuildContext, State, Validator};
use crate::errors::{ErrorKind, ValError, ValResult};
use crate::input::{Exactness, Input};
use crate::schema::Validated;

#[derive(Debug)]
pub struct DataclassValidator {
    cls: Py<PyType>,
    class_name: Arc<str>,
    /// The hidden model whose schema holds the fields.
    fields: ModelFieldValidator,
    /// The fields `__init__` takes, set from the input in this order.
    names: Vec<Py<PyString>>,
    /// How many InitVars follow them among the values, for `__post_init__`.
    init_vars: usize,
    /// `init=False` fields with a default: (name, default or factory, is a factory).
    late_defaults: Vec<(Py<PyString>, Py<PyAny>, bool)>,
    post_init: bool,
    strict: bool,
}

impl DataclassValidator {
    pub fn build(node: &Bound<'_, PyDict>, ctx: &BuildContext) -> PyResult<Validator> {
        let required = |key: &str| node_get(node, key)?.ok_or_else(|| PyTypeError::new_err(format!("dataclass node without {key:?}")));
        let cls = required("cls")?.cast_into::<PyType>()?;
        let shadow = PyDict::new(node.py());
        shadow.set_item("cls", required("shadow")?)?;
        let Validator::Model(fields) = ModelFieldValidator::build(&shadow, ctx)? else { unreachable!("a model node builds a model validator") };
        let names = required("init_names")?.extract::<Vec<Bound<'_, PyString>>>()?.into_iter().map(Bound::unbind).collect();
        let late_defaults = required("late_defaults")?
            .cast::<PyList>()?
            .iter()
            .map(|item| {
                let (name, value, factory): (Bound<'_, PyString>, Bound<'_, PyAny>, bool) = item.extract()?;
                Ok((name.unbind(), value.unbind(), factory))
            })
            .collect::<PyResult<_>>()?;
        Ok(Validator::Dataclass(DataclassValidator {
            class_name: cls.name()?.to_string().into(),
            cls: cls.unbind(),
            fields,
            names,
            init_vars: required("init_vars")?.extract()?,
            late_defaults,
            post_init: required("post_init")?.is_truthy()?,
            strict: node_strict(node)?,
        }))
    }

    pub fn visit_objects(&self, visit: &mut dyn FnMut(&Py<PyAny>)) {
        visit(self.cls.as_any());
        self.late_defaults.iter().for_each(|(_, value, _)| visit(value));
        self.fields.visit_objects(visit);
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let cls = self.cls.bind(py);
        if input.is_python() {
            let value = input.to_python(py)?;
            if value.is_instance(cls)? {
                return Ok(value);
            }
            if state.strict_or(self.strict) {
                return Err(ValError::new(ErrorKind::DataclassExactType { class_name: self.class_name.clone() }, input));
            }
            if !value.is_instance_of::<PyDict>() {
                return Err(ValError::new(ErrorKind::DataclassType { class_name: self.class_name.clone() }, input));
            }
        } else if input.validate_dict(py, false).is_err() {
            return Err(ValError::new(ErrorKind::JsonDataclassType { class_name: self.class_name.clone() }, input));
        }
        // a new instance is not an exact match, for a union's choice
        state.floor_with(|| Exactness::Strict);
        let values = match self.fields.validate_values(py, input, state) {
            Ok(Validated::Values(values, _)) => values,
            Ok(Validated::Instance(other)) => return Ok(other),
            Err(e) => return Err(keyword_errors(e)),
        };
        self.instance(cls, values.into_iter()).map_err(ValError::from)
    }

    /// A new instance holding `values`, set as `object.__setattr__` sets them
    /// (a frozen dataclass refuses its own `__setattr__`), then the `init=False`
    /// defaults, as `__init__` sets them; then `__post_init__`, given the InitVars.
    fn instance<'py>(&self, cls: &Bound<'py, PyType>, mut values: impl Iterator<Item = Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        let py = cls.py();
        let instance = cls.call_method1(pyo3::intern!(py, "__new__"), (cls,))?;
        for (name, value) in self.names.iter().zip(values.by_ref()) {
            set_field(&instance, name.bind(py), &value)?;
        }
        for (name, default, factory) in &self.late_defaults {
            let value = match factory {
                true => default.bind(py).call0()?,
                false => default.bind(py).clone(),
            };
            set_field(&instance, name.bind(py), &value)?;
        }
        let init_vars: Vec<Bound<'py, PyAny>> = values.take(self.init_vars).collect();
        if self.post_init {
            instance.call_method1(pyo3::intern!(py, "__post_init__"), pyo3::types::PyTuple::new(py, init_vars)?)?;
        }
        Ok(instance)
    }
}

/// A key the dataclass does not take (a call's `extra="forbid"`) is an
/// unexpected keyword argument of its `__init__`, as pydantic reports it.
#[cold]
fn keyword_errors(err: ValError) -> ValError {
    match err {
        ValError::Lines(mut lines) => {
            for line in lines.iter_mut().filter(|l| matches!(l.kind, ErrorKind::ExtraForbidden) && l.loc_reversed.len() == 1) {
                line.kind = ErrorKind::UnexpectedKeywordArgument;
            }
            ValError::Lines(lines)
        }
        other => other,
    }
}

fn set_field(instance: &Bound<'_, PyAny>, name: &Bound<'_, PyString>, value: &Bound<'_, PyAny>) -> PyResult<()> {
    // SAFETY: live objects; the generic setter is what object.__setattr__ calls.
    let status = unsafe { ffi::PyObject_GenericSetAttr(instance.as_ptr(), name.as_ptr(), value.as_ptr()) };
    match status {
        0 => Ok(()),
        _ => Err(PyErr::fetch(instance.py())),
    }
}
