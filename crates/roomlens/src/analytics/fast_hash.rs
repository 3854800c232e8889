//! A fast, non-cryptographic hasher for the summaries' maps (user, session and room keys) and the
//! row keys of `reports::merge`, where std's DoS-resistant SipHash costs a fifth of a million-row
//! summary. The input is the admin's own report, so hash flooding is not a concern here. Not for
//! anything security-related.

use std::hash::{BuildHasherDefault, Hasher};

/// Multiply-rotate word hasher (the scheme rustc uses internally).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct WordHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in words.by_ref() {
            let mut w = [0u8; 8];
            w.copy_from_slice(word);
            self.add(u64::from_le_bytes(w));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            if let Some(head) = w.get_mut(..rest.len()) {
                head.copy_from_slice(rest);
            }
            self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

pub(crate) type FastHashMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<WordHasher>>;
pub(crate) type FastHashSet<K> = std::collections::HashSet<K, BuildHasherDefault<WordHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_keys_stay_distinct() {
        let mut map: FastHashMap<String, usize> = FastHashMap::default();
        for i in 0..10_000 {
            map.insert(format!("user{i}@example.org"), i);
        }
        assert_eq!(map.len(), 10_000);
        assert_eq!(map.get("user1234@example.org"), Some(&1234));
        assert_eq!(map.get("user1234@example.or"), None);
    }
}
