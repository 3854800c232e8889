//! Locking the app's mutexes. A thread that panicked while holding one leaves it "poisoned";
//! the data they guard are plain values that stay valid, so the poison is ignored rather than
//! spreading the panic. It guards nothing itself.

use std::sync::{Mutex, MutexGuard};

/// Locks a mutex even if a panicking thread poisoned it: the data are plain values that stay valid.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
