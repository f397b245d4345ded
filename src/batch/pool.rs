//! rayon pools, one per thread count asked for, made once and kept.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use rayon::ThreadPool;

use super::split::Record;

static POOLS: Mutex<Vec<(usize, Arc<ThreadPool>)>> = Mutex::new(Vec::new());

/// No batch starts more workers than this, whatever it asks for: beyond it
/// threads only add memory and switching.
pub const MAX_THREADS: usize = 64;

/// The pool of `threads` workers (at most `MAX_THREADS`).
pub fn get(threads: usize) -> PyResult<Arc<ThreadPool>> {
    let threads = threads.min(MAX_THREADS);
    let mut pools = POOLS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some((_, pool)) = pools.iter().find(|(n, _)| *n == threads) {
        return Ok(pool.clone());
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("satya-batch-{i}"))
        // Records nest as deep as the JSON parser allows; room for the recursion.
        .stack_size(8 << 20)
        .build()
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start {threads} batch threads: {e}")))?;
    let pool = Arc::new(pool);
    pools.push((threads, pool.clone()));
    Ok(pool)
}

/// Runs `work` over every record on the pool's workers, without the GIL,
/// while this thread hands each result to `finish`, in input order, with the
/// GIL held: building instances overlaps with validating later records.
/// Stops early when `finish` says so (false); returns whether it ran to the end.
pub fn pipeline<'d, R, W, F>(py: Python<'_>, pool: &ThreadPool, records: &'d [Record], threads: usize, work: W, finish: &mut F) -> PyResult<bool>
where
    R: Send,
    W: Fn(&'d Record) -> Option<R> + Sync,
    F: FnMut(&'d Record, Option<R>) -> PyResult<bool>,
{
    // Small runs keep the first results coming early; a few per thread at least.
    let run = (records.len() / (threads * 16)).clamp(16, 2048);
    let runs: Vec<&'d [Record]> = records.chunks(run).collect();
    let (sender, mut receiver) = std::sync::mpsc::channel::<(usize, Vec<Option<R>>)>();
    let work = &work;
    pool.in_place_scope(|scope| {
        for (k, chunk) in runs.iter().copied().enumerate() {
            let sender = sender.clone();
            scope.spawn(move |_| {
                let _ = sender.send((k, chunk.iter().map(work).collect()));
            });
        }
        drop(sender);
        let mut early: BTreeMap<usize, Vec<Option<R>>> = BTreeMap::new();
        for (k, chunk) in runs.iter().enumerate() {
            let results = loop {
                if let Some(results) = early.remove(&k) {
                    break results;
                }
                // Waiting for workers: let other Python threads run meanwhile.
                // (The receiver moves in and out: it is Send but not Sync.)
                let (received, back) = py.detach(move || (receiver.recv(), receiver));
                receiver = back;
                match received {
                    Ok((j, results)) => {
                        early.insert(j, results);
                    }
                    Err(_) => return Err(PyRuntimeError::new_err("a batch worker stopped without a result")),
                }
            };
            for (record, result) in chunk.iter().zip(results) {
                if !finish(record, result)? {
                    return Ok(false);
                }
            }
        }
        Ok(true)
    })
}
