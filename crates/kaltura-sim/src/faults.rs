//! Fault injection: what can go wrong on a report request (delay, 5xx, reset or truncated body,
//! ACTION_BLOCKED, DRUID_QUERY_TIMED_OUT, INTERNAL_SERVERL_ERROR, an expired KS), a plan that
//! queues faults for the next report requests or draws them with a seeded probability, and the
//! choice for one request. Applying a fault is `server`'s and `dispatch`'s job. Without the
//! `faults` feature (the desktop app's build) there is no fault at all: `Fault` has no values.

use std::collections::VecDeque;
use std::time::Duration;

use crate::seeded::hash;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Wait this long before answering (on top of the plan's latency).
    #[cfg(feature = "faults")]
    Delay(Duration),
    /// Answer with this HTTP status (e.g. 500, 502, 503) and an HTML body, before any API logic.
    #[cfg(feature = "faults")]
    HttpStatus(u16),
    /// Send the headers and half the body, then reset the connection (RST).
    #[cfg(feature = "faults")]
    ResetMidBody,
    /// Announce the full Content-Length, send half the body, then close the connection (FIN).
    #[cfg(feature = "faults")]
    TruncatedBody,
    /// `ACTION_BLOCKED` at the rate-limit step (serialized normally).
    #[cfg(feature = "faults")]
    ActionBlocked,
    /// `DRUID_QUERY_TIMED_OUT` inside the action (a die error: empty body, X-Kaltura headers).
    #[cfg(feature = "faults")]
    DruidQueryTimedOut,
    /// `INTERNAL_SERVERL_ERROR` inside the action (serialized normally).
    #[cfg(feature = "faults")]
    InternalError,
    /// The request's KS is treated as expired: `INVALID_KS` with KSID `EXPIRED` (no effect on a
    /// request without a KS, which gets `MISSING_KS` as usual).
    #[cfg(feature = "faults")]
    ExpiredKs,
}

impl Fault {
    /// A short stable name, used in statistics.
    pub fn name(&self) -> &'static str {
        match *self {
            #[cfg(feature = "faults")]
            Fault::Delay(_) => "delay",
            #[cfg(feature = "faults")]
            Fault::HttpStatus(_) => "http_status",
            #[cfg(feature = "faults")]
            Fault::ResetMidBody => "reset_mid_body",
            #[cfg(feature = "faults")]
            Fault::TruncatedBody => "truncated_body",
            #[cfg(feature = "faults")]
            Fault::ActionBlocked => "action_blocked",
            #[cfg(feature = "faults")]
            Fault::DruidQueryTimedOut => "druid_query_timed_out",
            #[cfg(feature = "faults")]
            Fault::InternalError => "internal_error",
            #[cfg(feature = "faults")]
            Fault::ExpiredKs => "expired_ks",
        }
    }

    /// Whether this fault makes the KS count as expired.
    pub fn expires_ks(fault: Option<&Fault>) -> bool {
        #[cfg(feature = "faults")]
        return matches!(fault, Some(Fault::ExpiredKs));
        #[cfg(not(feature = "faults"))]
        return fault.is_some();
    }
}

/// Faults drawn at random (but reproducibly: the n-th report request always gets the same draw).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RandomFaults {
    pub seed: u64,
    /// Chance per report request, in thousandths.
    pub per_mille: u32,
    /// One of these is picked when the draw hits.
    pub faults: Vec<Fault>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FaultPlan {
    /// Added to every request (any service).
    pub latency: Duration,
    /// Applied one each, in order, to the next report requests.
    pub queue: VecDeque<Fault>,
    pub random: Option<RandomFaults>,
    /// Shifts the clock used to judge KS expiry (positive = the simulator lives in the future).
    pub clock_offset_secs: i64,
}

impl FaultPlan {
    pub fn none() -> Self {
        FaultPlan::default()
    }

    /// A plan that applies `faults` to the next report requests, in order.
    pub fn queued(faults: impl IntoIterator<Item = Fault>) -> Self {
        FaultPlan {
            queue: faults.into_iter().collect(),
            ..FaultPlan::default()
        }
    }

    pub fn with_latency(mut self, latency: Duration) -> Self {
        self.latency = latency;
        self
    }

    pub fn with_random(mut self, seed: u64, per_mille: u32, faults: Vec<Fault>) -> Self {
        self.random = Some(RandomFaults {
            seed,
            per_mille,
            faults,
        });
        self
    }

    /// The fault for the `draw`-th report request: the queue first, then the random draw.
    pub fn take_for_report(&mut self, draw: u64) -> Option<Fault> {
        if let Some(f) = self.queue.pop_front() {
            return Some(f);
        }
        let r = self.random.as_ref()?;
        let h = hash(r.seed, &[draw]);
        if r.faults.is_empty() || h % 1000 >= u64::from(r.per_mille) {
            return None;
        }
        r.faults
            .get(((h >> 16) % r.faults.len() as u64) as usize)
            .cloned()
    }
}

#[cfg(all(test, feature = "faults"))]
mod tests {
    use super::*;

    #[test]
    fn queue_first_then_reproducible_random() {
        let mut p = FaultPlan::queued([Fault::ActionBlocked]).with_random(
            5,
            500,
            vec![Fault::HttpStatus(503)],
        );
        assert_eq!(p.take_for_report(0), Some(Fault::ActionBlocked));
        let draws: Vec<_> = (0..100).map(|i| p.take_for_report(i)).collect();
        let again: Vec<_> = (0..100).map(|i| p.take_for_report(i)).collect();
        assert_eq!(draws, again);
        let hits = draws.iter().filter(|d| d.is_some()).count();
        assert!((20..80).contains(&hits), "{hits}");
        assert_eq!(FaultPlan::none().take_for_report(0), None);
    }
}
