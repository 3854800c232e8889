//! Numbering distinct text keys (user keys, session keys) as 0, 1, 2, … for the summaries. Keys
//! up to 47 bytes are stored inside the hash table itself, so a lookup touches one place in memory
//! instead of following a pointer to the text; longer keys are stored as usual.

use crate::fast_hash::FastHashMap;

const SHORT: usize = 47;

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct ShortKey {
    len: u8,
    bytes: [u8; SHORT],
}

impl ShortKey {
    fn new(key: &str) -> Option<Self> {
        let mut bytes = [0u8; SHORT];
        bytes.get_mut(..key.len())?.copy_from_slice(key.as_bytes());
        Some(ShortKey {
            len: key.len() as u8,
            bytes,
        })
    }
}

#[derive(Default)]
pub(crate) struct Interner {
    short: FastHashMap<ShortKey, u32>,
    long: FastHashMap<Box<str>, u32>,
}

impl Interner {
    pub fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// The number of `key`, and whether it is new.
    pub fn intern(&mut self, key: &str) -> (u32, bool) {
        let next = self.len() as u32;
        match ShortKey::new(key) {
            Some(short) => match self.short.get(&short) {
                Some(&id) => (id, false),
                None => {
                    self.short.insert(short, next);
                    (next, true)
                }
            },
            None => match self.long.get(key) {
                Some(&id) => (id, false),
                None => {
                    self.long.insert(key.into(), next);
                    (next, true)
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_keys_are_numbered_once() {
        let mut i = Interner::default();
        let long = "x".repeat(48);
        assert_eq!(i.intern("a"), (0, true));
        assert_eq!(i.intern(&long), (1, true));
        assert_eq!(i.intern(""), (2, true));
        assert_eq!(i.intern("a"), (0, false));
        assert_eq!(i.intern(&long), (1, false));
        assert_eq!(i.intern(&"x".repeat(47)), (3, true));
        assert_eq!(i.intern("a\0"), (4, true));
        assert_eq!(i.len(), 5);
    }
}
