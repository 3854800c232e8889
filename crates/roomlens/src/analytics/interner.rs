//! Numbering distinct text keys (user, session and room keys) as 0, 1, 2, … for the summaries and
//! the kept attendances. The hash table holds only each key's 64-bit hash, number and place, so it
//! stays small even with a million distinct sessions; the keys themselves are kept back to back
//! in one string, read only to confirm a match (one read where the table is), and handed back by
//! number (`text`). It does not keep anything else about a key.

use crate::fast_hash::FastHashMap;
use foldhash::fast::RandomState;
use std::hash::BuildHasher;

/// Marks the end of a chain of keys that share a hash.
const NONE: u32 = u32::MAX;

/// The first key with a hash: its number and where its text is in `Interner::text`.
#[derive(Clone, Copy)]
struct FirstKey {
    id: u32,
    start: usize,
    end: usize,
}

/// `S` makes the hashes: foldhash's random state in the product; a test uses one that gives every
/// key the same hash, to walk the chains.
#[derive(Default)]
pub(crate) struct Interner<S = RandomState> {
    hasher: S,
    /// A key's hash → the first key with that hash.
    first: FastHashMap<u64, FirstKey>,
    /// For each key number, the next one with the same hash (almost always `NONE`).
    next_same: Vec<u32>,
    /// Every key, back to back, and where each one ends.
    text: String,
    ends: Vec<usize>,
}

impl<S: BuildHasher> Interner<S> {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// The key numbered `id` ("" for a number never given).
    pub fn text(&self, id: u32) -> &str {
        let index = id as usize;
        let end = self.ends.get(index).copied().unwrap_or(0);
        let start = match index.checked_sub(1) {
            Some(before) => self.ends.get(before).copied().unwrap_or(0),
            None => 0,
        };
        self.text.get(start..end).unwrap_or("")
    }

    fn push(&mut self, key: &str) -> FirstKey {
        let id = self.ends.len() as u32;
        let start = self.text.len();
        self.text.push_str(key);
        self.ends.push(self.text.len());
        self.next_same.push(NONE);
        FirstKey {
            id,
            start,
            end: self.text.len(),
        }
    }

    /// The number of `key`, if it has one.
    pub fn find(&self, key: &str) -> Option<u32> {
        let first = *self.first.get(&self.hasher.hash_one(key))?;
        if self.text.get(first.start..first.end) == Some(key) {
            return Some(first.id);
        }
        let mut at = first.id;
        loop {
            if self.text(at) == key {
                return Some(at);
            }
            match self.next_same.get(at as usize).copied() {
                Some(next) if next != NONE => at = next,
                _ => return None,
            }
        }
    }

    /// The number of `key`, and whether it is new.
    pub fn intern(&mut self, key: &str) -> (u32, bool) {
        let hash = self.hasher.hash_one(key);
        let Some(&first) = self.first.get(&hash) else {
            let new = self.push(key);
            self.first.insert(hash, new);
            return (new.id, true);
        };
        if self.text.get(first.start..first.end) == Some(key) {
            return (first.id, false);
        }
        let mut at = first.id;
        loop {
            if self.text(at) == key {
                return (at, false);
            }
            match self.next_same.get(at as usize).copied() {
                Some(next) if next != NONE => at = next,
                _ => break,
            }
        }
        let id = self.push(key).id;
        if let Some(slot) = self.next_same.get_mut(at as usize) {
            *slot = id;
        }
        (id, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_keys_are_numbered_once() {
        let mut i: Interner = Interner::default();
        let long = "x".repeat(48);
        assert_eq!(i.intern("a"), (0, true));
        assert_eq!(i.intern(&long), (1, true));
        assert_eq!(i.intern(""), (2, true));
        assert_eq!(i.intern("a"), (0, false));
        assert_eq!(i.intern(&long), (1, false));
        assert_eq!(i.intern(&"x".repeat(47)), (3, true));
        assert_eq!(i.intern("a\0"), (4, true));
        assert_eq!(i.len(), 5);
        assert_eq!(i.text(1), long);
        assert_eq!(i.text(2), "");
        assert_eq!(i.find(&long), Some(1));
        assert_eq!(i.find("b"), None);
    }

    /// Gives every key the same hash.
    #[derive(Default)]
    struct OneHash;

    impl BuildHasher for OneHash {
        type Hasher = Constant;
        fn build_hasher(&self) -> Constant {
            Constant
        }
    }

    struct Constant;

    impl std::hash::Hasher for Constant {
        fn write(&mut self, _: &[u8]) {}
        fn finish(&self) -> u64 {
            42
        }
    }

    #[test]
    fn keys_that_share_a_hash_keep_their_own_numbers() {
        let mut i: Interner<OneHash> = Interner::default();
        assert_eq!(i.intern("x"), (0, true));
        assert_eq!(i.intern("y"), (1, true));
        assert_eq!(i.intern("z"), (2, true));
        assert_eq!(i.intern("y"), (1, false));
        assert_eq!(i.intern("z"), (2, false));
        assert_eq!(i.intern("x"), (0, false));
        assert_eq!((i.find("z"), i.find("w")), (Some(2), None));
        assert_eq!(i.len(), 3);
        assert_eq!(i.first.len(), 1, "one hash, one chain");
    }
}
