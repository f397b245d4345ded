//! Building a `CompiledSchema` from the descriptor the metaclass hands over.

use std::sync::Arc;

use pyo3::exceptions::{PyRuntimeWarning, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyType};
use satya_jit::{Check, Program, Shape};

use crate::backend::Backend;

use super::{CheckSite, CompiledSchema, DefaultCopy, DefaultValue, Field, SlotOffset};
use crate::serializers::{quoted, Serializer};
use crate::validators::{BuildContext, CheckedValidator, ExtraKeys, Validator};

impl CompiledSchema {
    /// `descriptor` is `{"name": str, "fields": [field, ...]}`; each field is
    /// `{"name", "key", "type", "default"?, "default_factory"?, "copy_default"?}`,
    /// where copy_default is "shared", "empty_list", "empty_dict", "empty_set" or "deep".
    pub fn build(cls: &Bound<'_, PyType>, descriptor: &Bound<'_, PyDict>) -> PyResult<Self> {
        let py = cls.py();
        let jit = descriptor.get_item("jit")?.map(|v| v.is_truthy()).transpose()?.unwrap_or(false);
        let ctx = &BuildContext { jit, jit_failures: Default::default(), definitions: Default::default() };
        let class_name: String = item(descriptor, "name")?.extract()?;
        let fields_list = item(descriptor, "fields")?;
        let fields_list = fields_list.cast::<PyList>()?;
        let mut fields = Vec::with_capacity(fields_list.len());
        let mut checks = Vec::new();
        let mut sites = Vec::new();
        let mut n_slots = 0u32;
        let hooks = super::ModelHooks::read(descriptor)?;
        for (index, spec) in fields_list.iter().enumerate() {
            let spec = spec.cast::<PyDict>()?;
            let name: String = item(spec, "name")?.extract()?;
            let key: String = item(spec, "key")?.extract()?;
            let ser_key: String = spec.get_item("ser_key")?.map(|k| k.extract()).transpose()?.unwrap_or_else(|| key.clone());
            let alt_key: Option<String> = spec.get_item("alt_key")?.filter(|k| !k.is_none()).map(|k| k.extract()).transpose()?;
            let context = |e: PyErr| PyTypeError::new_err(format!("{class_name}.{name}: {}", e.value(py)));
            let node = item(spec, "type")?;
            let node = node.cast::<PyDict>()?;
            let validator = Validator::build(node, ctx).map_err(context)?;
            // hooks that read the fields validated so far see only values
            // whose checks passed: such a model checks each field at once
            let validator = match hooks.collects_data {
                true => CheckedValidator::wrap(validator, ctx),
                false => validator,
            };
            let serializer = Serializer::build(node).map_err(context)?;
            let program_checks = validator.program_checks().filter(|_| !hooks.collects_data);
            let slot = program_checks.map(|leaf| {
                let slot = n_slots;
                n_slots += 1;
                for check in &leaf.0 {
                    checks.push(Check { slot, kind: check.kind, origin: check.origin });
                    let report_value = validator.program_reports_value();
                    sites.push(CheckSite { field: index as u32, error: check.error.clone(), report_value });
                }
                slot
            });
            let default = if let Some(factory) = spec.get_item("default_factory")?.filter(|f| !f.is_none()) {
                DefaultValue::Factory(factory.unbind())
            } else if let Some(value) = spec.get_item("default")? {
                let copy = match spec.get_item("copy_default")?.map(|c| c.extract::<String>()).transpose()?.as_deref() {
                    None | Some("shared") => DefaultCopy::Shared,
                    Some("empty_list") => DefaultCopy::EmptyList,
                    Some("empty_dict") => DefaultCopy::EmptyDict,
                    Some("empty_set") => DefaultCopy::EmptySet,
                    Some(_) => DefaultCopy::Deep,
                };
                DefaultValue::Value { value: value.unbind(), copy }
            } else {
                DefaultValue::Required
            };
            let offset = SlotOffset::of(cls, &name)?;
            fields.push(Field {
                name: PyString::intern(py, &name).unbind(),
                name_text: name.as_str().into(),
                key: PyString::intern(py, &key).unbind(),
                key_text: key.as_str().into(),
                validator,
                serializer,
                name_json: quoted(&name),
                key_json: quoted(&key),
                default,
                slot,
                offset,
                frozen: spec.get_item("frozen")?.map(|v| v.is_truthy()).transpose()?.unwrap_or(false),
                ser_key: PyString::intern(py, &ser_key).unbind(),
                ser_key_json: quoted(&ser_key),
                alt_key: alt_key.map(|k| (PyString::intern(py, &k).unbind(), k.as_str().into())),
                exclude: spec.get_item("exclude")?.map(|v| v.is_truthy()).transpose()?.unwrap_or(false),
                validate_default: spec.get_item("validate_default")?.map(|v| v.is_truthy()).transpose()?.unwrap_or(false),
                paths: super::alias_path::AliasPaths::read(spec).map_err(context)?,
            });
        }
        let program = Program::new(n_slots, checks)
            .map_err(|e| PyTypeError::new_err(format!("{class_name}: invalid constraints: {e}")))?;
        let backend = Backend::choose(&program, Shape::Flat, ctx);
        let jit_failures = ctx.jit_failures.take();
        if !jit_failures.is_empty() {
            let message = format!(
                "{class_name}: {} constraint program(s) run in the interpreter instead of native code: {}",
                jit_failures.len(),
                jit_failures.join("; ")
            );
            PyErr::warn(py, &py.get_type::<PyRuntimeWarning>(), &std::ffi::CString::new(message).unwrap_or_default(), 1)?;
        }
        // User-declared extra slots may hold anything.
        let extra_slots = descriptor.get_item("extra_slots")?.map(|v| v.is_truthy()).transpose()?.unwrap_or(true);
        // An instance __dict__ (a mixin without __slots__) may hold anything.
        // SAFETY: reading a field of a live type object.
        let has_instance_dict = unsafe { (*cls.as_type_ptr()).tp_dictoffset != 0 };
        let allow_extra = descriptor.get_item("allow_extra")?.map(|v| v.is_truthy()).transpose()?.unwrap_or(false);
        let scalars_only = !extra_slots && !allow_extra && !has_instance_dict && fields.iter().all(|f| f.validator.is_scalar());
        let flag = |key: &str| -> PyResult<bool> { Ok(descriptor.get_item(key)?.map(|v| v.is_truthy()).transpose()?.unwrap_or(false)) };
        let strict = flag("strict")?;
        let from_attributes = flag("from_attributes")?;
        // model_config["title"] names the errors; the class name otherwise.
        let title = match descriptor.get_item("title")?.filter(|t| !t.is_none()) {
            Some(title) => title.str()?.unbind(),
            None => PyString::new(py, &class_name).unbind(),
        };
        let dump_templates = if fields.len() > DICT_MIN_USABLE {
            let names = PyDict::new(py);
            let keys = PyDict::new(py);
            for field in &fields {
                names.set_item(field.name.bind(py), py.None())?;
                keys.set_item(field.ser_key.bind(py), py.None())?;
            }
            Some([names.unbind(), keys.unbind()])
        } else {
            None
        };
        let has_excluded = fields.iter().any(|f| f.exclude);
        Ok(CompiledSchema {
            has_paths: fields.iter().any(|f| f.paths.is_some()),
            has_excluded,
            computed: crate::serializers::ComputedField::read_all(descriptor)?,
            model_ser: crate::serializers::ModelSerHook::read(descriptor)?,
            hide_input: flag("hide_input")?,
            of_model: flag("of_model")?,
            loc_by_name: flag("loc_by_name")?,
            revalidate: match descriptor.get_item("revalidate")?.filter(|v| !v.is_none()).map(|v| v.extract::<String>()).transpose()?.as_deref() {
                None | Some("never") => super::Revalidate::Never,
                Some("always") => super::Revalidate::Always,
                Some("subclass-instances") => super::Revalidate::SubclassInstances,
                Some(other) => return Err(PyTypeError::new_err(format!("{class_name}: revalidate_instances must be 'never', 'always' or 'subclass-instances', not {other:?}"))),
            },
            extra_slot: match allow_extra {
                true => Some(SlotOffset::of(cls, "__pydantic_extra__")?),
                false => None,
            },
            dump_templates,
            strict,
            from_attributes,
            jit_requested: jit,
            backend,
            scalars_only,
            pure_defaults: fields.iter().all(|f| match &f.default {
                super::DefaultValue::Factory(_) => false,
                super::DefaultValue::Value { copy, .. } => !matches!(copy, super::DefaultCopy::Deep),
                super::DefaultValue::Required => true,
            }),
            without_python: std::sync::OnceLock::new(),
            pure_tree: std::sync::OnceLock::new(),
            title,
            // a field's name comes after every field's own key: a name never hides a key
            key_index: {
                let names = fields.iter().enumerate().filter_map(|(i, f)| Some((f.alt_key.as_ref()?.1.clone(), i)));
                let mut index: std::collections::HashMap<Arc<str>, usize> = names.collect();
                index.extend(fields.iter().enumerate().map(|(i, f)| (f.key_text.clone(), i)));
                index
            },
            class_name: class_name.into(),
            fields,
            program,
            value_slots: sites.iter().any(|s: &CheckSite| s.report_value),
            sites,
            hooks,
            forbid_extra: flag("forbid_extra")?,
            frozen: flag("frozen")?,
            serialize_by_alias: flag("serialize_by_alias")?,
            root_model: flag("root_model")?,
            keys_config: (
                descriptor.get_item("validate_by_alias")?.map(|v| v.is_truthy()).transpose()?.unwrap_or(true),
                flag("validate_by_name")?,
                match (flag("forbid_extra")?, allow_extra) {
                    (true, _) => ExtraKeys::Forbid,
                    (false, true) => ExtraKeys::Allow,
                    (false, false) => ExtraKeys::Ignore,
                },
            ),
            variants: Default::default(),
            validate_assignment: descriptor.get_item("validate_assignment")?.map(|v| v.is_truthy()).transpose()?.unwrap_or(true),
        })
    }
}

/// How many items a new dict holds before it first grows (CPython's).
const DICT_MIN_USABLE: usize = 5;

fn item<'py>(dict: &Bound<'py, PyDict>, key: &str) -> PyResult<Bound<'py, PyAny>> {
    dict.get_item(key)?
        .ok_or_else(|| PyTypeError::new_err(format!("schema descriptor is missing {key:?}")))
}
