//! The fst built in parts on several threads and stitched into one.
//!
//! The `fst` crate's builder is sequential; at a million entities it was a
//! third of the build's wall time. A node of an fst points to its
//! transitions' targets by their distance below it, so the nodes of fsts
//! built apart keep their meaning when laid end to end. Each part is a
//! whole fst of keys that begin with one byte: all of them, or, for a byte
//! with more than [`PART_KEYS`] keys (`д`-`п` and `р`-`я` in UTF-8), a run
//! of them ending where the second byte changes. The stitched fst is the
//! header, each part's nodes but its root (and, for a split byte, but the
//! node after that byte), in key order, then the nodes made from those:
//! for a split byte, one node with the transitions of its parts' second
//! nodes; the root, with the transition of each first byte. Outputs move
//! as the builder would move them (the smallest up), targets to where the
//! part's nodes now lie. Then come the footer and the checksum. This is
//! the layout the builder gives the same keys (see
//! `fst-0.4.7/src/raw/build.rs`), node for node, except that a part does
//! not reuse a node another part wrote (the builder shares recently
//! written equal nodes), and that a made node with one transition is
//! written in the general form (the builder has a shorter one).
//!
//! The keys come in order from one thread (they are grouped there), and a
//! part's keys wait in memory for a free worker: at most [`AHEAD`] bytes
//! per worker after the first.

use super::expand::Batch;
use super::fst_check::{self, Trans, EMPTY_ADDRESS, FOOTER, HEADER, TRANS_INDEX_THRESHOLD, VERSION};
use crate::error::{Error, Result};
use std::io::Write;
use std::sync::{mpsc, Condvar, Mutex};

/// Bytes of keys that may wait for each worker but one: at 1,000,000
/// entities, 128 MB built as fast as 512 MB, with 300 MB less at the peak
/// (a part holds at most about 2^20 keys, so a worker rarely waits).
const AHEAD: usize = 128 << 20;

/// Bytes of keys that may wait with one worker (a few batches).
const AHEAD_ONE: usize = 4 << 20;

/// Keys past which a part ends where the second byte changes.
pub(super) const PART_KEYS: usize = 1 << 20;

fn fst_error(e: fst::Error) -> Error {
    // `fst::Error::Fst` displays as "FST error": say what its inner error says.
    match e {
        fst::Error::Fst(e) => Error::limit(format!("fst: {e}")),
        e => Error::limit(format!("fst: {e}")),
    }
}

/// Takes the keys, in order, of an fst being built in parts.
pub(super) struct Parts<'a> {
    jobs: Option<mpsc::Sender<Job>>,
    /// Where the batches of the part being filled go (its first byte is
    /// the last key's).
    part: Option<mpsc::Sender<Batch<u64>>>,
    /// Parts started so far.
    parts: usize,
    /// Keys in the part being filled.
    keys: usize,
    /// Keys past which a part ends at the next second byte.
    part_keys: usize,
    /// The last key: the next part's first must come after it (a part's
    /// builder checks its own keys' order).
    last: Vec<u8>,
    batch: Batch<u64>,
    budget: &'a Budget,
    /// The value of the empty key (the root's final output).
    empty: Option<u64>,
    /// Whether keys could not be sent because a worker had stopped.
    stopped: bool,
}

/// A part for a worker: its place among the parts, its first byte and
/// its keys.
struct Job {
    seq: usize,
    byte: u8,
    batches: mpsc::Receiver<Batch<u64>>,
}

impl Parts<'_> {
    /// Adds `key` (greater than the keys before it) with its value.
    pub(super) fn insert(&mut self, key: &[u8], value: u64) -> Result<()> {
        let Some(&byte) = key.first() else {
            if self.part.is_some() || self.empty.is_some() {
                return Err(Error::limit("fst: the empty key out of order"));
            }
            self.empty = Some(value);
            return Ok(());
        };
        let part = self.part.as_ref().and(self.last.first().copied());
        let second = key.get(1);
        // A large first byte (of `а`-`п` in UTF-8) is split where the
        // second byte changes, so that parts are of similar size.
        let split = self.keys >= self.part_keys && second.is_some() && second != self.last.get(1);
        if part != Some(byte) || split {
            if part.is_some() && key <= self.last.as_slice() {
                return Err(Error::limit("fst: keys out of order"));
            }
            self.send()?;
            let (tx, rx) = mpsc::channel();
            let Some(jobs) = &self.jobs else { return Err(self.stopped()) };
            if jobs.send(Job { seq: self.parts, byte, batches: rx }).is_err() {
                return Err(self.stopped());
            }
            self.part = Some(tx);
            self.parts += 1;
            self.keys = 0;
        }
        self.keys += 1;
        self.last.clear();
        self.last.extend_from_slice(key);
        if self.batch.push(key, &[value]) {
            self.send()?;
        }
        Ok(())
    }

    /// Sends the batch being filled to its part's worker.
    fn send(&mut self) -> Result<()> {
        let Some(tx) = &self.part else { return Ok(()) };
        if self.batch.is_empty() {
            return Ok(());
        }
        let batch = std::mem::take(&mut self.batch);
        if !self.budget.take(batch.bytes()) || tx.send(batch).is_err() {
            return Err(self.stopped());
        }
        Ok(())
    }

    /// Sending fails only when a worker has stopped on an error, which is
    /// then the one reported.
    fn stopped(&mut self) -> Error {
        self.stopped = true;
        Error::limit("fst: the builder stopped")
    }

    /// Sends what is left, and no more parts will come.
    fn finish(&mut self) -> Result<()> {
        let sent = self.send();
        self.part = None;
        self.jobs = None;
        sent
    }
}

/// How many bytes of keys wait for the workers, at most `limit` (one
/// batch always may), and whether a worker has stopped.
struct Budget {
    held: Mutex<(usize, bool)>,
    freed: Condvar,
    limit: usize,
}

impl Budget {
    fn new(limit: usize) -> Budget {
        Budget { held: Mutex::new((0, false)), freed: Condvar::new(), limit }
    }

    /// Waits for room for `bytes` more; false once a worker has stopped.
    fn take(&self, bytes: usize) -> bool {
        let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        while held.0 > 0 && held.0 + bytes > self.limit && !held.1 {
            held = self.freed.wait(held).unwrap_or_else(|e| e.into_inner());
        }
        held.0 += bytes;
        !held.1
    }

    fn give(&self, bytes: usize) {
        let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        held.0 = held.0.saturating_sub(bytes);
        self.freed.notify_all();
    }

    /// Stops the keys; true for the first stop.
    fn stop(&self) -> bool {
        let first = !std::mem::replace(&mut self.held.lock().unwrap_or_else(|e| e.into_inner()).1, true);
        self.freed.notify_all();
        first
    }
}

/// Calls `produce` with a [`Parts`] to insert the keys into, builds the
/// parts on `workers` threads meanwhile, and writes the stitched fst to
/// `out`. A first byte with more than `part_keys` keys is split into
/// parts by second byte.
pub(super) fn build<W: Write, R>(
    out: W,
    workers: usize,
    part_keys: usize,
    produce: impl FnOnce(&mut Parts<'_>) -> Result<R>,
) -> Result<(W, R)> {
    let workers = workers.max(1);
    let budget = Budget::new(if workers == 1 { AHEAD_ONE } else { (workers - 1) * AHEAD });
    let (jobs_tx, jobs_rx) = mpsc::channel::<Job>();
    let jobs_rx = Mutex::new(jobs_rx);
    let built = Mutex::new(Vec::new());
    let (result, empty) = std::thread::scope(|scope| {
        let spawned: Vec<_> = (0..workers)
            .map(|_| std::thread::Builder::new().spawn_scoped(scope, || work(&jobs_rx, &budget, &built)))
            .collect();
        let mut parts = Parts {
            jobs: Some(jobs_tx),
            part: None,
            parts: 0,
            keys: 0,
            part_keys,
            last: Vec::new(),
            batch: Batch::default(),
            budget: &budget,
            empty: None,
            stopped: false,
        };
        let produced = match spawned.iter().all(Result::is_ok) {
            true => produce(&mut parts).and_then(|r| parts.finish().map(|()| (r, parts.empty))),
            false => Err(Error::limit("cannot start the fst's threads")),
        };
        let stopped = parts.stopped;
        drop(parts); // the workers end once the parts sent are built
        let mut worked = Ok(());
        for handle in spawned.into_iter().flatten() {
            let joined = handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            worked = worked.and(joined);
        }
        // A worker's error, when it stopped the keys; else the keys'
        // (after which the workers may have built parts cut short).
        match (produced, worked) {
            (_, Err(e)) if stopped => Err(e),
            (produced, worked) => produced.and_then(|p| worked.map(|()| p)),
        }
    })?;
    let mut parts = built.into_inner().unwrap_or_else(|e| e.into_inner());
    parts.sort_unstable_by_key(|p| p.seq);
    Ok((stitch(out, &parts, empty)?, result))
}

/// A worker: builds parts until there are none, each into memory.
fn work(jobs: &Mutex<mpsc::Receiver<Job>>, budget: &Budget, built: &Mutex<Vec<Part>>) -> Result<()> {
    /// Keys waiting for room must not wait for a worker that panicked.
    struct StopOnPanic<'a>(&'a Budget);
    impl Drop for StopOnPanic<'_> {
        fn drop(&mut self) {
            if std::thread::panicking() {
                let _ = self.0.stop();
            }
        }
    }
    let _guard = StopOnPanic(budget);
    loop {
        let job = jobs.lock().unwrap_or_else(|e| e.into_inner()).recv();
        let Ok(job) = job else { return Ok(()) };
        match build_part(job, budget) {
            Ok(part) => built.lock().unwrap_or_else(|e| e.into_inner()).push(part),
            // Only the first error is the cause: once the keys stop, a
            // part may be cut short or empty, and fail for that.
            Err(e) => return if budget.stop() { Err(e) } else { Ok(()) },
        }
    }
}

fn build_part(job: Job, budget: &Budget) -> Result<Part> {
    let mut map = fst::MapBuilder::memory();
    for batch in job.batches {
        let inserted = batch.groups().try_for_each(|(key, value)| map.insert(key, value[0]));
        budget.give(batch.bytes());
        inserted.map_err(fst_error)?;
    }
    Part::of(job.seq, job.byte, map.into_inner().map_err(fst_error)?)
}

/// A part: the fst of keys that begin with `byte`, and its root's
/// transition (on `byte`).
struct Part {
    seq: usize,
    byte: u8,
    bytes: Vec<u8>,
    /// Where the root node begins: the part's other nodes are
    /// `bytes[HEADER..root_start]`.
    root_start: usize,
    /// The root transition's output and target.
    output: u64,
    target: usize,
    /// Keys in the part.
    len: u64,
}

/// A transition: input, output, target.
type Edge = (u8, u64, usize);

fn bad_part() -> Error {
    Error::limit("fst: a part's root is not one transition")
}

impl Part {
    fn of(seq: usize, byte: u8, bytes: Vec<u8>) -> Result<Part> {
        let root = fst_check::footer(&bytes).map_err(Error::limit)?;
        let mut trans = Vec::new();
        let (final_output, root_start) = fst_check::node(&bytes, root, &mut trans).ok_or_else(bad_part)?;
        let [Trans { target, output }] = trans[..] else { return Err(bad_part()) };
        if final_output != 0 || root_start < HEADER || (target != EMPTY_ADDRESS && target < HEADER) {
            return Err(bad_part());
        }
        let at = bytes.len() - FOOTER;
        let len = u64::from_le_bytes(bytes[at..at + 8].try_into().map_err(|_| bad_part())?);
        Ok(Part { seq, byte, root_start, output, target, len, bytes })
    }

    /// For a part of a split first byte: where the nodes the stitch keeps
    /// end (below the node after the first byte, which is just below the
    /// root), that node's transitions and final output, each with the root
    /// transition's output added.
    fn below(&self) -> Result<(usize, Vec<Edge>, Option<u64>)> {
        if self.target == EMPTY_ADDRESS {
            return Ok((self.root_start, Vec::new(), Some(self.output))); // the key of `byte` alone
        }
        let fst = fst::raw::Fst::new(self.bytes.as_slice()).map_err(fst_error)?;
        let node = fst.node(self.target);
        let add = |out: u64| self.output.checked_add(out).ok_or_else(bad_part);
        let trans =
            node.transitions().map(|t| Ok((t.inp, add(t.out.value())?, t.addr))).collect::<Result<_>>()?;
        let final_output = node.is_final().then(|| add(node.final_output().value())).transpose()?;
        // Kept (unreached) if it is not the node just below the root.
        let (_, start) = fst_check::node(&self.bytes, self.target, &mut Vec::new()).ok_or_else(bad_part)?;
        let cut = if self.target + 1 == self.root_start { start } else { self.root_start };
        Ok((cut, trans, final_output))
    }
}

/// Writes the fst of `parts` (in key order) and of the empty key's value
/// to `out` (see the module docs).
fn stitch<W: Write>(out: W, parts: &[Part], empty: Option<u64>) -> Result<W> {
    let io = |e: std::io::Error| Error::limit(format!("fst: {e}"));
    if let ([], _) | ([_], None) = (parts, empty) {
        // No root to make: the one part is the whole fst.
        let mut out = out;
        match parts {
            [part] => out.write_all(&part.bytes).map_err(io)?,
            _ => {
                let mut map = fst::MapBuilder::new(out).map_err(fst_error)?;
                if let Some(value) = empty {
                    map.insert([], value).map_err(fst_error)?;
                }
                out = map.into_inner().map_err(fst_error)?;
            }
        }
        return Ok(out);
    }
    let mut out = Summed { out, sum: 0, count: 0 };
    out.write(&VERSION.to_le_bytes()).map_err(io)?;
    out.write(&0u64.to_le_bytes()).map_err(io)?; // the fst type
                                                 // A part's address `t` once its nodes are written from `at` on.
    let moved = |t: usize, at: usize| if t == EMPTY_ADDRESS { t } else { t - HEADER + at };
    let mut root = Vec::new();
    for group in parts.chunk_by(|a, b| a.byte == b.byte) {
        if let [part] = group {
            let at = out.count;
            out.write(&part.bytes[HEADER..part.root_start]).map_err(io)?;
            root.push((part.byte, part.output, moved(part.target, at)));
            continue;
        }
        // The node after the first byte, made of the parts' (as the
        // builder would: the smallest output moves up to the root).
        let (mut below, mut final_output) = (Vec::new(), None);
        for part in group {
            let (cut, trans, part_final) = part.below()?;
            let at = out.count;
            out.write(&part.bytes[HEADER..cut]).map_err(io)?;
            below.extend(trans.into_iter().map(|(input, output, t)| (input, output, moved(t, at))));
            final_output = final_output.or(part_final);
        }
        let least = below.iter().map(|t| t.1).chain(final_output).min().unwrap_or(0);
        below.iter_mut().for_each(|t| t.1 -= least);
        let node = node_bytes(&below, final_output.map(|f| f - least), out.count);
        out.write(&node).map_err(io)?;
        root.push((group[0].byte, least, out.count - 1));
    }
    let node = node_bytes(&root, empty, out.count);
    out.write(&node).map_err(io)?;
    let root_addr = out.count - 1;
    let len: u64 = parts.iter().map(|p| p.len).sum::<u64>() + u64::from(empty.is_some());
    out.write(&len.to_le_bytes()).map_err(io)?;
    out.write(&(root_addr as u64).to_le_bytes()).map_err(io)?;
    let sum = out.sum;
    let mut out = out.out;
    // The fst crate's "masked" CRC-32C (`fst-0.4.7/src/raw/crc32.rs`).
    let masked = (sum.rotate_right(15)).wrapping_add(0xA282_EAD8);
    out.write_all(&masked.to_le_bytes()).map_err(io)?;
    Ok(out)
}

/// A writer that counts and checksums what it writes.
struct Summed<W> {
    out: W,
    sum: u32,
    count: usize,
}

impl<W: Write> Summed<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.out.write_all(bytes)?;
        self.sum = crc32c::crc32c_append(self.sum, bytes);
        self.count += bytes.len();
        Ok(())
    }
}

/// The bytes of a node with `trans` (in input order) and, with
/// `final_output`, final; to be written at `start`. The encoding of
/// `StateAnyTrans::compile` (`fst-0.4.7/src/raw/node.rs`), which the
/// builder uses for a node unless it has one transition and is not final.
fn node_bytes(trans: &[Edge], final_output: Option<u64>, start: usize) -> Vec<u8> {
    let delta = |target: usize| match target {
        EMPTY_ADDRESS => 0,
        t => (start - t) as u64,
    };
    let mut tsize = 0;
    let mut osize = pack_size(final_output.unwrap_or(0));
    let mut any_outs = final_output.unwrap_or(0) != 0;
    for &(_, output, target) in trans {
        tsize = tsize.max(pack_size(delta(target)));
        osize = osize.max(pack_size(output));
        any_outs |= output != 0;
    }
    let mut node = Vec::new();
    let pack = |node: &mut Vec<u8>, n: u64, size: usize| node.extend_from_slice(&n.to_le_bytes()[..size]);
    if any_outs {
        if let Some(output) = final_output {
            pack(&mut node, output, osize);
        }
        for &(_, output, _) in trans.iter().rev() {
            pack(&mut node, output, osize);
        }
    }
    for &(_, _, target) in trans.iter().rev() {
        pack(&mut node, delta(target), tsize);
    }
    node.extend(trans.iter().rev().map(|&(input, _, _)| input));
    if trans.len() > TRANS_INDEX_THRESHOLD {
        let mut index = [255u8; 256];
        for (i, &(input, _, _)) in trans.iter().enumerate() {
            index[usize::from(input)] = i as u8;
        }
        node.extend_from_slice(&index);
    }
    node.push((tsize as u8) << 4 | if any_outs { osize as u8 } else { 0 });
    let ntrans = trans.len();
    if ntrans == 0 || ntrans > 0b11_1111 {
        node.push(if ntrans == 256 { 1 } else { ntrans as u8 });
    }
    let inline = if (1..=0b11_1111).contains(&ntrans) { ntrans as u8 } else { 0 };
    node.push(if final_output.is_some() { 0b0100_0000 } else { 0 } | inline);
    node
}

/// Bytes a `u64` takes packed (1 to 8).
fn pack_size(n: u64) -> usize {
    (8 - n.leading_zeros() as usize / 8).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use fst::Streamer;

    /// The fst of `keys` (sorted) built in parts on `workers` threads.
    fn stitched(keys: &[(Vec<u8>, u64)], workers: usize) -> Result<Vec<u8>> {
        split(keys, workers, PART_KEYS)
    }

    /// The same, with first bytes split past `part_keys` keys.
    fn split(keys: &[(Vec<u8>, u64)], workers: usize, part_keys: usize) -> Result<Vec<u8>> {
        let (bytes, ()) = build(Vec::new(), workers, part_keys, |parts| {
            keys.iter().try_for_each(|(key, value)| parts.insert(key, *value))
        })?;
        Ok(bytes)
    }

    fn one_builders(keys: &[(Vec<u8>, u64)]) -> Vec<u8> {
        let mut map = fst::MapBuilder::memory();
        for (key, value) in keys {
            map.insert(key, *value).unwrap();
        }
        map.into_inner().unwrap()
    }

    fn read(bytes: Vec<u8>) -> Vec<(Vec<u8>, u64)> {
        let map = fst::Map::new(bytes).unwrap();
        map.as_fst().verify().unwrap();
        let root = fst_check::footer(map.as_fst().as_bytes()).unwrap();
        fst_check::nodes(map.as_fst().as_bytes(), root).unwrap();
        let mut stream = map.stream();
        let mut out = Vec::new();
        while let Some((key, value)) = stream.next() {
            out.push((key.to_vec(), value));
        }
        out
    }

    /// Keys in several scripts and first bytes, many sharing prefixes and
    /// values, as an index has them.
    fn keys(n: u64) -> Vec<(Vec<u8>, u64)> {
        let words =
            ["нато", "носков", "носкова", "путин", "peskov", "nato", "\u{1}peskov", "\u{1}noskov", "2024"];
        let mut keys: Vec<(Vec<u8>, u64)> = (0..n)
            .map(|i| {
                let word = words[(i % words.len() as u64) as usize];
                let key = format!("{word}{}", i * 7919 % 1000);
                (key.into_bytes(), ((i % 50) << 32) | ((i * 31) % 7))
            })
            .collect();
        keys.sort();
        keys.dedup_by(|a, b| a.0 == b.0);
        keys
    }

    #[test]
    fn stitched_fsts_read_as_their_keys_on_any_number_of_workers() {
        for n in [0, 1, 2, 9, 10, 500, 20_000] {
            let keys = keys(n);
            for workers in [1, 2, 3] {
                for part_keys in [1, 7, PART_KEYS] {
                    let bytes = split(&keys, workers, part_keys).unwrap();
                    assert_eq!(read(bytes), keys, "{n} keys, {workers} workers, parts of {part_keys}");
                }
            }
        }
    }

    #[test]
    fn stitched_fsts_are_the_builders_bytes_when_parts_share_no_node() {
        // One key per first byte, each ending in its own byte: no node is
        // equal to another part's. Over 32 first bytes, the root carries
        // an input index; outputs of every width.
        let keys: Vec<(Vec<u8>, u64)> =
            (0x20u8..0x70).map(|b| (vec![b, b, b ^ 1], u64::from(b).pow(u32::from(b % 9)))).collect();
        for n in [2, 3, 33, keys.len()] {
            let keys = &keys[..n];
            assert_eq!(stitched(keys, 2).unwrap(), one_builders(keys), "{n} keys");
        }
        // First bytes split into parts of a few second bytes, one with a
        // key of the first byte alone (a final second node).
        let mut keys = vec![(vec![0x41], 3)];
        for first in [0x41u8, 0xD0] {
            keys.extend((0x20u8..0x60).map(|b| (vec![first, b, b ^ 1, first ^ b], u64::from(b) << (b % 40))));
        }
        for part_keys in [1, 2, 5, 64] {
            assert_eq!(split(&keys, 2, part_keys).unwrap(), one_builders(&keys), "parts of {part_keys}");
        }
    }

    #[test]
    fn the_empty_key_is_the_roots_final_output() {
        for rest in [vec![], vec![(b"a".to_vec(), 0)], vec![(b"a".to_vec(), 5), (b"b".to_vec(), 9)]] {
            let mut keys = vec![(Vec::new(), 7)];
            keys.extend(rest);
            assert_eq!(read(stitched(&keys, 2).unwrap()), keys);
        }
    }

    #[test]
    fn keys_out_of_order_are_an_error_whatever_the_part() {
        let big: Vec<(Vec<u8>, u64)> =
            (0..200_000u64).map(|i| (format!("c{i:08}").into_bytes(), i)).collect();
        let cases: [Vec<(Vec<u8>, u64)>; 5] = [
            // Within a part: the worker's builder stops, and the producer,
            // waiting for room, stops too.
            [vec![(b"b2".to_vec(), 1), (b"b1".to_vec(), 2)], big.clone()].concat(),
            // A part after a later one.
            vec![(b"b".to_vec(), 1), (b"a".to_vec(), 2)],
            // A part's byte again after another part.
            vec![(b"a1".to_vec(), 1), (b"b".to_vec(), 2), (b"a2".to_vec(), 3)],
            // A split part's first key before the last part's.
            vec![(b"ab".to_vec(), 1), (b"ac".to_vec(), 2), (b"aa".to_vec(), 3)],
            // The same key twice, across a split.
            vec![(b"ab".to_vec(), 1), (b"ac".to_vec(), 2), (b"ac".to_vec(), 3)],
        ];
        for keys in cases {
            for (workers, part_keys) in [(1, 1), (2, 1), (1, PART_KEYS), (2, PART_KEYS)] {
                let e = split(&keys, workers, part_keys).unwrap_err().to_string();
                assert!(["out of order", "out-of-order", "duplicate"].iter().any(|m| e.contains(m)), "{e}");
            }
        }
    }

    #[test]
    fn only_the_first_error_is_reported() {
        // A part cut short to nothing by an earlier stop fails, but is not
        // the cause: the worker that failed first reports.
        let empty_part = || {
            let (jobs_tx, jobs_rx) = mpsc::channel();
            jobs_tx.send(Job { seq: 0, byte: b'a', batches: mpsc::channel().1 }).unwrap();
            drop(jobs_tx);
            Mutex::new(jobs_rx)
        };
        let budget = Budget::new(AHEAD_ONE);
        let built = Mutex::new(Vec::new());
        let e = work(&empty_part(), &budget, &built).unwrap_err();
        assert!(e.to_string().contains("root is not one transition"), "{e}");
        assert!(work(&empty_part(), &budget, &built).is_ok());
        assert!(built.into_inner().unwrap().is_empty());
    }
}
