//! Native code against the interpreter, on hand-picked programs.

use satya_jit::{compile, interp, run, run_array, Check, CheckKind, Origin, Program, Shape};

fn program(n_slots: u32, kinds: &[(u32, CheckKind)]) -> Program {
    let checks = kinds.iter().map(|&(slot, kind)| Check { slot, kind, origin: Origin::Ge }).collect();
    Program::new(n_slots, checks).unwrap()
}

fn edge_values() -> Vec<u64> {
    let mut v: Vec<u64> = [i64::MIN, i64::MIN + 1, -7, -1, 0, 1, 5, 6, 7, 150, 151, i64::MAX].iter().map(|&i| i as u64).collect();
    v.extend([0.0f64, -0.0, 0.3, 1.0, 100.0, 100.5, f64::NAN, f64::INFINITY, f64::NEG_INFINITY, f64::MIN_POSITIVE / 4.0].iter().map(|f| f.to_bits()));
    v.extend([u64::MAX, 50, 51]);
    v
}

#[test]
fn flat_code_matches_the_interpreter_on_edge_values() {
    let p = program(
        3,
        &[
            (0, CheckKind::IntMin(6)),
            (0, CheckKind::IntMax(150)),
            (0, CheckKind::IntMultipleOf(-3)),
            (0, CheckKind::IntMultipleOf(-1)),
            (1, CheckKind::FloatGe(0.0)),
            (1, CheckKind::FloatLt(100.0)),
            (1, CheckKind::FloatMultipleOf(0.1)),
            (2, CheckKind::LenMin(1)),
            (2, CheckKind::LenMax(50)),
        ],
    );
    let native = compile(&p, Shape::Flat).expect("compiles");
    assert!(native.code_size > 0);
    assert!(native.clif.contains("function"));
    for &a in &edge_values() {
        for &b in &edge_values() {
            let slots = [a, b, a];
            let (mut want, mut got) = ([0u64; 1], [u64::MAX; 1]);
            let n_want = run(&p, &slots, &mut want);
            let n_got = native.call(&slots, &mut got);
            assert_eq!((n_got, got), (n_want, want), "slots {slots:?}");
        }
    }
}

#[test]
fn flat_code_handles_more_than_64_checks() {
    let kinds: Vec<(u32, CheckKind)> = (0..130).map(|i| (i % 4, CheckKind::IntMin(i as i64 - 60))).collect();
    let p = program(4, &kinds);
    let native = compile(&p, Shape::Flat).unwrap();
    let slots = [0u64, 10, (-100i64) as u64, 70];
    let (mut want, mut got) = ([0u64; 3], [0u64; 3]);
    assert_eq!(native.call(&slots, &mut got), run(&p, &slots, &mut want));
    assert_eq!(got, want);
}

#[test]
fn array_code_lists_failing_items_like_the_interpreter() {
    let item = program(1, &[(0, CheckKind::FloatGt(0.0)), (0, CheckKind::FloatLt(1.0))]);
    let native = compile(&item, Shape::Array).unwrap();
    let items: Vec<u64> = [0.5, 0.0, 1.0, f64::NAN, 0.25, -1.0, 0.999].iter().map(|f: &f64| f.to_bits()).collect();
    let (mut want, mut got) = (vec![0u64; items.len()], vec![0u64; items.len()]);
    let n = run_array(&item, &items, &mut want);
    assert_eq!(native.call_array(&items, &mut got), n);
    assert_eq!(&got[..n as usize], &want[..n as usize]);
    assert_eq!(&want[..n as usize], &[1, 2, 3, 5]);
    assert_eq!(native.call_array(&[], &mut []), 0);
}

#[test]
fn empty_program_compiles_and_never_fails() {
    let p = program(0, &[]);
    let native = compile(&p, Shape::Flat).unwrap();
    assert_eq!(native.call(&[], &mut []), 0);
}

#[test]
fn array_code_refuses_programs_over_more_than_one_slot() {
    let p = program(2, &[(1, CheckKind::IntMin(0))]);
    assert!(compile(&p, Shape::Array).is_err());
}

#[test]
#[should_panic(expected = "slot buffer too short")]
fn native_call_refuses_a_short_slot_buffer() {
    let p = program(2, &[(1, CheckKind::IntMin(0))]);
    compile(&p, Shape::Flat).unwrap().call(&[0], &mut [0]);
}

#[test]
fn compiling_many_programs_frees_their_code() {
    let p = program(1, &[(0, CheckKind::IntMin(0)), (0, CheckKind::FloatMultipleOf(0.5))]);
    for _ in 0..300 {
        let native = compile(&p, Shape::Flat).unwrap();
        let mut out = [0u64];
        native.call(&[5], &mut out);
        drop(native);
    }
    assert!(interp::passes(CheckKind::IntMin(0), 5));
}
