//! The one cancellable piece of work of a kind (a fetch, a file being read, a session dashboard):
//! starting new work stops the one before, Cancel stops the current one, and finishing clears the
//! slot only if it still holds that work. It does not run anything itself.

use crate::mutex::lock;
use roomlens::cancel::CancelToken;
use std::sync::Mutex;

#[derive(Default)]
pub struct CancelSlot(Mutex<Option<CancelToken>>);

impl CancelSlot {
    /// A token for new work; the work before it, if still running, is cancelled.
    pub fn start(&self) -> CancelToken {
        let token = CancelToken::new();
        if let Some(previous) = lock(&self.0).replace(token.clone()) {
            previous.cancel();
        }
        token
    }

    /// The work of `token` is over: the slot empties unless newer work took it.
    pub fn finish(&self, token: &CancelToken) {
        let mut current = lock(&self.0);
        if current.as_ref().is_some_and(|t| t.is_same(token)) {
            *current = None;
        }
    }

    /// Stops the current work, if any.
    pub fn cancel(&self) {
        if let Some(token) = lock(&self.0).take() {
            token.cancel();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_work_stops_the_old_and_only_its_own_finish_clears_the_slot() {
        let slot = CancelSlot::default();
        let first = slot.start();
        let second = slot.start();
        assert!(first.is_cancelled(), "starting again stops the work before");
        slot.finish(&first);
        assert!(!second.is_cancelled());
        slot.cancel();
        assert!(
            second.is_cancelled(),
            "the first's finish left the second in the slot"
        );
        let third = slot.start();
        slot.finish(&third);
        slot.cancel();
        assert!(
            !third.is_cancelled(),
            "finished work is not cancelled afterwards"
        );
    }
}
