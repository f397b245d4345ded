//! `pathlib` paths: an instance of the declared class as it is, or a string
//! given to that class (under the GIL: the class decides what it makes); then
//! `FilePath`, `DirectoryPath`, `NewPath` and `SocketPath` ask the file system.

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};

use super::{node_get, node_strict, BuildContext, State, Validator};
use crate::errors::{ErrorKind, ValError, ValResult};
use crate::input::Input;

#[derive(Debug)]
pub struct PathValidator {
    strict: bool,
    cls: Py<PyType>,
    class_name: Arc<str>,
    /// pydantic's path_type message names the class by its repr; made once.
    type_message: Arc<str>,
    check: Option<PathCheck>,
}

/// What `FilePath` and the others require of the path.
#[derive(Debug, Clone, Copy)]
enum PathCheck {
    File,
    Dir,
    New,
    Socket,
}

/// The errors of the checks: type name and message.
const CHECK_ERRORS: [(&str, &str); 5] = [
    ("path_not_file", "Path does not point to a file"),
    ("path_not_directory", "Path does not point to a directory"),
    ("path_exists", "Path already exists"),
    ("parent_does_not_exist", "Parent directory does not exist"),
    ("path_not_socket", "Path does not point to a socket"),
];

/// The (type, message) of a path check error named `type_name`.
pub fn path_check_error(type_name: &str) -> Option<(&'static str, &'static str)> {
    CHECK_ERRORS.into_iter().find(|(t, _)| *t == type_name)
}

impl PathValidator {
    pub fn build(node: &Bound<'_, PyDict>, _ctx: &BuildContext) -> PyResult<Validator> {
        let cls = node_get(node, "cls")?
            .ok_or_else(|| pyo3::exceptions::PyTypeError::new_err("path node without 'cls'"))?
            .cast_into::<PyType>()?;
        let class_name: Arc<str> = cls.name()?.to_cow()?.as_ref().into();
        let type_message = format!("Input is not a valid path for {}", cls.repr()?.to_cow()?).into();
        let check = match node_get(node, "check")?.map(|v| v.extract::<String>()).transpose()?.as_deref() {
            None => None,
            Some("file") => Some(PathCheck::File),
            Some("dir") => Some(PathCheck::Dir),
            Some("new") => Some(PathCheck::New),
            Some("socket") => Some(PathCheck::Socket),
            Some(other) => return Err(pyo3::exceptions::PyTypeError::new_err(format!("unknown path check {other:?}"))),
        };
        Ok(Validator::Path(PathValidator { strict: node_strict(node)?, cls: cls.unbind(), class_name, type_message, check }))
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let made = self.validate_inner(py, input, state)?;
        state.floor_made(input, &made);
        Ok(made)
    }

    fn validate_inner<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &State) -> ValResult<Bound<'py, PyAny>> {
        let path = self.make(py, input, state)?;
        match self.check {
            Some(check) => self.check(check, path, input),
            None => Ok(path),
        }
    }

    fn check<'py>(&self, check: PathCheck, path: Bound<'py, PyAny>, input: &impl Input<'py>) -> ValResult<Bound<'py, PyAny>> {
        let py = path.py();
        let ask = |p: &Bound<'py, PyAny>, method: &str| -> PyResult<bool> { p.call_method0(method)?.is_truthy() };
        let failed = match check {
            PathCheck::File => (!ask(&path, "is_file")?).then_some(0),
            PathCheck::Dir => (!ask(&path, "is_dir")?).then_some(1),
            PathCheck::Socket => (!ask(&path, "is_socket")?).then_some(4),
            PathCheck::New if ask(&path, "exists")? => Some(2),
            PathCheck::New => (!ask(&path.getattr(pyo3::intern!(py, "parent"))?, "exists")?).then_some(3),
        };
        match failed {
            Some(index) => {
                let (error_type, message) = CHECK_ERRORS[index];
                Err(ValError::new(ErrorKind::PathCheck { error_type, message }, input))
            }
            None => Ok(path),
        }
    }

    fn make<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &State) -> ValResult<Bound<'py, PyAny>> {
        let cls = self.cls.bind(py);
        let strict = state.strict_or(self.strict);
        let text = if input.is_python() {
            let value = input.to_python(py)?;
            if value.is_instance(cls)? {
                return Ok(value);
            }
            if strict {
                return Err(ValError::new(ErrorKind::IsInstanceOf { class: self.class_name.clone() }, input));
            }
            // lax: a str as strict str validation takes it (no bytes), unless
            // the call itself says strict=False, which pydantic lets reach it
            input.validate_str(py, state.strict.unwrap_or(true)).map_err(|_| self.type_error(input))?
        } else {
            match input.validate_str(py, false) {
                Ok(text) => text,
                Err(e) if strict => return Err(e),
                Err(_) => return Err(self.type_error(input)),
            }
        };
        match cls.call1((text,)) {
            Ok(path) => Ok(path),
            Err(e) if e.is_instance_of::<pyo3::exceptions::PyTypeError>(py) => Err(self.type_error(input)),
            Err(e) => Err(e.into()),
        }
    }

    #[cold]
    fn type_error<'py>(&self, input: &impl Input<'py>) -> ValError {
        ValError::new(ErrorKind::PathType { message: self.type_message.clone() }, input)
    }
}

impl PathValidator {
    pub fn class(&self) -> &Py<PyType> {
        &self.cls
    }
}

#[cfg(test)]
mod tests {
    use super::path_check_error;

    #[test]
    fn check_errors_are_found_by_type() {
        assert_eq!(path_check_error("path_exists"), Some(("path_exists", "Path already exists")));
        assert_eq!(path_check_error("path_type"), None);
    }
}
