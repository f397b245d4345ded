//! `ipaddress` addresses, networks and interfaces, and satya's `IPvAny...`
//! types: made by the `ipaddress` classes themselves, under the GIL, so that
//! what they accept (ints, packed bytes, `(address, prefix)` tuples, any
//! object by its `str()`) is exactly Python's.

use std::sync::Arc;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};

use super::{node_get, node_strict, BuildContext, State, Validator};
use crate::errors::{ErrorKind, ValError, ValResult};
use crate::input::Input;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IpKind {
    V4Address,
    V6Address,
    V4Network,
    V6Network,
    V4Interface,
    V6Interface,
    AnyAddress,
    AnyNetwork,
    AnyInterface,
}

const KINDS: [IpKind; 9] = [
    IpKind::V4Address,
    IpKind::V6Address,
    IpKind::V4Network,
    IpKind::V6Network,
    IpKind::V4Interface,
    IpKind::V6Interface,
    IpKind::AnyAddress,
    IpKind::AnyNetwork,
    IpKind::AnyInterface,
];

impl IpKind {
    /// The node's `ip` key, which is also the error type after `ip_`.
    fn name(self) -> &'static str {
        match self {
            IpKind::V4Address => "v4_address",
            IpKind::V6Address => "v6_address",
            IpKind::V4Network => "v4_network",
            IpKind::V6Network => "v6_network",
            IpKind::V4Interface => "v4_interface",
            IpKind::V6Interface => "v6_interface",
            IpKind::AnyAddress => "any_address",
            IpKind::AnyNetwork => "any_network",
            IpKind::AnyInterface => "any_interface",
        }
    }

    pub fn error_type(self) -> &'static str {
        match self {
            IpKind::V4Address => "ip_v4_address",
            IpKind::V6Address => "ip_v6_address",
            IpKind::V4Network => "ip_v4_network",
            IpKind::V6Network => "ip_v6_network",
            IpKind::V4Interface => "ip_v4_interface",
            IpKind::V6Interface => "ip_v6_interface",
            IpKind::AnyAddress => "ip_any_address",
            IpKind::AnyNetwork => "ip_any_network",
            IpKind::AnyInterface => "ip_any_interface",
        }
    }

    pub fn error_message(self) -> &'static str {
        match self {
            IpKind::V4Address => "Input is not a valid IPv4 address",
            IpKind::V6Address => "Input is not a valid IPv6 address",
            IpKind::V4Network => "Input is not a valid IPv4 network",
            IpKind::V6Network => "Input is not a valid IPv6 network",
            IpKind::V4Interface => "Input is not a valid IPv4 interface",
            IpKind::V6Interface => "Input is not a valid IPv6 interface",
            IpKind::AnyAddress => "value is not a valid IPv4 or IPv6 address",
            IpKind::AnyNetwork => "value is not a valid IPv4 or IPv6 network",
            IpKind::AnyInterface => "value is not a valid IPv4 or IPv6 interface",
        }
    }

    pub fn from_error_type(type_name: &str) -> Option<Self> {
        KINDS.into_iter().find(|k| k.error_type() == type_name)
    }

    /// The `ipaddress` classes tried, in order (IPv4 first for the `Any` kinds).
    fn class_names(self) -> &'static [&'static str] {
        match self {
            IpKind::V4Address => &["IPv4Address"],
            IpKind::V6Address => &["IPv6Address"],
            IpKind::V4Network => &["IPv4Network"],
            IpKind::V6Network => &["IPv6Network"],
            IpKind::V4Interface => &["IPv4Interface"],
            IpKind::V6Interface => &["IPv6Interface"],
            IpKind::AnyAddress => &["IPv4Address", "IPv6Address"],
            IpKind::AnyNetwork => &["IPv4Network", "IPv6Network"],
            IpKind::AnyInterface => &["IPv4Interface", "IPv6Interface"],
        }
    }

    fn is_any(self) -> bool {
        matches!(self, IpKind::AnyAddress | IpKind::AnyNetwork | IpKind::AnyInterface)
    }
}

#[derive(Debug)]
pub struct IpValidator {
    kind: IpKind,
    strict: bool,
    classes: Vec<Py<PyType>>,
    class_name: Arc<str>,
}

impl IpValidator {
    pub fn build(node: &Bound<'_, PyDict>, _ctx: &BuildContext) -> PyResult<Validator> {
        let py = node.py();
        let name: String = node_get(node, "ip")?.map(|v| v.extract()).transpose()?.unwrap_or_default();
        let kind = KINDS
            .into_iter()
            .find(|k| k.name() == name)
            .ok_or_else(|| pyo3::exceptions::PyTypeError::new_err(format!("unknown IP type {name:?}")))?;
        let module = py.import("ipaddress")?;
        let classes = kind
            .class_names()
            .iter()
            .map(|n| Ok(module.getattr(*n)?.cast_into::<PyType>()?.unbind()))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(Validator::Ip(IpValidator { kind, strict: node_strict(node)?, classes, class_name: kind.class_names()[0].into() }))
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let made = self.validate_inner(py, input, state)?;
        state.floor_made(input, &made);
        Ok(made)
    }

    fn validate_inner<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &State) -> ValResult<Bound<'py, PyAny>> {
        // the Any kinds are plain functions in pydantic: strictness does not apply
        if self.kind.is_any() {
            let value = input.to_python(py)?;
            for cls in &self.classes {
                if let Some(made) = construct(cls.bind(py), &value)? {
                    return Ok(made);
                }
            }
            return Err(ValError::new(ErrorKind::Ip(self.kind), input));
        }
        let cls = self.classes[0].bind(py);
        if state.strict_or(self.strict) {
            if input.is_python() {
                let value = input.to_python(py)?;
                if value.is_instance(cls)? {
                    return Ok(value);
                }
                return Err(ValError::new(ErrorKind::IsInstanceOf { class: self.class_name.clone() }, input));
            }
            // strict JSON: a string, parsed by the class; its own message is the error
            let text = input.validate_str(py, false)?;
            return match cls.call1((text,)) {
                Ok(made) => Ok(made),
                Err(e) if e.is_instance_of::<PyValueError>(py) => Err(value_error(py, e, input)),
                Err(e) => Err(e.into()),
            };
        }
        let value = input.to_python(py)?;
        if value.is_instance(cls)? {
            return Ok(value);
        }
        construct(cls, &value)?.ok_or_else(|| ValError::new(ErrorKind::Ip(self.kind), input))
    }
}

/// `cls(value)`, or None when it raises a ValueError; other exceptions propagate.
fn construct<'py>(cls: &Bound<'py, PyType>, value: &Bound<'py, PyAny>) -> ValResult<Option<Bound<'py, PyAny>>> {
    match cls.call1((value,)) {
        Ok(made) => Ok(Some(made)),
        Err(e) if e.is_instance_of::<PyValueError>(cls.py()) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

#[cold]
fn value_error<'py>(py: Python<'py>, e: PyErr, input: &impl Input<'py>) -> ValError {
    let exception = e.into_value(py).into_any();
    let error = exception.bind(py).str().map(|s| s.to_string()).unwrap_or_default();
    ValError::new(ErrorKind::ValueError { error: error.into(), exception: Some(Arc::new(exception)) }, input)
}

#[cfg(test)]
mod tests {
    use super::{IpKind, KINDS};

    #[test]
    fn every_kind_is_found_again_by_its_error_type_and_worded_by_its_class() {
        for kind in KINDS {
            assert_eq!(IpKind::from_error_type(kind.error_type()), Some(kind));
            assert_eq!(kind.error_type(), format!("ip_{}", kind.name()));
            let wording = if kind.is_any() { "IPv4 or IPv6" } else { &kind.class_names()[0][..4] };
            assert!(kind.error_message().contains(wording), "{kind:?}");
        }
        assert_eq!(IpKind::from_error_type("ip_v5_address"), None);
    }
}
