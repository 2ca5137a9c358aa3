//! Start-tag names checked and resolved once per document, and the name comparisons the
//! reader makes on every tag.

use super::NsId;
use crate::xml::chars::is_qname;

/// Start-tag names met recently, so that the names a document repeats at every element are
/// checked and resolved once: each slot holds a valid qualified name, where its colon is, and
/// the namespace it resolved to while [`Namespaces::scope`] was `scope`. Two slots per hash of
/// the name, the newest first.
pub(super) struct NameCache<'a> {
    slots: Vec<NameSlot<'a>>,
    /// The number of pairs of slots less one (a power of two less one).
    mask: usize,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct NameSlot<'a> {
    pub(super) qname: &'a str,
    /// Byte offset of the colon; 0 when there is none (a name cannot start with one).
    pub(super) colon: usize,
    pub(super) ns: NsId,
    /// The scope `ns` was resolved in; [`NameSlot::UNRESOLVED`] before it is.
    pub(super) scope: u64,
}

impl NameSlot<'_> {
    pub(super) const UNRESOLVED: u64 = u64::MAX;
    const EMPTY: Self = NameSlot {
        qname: "",
        colon: 0,
        ns: NsId::NONE,
        scope: Self::UNRESOLVED,
    };
}

impl<'a> NameCache<'a> {
    pub(super) const MAX_SETS: usize = 64;

    /// A cache for a document of `len` bytes: small documents use few names, and filling a
    /// large cache would cost them more than it saves.
    pub(super) fn for_document(len: usize) -> Self {
        let sets = (len / 1024).clamp(4, Self::MAX_SETS).next_power_of_two();
        NameCache {
            slots: vec![NameSlot::EMPTY; 2 * sets],
            mask: sets - 1,
        }
    }

    /// The index of the slot holding `qname`, which is checked to be a qualified name unless
    /// the cache holds it already; `None` if it is not one.
    pub(super) fn check(&mut self, qname: &'a str) -> Option<usize> {
        if qname.is_empty() {
            return None;
        }
        let first = 2 * (name_hash(qname.as_bytes()) & self.mask);
        for index in [first, first + 1] {
            if self
                .slots
                .get(index)
                .is_some_and(|s| same_name(s.qname, qname))
            {
                return Some(index);
            }
        }
        if !is_qname(qname) {
            return None;
        }
        let colon = qname.bytes().position(|b| b == b':').unwrap_or(0);
        self.slots.copy_within(first..first + 1, first + 1);
        let slot = self.slots.get_mut(first)?;
        *slot = NameSlot {
            qname,
            colon,
            ..NameSlot::EMPTY
        };
        Some(first)
    }

    pub(super) fn get(&self, index: usize) -> NameSlot<'a> {
        self.slots.get(index).copied().unwrap_or(NameSlot::EMPTY)
    }

    pub(super) fn resolved(&mut self, index: usize, ns: NsId, scope: u64) {
        if let Some(slot) = self.slots.get_mut(index) {
            slot.ns = ns;
            slot.scope = scope;
        }
    }
}

/// Splits a qualified name at its colon (at `colon`, 0 for none) into prefix and local name.
pub(super) fn split_qname(qname: &str, colon: usize) -> (Option<&str>, &str) {
    match (qname.get(..colon), qname.get(colon + 1..)) {
        (Some(prefix), Some(local)) if colon > 0 => (Some(prefix), local),
        _ => (None, qname),
    }
}

/// A hash of a name from its length and last eight bytes (all of a shorter one).
fn name_hash(name: &[u8]) -> usize {
    let last8 = name.len().checked_sub(8).and_then(|at| name.get(at..));
    let word = match last8.and_then(|tail| <[u8; 8]>::try_from(tail).ok()) {
        Some(tail) => u64::from_le_bytes(tail),
        None => name.iter().fold(0, |word, &b| (word << 8) | u64::from(b)),
    };
    let mixed = (word ^ name.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (mixed >> 32) as usize
}

/// Whether two names are the same, compared eight bytes at a time: names are short, and this
/// is quicker than calling `memcmp`.
pub(super) fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let ((a_words, a_rest), (b_words, b_rest)) = (a.as_chunks::<8>(), b.as_chunks::<8>());
    let words_equal = a_words
        .iter()
        .zip(b_words)
        .all(|(x, y)| u64::from_ne_bytes(*x) == u64::from_ne_bytes(*y));
    words_equal && a_rest.iter().zip(b_rest).all(|(x, y)| x == y)
}
