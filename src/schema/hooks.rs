//! A model's own hooks: `model_validator` in modes before, after and wrap,
//! and `model_post_init`, nested as pydantic nests them. The after and wrap
//! validators wrap the model in the order they were defined (a later one
//! outside); inside them an instance passes through as it is; any other input
//! goes through the before validators (a later one first), then the fields,
//! then `model_post_init`.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyType};

use super::{CompiledSchema, Validated};
use crate::errors::ValResult;
use crate::hooks::{hook_error, Hook};
use crate::input::Input;
use crate::validators::{HookMode, State};

/// What the model's hooks are, read from the class's descriptor.
#[derive(Debug, Default)]
pub struct ModelHooks {
    /// The after and wrap validators in definition order; each wraps the ones before it.
    pub validators: Vec<(HookMode, Hook)>,
    /// The before validators in definition order.
    pub before: Vec<Hook>,
    /// The class defines `model_post_init`.
    pub post_init: bool,
    /// Some field hook takes `info`, whose `data` the fields fill as they validate.
    pub collects_data: bool,
}

impl ModelHooks {
    pub fn read(descriptor: &Bound<'_, PyDict>) -> PyResult<Self> {
        let flag = |key: &str| -> PyResult<bool> { Ok(descriptor.get_item(key)?.map(|v| v.is_truthy()).transpose()?.unwrap_or(false)) };
        let (mut validators, mut before) = (Vec::new(), Vec::new());
        if let Some(list) = descriptor.get_item("model_hooks")?.filter(|v| !v.is_none()) {
            for node in list.cast::<PyList>()?.iter() {
                let node = node.cast::<PyDict>()?;
                match HookMode::read(node)? {
                    HookMode::Plain => return Err(pyo3::exceptions::PyTypeError::new_err("a model_validator has no plain mode")),
                    HookMode::Before => before.push(Hook::read(node)?),
                    mode => validators.push((mode, Hook::read(node)?)),
                }
            }
        }
        Ok(ModelHooks { validators, before, post_init: flag("post_init")?, collects_data: flag("collects_data")? })
    }

    pub fn any(&self) -> bool {
        !self.validators.is_empty() || !self.before.is_empty() || self.post_init
    }

    pub fn visit_objects(&self, visit: &mut dyn FnMut(&Py<PyAny>)) {
        self.validators.iter().for_each(|(_, hook)| hook.visit_objects(visit));
        self.before.iter().for_each(|hook| hook.visit_objects(visit));
    }
}

impl CompiledSchema {
    /// Validates `input` through the first `level` model hooks into a new
    /// instance of `cls`, or into `target` (`__init__`'s own instance).
    pub fn validate_hooked<'py>(
        &self,
        py: Python<'py>,
        cls: &Bound<'py, PyType>,
        input: &impl Input<'py>,
        state: &mut State,
        target: Option<&Bound<'py, PyAny>>,
        level: usize,
    ) -> ValResult<Bound<'py, PyAny>> {
        let Some(index) = level.checked_sub(1) else { return self.validate_core(py, cls, input, state, target) };
        let (mode, hook) = &self.hooks.validators[index];
        match mode {
            HookMode::After => {
                let instance = self.validate_hooked(py, cls, input, state, target, index)?;
                hook.call(py, [instance], input, state)
            }
            _ => {
                let handler = ModelHandler {
                    cls: cls.clone().unbind(),
                    level: index,
                    strict: state.strict,
                    from_attributes: state.from_attributes,
                    overrides: state.overrides,
                    input_json: state.input_json,
                    context: state.context.as_ref().map(|c| c.clone_ref(py)),
                    target: target.map(|t| t.clone().unbind()),
                };
                let handler = Bound::new(py, handler)?.into_any();
                hook.call(py, [input.to_python(py)?, handler], input, state)
            }
        }
    }

    /// The before validators, the fields' validation, then `model_post_init`
    /// on a new instance; an instance passes through as it is.
    fn validate_core<'py>(
        &self,
        py: Python<'py>,
        cls: &Bound<'py, PyType>,
        input: &impl Input<'py>,
        state: &mut State,
        target: Option<&Bound<'py, PyAny>>,
    ) -> ValResult<Bound<'py, PyAny>> {
        if self.hooks.before.is_empty() || (input.is_python() && input.to_python(py)?.is_instance(cls)?) {
            return self.validate_fields_into(py, cls, input, input, state, target);
        }
        let mut data = input.to_python(py)?;
        for hook in self.hooks.before.iter().rev() {
            data = hook.call(py, [data], input, state)?;
        }
        self.validate_fields_into(py, cls, &data, input, state, target)
    }

    /// `data`'s fields into a new instance (or `target`), then
    /// `model_post_init`, whose errors are the model `input`'s.
    fn validate_fields_into<'py>(
        &self,
        py: Python<'py>,
        cls: &Bound<'py, PyType>,
        data: &impl Input<'py>,
        input: &impl Input<'py>,
        state: &mut State,
        target: Option<&Bound<'py, PyAny>>,
    ) -> ValResult<Bound<'py, PyAny>> {
        let instance = match self.validate_input(py, cls, data, state)? {
            Validated::Instance(obj) => return Ok(obj),
            Validated::Values(values, given) => match target {
                Some(target) => {
                    crate::model::fill_instance(target, self, values, &given)?;
                    target.clone()
                }
                None => crate::model::new_instance(cls, self, values, &given)?,
            },
        };
        if self.hooks.post_init {
            let context = state.context.as_ref().map(|c| c.bind(py).clone()).unwrap_or_else(|| py.None().into_bound(py));
            instance.call_method1(pyo3::intern!(py, "model_post_init"), (context,)).map_err(|e| hook_error(py, e, input))?;
        }
        Ok(instance)
    }
}

/// The `handler` a wrap model validator calls to validate its data as the model.
#[pyclass(frozen, module = "satya._satya", name = "ModelValidatorCallable")]
pub struct ModelHandler {
    cls: Py<PyType>,
    /// The hooks inside this one.
    level: usize,
    strict: Option<bool>,
    from_attributes: bool,
    overrides: Option<crate::validators::KeyOverrides>,
    input_json: bool,
    context: Option<Py<PyAny>>,
    target: Option<Py<PyAny>>,
}

#[pymethods]
impl ModelHandler {
    fn __call__<'py>(&self, py: Python<'py>, input_value: Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let cls = self.cls.bind(py);
        let handle = crate::schema_handle::schema_of(cls)?;
        let schema = &handle.get().schema;
        let mut state = State::new(self.strict, self.from_attributes, self.context.as_ref().map(|c| c.clone_ref(py)));
        state.input_json = self.input_json;
        state.overrides = self.overrides;
        let target = self.target.as_ref().map(|t| t.bind(py).clone());
        schema
            .validate_hooked(py, cls, &input_value, &mut state, target.as_ref(), self.level)
            .map_err(|e| schema.py_err(py, e))
    }

    fn __repr__(&self) -> &'static str {
        "ModelValidatorCallable(...)"
    }
}

