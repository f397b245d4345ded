//! The interpreter against a direct model of each check, over edge values.

use satya_jit::{interp, run, Check, CheckKind, Origin, Program, ProgramError};

fn check(slot: u32, kind: CheckKind) -> Check {
    Check { slot, kind, origin: Origin::Ge }
}

const INTS: [i64; 9] = [i64::MIN, i64::MIN + 1, -7, -1, 0, 1, 7, i64::MAX - 1, i64::MAX];

fn floats() -> Vec<f64> {
    vec![
        f64::NEG_INFINITY, f64::MIN, -1.5, -0.0, 0.0, f64::MIN_POSITIVE / 2.0, f64::MIN_POSITIVE,
        0.1, 0.3, 1.0, 100.0, f64::MAX, f64::INFINITY, f64::NAN,
    ]
}

#[test]
fn int_bounds_match_plain_comparisons() {
    for &bound in &INTS {
        for &v in &INTS {
            assert_eq!(interp::passes(CheckKind::IntMin(bound), v as u64), v >= bound, "{v} >= {bound}");
            assert_eq!(interp::passes(CheckKind::IntMax(bound), v as u64), v <= bound, "{v} <= {bound}");
        }
    }
}

#[test]
fn int_multiple_of_handles_negatives_one_and_overflow() {
    for &v in &INTS {
        assert!(interp::passes(CheckKind::IntMultipleOf(1), v as u64));
        assert!(interp::passes(CheckKind::IntMultipleOf(-1), v as u64), "i64::MIN % -1 must not overflow");
    }
    assert!(interp::passes(CheckKind::IntMultipleOf(-3), (-9i64) as u64));
    assert!(interp::passes(CheckKind::IntMultipleOf(3), (-9i64) as u64));
    assert!(!interp::passes(CheckKind::IntMultipleOf(-3), 10));
    assert!(interp::passes(CheckKind::IntMultipleOf(i64::MIN), i64::MIN as u64));
    assert!(!interp::passes(CheckKind::IntMultipleOf(i64::MIN), i64::MAX as u64));
}

#[test]
fn float_bounds_fail_on_nan_and_respect_infinities() {
    let nan = f64::NAN.to_bits();
    for kind in [CheckKind::FloatGt(0.0), CheckKind::FloatGe(0.0), CheckKind::FloatLt(0.0), CheckKind::FloatLe(0.0)] {
        assert!(!interp::passes(kind, nan), "NaN must fail {kind:?}");
    }
    assert!(interp::passes(CheckKind::FloatGe(0.0), f64::INFINITY.to_bits()));
    assert!(!interp::passes(CheckKind::FloatLe(100.0), f64::INFINITY.to_bits()));
    assert!(!interp::passes(CheckKind::FloatGe(0.0), f64::NEG_INFINITY.to_bits()));
    // -0.0 == 0.0
    assert!(interp::passes(CheckKind::FloatGe(0.0), (-0.0f64).to_bits()));
    assert!(!interp::passes(CheckKind::FloatGt(0.0), (-0.0f64).to_bits()));
    for b in floats() {
        if b.is_nan() {
            continue;
        }
        for v in floats() {
            assert_eq!(interp::passes(CheckKind::FloatGt(b), v.to_bits()), v > b);
            assert_eq!(interp::passes(CheckKind::FloatLe(b), v.to_bits()), v <= b);
        }
    }
}

#[test]
fn float_multiple_of_allows_an_absolute_error_of_1e_minus_9() {
    let m = |v: f64, d: f64| interp::passes(CheckKind::FloatMultipleOf(d), v.to_bits());
    assert!(m(0.3, 0.1) && m(-0.3, 0.1) && m(0.7000000000000001, 0.1));
    assert!(!m(0.3, 0.5));
    assert!(m(0.0, 0.5) && m(-0.0, 0.5));
    assert!(m(1e-9, 0.5), "1e-9 from a multiple is within tolerance");
    assert!(!m(1.1e-9, 0.5));
    assert!(!m(250000000.75, 0.5));
    assert!(!m(10_000_000.000000002, 1.0), "an absolute tolerance, not a relative one");
    // A finite value whose quotient overflows is not a multiple...
    assert!(!m(1e308, 0.5));
    // ...but NaN and the infinities pass; the bounds reject them.
    assert!(m(f64::NAN, 0.5) && m(f64::INFINITY, 0.5) && m(f64::NEG_INFINITY, 0.5));
}

#[test]
fn lengths_are_unsigned() {
    assert!(interp::passes(CheckKind::LenMin(0), 0));
    assert!(!interp::passes(CheckKind::LenMin(1), 0));
    assert!(interp::passes(CheckKind::LenMax(u64::MAX), u64::MAX));
    assert!(!interp::passes(CheckKind::LenMax(5), 6));
}

#[test]
fn run_sets_one_bit_per_failing_check_and_counts_them() {
    let checks: Vec<Check> = (0..70).map(|i| check(i % 3, CheckKind::IntMin(i as i64))).collect();
    let program = Program::new(3, checks).unwrap();
    let slots = [10u64, 50, 0];
    let mut out = vec![u64::MAX; program.out_words()];
    let failed = run(&program, &slots, &mut out);
    let mut expected = 0;
    for (i, c) in program.checks().iter().enumerate() {
        let fails = !interp::passes(c.kind, slots[c.slot as usize]);
        assert_eq!(out[i / 64] >> (i % 64) & 1 == 1, fails, "check {i}");
        expected += fails as u32;
    }
    assert_eq!(failed, expected);
    assert!(failed > 0 && failed < 70);
}

#[test]
fn construction_rejects_unsound_programs() {
    assert_eq!(
        Program::new(1, vec![check(1, CheckKind::IntMin(0))]),
        Err(ProgramError::SlotOutOfRange { slot: 1, n_slots: 1 })
    );
    assert_eq!(Program::new(1, vec![check(0, CheckKind::IntMultipleOf(0))]), Err(ProgramError::ZeroDivisor));
    assert_eq!(Program::new(1, vec![check(0, CheckKind::FloatMultipleOf(0.0))]), Err(ProgramError::ZeroDivisor));
    assert_eq!(
        Program::new(1, vec![check(0, CheckKind::FloatMultipleOf(f64::INFINITY))]),
        Err(ProgramError::NonFiniteBound)
    );
    let empty = Program::new(0, vec![]).unwrap();
    assert!(empty.is_empty());
    assert_eq!(run(&empty, &[], &mut []), 0);
}

#[test]
#[should_panic(expected = "slot buffer too short")]
fn run_refuses_a_short_slot_buffer() {
    let program = Program::new(2, vec![check(1, CheckKind::IntMin(0))]).unwrap();
    run(&program, &[0], &mut [0]);
}
