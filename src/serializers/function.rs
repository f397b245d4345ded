//! Serializers written in Python: `field_serializer` and `PlainSerializer` /
//! `WrapSerializer` (a value's), `model_serializer` (a whole model's). A
//! plain function's result is dumped as whatever it is; a wrap function gets
//! a handler that dumps the value as its type would. `when_used` decides
//! which dumps call the function at all.

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use super::dumper::{DumpOptions, Dumper};
use super::filter::Filter;
use super::writer::JsonOut;
use super::{any, Serializer};

#[derive(Debug, Clone, Copy, PartialEq)]
enum WhenUsed {
    Always,
    UnlessNone,
    Json,
    JsonUnlessNone,
}

/// A Python serializer function as the schema keeps it.
#[derive(Debug)]
pub struct SerHook {
    func: Py<PyAny>,
    wrap: bool,
    /// It takes a `SerializationInfo` as its last argument.
    takes_info: bool,
    /// It is a method of the model: called with the instance first.
    method: bool,
    when_used: WhenUsed,
    field_name: Option<Py<PyString>>,
}

impl SerHook {
    pub fn read(node: &Bound<'_, PyDict>) -> PyResult<Self> {
        let get = |key: &str| node.get_item(key).map(|v| v.filter(|v| !v.is_none()));
        let flag = |key: &str| -> PyResult<bool> { Ok(get(key)?.map(|v| v.is_truthy()).transpose()?.unwrap_or(false)) };
        let when_used = match get("when_used")?.map(|v| v.extract::<String>()).transpose()?.as_deref() {
            None | Some("always") => WhenUsed::Always,
            Some("unless-none") => WhenUsed::UnlessNone,
            Some("json") => WhenUsed::Json,
            Some("json-unless-none") => WhenUsed::JsonUnlessNone,
            Some(other) => return Err(pyo3::exceptions::PyTypeError::new_err(format!("unknown when_used {other:?}"))),
        };
        Ok(SerHook {
            func: get("function")?.ok_or_else(|| pyo3::exceptions::PyTypeError::new_err("a serializer needs a 'function'"))?.unbind(),
            wrap: get("mode")?.map(|m| m.extract::<String>()).transpose()?.as_deref() == Some("wrap"),
            takes_info: flag("info")?,
            method: flag("method")?,
            when_used,
            field_name: get("field_name")?.map(|v| v.cast_into::<PyString>()).transpose()?.map(Bound::unbind),
        })
    }

    /// Whether this dump calls the function for `value`.
    fn applies(&self, value: &Bound<'_, PyAny>, json: bool) -> bool {
        match self.when_used {
            WhenUsed::Always => true,
            WhenUsed::UnlessNone => !value.is_none(),
            WhenUsed::Json => json,
            WhenUsed::JsonUnlessNone => json && !value.is_none(),
        }
    }

    /// The function's result for `value`; `handler` is what a wrap function gets.
    fn call<'py>(&self, value: &Bound<'py, PyAny>, handler: Option<Bound<'py, PyAny>>, d: &Dumper<'py>, json: bool) -> PyResult<Bound<'py, PyAny>> {
        let py = d.py;
        let mut args: smallvec::SmallVec<[Bound<'py, PyAny>; 4]> = smallvec::SmallVec::new();
        if self.method {
            let owner = d.owner.clone().ok_or_else(|| pyo3::exceptions::PyRuntimeError::new_err("a field serializer outside its model"))?;
            args.push(owner);
        }
        args.push(value.clone());
        args.extend(handler);
        if self.takes_info {
            let info = SerializationInfo::new(d, json, self.field_name.as_ref().map(|f| f.clone_ref(py)));
            args.push(Bound::new(py, info)?.into_any());
        }
        self.func.bind(py).call1(pyo3::types::PyTuple::new(py, args)?)
    }

    pub fn visit_objects(&self, visit: &mut dyn FnMut(&Py<PyAny>)) {
        visit(&self.func);
    }
}

/// A value's serializer function, around the serializer of its type.
#[derive(Debug)]
pub struct FunctionSerializer {
    hook: SerHook,
    pub inner: Arc<Serializer>,
}

impl FunctionSerializer {
    pub fn build(spec: &Bound<'_, PyDict>, inner: Serializer) -> PyResult<Self> {
        Ok(FunctionSerializer { hook: SerHook::read(spec)?, inner: Arc::new(inner) })
    }

    fn result<'py>(&self, value: &Bound<'py, PyAny>, d: &Dumper<'py>, json: bool, filter: &Filter<'py>) -> PyResult<Bound<'py, PyAny>> {
        let handler = match self.hook.wrap {
            true => Some(Bound::new(d.py, SerializerHandler::new(Some(self.inner.clone()), d, json, filter))?.into_any()),
            false => None,
        };
        self.hook.call(value, handler, d, json)
    }

    pub fn to_python<'py>(&self, value: &Bound<'py, PyAny>, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<Bound<'py, PyAny>> {
        if !self.hook.applies(value, d.opts.json_mode) {
            return self.inner.to_python(value, d, filter);
        }
        let result = self.result(value, d, d.opts.json_mode, filter)?;
        any::to_python(&result, d, &Filter::default())
    }

    pub fn to_json<'py>(&self, value: &Bound<'py, PyAny>, out: &mut JsonOut, d: &mut Dumper<'py>, filter: &Filter<'py>) -> PyResult<()> {
        if !self.hook.applies(value, true) {
            return self.inner.to_json(value, out, d, filter);
        }
        let result = self.result(value, d, true, filter)?;
        any::to_json(&result, out, d, &Filter::default())
    }

    pub fn visit_objects(&self, visit: &mut dyn FnMut(&Py<PyAny>)) {
        self.hook.visit_objects(visit);
        self.inner.visit_objects(visit);
    }
}

/// A model's own serializer function (`model_serializer`): what a dump of the
/// instance gives; a wrap function's handler gives the fields' dict.
#[derive(Debug)]
pub struct ModelSerHook(SerHook);

impl ModelSerHook {
    pub fn read(descriptor: &Bound<'_, PyDict>) -> PyResult<Option<Self>> {
        match descriptor.get_item("model_serializer")?.filter(|v| !v.is_none()) {
            Some(spec) => Ok(Some(ModelSerHook(SerHook::read(spec.cast::<PyDict>()?)?))),
            None => Ok(None),
        }
    }

    /// The function's result for the instance `obj`; `fields` dumps its fields.
    pub fn call<'py>(&self, obj: &Bound<'py, PyAny>, fields: Bound<'py, PyAny>, d: &Dumper<'py>, json: bool) -> PyResult<Bound<'py, PyAny>> {
        let py = d.py;
        let mut args: smallvec::SmallVec<[Bound<'py, PyAny>; 3]> = smallvec::smallvec![obj.clone()];
        if self.0.wrap {
            args.push(fields);
        }
        if self.0.takes_info {
            args.push(Bound::new(py, SerializationInfo::new(d, json, None))?.into_any());
        }
        self.0.func.bind(py).call1(pyo3::types::PyTuple::new(py, args)?)
    }

    pub fn wraps(&self) -> bool {
        self.0.wrap
    }

    pub fn visit_objects(&self, visit: &mut dyn FnMut(&Py<PyAny>)) {
        self.0.visit_objects(visit);
    }
}

/// The handler a wrap serializer calls: the value dumped as its type would
/// be, in the dump's mode (JSON types for a JSON dump).
#[pyclass(frozen, module = "satya._satya", name = "SerializationCallable")]
pub struct SerializerHandler {
    /// None: dumped by what the value is.
    pub inner: Option<Arc<Serializer>>,
    pub opts: DumpOptions,
    pub json: bool,
    /// The dump's `context=` and `fallback=`, which the handler's dump keeps.
    context: Option<Py<PyAny>>,
    fallback: Option<Py<PyAny>>,
    /// The include and exclude of the value, which the handler's dump applies.
    include: Option<Py<PyAny>>,
    exclude: Option<Py<PyAny>>,
}

impl SerializerHandler {
    /// The handler of a dump in `d`, for a value whose include and exclude are `filter`.
    pub fn new(inner: Option<Arc<Serializer>>, d: &Dumper<'_>, json: bool, filter: &Filter<'_>) -> Self {
        let unbound = |v: &Option<Bound<'_, PyAny>>| v.as_ref().map(|v| v.clone().unbind());
        SerializerHandler {
            inner,
            opts: d.opts,
            json,
            context: unbound(&d.context),
            fallback: unbound(&d.fallback),
            include: unbound(&filter.include),
            exclude: unbound(&filter.exclude),
        }
    }
}

#[pymethods]
impl SerializerHandler {
    fn __call__<'py>(&self, py: Python<'py>, value: Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let mut d = Dumper::new(py, DumpOptions { json_mode: self.json, ..self.opts });
        d.context = self.context.as_ref().map(|c| c.bind(py).clone());
        d.fallback = self.fallback.as_ref().map(|f| f.bind(py).clone());
        let bound = |v: &Option<Py<PyAny>>| v.as_ref().map(|v| v.bind(py).clone());
        let filter = Filter::new(bound(&self.include), bound(&self.exclude));
        match &self.inner {
            Some(inner) => inner.to_python(&value, &mut d, &filter),
            None => any::to_python(&value, &mut d, &filter),
        }
    }

    fn __repr__(&self) -> &'static str {
        "SerializationCallable(...)"
    }
}

/// What a serializer function that takes `info` is told about the dump.
#[pyclass(frozen, module = "satya._satya", name = "SerializationInfo")]
pub struct SerializationInfo {
    #[pyo3(get)]
    mode: &'static str,
    #[pyo3(get)]
    by_alias: bool,
    #[pyo3(get)]
    exclude_unset: bool,
    #[pyo3(get)]
    exclude_defaults: bool,
    #[pyo3(get)]
    exclude_none: bool,
    #[pyo3(get)]
    round_trip: bool,
    #[pyo3(get)]
    field_name: Option<Py<PyString>>,
    #[pyo3(get)]
    context: Option<Py<PyAny>>,
}

impl SerializationInfo {
    fn new(d: &Dumper<'_>, json: bool, field_name: Option<Py<PyString>>) -> Self {
        let opts = &d.opts;
        SerializationInfo {
            mode: if json { "json" } else { "python" },
            by_alias: opts.by_alias.unwrap_or(false),
            exclude_unset: opts.exclude_unset,
            exclude_defaults: opts.exclude_defaults,
            exclude_none: opts.exclude_none,
            round_trip: opts.round_trip,
            field_name,
            context: d.context.as_ref().map(|c| c.clone().unbind()),
        }
    }
}

#[pymethods]
impl SerializationInfo {
    fn mode_is_json(&self) -> bool {
        self.mode == "json"
    }

    fn __repr__(&self) -> String {
        format!("SerializationInfo(mode='{}', by_alias={}, exclude_unset={}, exclude_defaults={}, exclude_none={}, round_trip={})",
            self.mode, py_bool(self.by_alias), py_bool(self.exclude_unset), py_bool(self.exclude_defaults), py_bool(self.exclude_none), py_bool(self.round_trip))
    }
}

fn py_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}
