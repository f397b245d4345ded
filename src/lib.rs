//! satya's native core: validators, the compiled schema of each Model class,
//! instance storage and dumping.

mod backend;
mod batch;
mod entry;
mod errors;
mod input;
mod fields_set;
mod model;
mod schema;
mod serializers;
mod validators;

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyString, PyType};

use serializers::{model_to_json, model_to_python, DumpOptions, Dumper, Filter, JsonOut, SerializationError};
use model::schema_of;

/// `satya._satya.ModelBase`, the native base of every Model class.
static MODEL_BASE: PyOnceLock<Py<PyType>> = PyOnceLock::new();

pub(crate) fn model_base(py: Python<'_>) -> PyResult<Bound<'_, PyType>> {
    MODEL_BASE
        .get_or_try_init(py, || model::create_base_type(py).map(Bound::unbind))
        .map(|t| t.bind(py).clone())
}

/// The options both dump functions share, read from their keywords.
#[allow(clippy::too_many_arguments)]
fn dump_options(json_mode: bool, by_alias: Option<bool>, exclude_unset: bool, exclude_defaults: bool, exclude_none: bool, round_trip: bool, warnings: &Bound<'_, PyAny>) -> PyResult<DumpOptions> {
    // warnings: a bool, or pydantic's "none" / "warn" / "error"
    let warnings = match warnings.extract::<String>() {
        Ok(mode) => mode != "none",
        Err(_) => warnings.is_truthy()?,
    };
    Ok(DumpOptions { json_mode, by_alias: by_alias.unwrap_or(false), exclude_unset, exclude_defaults, exclude_none, round_trip, warnings })
}

/// `model_dump`: the instance as a dict, nested models as dicts.
#[pyfunction]
#[pyo3(signature = (obj, *, mode = "python", include = None, exclude = None, by_alias = None, exclude_unset = false,
    exclude_defaults = false, exclude_none = false, round_trip = false, warnings = None))]
#[allow(clippy::too_many_arguments)]
fn model_dump<'py>(
    obj: &Bound<'py, PyAny>,
    mode: &str,
    include: Option<Bound<'py, PyAny>>,
    exclude: Option<Bound<'py, PyAny>>,
    by_alias: Option<bool>,
    exclude_unset: bool,
    exclude_defaults: bool,
    exclude_none: bool,
    round_trip: bool,
    warnings: Option<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let py = obj.py();
    let json_mode = match mode {
        "python" => false,
        "json" => true,
        other => return Err(pyo3::exceptions::PyValueError::new_err(format!("mode must be 'python' or 'json', not {other:?}"))),
    };
    let warnings = warnings.unwrap_or_else(|| pyo3::types::PyBool::new(py, true).to_owned().into_any());
    let opts = dump_options(json_mode, by_alias, exclude_unset, exclude_defaults, exclude_none, round_trip, &warnings)?;
    let handle = schema_of(&obj.get_type())?;
    let mut dumper = Dumper::new(py, opts);
    let out = model_to_python(&handle, obj, &mut dumper, &Filter::new(include, exclude))?;
    dumper.finish()?;
    Ok(out)
}

/// `model_dump_json`: the instance as JSON text.
#[pyfunction]
#[pyo3(signature = (obj, *, indent = None, include = None, exclude = None, by_alias = None, exclude_unset = false,
    exclude_defaults = false, exclude_none = false, round_trip = false, warnings = None))]
#[allow(clippy::too_many_arguments)]
fn model_dump_json<'py>(
    obj: &Bound<'py, PyAny>,
    indent: Option<usize>,
    include: Option<Bound<'py, PyAny>>,
    exclude: Option<Bound<'py, PyAny>>,
    by_alias: Option<bool>,
    exclude_unset: bool,
    exclude_defaults: bool,
    exclude_none: bool,
    round_trip: bool,
    warnings: Option<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyString>> {
    let py = obj.py();
    let warnings = warnings.unwrap_or_else(|| pyo3::types::PyBool::new(py, true).to_owned().into_any());
    let opts = dump_options(true, by_alias, exclude_unset, exclude_defaults, exclude_none, round_trip, &warnings)?;
    let handle = schema_of(&obj.get_type())?;
    let mut dumper = Dumper::new(py, opts);
    let mut out = JsonOut::new(indent);
    if let Err(err) = model_to_json(&handle, obj, &mut out, &mut dumper, &Filter::new(include, exclude)) {
        return Err(json_error(py, err));
    }
    dumper.finish()?;
    Ok(PyString::new(py, &out.buf))
}

/// An error met while writing JSON, as pydantic reports it: a serialization
/// error as it is, anything else wrapped in one that names it.
#[cold]
fn json_error(py: Python<'_>, err: PyErr) -> PyErr {
    if err.is_instance_of::<SerializationError>(py) {
        return err;
    }
    let name = err.get_type(py).name().map(|n| n.to_string()).unwrap_or_default();
    let new = SerializationError::new_err(format!("Error serializing to JSON: {name}: {}", err.value(py)));
    new.set_cause(py, Some(err));
    new
}

/// Makes the next native compile fail (to test the fallback to the interpreter).
#[pyfunction]
fn _fail_next_jit_compile() {
    satya_jit::engine::fail_next_compile();
}

/// Validation reads borrowed pointers into dicts, lists and instances: the
/// module relies on the GIL.
#[pymodule(gil_used = true)]
fn _satya(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("ModelBase", model_base(py)?)?;
    m.add("ValidationError", py.get_type::<errors::ValidationError>())?;
    m.add_class::<model::SchemaHandle>()?;
    m.add_function(wrap_pyfunction!(model::build_schema, m)?)?;
    m.add_function(wrap_pyfunction!(entry::entry_descriptor, m)?)?;
    m.add_function(wrap_pyfunction!(model::get_state, m)?)?;
    m.add_function(wrap_pyfunction!(model::set_state, m)?)?;
    m.add_function(wrap_pyfunction!(model::get_fields_set, m)?)?;
    m.add("SerializationError", py.get_type::<SerializationError>())?;
    m.add_function(wrap_pyfunction!(model::model_eq, m)?)?;
    m.add_function(wrap_pyfunction!(model_dump, m)?)?;
    m.add_function(wrap_pyfunction!(model_dump_json, m)?)?;
    m.add_function(wrap_pyfunction!(_fail_next_jit_compile, m)?)?;
    m.add_function(wrap_pyfunction!(batch::validate_many, m)?)?;
    m.add_function(wrap_pyfunction!(batch::validate_json_many, m)?)?;
    Ok(())
}
