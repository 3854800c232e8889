//! What the measurement examples print after each step: how long it took and the process's
//! memory (resident now, and at its peak so far) from /proc/self/status on Linux ("?" elsewhere).
//! It measures nothing else and is not a test.

use std::time::Instant;

/// "resident 123 MiB, peak 456 MiB" from /proc/self/status.
pub fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<u64>().ok())
            .map_or_else(|| "?".to_owned(), |kb| format!("{} MiB", kb / 1024))
    };
    format!("resident {}, peak {}", field("VmRSS:"), field("VmHWM:"))
}

/// Runs `f`, then prints `what`, its time and the memory after it.
pub fn step<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    println!(
        "{what:<36} {:>8.0} ms   {}",
        start.elapsed().as_secs_f64() * 1000.0,
        memory()
    );
    out
}
