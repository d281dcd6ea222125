//! Structural checks of the fst section, so that a damaged fst is an error
//! and never a panic inside the `fst` crate.
//!
//! The `fst` crate trusts its bytes: `fst::raw::Fst::new` looks at the
//! footer only (and its root-address check never fires, see
//! <https://github.com/BurntSushi/fst/blob/0.4.7/src/raw/mod.rs#L399>), and
//! decoding a node slices and subtracts without checks. The index checksum
//! stops accidental damage; these checks stop the rest:
//!
//! - [`footer`] (run at every load, constant time): version, type and the
//!   root address agree with the section's length;
//! - [`nodes`] (run by [`crate::Index::verify`], linear in the fst's size):
//!   every node reachable from the root decodes inside the section, every
//!   transition points to a lower address (so walks end), pack sizes are
//!   1–8 bytes, and no path's outputs overflow a `u64`. After it passes, no
//!   lookup, walk or stream can reach a byte the check has not decoded.
//!
//! The node layout mirrors `fst-0.4.7/src/raw/node.rs`: a node is read
//! backwards from its state byte at its address.

pub(super) const VERSION: u64 = 3;
pub(super) const EMPTY_ADDRESS: usize = 0;
/// Nodes with more transitions carry a 256-byte input index.
pub(super) const TRANS_INDEX_THRESHOLD: usize = 32;
/// Footer: node count (u64), root address (u64), crc32c (u32).
pub(super) const FOOTER: usize = 8 + 8 + 4;
/// Header: version (u64), type (u64).
pub(super) const HEADER: usize = 16;

fn u64_at(bytes: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(bytes.get(at..at.checked_add(8)?)?.try_into().ok()?))
}

/// The root address, after checking the header and footer.
pub fn footer(bytes: &[u8]) -> Result<usize, String> {
    let bad = |what: &str| Err(format!("bad fst section: {what}"));
    if bytes.len() < HEADER + FOOTER {
        return bad("shorter than its header and footer");
    }
    if u64_at(bytes, 0) != Some(VERSION) {
        return bad("unknown fst version");
    }
    let end = bytes.len() - 4;
    let root = u64_at(bytes, end - 8).and_then(|r| usize::try_from(r).ok());
    match root {
        // An empty map: header, node count 0, root address 0, checksum.
        Some(EMPTY_ADDRESS) if bytes.len() == HEADER + FOOTER => Ok(EMPTY_ADDRESS),
        // The root is the last node written: its state byte is the byte
        // before the footer.
        Some(root) if root >= HEADER && root + 1 + FOOTER == bytes.len() => Ok(root),
        _ => bad("root address does not match the section's length"),
    }
}

/// One decoded transition.
pub(super) struct Trans {
    pub(super) target: usize,
    pub(super) output: u64,
}

/// Decodes the node at `addr` with every offset checked into its
/// transitions, and returns its final output and its lowest byte; `None`
/// if it does not fit.
pub(super) fn node(bytes: &[u8], addr: usize, out: &mut Vec<Trans>) -> Option<(u64, usize)> {
    out.clear();
    let state = *bytes.get(addr)?;
    let common = |s: u8| s & 0b0011_1111 != 0;
    let unpack = |at: usize, size: usize| -> Option<u64> {
        let slice = bytes.get(at..at.checked_add(size)?)?;
        Some(slice.iter().rev().fold(0u64, |n, &b| (n << 8) | u64::from(b)))
    };
    let sizes = |at: usize| -> Option<(usize, usize)> {
        let b = *bytes.get(at)?;
        let (t, o) = (usize::from(b >> 4), usize::from(b & 0x0F));
        (t <= 8 && o <= 8).then_some((t, o))
    };
    // Target of a delta-coded transition of a node whose lowest byte is `end`.
    let target = |delta: u64, end: usize| -> Option<usize> {
        let delta = usize::try_from(delta).ok()?;
        if delta == EMPTY_ADDRESS {
            Some(EMPTY_ADDRESS)
        } else {
            end.checked_sub(delta)
        }
    };
    match state >> 6 {
        0b11 => {
            // One transition to the node just below, no output.
            let input_len = usize::from(!common(state));
            let end = addr.checked_sub(input_len)?;
            out.push(Trans { target: end.checked_sub(1)?, output: 0 });
            Some((0, end))
        }
        0b10 => {
            let input_len = usize::from(!common(state));
            let (tsize, osize) = sizes(addr.checked_sub(input_len + 1)?)?;
            if tsize == 0 {
                return None;
            }
            let t_at = addr.checked_sub(input_len + 1 + tsize)?;
            let end = t_at.checked_sub(osize)?;
            let output = if osize == 0 { 0 } else { unpack(end, osize)? };
            out.push(Trans { target: target(unpack(t_at, tsize)?, end)?, output });
            Some((0, end))
        }
        _ => {
            let is_final = state & 0b0100_0000 != 0;
            let (ntrans_len, ntrans) = match state & 0b0011_1111 {
                0 => match *bytes.get(addr.checked_sub(1)?)? {
                    1 => (1, 256),
                    n => (1, usize::from(n)),
                },
                n => (0, usize::from(n)),
            };
            let (tsize, osize) = sizes(addr.checked_sub(ntrans_len + 1)?)?;
            if ntrans > 0 && tsize == 0 {
                return None;
            }
            let index = if ntrans > TRANS_INDEX_THRESHOLD { 256 } else { 0 };
            // Below the pack sizes: the input index, the inputs, the
            // addresses, the outputs, the final output.
            let inputs_end = addr.checked_sub(ntrans_len + 1 + index + ntrans)?;
            let addrs_end = inputs_end.checked_sub(ntrans.checked_mul(tsize)?)?;
            let outs_end = addrs_end.checked_sub(ntrans.checked_mul(osize)?)?;
            let final_osize = if is_final { osize } else { 0 };
            let end = outs_end.checked_sub(final_osize)?;
            for i in 0..ntrans {
                let delta = unpack(inputs_end - (i + 1) * tsize, tsize)?;
                let output = if osize == 0 { 0 } else { unpack(addrs_end - (i + 1) * osize, osize)? };
                out.push(Trans { target: target(delta, end)?, output });
            }
            Some((if final_osize == 0 { 0 } else { unpack(end, osize)? }, end))
        }
    }
}

/// Checks every node reachable from `root` (see the module docs).
pub fn nodes(bytes: &[u8], root: usize) -> Result<(), String> {
    if root == EMPTY_ADDRESS {
        return Ok(());
    }
    let bad = |addr: usize, what: &str| Err(format!("bad fst section: node at byte {addr} {what}"));
    let mut reached = Bits::new(bytes.len());
    let mut trans = Vec::new();
    // Pass 1, depth first: every reachable node decodes and points below itself.
    let mut stack = vec![root];
    reached.set(root);
    while let Some(addr) = stack.pop() {
        if node(bytes, addr, &mut trans).is_none() {
            return bad(addr, "does not decode inside the section");
        }
        for t in &trans {
            if t.target >= addr || (t.target != EMPTY_ADDRESS && t.target < HEADER) {
                return bad(addr, "has a transition that does not point below it");
            }
            if t.target != EMPTY_ADDRESS && !reached.get(t.target) {
                reached.set(t.target);
                stack.push(t.target);
            }
        }
    }
    // Pass 2, lowest address first, so a node's targets come before it: the
    // largest output sum from each node to a final state fits in a u64.
    let rank = reached.rank();
    let mut max_out = vec![0u64; rank.total];
    for (i, addr) in reached.ones().enumerate() {
        let final_output = node(bytes, addr, &mut trans).map_or(0, |(output, _)| output);
        let mut best = final_output;
        for t in &trans {
            let below = if t.target == EMPTY_ADDRESS { 0 } else { max_out[rank.of(&reached, t.target)] };
            match t.output.checked_add(below) {
                Some(sum) => best = best.max(sum),
                None => return bad(addr, "has outputs that overflow"),
            }
        }
        max_out[i] = best;
    }
    Ok(())
}

/// One bit per byte of the section: the addresses of reachable nodes.
struct Bits(Vec<u64>);

/// Number of set bits before each word of a [`Bits`].
struct Rank {
    before: Vec<u32>,
    total: usize,
}

impl Bits {
    fn new(len: usize) -> Bits {
        Bits(vec![0; len / 64 + 1])
    }

    fn set(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }

    fn get(&self, i: usize) -> bool {
        self.0[i / 64] & (1 << (i % 64)) != 0
    }

    fn ones(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(w, &word)| {
            let mut word = word;
            std::iter::from_fn(move || {
                (word != 0).then(|| {
                    let bit = word.trailing_zeros() as usize;
                    word &= word - 1;
                    w * 64 + bit
                })
            })
        })
    }

    fn rank(&self) -> Rank {
        let mut before = Vec::with_capacity(self.0.len());
        let mut total = 0usize;
        for word in &self.0 {
            before.push(total as u32);
            total += word.count_ones() as usize;
        }
        Rank { before, total }
    }
}

impl Rank {
    /// Position of set bit `i` among the set bits.
    fn of(&self, bits: &Bits, i: usize) -> usize {
        let below = bits.0[i / 64] & ((1u64 << (i % 64)) - 1);
        self.before[i / 64] as usize + below.count_ones() as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(keys: &[(&str, u64)]) -> Vec<u8> {
        let mut b = fst::MapBuilder::memory();
        for (k, v) in keys {
            b.insert(k, *v).unwrap();
        }
        b.into_inner().unwrap()
    }

    #[test]
    fn fsts_built_by_the_crate_pass() {
        let many: Vec<(String, u64)> =
            (0..3000u64).map(|i| (format!("{i:08}{}", i * 7919 % 257), i << 40)).collect();
        let mut many: Vec<(&str, u64)> = many.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        many.sort();
        // Every byte value after one prefix: a node with an input index.
        let wide: Vec<String> = (0u8..=255).map(|b| format!("w{}", b as char)).collect();
        let mut wide: Vec<(&str, u64)> = wide.iter().map(|k| (k.as_str(), u64::MAX)).collect();
        wide.sort();
        wide.dedup_by(|a, b| a.0 == b.0);
        for keys in [vec![], vec![("", 0)], vec![("a", u64::MAX)], many, wide] {
            let bytes = map(&keys);
            let root = footer(&bytes).unwrap();
            nodes(&bytes, root).unwrap();
        }
    }

    #[test]
    fn a_root_address_off_the_end_is_an_error() {
        let mut bytes = map(&[("nato", 1), ("нато", 2)]);
        let at = bytes.len() - 12;
        bytes[at] = 0xFF;
        assert!(footer(&bytes).unwrap_err().contains("root address"));
    }
}
