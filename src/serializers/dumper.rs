//! What one dump call carries through the serializers: its options, the
//! objects being dumped (a repeat is a cycle), and the warnings it collects.

use pyo3::exceptions::{PyUserWarning, PyValueError};
use std::rc::Rc;

use pyo3::prelude::*;
use smallvec::SmallVec;

use super::Filter;

use crate::errors::truncate_repr;
use crate::schema::CompiledSchema;

/// How deep models may nest in a dump, and values of type `Any` (pydantic's
/// limits; a model chain that validates is never deeper, the validators' `MAX_DEPTH`).
const MAX_DUMP_DEPTH: u32 = 255;

/// The options of `model_dump` / `model_dump_json`.
#[derive(Clone, Copy, Default)]
pub struct DumpOptions {
    /// `mode="json"`: `model_dump` returns only JSON types.
    pub json_mode: bool,
    /// None: each model's `serialize_by_alias`.
    pub by_alias: Option<bool>,
    pub exclude_unset: bool,
    pub exclude_defaults: bool,
    pub exclude_none: bool,
    /// `computed_field` properties are left out (and not read).
    pub exclude_computed_fields: bool,
    pub round_trip: bool,
    pub warnings: Warnings,
    /// A model field's value is dumped by its own class (a subclass's fields too).
    pub serialize_as_any: bool,
}

/// `warnings=`: what a value that does not match its declared type causes.
#[derive(Clone, Copy, Default, PartialEq)]
pub enum Warnings {
    None,
    #[default]
    Warn,
    /// A SerializationError with the warnings' text.
    Error,
}

impl DumpOptions {
    /// Whether any option can leave a field out.
    #[inline]
    pub fn excludes(&self) -> bool {
        self.exclude_unset || self.exclude_defaults || self.exclude_none
    }
}

#[cold]
pub fn too_deep() -> PyErr {
    PyValueError::new_err("Maximum serialization depth exceeded")
}

pub struct Dumper<'py> {
    pub py: Python<'py>,
    pub opts: DumpOptions,
    /// Identities of the model fields' values and `Any` containers being dumped.
    path: SmallVec<[usize; 16]>,
    model_depth: u32,
    any_depth: u32,
    /// The field being dumped, for warnings: its schema and index. The schema
    /// is only read while that field's dump runs, so it is alive.
    field: Option<(*const CompiledSchema, usize)>,
    warnings: Vec<String>,
    /// The last plan made, for the schema and the include and exclude objects
    /// it was made for: the items of a list of models usually share one.
    last_plan: Option<((usize, usize, usize), Rc<FieldPlan<'py>>)>,
    /// The model instance whose fields are being dumped (a field serializer's `self`).
    pub owner: Option<Bound<'py, PyAny>>,
    /// `context=` of the dump call, for serializer functions' `info.context`.
    pub context: Option<Bound<'py, PyAny>>,
    /// `fallback=` of the dump call: what a value of an unknown type is dumped as.
    pub fallback: Option<Bound<'py, PyAny>>,
}

/// What include and exclude make of each field of one model: the filter for
/// its value, or None when it is left out.
pub type FieldPlan<'py> = Vec<Option<Filter<'py>>>;

impl<'py> Dumper<'py> {
    pub fn new(py: Python<'py>, opts: DumpOptions) -> Self {
        Dumper { py, opts, path: SmallVec::new(), model_depth: 0, any_depth: 0, field: None, warnings: Vec::new(), last_plan: None, owner: None, context: None, fallback: None }
    }

    /// The plan of `filter` for `schema`'s fields.
    pub fn field_plan(&mut self, schema: &CompiledSchema, filter: &Filter<'py>) -> PyResult<Rc<FieldPlan<'py>>> {
        let id = |v: &Option<Bound<'py, PyAny>>| v.as_ref().map_or(0, |v| v.as_ptr() as usize);
        let key = (schema as *const CompiledSchema as usize, id(&filter.include), id(&filter.exclude));
        if let Some((last, plan)) = &self.last_plan {
            if *last == key && plan.len() == schema.fields.len() {
                return Ok(plan.clone());
            }
        }
        let prepared = filter.prepare()?;
        let plan = Rc::new(
            schema.fields.iter().map(|field| prepared.key(field.name.bind(self.py).as_any())).collect::<PyResult<FieldPlan<'py>>>()?,
        );
        // The filter's objects are held by the plan, so their addresses stay theirs.
        self.last_plan = Some((key, plan.clone()));
        Ok(plan)
    }

    /// Enters a model field's value or an `Any` container; its identity must
    /// not already be open (a cycle).
    #[inline]
    pub fn enter(&mut self, obj: &Bound<'py, PyAny>) -> PyResult<()> {
        let id = obj.as_ptr() as usize;
        if self.path.contains(&id) {
            return Err(PyValueError::new_err("Circular reference detected (id repeated)"));
        }
        self.path.push(id);
        Ok(())
    }

    #[inline]
    pub fn leave(&mut self) {
        self.path.pop();
    }

    /// One model deeper; beyond the limit is an error in every mode.
    #[inline]
    pub fn enter_model(&mut self) -> PyResult<()> {
        if self.model_depth >= MAX_DUMP_DEPTH {
            return Err(too_deep());
        }
        self.model_depth += 1;
        Ok(())
    }

    #[inline]
    pub fn leave_model(&mut self) {
        self.model_depth -= 1;
    }

    /// One `Any` value deeper; false beyond the limit.
    #[inline]
    pub fn enter_any(&mut self) -> bool {
        if self.any_depth >= MAX_DUMP_DEPTH {
            return false;
        }
        self.any_depth += 1;
        true
    }

    #[inline]
    pub fn leave_any(&mut self) {
        self.any_depth -= 1;
    }

    #[inline]
    pub fn set_field(&mut self, schema: &CompiledSchema, index: usize) -> Option<(*const CompiledSchema, usize)> {
        self.field.replace((schema as *const CompiledSchema, index))
    }

    #[inline]
    pub fn restore_field(&mut self, previous: Option<(*const CompiledSchema, usize)>) {
        self.field = previous;
    }

    /// A value that does not match its declared type: noted for the warning,
    /// then dumped by its own type.
    #[cold]
    pub fn mismatch(&mut self, expected: &str, value: &Bound<'py, PyAny>) {
        if self.opts.warnings == Warnings::None {
            return;
        }
        let repr = value.repr().map(|r| r.to_string()).unwrap_or_else(|_| "<unprintable>".into());
        let type_name = value.get_type().name().map(|n| n.to_string()).unwrap_or_default();
        let field = self.field.map(|(schema, index)| {
            // SAFETY: see `field`.
            let schema = unsafe { &*schema };
            format!("field_name='{}', ", schema.fields[index].name_text)
        });
        self.warnings.push(format!(
            "PydanticSerializationUnexpectedValue(Expected `{expected}` - serialized value may not be as expected [{}input_value={}, input_type={type_name}])",
            field.unwrap_or_default(),
            truncate_repr(&repr),
        ));
    }

    /// Emits the collected warnings as one UserWarning (or raises them), as
    /// pydantic does.
    pub fn finish(self) -> PyResult<()> {
        if self.warnings.is_empty() {
            return Ok(());
        }
        let message = format!("Pydantic serializer warnings:\n  {}", self.warnings.join("\n  "));
        if self.opts.warnings == Warnings::Error {
            return Err(super::SerializationError::new_err(message));
        }
        let message = std::ffi::CString::new(message.replace('\0', "\\0")).unwrap_or_default();
        PyErr::warn(self.py, &self.py.get_type::<PyUserWarning>(), &message, 2)
    }
}
