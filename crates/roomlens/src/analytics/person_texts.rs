//! Remembering, for each distinct (person key, user ID, name, e-mail) of the kept attendances, the
//! numbers their pools gave those four texts: the four are kept side by side and found with one
//! hash lookup, where numbering each would take four lookups in four pools. A cache only: a
//! combination it cannot hold (a hash another one has, a text over 4 GB) is not remembered, and
//! the caller numbers it text by text. It numbers nothing itself.

use crate::fast_hash::FastHashMap;
use foldhash::fast::RandomState;
use std::hash::BuildHasher;

/// The texts of an attendance that say who attended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct PersonTexts<'a> {
    pub person: &'a str,
    pub user_id: &'a str,
    pub name: &'a str,
    pub email: &'a str,
}

impl PersonTexts<'_> {
    fn parts(&self) -> [&str; 4] {
        [self.person, self.user_id, self.name, self.email]
    }
}

/// Their numbers, each in its own pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PersonNumbers {
    pub person: u32,
    pub user_id: u32,
    pub name: u32,
    pub email: u32,
}

/// A combination remembered: where its texts start in `PersonTextsCache::text`, their lengths,
/// and their numbers.
#[derive(Clone, Copy)]
struct Remembered {
    start: usize,
    lengths: [u32; 4],
    numbers: PersonNumbers,
}

#[derive(Default)]
pub(crate) struct PersonTextsCache {
    hasher: RandomState,
    /// A combination's hash → the combination, held in the table itself, so that a lookup reads
    /// the table and the texts only.
    remembered: FastHashMap<u64, Remembered>,
    /// The texts of every combination remembered, back to back.
    text: String,
}

impl PersonTextsCache {
    /// The hash `get` and `remember` take for `texts`.
    pub(crate) fn hash(&self, texts: &PersonTexts<'_>) -> u64 {
        self.hasher.hash_one(texts)
    }

    /// The numbers remembered for `texts`, whose hash is `hash`.
    pub(crate) fn get(&self, hash: u64, texts: &PersonTexts<'_>) -> Option<PersonNumbers> {
        let found = self.remembered.get(&hash)?;
        let held = self.text.as_bytes();
        let mut at = found.start;
        for (part, length) in texts.parts().into_iter().zip(found.lengths) {
            let end = at.checked_add(length as usize)?;
            if held.get(at..end) != Some(part.as_bytes()) {
                return None;
            }
            at = end;
        }
        Some(found.numbers)
    }

    /// Remembers `numbers` for `texts`, whose hash is `hash`, unless a combination with that hash
    /// is remembered already.
    pub(crate) fn remember(&mut self, hash: u64, texts: &PersonTexts<'_>, numbers: PersonNumbers) {
        if self.remembered.contains_key(&hash) {
            return;
        }
        let parts = texts.parts();
        let mut lengths = [0u32; 4];
        for (length, part) in lengths.iter_mut().zip(parts) {
            let Ok(fits) = u32::try_from(part.len()) else {
                return;
            };
            *length = fits;
        }
        let start = self.text.len();
        for part in parts {
            self.text.push_str(part);
        }
        self.remembered.insert(
            hash,
            Remembered {
                start,
                lengths,
                numbers,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(
        person: &'a str,
        user_id: &'a str,
        name: &'a str,
        email: &'a str,
    ) -> PersonTexts<'a> {
        PersonTexts {
            person,
            user_id,
            name,
            email,
        }
    }

    fn numbers(n: u32) -> PersonNumbers {
        PersonNumbers {
            person: n,
            user_id: n,
            name: n,
            email: n,
        }
    }

    #[test]
    fn a_combination_is_found_only_with_the_very_same_texts() {
        let mut cache = PersonTextsCache::default();
        let ada = texts("u1", "u1", "Ada", "ada@example.org");
        let hash = cache.hash(&ada);
        assert_eq!(cache.get(hash, &ada), None);
        cache.remember(hash, &ada, numbers(1));
        assert_eq!(cache.get(hash, &ada), Some(numbers(1)));
        // The same bytes split differently, under the same hash: not the same combination.
        let shifted = texts("u1", "u1A", "da", "ada@example.org");
        assert_eq!(cache.get(hash, &shifted), None);
        // A second combination with a hash already held is not remembered; the first stays.
        cache.remember(hash, &shifted, numbers(2));
        assert_eq!(cache.get(hash, &shifted), None);
        assert_eq!(cache.get(hash, &ada), Some(numbers(1)));
        let blank = texts("", "", "", "");
        let other = cache.hash(&blank);
        cache.remember(other, &blank, numbers(3));
        assert_eq!(cache.get(other, &blank), Some(numbers(3)));
    }
}
