//! The knobs of a Kaltura client: timeouts, retries, KS lifetime, the whole-operation deadline,
//! fetch concurrency and Kaltura's row cap, with defaults that suit the real service. It holds
//! no behaviour; `client` and `fetch` read it.

use std::time::Duration;

#[derive(Debug, Clone, PartialEq)]
pub struct ClientOptions {
    /// Longest wait for one HTTP request, from sending to the last byte of the reply.
    pub request_timeout: Duration,
    /// Longest wait for a TCP/TLS connection to be set up.
    pub connect_timeout: Duration,
    /// Attempts per API call when failures are transient (1 = no retry).
    pub max_attempts: u32,
    /// First retry delay; it doubles per attempt up to `backoff_cap`, with random jitter.
    pub backoff_base: Duration,
    pub backoff_cap: Duration,
    /// How long each locally signed KS is valid: ten minutes, so a KS that leaks (a proxy log, a
    /// crash report) is soon worthless. It is re-signed when less than five minutes (or half the
    /// lifetime, if shorter) remain.
    pub ks_lifetime: Duration,
    /// Longest time one whole operation (a report fetch, a connection test) may take.
    pub deadline: Duration,
    /// Report windows fetched at the same time.
    pub concurrency: usize,
    /// The largest reply Roomlens reads. Kaltura caps a report at 100,000 rows, a few tens of MB;
    /// a server that sends more (broken, or not Kaltura) is stopped there, and nothing is kept.
    pub max_reply_bytes: u64,
    /// Kaltura's row cap for custom reports (docs/kaltura-wire-format.md §7): a window returning
    /// this many rows may have lost some and is split.
    pub row_cap: u64,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            request_timeout: Duration::from_secs(180),
            connect_timeout: Duration::from_secs(20),
            max_attempts: 5,
            backoff_base: Duration::from_secs(1),
            backoff_cap: Duration::from_secs(30),
            ks_lifetime: Duration::from_secs(10 * 60),
            deadline: Duration::from_secs(60 * 60),
            concurrency: 6,
            max_reply_bytes: 256 * 1024 * 1024,
            row_cap: 100_000,
        }
    }
}
