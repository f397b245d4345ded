//! Models: the fields of the declared class, in field order, each by its own
//! serializer, under its name or alias escaped once at class definition.
//! An instance of a subclass is dumped as the declared class: its fields only.

use std::borrow::Cow;
use std::sync::OnceLock;

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};

use super::computed;
use super::dumper::FieldPlan;
use super::{any, Dumper, Filter, JsonOut};
use crate::fields_set;
use crate::schema_handle::{schema_of, SchemaHandle};
use crate::schema::{CompiledSchema, DefaultValue, Field};

#[derive(Debug)]
pub struct ModelSerializer {
    cls: Py<PyType>,
    /// Found at first use: the class may still wait for a forward reference.
    schema: OnceLock<Py<SchemaHandle>>,
    /// Whether the class can contain itself through its fields: only then can
    /// its values form a cycle by themselves, and are checked for one (as
    /// pydantic checks only recursive models). Found at first use.
    recursive: OnceLock<bool>,
}

impl ModelSerializer {
    pub fn build(node: &Bound<'_, PyDict>) -> PyResult<Self> {
        let cls = node
            .get_item("cls")?
            .ok_or_else(|| pyo3::exceptions::PyTypeError::new_err("model node without 'cls'"))?;
        Ok(ModelSerializer { cls: cls.cast_into::<PyType>()?.unbind(), schema: OnceLock::new(), recursive: OnceLock::new() })
    }

    /// Whether `value` is an instance of the class (strict: of exactly it).
    pub fn accepts(&self, value: &Bound<'_, PyAny>, strict: bool) -> bool {
        let cls = self.cls.bind(value.py());
        value.get_type().is(cls) || (!strict && value.is_instance(cls).unwrap_or(false))
    }

    pub fn class_name(&self, py: Python<'_>) -> String {
        self.cls.bind(py).name().map(|n| n.to_string()).unwrap_or_default()
    }

    pub fn visit_objects(&self, visit: &mut dyn FnMut(&Py<PyAny>)) {
        visit(self.cls.as_any());
        if let Some(handle) = self.schema.get() {
            visit(handle.as_any());
        }
    }

    #[inline]
    fn handle<'py>(&self, py: Python<'py>) -> PyResult<&Bound<'py, SchemaHandle>> {
        if let Some(handle) = self.schema.get() {
            return Ok(handle.bind(py));
        }
        let handle = schema_of(self.cls.bind(py))?.unbind();
        Ok(self.schema.get_or_init(|| handle).bind(py))
    }

    #[inline]
    fn is_recursive(&self, py: Python<'_>) -> bool {
        if let Some(recursive) = self.recursive.get() {
            return *recursive;
        }
        // a class whose fields cannot be resolved yet is taken to be recursive
        let recursive = self.reaches_itself(py).unwrap_or(true);
        *self.recursive.get_or_init(|| recursive)
    }

    fn reaches_itself(&self, py: Python<'_>) -> PyResult<bool> {
        let target = self.cls.as_ptr();
        let mut seen = vec![target];
        let mut stack = vec![self.handle(py)?.clone()];
        while let Some(handle) = stack.pop() {
            for field in &handle.get().schema.fields {
                let mut models = Vec::new();
                field.serializer.models(&mut models);
                for model in models {
                    let cls = model.cls.as_ptr();
                    if cls == target {
                        return Ok(true);
                    }
                    if !seen.contains(&cls) {
                        seen.push(cls);
                        stack.push(model.handle(py)?.clone());
                    }
                }
            }
        }
        Ok(false)
    }

    /// The declared class's schema when `value` is an instance of it (with
    /// `serialize_as_any`, the value's own class's).
    #[inline]
    fn schema_for<'a, 'py>(&'a self, value: &Bound<'py, PyAny>, d: &Dumper<'py>) -> PyResult<Option<Cow<'a, Bound<'py, SchemaHandle>>>>
    where
        'py: 'a,
    {
        let py = value.py();
        let cls = self.cls.bind(py);
        if value.get_type_ptr() == cls.as_type_ptr() {
            return Ok(Some(Cow::Borrowed(self.handle(py)?)));
        }
        if !value.is_instance(cls)? {
            return Ok(None);
        }
        if d.opts.serialize_as_any {
            return Ok(Some(Cow::Owned(schema_of(&value.get_type())?)));
        }
        Ok(Some(Cow::Borrowed(self.handle(py)?)))
    }

    pub fn to_python<'py>(&self, value: &Bound<'py, PyAny>, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self.schema_for(value, d)? {
            Some(handle) if self.is_recursive(d.py) => {
                d.enter(value)?;
                let out = model_to_python(&handle, value, d, filter);
                d.leave();
                out
            }
            Some(handle) => model_to_python(&handle, value, d, filter),
            None => self.other_value_to_python(value, d, filter),
        }
    }

    pub fn to_json<'py>(&self, value: &Bound<'py, PyAny>, out: &mut JsonOut, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<()> {
        match self.schema_for(value, d)? {
            Some(handle) if self.is_recursive(d.py) => {
                d.enter(value)?;
                let result = model_to_json(&handle, value, out, d, filter);
                d.leave();
                result
            }
            Some(handle) => model_to_json(&handle, value, out, d, filter),
            None => self.other_value_to_json(value, out, d, filter),
        }
    }

    /// An instance of another model is read by this model's field names
    /// (what it lacks is left out); any other value warns and is dumped by
    /// its own type.
    #[cold]
    fn other_value_to_python<'py>(&self, value: &Bound<'py, PyAny>, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<Bound<'py, PyAny>> {
        if !value.is_instance(crate::model_base(d.py)?.as_any())? {
            d.mismatch(&self.class_name(d.py), value);
            return any::to_python(value, d, filter);
        }
        let handle = self.handle(d.py)?.clone();
        let schema = &handle.get().schema;
        let out = PyDict::new(d.py);
        for (index, field) in schema.fields.iter().enumerate() {
            let Ok(v) = value.getattr(field.name.bind(d.py)) else { continue };
            let key = if d.opts.by_alias.unwrap_or(schema.serialize_by_alias) { &field.ser_key } else { &field.name };
            let previous = d.set_field(schema, index);
            let dumped = field.serializer.to_python(&v, d, &Filter::default());
            d.restore_field(previous);
            out.set_item(key.bind(d.py), dumped?)?;
        }
        Ok(out.into_any())
    }

    #[cold]
    fn other_value_to_json<'py>(&self, value: &Bound<'py, PyAny>, out: &mut JsonOut, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<()> {
        if !value.is_instance(crate::model_base(d.py)?.as_any())? {
            d.mismatch(&self.class_name(d.py), value);
            return any::to_json(value, out, d, filter);
        }
        let handle = self.handle(d.py)?.clone();
        let schema = &handle.get().schema;
        out.begin('{');
        let mut first = true;
        for (index, field) in schema.fields.iter().enumerate() {
            let Ok(v) = value.getattr(field.name.bind(d.py)) else { continue };
            out.item(first);
            first = false;
            out.key(if d.opts.by_alias.unwrap_or(schema.serialize_by_alias) { &field.ser_key_json } else { &field.name_json });
            let previous = d.set_field(schema, index);
            let result = field.serializer.to_json(&v, out, d, &Filter::default());
            d.restore_field(previous);
            result?;
        }
        out.end('}', !first);
        Ok(())
    }
}

/// What the options and filter make of one field: None to leave it out.
#[inline]
fn keep<'py>(
    schema: &CompiledSchema,
    index: usize,
    field: &Field,
    obj: &Bound<'py, PyAny>,
    value: &Bound<'py, PyAny>,
    d: &Dumper<'py>,
    plan: Option<&FieldPlan<'py>>,
) -> PyResult<Option<Filter<'py>>> {
    // Field(exclude=True) wins over any include
    if field.exclude {
        return Ok(None);
    }
    let next = match plan {
        None => Filter::default(),
        Some(plan) => match plan.get(index) {
            Some(Some(next)) => next.clone(),
            _ => return Ok(None),
        },
    };
    if d.opts.excludes() {
        if d.opts.exclude_none && value.is_none() {
            return Ok(None);
        }
        // SAFETY: obj is an instance of the schema's class (or a subclass).
        if d.opts.exclude_unset && !unsafe { fields_set::contains(obj.as_ptr(), index) } {
            return Ok(None);
        }
        if d.opts.exclude_defaults && !matches!(field.default, DefaultValue::Required) {
            let default = schema.default_value(d.py, field)?;
            if value.eq(default)? {
                return Ok(None);
            }
        }
    }
    Ok(Some(next))
}

/// The filter of a model's fields: a RootModel's names its value's items.
fn own_filter<'a, 'py>(schema: &CompiledSchema, filter: &'a Filter<'py>) -> PyResult<std::borrow::Cow<'a, Filter<'py>>> {
    match schema.root_model && !filter.is_empty() {
        true => Ok(std::borrow::Cow::Owned(filter.under_root()?)),
        false => Ok(std::borrow::Cow::Borrowed(filter)),
    }
}

/// `obj` dumped by `handle`'s schema (obj's class or a base): its fields as a
/// dict, or what its `model_serializer` makes of it.
pub fn model_to_python<'py>(
    handle: &Bound<'py, SchemaHandle>,
    obj: &Bound<'py, PyAny>,
    d: &mut Dumper<'py>,
    filter: &Filter<'py>,
) -> PyResult<Bound<'py, PyAny>> {
    let schema = &handle.get().schema;
    let filter = &own_filter(schema, filter)?;
    let outer = d.owner.replace(obj.clone());
    let result = match &schema.model_ser {
        None => fields_to_python(handle, obj, d, filter).map(Bound::into_any),
        Some(hook) => model_ser_result(handle, hook, obj, d, filter, d.opts.json_mode).and_then(|r| any::to_python(&r, d, &Filter::default())),
    };
    d.owner = outer;
    result
}

/// What a `model_serializer` returns for `obj`; a wrap one's handler dumps the fields.
#[cold]
fn model_ser_result<'py>(
    handle: &Bound<'py, SchemaHandle>,
    hook: &crate::serializers::ModelSerHook,
    obj: &Bound<'py, PyAny>,
    d: &mut Dumper<'py>,
    filter: &Filter<'py>,
    json: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let fields = if hook.wraps() {
        let handler = ModelFieldsHandler { handle: handle.clone().unbind(), opts: d.opts, json, include: filter.include.clone().map(Bound::unbind), exclude: filter.exclude.clone().map(Bound::unbind) };
        Bound::new(d.py, handler)?.into_any()
    } else {
        d.py.None().into_bound(d.py)
    };
    hook.call(obj, fields, d, json)
}

/// The handler of a wrap `model_serializer`: the instance's fields dumped as
/// the dump would without the serializer.
#[pyclass(frozen, module = "satya._satya", name = "ModelSerializationCallable")]
pub struct ModelFieldsHandler {
    handle: Py<SchemaHandle>,
    opts: super::DumpOptions,
    json: bool,
    include: Option<Py<PyAny>>,
    exclude: Option<Py<PyAny>>,
}

#[pymethods]
impl ModelFieldsHandler {
    fn __call__<'py>(&self, py: Python<'py>, value: Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let mut d = Dumper::new(py, super::DumpOptions { json_mode: self.json, ..self.opts });
        let filter = Filter::new(self.include.as_ref().map(|v| v.bind(py).clone()), self.exclude.as_ref().map(|v| v.bind(py).clone()));
        let outer = d.owner.replace(value.clone());
        let result = fields_to_python(self.handle.bind(py), &value, &mut d, &filter);
        d.owner = outer;
        Ok(result?.into_any())
    }
}

/// `obj`'s fields as a dict.
fn fields_to_python<'py>(
    handle: &Bound<'py, SchemaHandle>,
    obj: &Bound<'py, PyAny>,
    d: &mut Dumper<'py>,
    filter: &Filter<'py>,
) -> PyResult<Bound<'py, PyDict>> {
    let py = d.py;
    let schema = &handle.get().schema;
    d.enter_model()?;
    let by_alias = d.opts.by_alias.unwrap_or(schema.serialize_by_alias);
    if filter.is_empty() && !d.opts.excludes() && !schema.has_excluded {
        let out = plain_to_python(schema, obj, d)?;
        extras_to_python(schema, obj, &out, d, filter)?;
        computed::to_python(&schema.computed, obj, &out, d, filter, by_alias)?;
        d.leave_model();
        return Ok(out);
    }
    let out = PyDict::new(py);
    let plan = if filter.is_empty() { None } else { Some(d.field_plan(schema, filter)?) };
    for (index, field) in schema.fields.iter().enumerate() {
        // SAFETY: obj is an instance of the schema's class (or a subclass).
        let Some(value) = (unsafe { field.offset.get(py, obj.as_ptr()) }) else { continue };
        let Some(next) = keep(schema, index, field, obj, &value, d, plan.as_deref())? else { continue };
        let key = if d.opts.by_alias.unwrap_or(schema.serialize_by_alias) { &field.ser_key } else { &field.name };
        let previous = d.set_field(schema, index);
        let dumped = field.serializer.to_python(&value, d, &next)?;
        d.restore_field(previous);
        set_item(&out, key.bind(py), dumped)?;
    }
    extras_to_python(schema, obj, &out, d, filter)?;
    computed::to_python(&schema.computed, obj, &out, d, filter, by_alias)?;
    d.leave_model();
    Ok(out)
}

/// The plain call: every field, no decisions. A value that validation
/// stored as it is dumped (an exact int, str, float...) goes into the dict
/// without being looked at again.
#[inline]
fn plain_to_python<'py>(schema: &CompiledSchema, obj: &Bound<'py, PyAny>, d: &mut Dumper<'py>) -> PyResult<Bound<'py, PyDict>> {
    let py = d.py;
    let by_alias = d.opts.by_alias.unwrap_or(schema.serialize_by_alias);
    let template = schema.dump_templates.as_ref().map(|t| &t[by_alias as usize]);
    let out = match template {
        // SAFETY: the template is a dict; the copy is a new reference or NULL.
        Some(t) => unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyDict_Copy(t.as_ptr()))?.cast_into_unchecked::<PyDict>() },
        None => PyDict::new(py),
    };
    for (index, field) in schema.fields.iter().enumerate() {
        let key = if by_alias { &field.ser_key } else { &field.name };
        // SAFETY: obj is an instance of the schema's class (or a subclass).
        let raw = unsafe { field.offset.raw(obj.as_ptr()) };
        if raw.is_null() {
            if template.is_some() {
                out.del_item(key.bind(py))?;
            }
            continue;
        }
        if field.serializer.passes_through(raw, d.opts.json_mode) {
            // SAFETY: live objects; PyDict_SetItem takes its own references and
            // runs no user code for an exact str key.
            if unsafe { ffi::PyDict_SetItem(out.as_ptr(), key.as_ptr(), raw) } < 0 {
                return Err(PyErr::fetch(py));
            }
            continue;
        }
        // SAFETY: raw is the live value in the slot; it is owned from here on.
        let value = unsafe { Bound::from_borrowed_ptr(py, raw) };
        let previous = d.set_field(schema, index);
        let dumped = field.serializer.to_python(&value, d, &Filter::default());
        d.restore_field(previous);
        set_item(&out, key.bind(py), dumped?)?;
    }
    Ok(out)
}

/// `obj` written as JSON: its fields as an object, or what its
/// `model_serializer` makes of it.
pub fn model_to_json<'py>(
    handle: &Bound<'py, SchemaHandle>,
    obj: &Bound<'py, PyAny>,
    out: &mut JsonOut,
    d: &mut Dumper<'py>,
    filter: &Filter<'py>,
) -> PyResult<()> {
    let schema = &handle.get().schema;
    let filter = &own_filter(schema, filter)?;
    let outer = d.owner.replace(obj.clone());
    let result = match &schema.model_ser {
        None => fields_to_json(handle, obj, out, d, filter),
        Some(hook) => model_ser_result(handle, hook, obj, d, filter, true).and_then(|r| any::to_json(&r, out, d, &Filter::default())),
    };
    d.owner = outer;
    result
}

/// `obj`'s fields written as a JSON object.
fn fields_to_json<'py>(
    handle: &Bound<'py, SchemaHandle>,
    obj: &Bound<'py, PyAny>,
    out: &mut JsonOut,
    d: &mut Dumper<'py>,
    filter: &Filter<'py>,
) -> PyResult<()> {
    let py = d.py;
    let schema = &handle.get().schema;
    d.enter_model()?;
    out.begin('{');
    let mut first = true;
    if filter.is_empty() && !d.opts.excludes() && !schema.has_excluded {
        for (index, field) in schema.fields.iter().enumerate() {
            // SAFETY: obj is an instance of the schema's class (or a subclass).
            let Some(value) = (unsafe { field.offset.get(py, obj.as_ptr()) }) else { continue };
            out.item(first);
            first = false;
            out.key(if d.opts.by_alias.unwrap_or(schema.serialize_by_alias) { &field.ser_key_json } else { &field.name_json });
            let previous = d.set_field(schema, index);
            field.serializer.to_json(&value, out, d, filter)?;
            d.restore_field(previous);
        }
        extras_to_json(schema, obj, out, d, filter, &mut first)?;
        computed::to_json(&schema.computed, obj, out, d, filter, d.opts.by_alias.unwrap_or(schema.serialize_by_alias), &mut first)?;
        out.end('}', !first);
        d.leave_model();
        return Ok(());
    }
    let plan = if filter.is_empty() { None } else { Some(d.field_plan(schema, filter)?) };
    for (index, field) in schema.fields.iter().enumerate() {
        // SAFETY: obj is an instance of the schema's class (or a subclass).
        let Some(value) = (unsafe { field.offset.get(py, obj.as_ptr()) }) else { continue };
        let Some(next) = keep(schema, index, field, obj, &value, d, plan.as_deref())? else { continue };
        out.item(first);
        first = false;
        out.key(if d.opts.by_alias.unwrap_or(schema.serialize_by_alias) { &field.ser_key_json } else { &field.name_json });
        let previous = d.set_field(schema, index);
        field.serializer.to_json(&value, out, d, &next)?;
        d.restore_field(previous);
    }
    extras_to_json(schema, obj, out, d, filter, &mut first)?;
    computed::to_json(&schema.computed, obj, out, d, filter, d.opts.by_alias.unwrap_or(schema.serialize_by_alias), &mut first)?;
    out.end('}', !first);
    d.leave_model();
    Ok(())
}

#[inline]
fn set_item<'py>(dict: &Bound<'py, PyDict>, key: &Bound<'py, pyo3::types::PyString>, value: Bound<'py, PyAny>) -> PyResult<()> {
    // SAFETY: live objects; PyDict_SetItem takes its own references.
    if unsafe { pyo3::ffi::PyDict_SetItem(dict.as_ptr(), key.as_ptr(), value.as_ptr()) } < 0 {
        return Err(PyErr::fetch(dict.py()));
    }
    Ok(())
}

/// The extra keys an instance keeps (`extra="allow"`), each dumped as it is,
/// after the fields; include and exclude pick them by key.
fn extra_entries<'py>(schema: &CompiledSchema, obj: &Bound<'py, PyAny>, d: &Dumper<'py>, filter: &Filter<'py>) -> PyResult<Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>, Filter<'py>)>> {
    let Some(slot) = schema.extra_slot else { return Ok(Vec::new()) };
    // SAFETY: obj is an instance of the schema's class (or a subclass).
    let Some(extra) = (unsafe { slot.get(d.py, obj.as_ptr()) }) else { return Ok(Vec::new()) };
    let Ok(extra) = extra.cast_into::<PyDict>() else { return Ok(Vec::new()) };
    let mut kept = Vec::new();
    for entry in super::filter::kept_entries(&extra, filter)? {
        let (key, value, next) = entry?;
        if d.opts.exclude_none && value.is_none() {
            continue;
        }
        kept.push((key, value, next));
    }
    Ok(kept)
}

fn extras_to_python<'py>(schema: &CompiledSchema, obj: &Bound<'py, PyAny>, out: &Bound<'py, PyDict>, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<()> {
    for (key, value, next) in extra_entries(schema, obj, d, filter)? {
        out.set_item(key, any::to_python(&value, d, &next)?)?;
    }
    Ok(())
}

fn extras_to_json<'py>(schema: &CompiledSchema, obj: &Bound<'py, PyAny>, out: &mut JsonOut, d: &mut Dumper<'py>, filter: &Filter<'py>, first: &mut bool) -> PyResult<()> {
    for (key, value, next) in extra_entries(schema, obj, d, filter)? {
        out.item(*first);
        *first = false;
        let key = key.str()?;
        out.key(&super::quoted(key.to_str()?));
        any::to_json(&value, out, d, &next)?;
    }
    Ok(())
}
