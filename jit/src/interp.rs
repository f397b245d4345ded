//! The interpreter: runs a [`Program`] over a slot buffer. It is both the
//! fallback backend and the oracle that native code is tested against.

use crate::program::{Check, CheckKind, Program};

/// Evaluates one check against one slot value; `true` means it passes.
#[inline]
pub fn passes(kind: CheckKind, bits: u64) -> bool {
    match kind {
        CheckKind::IntMin(min) => (bits as i64) >= min,
        CheckKind::IntMax(max) => (bits as i64) <= max,
        // wrapping_rem: i64::MIN % -1 overflows, and its remainder is 0 anyway.
        CheckKind::IntMultipleOf(d) => (bits as i64).wrapping_rem(d) == 0,
        CheckKind::FloatGt(b) => f64::from_bits(bits) > b,
        CheckKind::FloatGe(b) => f64::from_bits(bits) >= b,
        CheckKind::FloatLt(b) => f64::from_bits(bits) < b,
        CheckKind::FloatLe(b) => f64::from_bits(bits) <= b,
        CheckKind::FloatMultipleOf(d) => float_is_multiple(f64::from_bits(bits), d),
        CheckKind::LenMin(min) => bits >= min,
        CheckKind::LenMax(max) => bits <= max,
    }
}

/// A float is a multiple of `d` when it lies within 1e-9 of the nearest
/// multiple. Non-finite values pass (the bounds catch them); a finite value
/// whose quotient overflows fails. The same rule as pydantic.
/// Kept out of line so that its division is not hoisted into every check.
#[inline(never)]
pub fn float_is_multiple(value: f64, d: f64) -> bool {
    if !value.is_finite() {
        return true;
    }
    let quotient = value / d;
    if !quotient.is_finite() {
        return false;
    }
    (value - quotient.round() * d).abs() <= 1e-9
}

/// Runs `program` over `slots`, setting bit `i` of `out` when check `i` fails.
/// Returns the number of failing checks.
///
/// # Panics
/// When `slots` or `out` is shorter than the program needs; callers size them
/// from [`Program::n_slots`] and [`Program::out_words`].
pub fn run(program: &Program, slots: &[u64], out: &mut [u64]) -> u32 {
    assert!(slots.len() >= program.n_slots(), "slot buffer too short");
    assert!(out.len() >= program.out_words(), "failure bitset too short");
    // Only the bitset's own words are written, as native code does.
    out[..program.out_words()].iter_mut().for_each(|w| *w = 0);
    let mut failed = 0;
    for (i, &Check { slot, kind, .. }) in program.checks().iter().enumerate() {
        if !passes(kind, slots[slot as usize]) {
            out[i / 64] |= 1 << (i % 64);
            failed += 1;
        }
    }
    failed
}

/// Runs an item program (every check reads slot 0) over each of `items`,
/// writing the index of every failing item to `out`. Returns how many failed.
///
/// # Panics
/// When `out` is shorter than `items`.
pub fn run_array(item: &Program, items: &[u64], out: &mut [u64]) -> u32 {
    assert!(out.len() >= items.len(), "index buffer too short");
    let mut failed = 0;
    for (index, &bits) in items.iter().enumerate() {
        if item.checks().iter().any(|c| !passes(c.kind, bits)) {
            out[failed] = index as u64;
            failed += 1;
        }
    }
    failed as u32
}
