//! Benchmark: fetch 365 days of attendees from a running Kaltura simulator and compare the wall
//! time with the ideal for the concurrency used. Run by `bench/fetch_year.sh`, which starts the
//! simulator binary with 200 ms latency per call. Not a test: it measures, it does not judge.
//!
//! Usage: `fetch_bench <service-url> <partner-id> <latency-ms>`, admin secret in
//! `ROOMLENS_ADMIN_SECRET` (never an argument). Ideal = ceil(requests / concurrency) × latency:
//! every request costs at least one latency, and at most `concurrency` run at once.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

use roomlens::cancel::CancelToken;
use roomlens::kaltura::{
    fetch_report, ClientOptions, Credentials, DateRangeChoice, FetchRequest, KalturaClient,
    ReportFilters, ServiceUrl,
};
use roomlens::reports::ReportKind;
use roomlens::secret::AdminSecret;
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("fetch_bench: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [url, partner_id, latency_ms] = args.as_slice() else {
        return Err("usage: fetch_bench <service-url> <partner-id> <latency-ms> (secret in ROOMLENS_ADMIN_SECRET)".into());
    };
    let partner_id: i64 = partner_id
        .parse()
        .map_err(|_| format!("not a partner id: {partner_id}"))?;
    let latency = Duration::from_millis(
        latency_ms
            .parse()
            .map_err(|_| format!("not a number: {latency_ms}"))?,
    );
    let secret = std::env::var("ROOMLENS_ADMIN_SECRET")
        .ok()
        .and_then(AdminSecret::new)
        .ok_or("ROOMLENS_ADMIN_SECRET is not set")?;
    let service_url = ServiceUrl::parse(url).map_err(|e| e.message)?;
    let options = ClientOptions::default();
    let concurrency = options.concurrency;
    let client = KalturaClient::new(
        Credentials {
            partner_id,
            secret,
            service_url,
        },
        options,
    )
    .map_err(|e| e.message)?;

    let range = DateRangeChoice::LastDays(365)
        .resolve(&jiff::tz::TimeZone::UTC, jiff::Timestamp::now())
        .map_err(|e| e.message)?;
    let request = FetchRequest {
        kind: ReportKind::Attendees,
        range,
        filters: ReportFilters::default(),
    };
    let started = Instant::now();
    let last_window_done: Mutex<Option<Duration>> = Mutex::new(None);
    let on_progress = |p: roomlens::kaltura::FetchProgress| {
        if p.windows_done == p.windows_total {
            if let Ok(mut slot) = last_window_done.lock() {
                *slot = Some(started.elapsed());
            }
        }
    };
    let outcome = fetch_report(&client, &request, &on_progress, &CancelToken::new())
        .await
        .map_err(|e| e.message)?;
    let wall = started.elapsed();
    let windows_phase = last_window_done.into_inner().ok().flatten().unwrap_or(wall);

    let requests = outcome.requests;
    let rounds = requests.div_ceil(u32::try_from(concurrency).unwrap_or(1).max(1));
    let ideal = latency * rounds;
    println!("report            attendees, 365 days");
    println!("rows              {}", outcome.report.len());
    println!("requests          {requests}");
    println!(
        "windows           {} (after splitting at the row cap)",
        outcome.windows
    );
    println!("concurrency       {concurrency}");
    println!("latency per call  {} ms", latency.as_millis());
    println!(
        "ideal             {} ms  (ceil({requests} / {concurrency}) = {rounds} rounds x {} ms)",
        ideal.as_millis(),
        latency.as_millis()
    );
    println!(
        "windows fetched   {} ms  ({} of ideal; every window requested, read and counted)",
        windows_phase.as_millis(),
        ratio(windows_phase, ideal)
    );
    println!(
        "merged            {} ms  (joining the windows into one report)",
        (wall - windows_phase).as_millis()
    );
    println!(
        "wall time         {} ms  ({} of ideal)",
        wall.as_millis(),
        ratio(wall, ideal)
    );
    if !outcome.warnings.is_empty() {
        println!("warnings          {:?}", outcome.warnings);
    }
    Ok(())
}

fn ratio(measured: Duration, ideal: Duration) -> String {
    if ideal.is_zero() {
        "no ideal at zero latency".to_owned()
    } else {
        format!("{:.2}x", measured.as_secs_f64() / ideal.as_secs_f64())
    }
}
