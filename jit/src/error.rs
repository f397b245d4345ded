//! Why native code could not be produced; the caller then uses the interpreter.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JitError {
    /// The program uses something native code does not cover.
    NotSupported(&'static str),
    /// The host CPU is not one Cranelift supports.
    Unsupported(String),
    /// Cranelift refused the function.
    Codegen(String),
}

impl fmt::Display for JitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JitError::NotSupported(what) => write!(f, "not supported by the JIT: {what}"),
            JitError::Unsupported(why) => write!(f, "host CPU not supported: {why}"),
            JitError::Codegen(why) => write!(f, "code generation failed: {why}"),
        }
    }
}

impl std::error::Error for JitError {}
