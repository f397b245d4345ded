//! The constraint `Program`: normalised checks over 64-bit slots.

use std::fmt;

/// The bound as the user wrote it, kept for the error message.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Origin {
    Gt,
    Ge,
    Lt,
    Le,
    MultipleOf,
    MinLength,
    MaxLength,
}

/// One normalised check. Each reads the slot at `slot`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CheckKind {
    /// `value >= min` for an `i64` slot (`gt=5` arrives here as `min=6`).
    IntMin(i64),
    /// `value <= max` for an `i64` slot.
    IntMax(i64),
    /// `value % divisor == 0` for an `i64` slot; `divisor != 0`.
    IntMultipleOf(i64),
    /// Float comparisons; NaN fails every one of them.
    FloatGt(f64),
    FloatGe(f64),
    FloatLt(f64),
    FloatLe(f64),
    /// Float multiple-of with a relative tolerance; `divisor` is finite and non-zero.
    FloatMultipleOf(f64),
    /// `len >= min` for an unsigned length slot.
    LenMin(u64),
    /// `len <= max` for an unsigned length slot.
    LenMax(u64),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Check {
    pub slot: u32,
    pub kind: CheckKind,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProgramError {
    SlotOutOfRange { slot: u32, n_slots: u32 },
    ZeroDivisor,
    NonFiniteBound,
}

impl fmt::Display for ProgramError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::SlotOutOfRange { slot, n_slots } => {
                write!(f, "check reads slot {slot} but the program has {n_slots} slots")
            }
            Self::ZeroDivisor => f.write_str("multiple_of must not be zero"),
            Self::NonFiniteBound => f.write_str("a float multiple_of must be finite"),
        }
    }
}

impl std::error::Error for ProgramError {}

/// A validated list of checks. Construction guarantees every slot index is in
/// range and every divisor is usable, so running it can never panic.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Program {
    checks: Vec<Check>,
    n_slots: u32,
}

impl Program {
    pub fn new(n_slots: u32, checks: Vec<Check>) -> Result<Self, ProgramError> {
        for check in &checks {
            if check.slot >= n_slots {
                return Err(ProgramError::SlotOutOfRange { slot: check.slot, n_slots });
            }
            match check.kind {
                CheckKind::IntMultipleOf(0) => return Err(ProgramError::ZeroDivisor),
                CheckKind::FloatMultipleOf(d) if d == 0.0 => return Err(ProgramError::ZeroDivisor),
                CheckKind::FloatMultipleOf(d) if !d.is_finite() => {
                    return Err(ProgramError::NonFiniteBound)
                }
                _ => {}
            }
        }
        Ok(Self { checks, n_slots })
    }

    pub fn checks(&self) -> &[Check] {
        &self.checks
    }

    pub fn n_slots(&self) -> usize {
        self.n_slots as usize
    }

    pub fn is_empty(&self) -> bool {
        self.checks.is_empty()
    }

    /// Words needed for the failure bitset: one bit per check.
    pub fn out_words(&self) -> usize {
        self.checks.len().div_ceil(64)
    }
}
