//! satya's native core: validators, the compiled schema of each Model class,
//! instance storage and dumping.

mod backend;
mod batch;
mod entry;
mod errors;
mod fields_set;
mod hooks;
mod input;
mod model;
mod schema;
mod schema_handle;
mod serializers;
mod adapter_entry;
mod validators;

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

use serializers::SerializationError;

/// `satya._satya.ModelBase`, the native base of every Model class.
static MODEL_BASE: PyOnceLock<Py<PyType>> = PyOnceLock::new();

pub(crate) fn model_base(py: Python<'_>) -> PyResult<Bound<'_, PyType>> {
    MODEL_BASE
        .get_or_try_init(py, || model::create_base_type(py).map(Bound::unbind))
        .map(|t| t.bind(py).clone())
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
    m.add("ModelValidationError", py.get_type::<errors::ModelValidationError>())?;
    m.add_class::<schema_handle::SchemaHandle>()?;
    m.add_class::<hooks::ValidationInfo>()?;
    m.add_class::<validators::ValidatorHandler>()?;
    m.add_class::<schema::ModelHandler>()?;
    m.add_class::<serializers::SerializationInfo>()?;
    m.add_class::<serializers::SerializerHandler>()?;
    m.add_class::<serializers::ModelFieldsHandler>()?;
    // emails and URLs
    m.add_class::<validators::url_object::PyUrl>()?;
    m.add_class::<validators::multi_host_url::PyMultiHostUrl>()?;
    m.add_function(wrap_pyfunction!(schema_handle::build_schema, m)?)?;
    m.add_function(wrap_pyfunction!(entry::entry_descriptor, m)?)?;
    m.add_function(wrap_pyfunction!(entry::_json_paths, m)?)?;
    m.add_function(wrap_pyfunction!(adapter_entry::validate_python_as_field, m)?)?;
    m.add_function(wrap_pyfunction!(adapter_entry::validate_json_as_field, m)?)?;
    m.add_function(wrap_pyfunction!(adapter_entry::validate_strings, m)?)?;
    m.add_function(wrap_pyfunction!(model::get_state, m)?)?;
    m.add_function(wrap_pyfunction!(model::set_state, m)?)?;
    m.add_function(wrap_pyfunction!(model::get_fields_set, m)?)?;
    m.add("SerializationError", py.get_type::<SerializationError>())?;
    m.add_function(wrap_pyfunction!(model::model_eq, m)?)?;
    m.add_function(wrap_pyfunction!(_fail_next_jit_compile, m)?)?;
    m.add_function(wrap_pyfunction!(batch::validate_many, m)?)?;
    m.add_function(wrap_pyfunction!(batch::validate_json_many, m)?)?;
    Ok(())
}
