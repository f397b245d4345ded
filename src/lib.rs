//! satya's native core: validators, the compiled schema of each Model class,
//! instance storage and dumping.

mod backend;
mod batch;
mod dump;
mod entry;
mod errors;
mod input;
mod json;
mod model;
mod schema;
mod validators;

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyType};

use dump::{dump_model, DumpOptions};
use model::schema_of;

/// `satya._satya.ModelBase`, the native base of every Model class.
static MODEL_BASE: PyOnceLock<Py<PyType>> = PyOnceLock::new();

fn model_base(py: Python<'_>) -> PyResult<Bound<'_, PyType>> {
    MODEL_BASE
        .get_or_try_init(py, || model::create_base_type(py).map(Bound::unbind))
        .map(|t| t.bind(py).clone())
}

#[pyfunction]
#[pyo3(signature = (obj, *, mode = "python", by_alias = false, exclude_none = false, include = None, exclude = None))]
fn model_dump<'py>(
    obj: &Bound<'py, PyAny>,
    mode: &str,
    by_alias: bool,
    exclude_none: bool,
    include: Option<Bound<'py, PyAny>>,
    exclude: Option<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let py = obj.py();
    let json_mode = match mode {
        "python" => false,
        "json" => true,
        other => return Err(pyo3::exceptions::PyValueError::new_err(format!("mode must be 'python' or 'json', not {other:?}"))),
    };
    let opts = DumpOptions { json_mode, by_alias, exclude_none, include, exclude, base: model_base(py)? };
    let handle = schema_of(&obj.get_type())?;
    dump_model(obj, &handle, &opts, 0, true)
}

#[pyfunction]
#[pyo3(signature = (obj, *, by_alias = false, exclude_none = false))]
fn model_dump_json(obj: &Bound<'_, PyAny>, by_alias: bool, exclude_none: bool) -> PyResult<String> {
    let mut writer = json::JsonWriter { out: String::with_capacity(128), by_alias, exclude_none, base: model_base(obj.py())? };
    writer.write(obj, 0)?;
    Ok(writer.out)
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
    m.add_function(wrap_pyfunction!(model::model_eq, m)?)?;
    m.add_function(wrap_pyfunction!(model_dump, m)?)?;
    m.add_function(wrap_pyfunction!(model_dump_json, m)?)?;
    m.add_function(wrap_pyfunction!(_fail_next_jit_compile, m)?)?;
    m.add_function(wrap_pyfunction!(batch::validate_many, m)?)?;
    m.add_function(wrap_pyfunction!(batch::validate_json_many, m)?)?;
    Ok(())
}
