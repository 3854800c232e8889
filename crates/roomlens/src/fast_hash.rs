//! The hash tables of the summaries (user, session and room keys) and the row keys of
//! `reports::merge`: foldhash, far faster than std's SipHash on a million rows, and seeded at
//! random so that no file can be made of keys that collide in every run (a fixed or merely seeded
//! multiply-rotate hash allows that; see the test). It is not a defence against an attacker who
//! can watch the app's timing, and is for nothing security-related beyond that.

use foldhash::fast::RandomState;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hash};
use std::sync::OnceLock;

pub(crate) type FastHashMap<K, V> = HashMap<K, V, RandomState>;
pub(crate) type FastHashSet<T> = HashSet<T, RandomState>;

/// A hash of `value` that is the same everywhere in this process (for keys hashed on different
/// threads and compared later) and different in the next.
pub(crate) fn process_hash<T: Hash + ?Sized>(value: &T) -> u64 {
    static STATE: OnceLock<RandomState> = OnceLock::new();
    STATE.get_or_init(RandomState::default).hash_one(value)
}

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
        assert_eq!(process_hash("a key"), process_hash("a key"));
    }

    /// The multiply-rotate hash used before, h = (rotl(h, 5) ^ word) * K per 8-byte word, from any
    /// seed: flipping the top bit of one word flips only the top bit of the state, which a flip
    /// of bit 4 in the next word cancels. Such pairs collide whatever the seed, so a file could be
    /// filled with them. Here they must not.
    #[test]
    fn keys_that_collide_in_every_seeded_multiply_hash_do_not_collide_here() {
        fn multiply_rotate(seed: u64, words: &[u64]) -> u64 {
            words.iter().fold(seed, |h, &w| {
                (h.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95)
            })
        }
        let mut collisions = 0;
        for i in 0..1000u64 {
            let first = [i.wrapping_mul(0x9e37_79b9_7f4a_7c15), i];
            let twin = [first[0] ^ (1 << 63), first[1] ^ (1 << 4)];
            for seed in [0, 1, i, u64::MAX - i] {
                assert_eq!(multiply_rotate(seed, &first), multiply_rotate(seed, &twin));
            }
            if process_hash(&first) == process_hash(&twin) {
                collisions += 1;
            }
        }
        assert_eq!(collisions, 0);
    }

    #[test]
    fn each_process_has_its_own_seed() {
        let here = process_hash("the same key").to_string();
        let child = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "fast_hash::tests::print_a_hash",
                "--nocapture",
                "--include-ignored",
            ])
            .env("ROOMLENS_PRINT_HASH", "1")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&child.stdout);
        let there = text
            .lines()
            .find_map(|l| l.strip_prefix("hash="))
            .unwrap_or_default();
        assert!(!there.is_empty(), "the child printed no hash: {text}");
        assert_ne!(
            there, here,
            "two processes hashed a key alike (a 1 in 2^64 chance)"
        );
    }

    #[test]
    #[ignore = "run by each_process_has_its_own_seed in a child process"]
    fn print_a_hash() {
        if std::env::var_os("ROOMLENS_PRINT_HASH").is_some() {
            println!("hash={}", process_hash("the same key"));
        }
    }
}
