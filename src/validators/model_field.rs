//! A field whose type is another Model class (or the class itself). It holds
//! the class's schema directly once it is built; for a forward reference or a
//! self-reference that happens at first use, once.

use jiter::Peek;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};

use super::{BuildContext, ModelWalk, State, Validator};
use crate::batch::{JsonReader, Native, NativeModel, PyPlaces};
use crate::errors::ValResult;
use crate::input::Input;
use crate::schema_handle::{built_schema_of, schema_of, SchemaHandle};

#[derive(Debug)]
pub struct ModelFieldValidator {
    cls: Py<PyType>,
    schema: std::sync::OnceLock<Py<SchemaHandle>>,
}

impl ModelFieldValidator {
    pub fn build(node: &Bound<'_, PyDict>, _ctx: &BuildContext) -> PyResult<Validator> {
        let cls = node
            .get_item("cls")?
            .ok_or_else(|| pyo3::exceptions::PyTypeError::new_err("model node without 'cls'"))?;
        let cls = cls.cast_into::<PyType>()?.unbind();
        Ok(Validator::Model(ModelFieldValidator { cls, schema: std::sync::OnceLock::new() }))
    }

    pub fn visit_objects(&self, visit: &mut dyn FnMut(&Py<PyAny>)) {
        visit(self.cls.as_any());
        if let Some(handle) = self.schema.get() {
            visit(handle.as_any());
        }
    }

    #[inline]
    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let handle = match self.schema.get() {
            Some(handle) => handle,
            None => self.resolve(py)?,
        };
        handle.get().schema.validate_model(py, self.cls.bind(py), input, state)
    }

    /// The field values `input` gives the class, without making an instance
    /// (the fields of a dataclass are validated as a model's).
    pub fn validate_values<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<crate::schema::Validated<'py>> {
        let handle = match self.schema.get() {
            Some(handle) => handle,
            None => self.resolve(py)?,
        };
        handle.get().schema.validate_input(py, self.cls.bind(py), input, state)
    }

    /// Off the GIL: a valid JSON object for this model, once the schema is resolved.
    #[inline]
    pub fn native<'d>(&'d self, json: &mut JsonReader<'d>, peek: Peek) -> Option<Native<'d>> {
        let schema = &self.schema.get()?.get().schema;
        // with the GIL held, made into its instance at once (the reader holds
        // it only for a record whose defaults run no user code; see `native_instance`)
        if let Some(py) = json.gil() {
            let mut values = PyPlaces::new(py);
            schema.decode_native_values(json, peek, &mut values)?;
            let instance = values.into_instance(&self.cls, schema).ok()?;
            return Some(Native::Built(instance.unbind()));
        }
        // boxed first and filled in place: the values are never moved
        let mut model = Box::new(NativeModel { cls: &self.cls, schema, values: Default::default() });
        schema.decode_native_values(json, peek, &mut model.values)?;
        Some(Native::Model(model))
    }

    /// Says whether the schema, and every model inside it, validates without
    /// Python; resolves it first (at first use), or takes it only when it is
    /// built (at class definition). `walk.seen` stops at self-references.
    pub fn runs_without_python(&self, py: Python<'_>, walk: &mut ModelWalk) -> PyResult<bool> {
        let handle = match self.schema.get() {
            Some(handle) => handle,
            None if walk.resolve => self.resolve(py)?,
            None => match built_schema_of(self.cls.bind(py)) {
                Some(handle) => self.schema.get_or_init(|| handle.unbind()),
                None => {
                    walk.unresolved = true;
                    return Ok(true);
                }
            },
        };
        let schema = &handle.get().schema;
        let id = schema as *const _ as usize;
        if walk.seen.contains(&id) {
            return Ok(true);
        }
        walk.seen.push(id);
        schema.runs_without_python(py, walk)
    }

    #[cold]
    fn resolve(&self, py: Python<'_>) -> PyResult<&Py<SchemaHandle>> {
        let handle = schema_of(self.cls.bind(py))?.unbind();
        // Kept once: a schema resolved meanwhile (by Python code that
        // `schema_of` ran) stays, and this one is dropped.
        Ok(self.schema.get_or_init(|| handle))
    }
}
