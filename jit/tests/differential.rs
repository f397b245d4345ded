//! Native code against the interpreter on random programs and random inputs.
//!
//! The interpreter is the oracle: for every Program that `Program::new`
//! accepts, `compile(..).call` must return what `run` returns and leave the
//! same failure bitset, and `call_array` must list the same failing items as
//! `run_array`. Each program is compiled once and then fed many inputs.
//!
//! Case count (fixed; `PROPTEST_CASES` does not change it, and each test
//! asserts its count at the end):
//! - flat:  1,024 programs x 128 slot buffers = 131,072 cases
//! - array:   512 programs x  64 item arrays  =  32,768 cases (about 1M items)
//!
//! so 163,840 (program x input) cases per run. The seed is random each run;
//! `PROPTEST_RNG_SEED=<n>` replays one, and a failure prints the shrunk case.

use std::cell::Cell;

use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use satya_jit::{compile, run, run_array, Check, CheckKind, Origin, Program, Shape};

const FLAT_PROGRAMS: u32 = 1_024;
const FLAT_INPUTS_PER_PROGRAM: usize = 128;
const ARRAY_PROGRAMS: u32 = 512;
const ARRAYS_PER_PROGRAM: usize = 64;

/// Fills the interpreter's output before a call, and its complement fills the
/// native code's, so that a word either side forgets to store shows up.
const SENTINEL: u64 = 0xA5A5_A5A5_A5A5_A5A5;

fn config(cases: u32) -> Config {
    Config {
        cases,
        // The shrunk failing case is printed; no regression files are written
        // next to the tests.
        failure_persistence: None,
        // `Config::default()` reads PROPTEST_RNG_SEED.
        ..Config::default()
    }
}

// ---------------------------------------------------------------------------
// Values: integers, float bits and lengths share one u64 slot.

const EDGE_INTS: [i64; 14] = [
    i64::MIN,
    i64::MIN + 1,
    i64::MIN / 2,
    -1_000_000_007,
    -7,
    -3,
    -1,
    0,
    1,
    3,
    7,
    i64::MAX / 2,
    i64::MAX - 1,
    i64::MAX,
];

/// NaNs with several payloads and both signs, quiet and signalling.
const NAN_BITS: [u64; 7] = [
    0x7FF8_0000_0000_0000,
    0xFFF8_0000_0000_0000,
    0x7FF0_0000_0000_0001,
    0x7FF8_0000_0000_0001,
    0x7FFF_FFFF_FFFF_FFFF,
    0xFFF0_0000_0000_0001,
    0xFFFF_FFFF_FFFF_FFFF,
];

fn edge_floats() -> Vec<f64> {
    let mut v = vec![
        0.0,
        -0.0,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::MIN_POSITIVE,
        -f64::MIN_POSITIVE,
        f64::MIN_POSITIVE / 2.0,  // subnormal
        -f64::MIN_POSITIVE / 2.0, // negative subnormal
        f64::from_bits(1),        // smallest subnormal
        -f64::from_bits(1),
        f64::from_bits(0x000F_FFFF_FFFF_FFFF), // largest subnormal
        f64::MAX,
        f64::MIN,
        f64::EPSILON,
        0.1,
        0.25,
        0.3,
        -0.5,
        1.0,
        -1.0,
        1.5,
        100.0,
        1e-300,
        1e300,
        9.2e18,
        -9.3e18,
        250_000_000.75,
    ];
    v.extend(NAN_BITS.iter().map(|&b| f64::from_bits(b)));
    v
}

const EDGE_LENGTHS: [u64; 9] = [0, 1, 2, 63, 64, 65, u64::MAX / 2, u64::MAX - 1, u64::MAX];

/// The values around each bound of `program`, where an off-by-one or a wrong
/// comparison would show.
fn values_near_bounds(program: &Program) -> Vec<u64> {
    let mut out = vec![0u64];
    for check in program.checks() {
        match check.kind {
            CheckKind::IntMin(b) | CheckKind::IntMax(b) => {
                out.extend([b.wrapping_sub(1), b, b.wrapping_add(1)].map(|v| v as u64));
            }
            CheckKind::IntMultipleOf(d) => {
                out.extend(
                    [
                        d,
                        d.wrapping_neg(),
                        d.wrapping_mul(2),
                        d.wrapping_mul(-3),
                        d.wrapping_add(1),
                        d.wrapping_sub(1),
                    ]
                    .map(|v| v as u64),
                );
            }
            CheckKind::FloatGt(b) | CheckKind::FloatGe(b) | CheckKind::FloatLt(b) | CheckKind::FloatLe(b) => {
                out.extend([b, b.next_up(), b.next_down(), -b].map(f64::to_bits));
            }
            CheckKind::FloatMultipleOf(d) => {
                out.extend(
                    [
                        d,
                        -d,
                        3.0 * d,
                        0.5 * d,
                        d * 1e9,
                        d * 1e9 + d * 0.5,
                        d.next_up(),
                        7.0 * d + d * 1e-10,
                    ]
                    .map(f64::to_bits),
                );
            }
            CheckKind::LenMin(b) | CheckKind::LenMax(b) => {
                out.extend([b.wrapping_sub(1), b, b.wrapping_add(1)]);
            }
        }
    }
    out
}

/// One slot value: random bits, or an edge of some kind, or a value next to
/// one of the program's own bounds.
fn slot_value(near_bounds: Vec<u64>) -> BoxedStrategy<u64> {
    prop_oneof![
        2 => any::<u64>(),
        2 => select(EDGE_INTS.to_vec()).prop_map(|v| v as u64),
        1 => (-1_000i64..=1_000).prop_map(|v| v as u64),
        3 => select(edge_floats()).prop_map(f64::to_bits),
        2 => any::<f64>().prop_map(f64::to_bits),
        1 => (-1e4f64..1e4).prop_map(f64::to_bits),
        1 => select(EDGE_LENGTHS.to_vec()),
        4 => select(near_bounds),
    ]
    .boxed()
}

// ---------------------------------------------------------------------------
// Programs.

fn int_bound() -> BoxedStrategy<i64> {
    prop_oneof![select(EDGE_INTS.to_vec()), -200i64..=200, any::<i64>()].boxed()
}

fn int_divisor() -> BoxedStrategy<i64> {
    prop_oneof![
        select(vec![1i64, -1, 2, -2, 3, -3, 7, -10, i64::MIN, i64::MIN + 1, i64::MAX]),
        (1i64..=50).prop_flat_map(|d| select(vec![d, -d])),
        any::<i64>().prop_filter("divisor must not be zero", |&d| d != 0),
    ]
    .boxed()
}

/// Any float, NaN and the infinities included: `Program::new` accepts them as
/// comparison bounds, so native code must treat them as the interpreter does.
fn float_bound() -> BoxedStrategy<f64> {
    prop_oneof![4 => select(edge_floats()), 2 => any::<f64>(), 1 => -1e3f64..1e3].boxed()
}

fn float_divisor() -> BoxedStrategy<f64> {
    float_bound()
        .prop_filter("a float multiple_of is finite and non-zero", |d| {
            d.is_finite() && *d != 0.0
        })
        .boxed()
}

fn length_bound() -> BoxedStrategy<u64> {
    prop_oneof![select(EDGE_LENGTHS.to_vec()), 0u64..=100, any::<u64>()].boxed()
}

fn check_kind() -> BoxedStrategy<CheckKind> {
    prop_oneof![
        int_bound().prop_map(CheckKind::IntMin),
        int_bound().prop_map(CheckKind::IntMax),
        int_divisor().prop_map(CheckKind::IntMultipleOf),
        float_bound().prop_map(CheckKind::FloatGt),
        float_bound().prop_map(CheckKind::FloatGe),
        float_bound().prop_map(CheckKind::FloatLt),
        float_bound().prop_map(CheckKind::FloatLe),
        float_divisor().prop_map(CheckKind::FloatMultipleOf),
        length_bound().prop_map(CheckKind::LenMin),
        length_bound().prop_map(CheckKind::LenMax),
    ]
    .boxed()
}

fn origin() -> BoxedStrategy<Origin> {
    select(vec![
        Origin::Gt,
        Origin::Ge,
        Origin::Lt,
        Origin::Le,
        Origin::MultipleOf,
        Origin::MinLength,
        Origin::MaxLength,
    ])
    .boxed()
}

/// How many checks: mostly a few, often around the 64-check word boundary of
/// the failure bitset, sometimes several words.
fn check_count() -> BoxedStrategy<usize> {
    prop_oneof![4 => 0usize..=8, 2 => 9usize..=63, 2 => 63usize..=66, 1 => 67usize..=200].boxed()
}

fn program(n_slots: u32, count: BoxedStrategy<usize>) -> BoxedStrategy<Program> {
    let slot = if n_slots == 0 {
        Just(0u32).boxed()
    } else {
        (0..n_slots).boxed()
    };
    let check = (slot, check_kind(), origin())
        .prop_map(|(slot, kind, origin)| Check { slot, kind, origin })
        .boxed();
    let count = if n_slots == 0 { Just(0usize).boxed() } else { count };
    count
        .prop_flat_map(move |n| proptest::collection::vec(check.clone(), n))
        .prop_map(move |checks| Program::new(n_slots, checks).expect("generated programs are valid"))
        .boxed()
}

/// A flat program over 0..=8 slots and slot buffers for it; some buffers are
/// longer than the program needs, which the code must tolerate.
fn flat_case() -> impl Strategy<Value = (Program, Vec<Vec<u64>>)> {
    prop_oneof![1 => Just(0u32), 20 => 1u32..=8]
        .prop_flat_map(|n_slots| program(n_slots, check_count()))
        .prop_flat_map(|p| {
            let n = p.n_slots();
            let buffer = proptest::collection::vec(slot_value(values_near_bounds(&p)), n..=n + 2);
            (Just(p), proptest::collection::vec(buffer, FLAT_INPUTS_PER_PROGRAM))
        })
}

/// An item program (every check reads slot 0) and arrays for it: often empty,
/// usually short, sometimes long.
fn array_case() -> impl Strategy<Value = (Program, Vec<Vec<u64>>)> {
    let count = prop_oneof![6 => 0usize..=12, 1 => 13usize..=80].boxed();
    program(1, count).prop_flat_map(|p| {
        let length = prop_oneof![1 => Just(0usize), 6 => 1usize..=40, 1 => 41usize..=200];
        let item = slot_value(values_near_bounds(&p));
        let array = length.prop_flat_map(move |n| proptest::collection::vec(item.clone(), n));
        (Just(p), proptest::collection::vec(array, ARRAYS_PER_PROGRAM))
    })
}

// ---------------------------------------------------------------------------

/// Runs `property` on `cases` generated values; panics with the shrunk
/// failing value when it fails.
fn check_property<S: Strategy>(cases: u32, strategy: S, property: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    let mut runner = TestRunner::new(config(cases));
    if let Err(e) = runner.run(&strategy, property) {
        panic!("{e}");
    }
}

#[test]
fn flat_code_matches_the_interpreter() {
    let compared = Cell::new(0usize);
    check_property(FLAT_PROGRAMS, flat_case(), |(p, inputs)| {
        let native = compile(&p, Shape::Flat).expect("every valid program compiles");
        let words = p.out_words();
        for slots in &inputs {
            // One spare word past the bitset, which native code must not touch.
            let mut want = vec![SENTINEL; words + 1];
            let mut got = vec![!SENTINEL; words + 1];
            let n_want = run(&p, slots, &mut want);
            let n_got = native.call(slots, &mut got);
            prop_assert_eq!(n_got, n_want, "failure count, slots {:x?}, program {:?}", slots, p);
            prop_assert_eq!(
                &got[..words],
                &want[..words],
                "failure bitset, slots {:x?}, program {:?}",
                slots,
                p
            );
            prop_assert_eq!(got[words], !SENTINEL, "native code wrote past the bitset");
            prop_assert_eq!(n_want, want[..words].iter().map(|w| w.count_ones()).sum::<u32>());
            compared.set(compared.get() + 1);
        }
        Ok(())
    });
    assert_eq!(compared.get(), FLAT_PROGRAMS as usize * FLAT_INPUTS_PER_PROGRAM);
}

#[test]
fn array_code_lists_the_same_failing_items() {
    let (compared, items_seen) = (Cell::new(0usize), Cell::new(0usize));
    check_property(ARRAY_PROGRAMS, array_case(), |(p, arrays)| {
        let native = compile(&p, Shape::Array).expect("every valid item program compiles");
        for items in &arrays {
            let mut want = vec![SENTINEL; items.len()];
            let mut got = vec![!SENTINEL; items.len()];
            let n_want = run_array(&p, items, &mut want);
            let n_got = native.call_array(items, &mut got);
            prop_assert_eq!(n_got, n_want, "failure count, items {:x?}, program {:?}", items, p);
            let n = n_want as usize;
            prop_assert_eq!(
                &got[..n],
                &want[..n],
                "failing indices, items {:x?}, program {:?}",
                items,
                p
            );
            // Indices are strictly increasing and in range.
            prop_assert!(want[..n].windows(2).all(|w| w[0] < w[1]));
            prop_assert!(want[..n].iter().all(|&i| (i as usize) < items.len()));
            compared.set(compared.get() + 1);
            items_seen.set(items_seen.get() + items.len());
        }
        Ok(())
    });
    assert_eq!(compared.get(), ARRAY_PROGRAMS as usize * ARRAYS_PER_PROGRAM);
    assert!(
        items_seen.get() > compared.get() * 10,
        "arrays are too short to exercise the loop"
    );
}
