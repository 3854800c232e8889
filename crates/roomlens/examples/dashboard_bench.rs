//! Benchmark: one session's dashboard of 5,000 attendees over 8 hours, fetched from the Kaltura
//! simulator (in this process, 200 ms added to every reply as a distant Kaltura would) and its
//! charts drawn: wall time, multirequests, and each chart's drawing time; then its PDF report
//! (the heatmap's minutes fetched, then the PDF made: time, size, pages). Run in release mode:
//! `cargo run --release -p roomlens --example dashboard_bench`. It measures; it does not judge.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

use jiff::tz::TimeZone;
use kaltura_sim::{FaultPlan, OrgProfile, SimConfig};
use roomlens::cancel::CancelToken;
use roomlens::dashboard::charts::dashboard_charts;
use roomlens::dashboard::person_heatmap::fetch_people_heatmaps;
use roomlens::dashboard::session_pdf::{heatmap_people, session_pdf, Paper, SessionPdfOptions};
use roomlens::dashboard::{fetch_session_dashboard, DashboardRequest};
use roomlens::kaltura::{ClientOptions, Credentials, KalturaClient, ServiceUrl};
use roomlens::secret::AdminSecret;
use std::time::{Duration, Instant};

const DATA_END: i64 = 1_790_000_000;
const LATENCY: Duration = Duration::from_millis(200);
const RUNS: usize = 3;

/// A fresh client of the simulator's partner.
fn sim_client(sim: &kaltura_sim::SimHandle) -> KalturaClient {
    KalturaClient::new(
        Credentials {
            partner_id: sim.partner_id(),
            secret: AdminSecret::new(sim.admin_secret()).unwrap(),
            service_url: ServiceUrl::parse(&sim.url()).unwrap(),
        },
        ClientOptions::default(),
    )
    .unwrap()
}

#[tokio::main]
async fn main() {
    let sim = kaltura_sim::start(SimConfig {
        data_end: Some(DATA_END),
        faults: FaultPlan::none().with_latency(LATENCY),
        ..SimConfig::demo().with_primary_profile(OrgProfile::demo_marathon())
    })
    .await
    .unwrap();
    let session = sim.org().unwrap().marathon_session().unwrap();
    println!(
        "session {} of room {}: {} attendees, {} minutes; {} ms latency per reply",
        session.cue_point_id,
        session.room_id,
        session.attendees,
        (session.end - session.start) / 60,
        LATENCY.as_millis()
    );
    let mut dashboard = None;
    for run in 1..=RUNS {
        let client = sim_client(&sim);
        let started = Instant::now();
        let d = fetch_session_dashboard(
            &client,
            &DashboardRequest {
                room_id: session.room_id.clone(),
                session_id: Some(session.cue_point_id.clone()),
                zone: TimeZone::UTC,
            },
            &CancelToken::new(),
        )
        .await
        .unwrap();
        println!(
            "run {run}: dashboard complete in {:.2} s: {} multirequests, {} attendees, {} timeline minutes",
            started.elapsed().as_secs_f64(),
            d.requests,
            d.attendees.len(),
            d.timeline.len()
        );
        dashboard = Some(d);
    }
    let d = dashboard.unwrap();
    for dark in [false, true] {
        let started = Instant::now();
        let charts = dashboard_charts(&d, &TimeZone::UTC, dark).unwrap();
        println!(
            "charts ({}): timeline, countries and devices drawn in {:.1} ms; SVG sizes {} KB, {} KB, {} KB",
            if dark { "dark" } else { "light" },
            started.elapsed().as_secs_f64() * 1000.0,
            charts.timeline.svg.len() / 1024,
            charts.countries.svg.len() / 1024,
            charts.devices.svg.len() / 1024
        );
    }
    // One screen of the engagement table's strips, as the window asks for them (the rows in
    // view, about a dozen, and the page's limit of 120 at once).
    let client = sim_client(&sim);
    for people in [12, 120] {
        let ids: Vec<String> = d
            .attendees
            .iter()
            .take(people)
            .map(|a| a.user_id.clone())
            .collect();
        let started = Instant::now();
        let strips = fetch_people_heatmaps(&client, &d, &ids, &CancelToken::new())
            .await
            .unwrap();
        println!(
            "strips of {people} people ({} minutes each) in {:.2} s",
            strips.first().map_or(0, Vec::len),
            started.elapsed().as_secs_f64()
        );
    }
    // The PDF report: the heatmap's attendees' minutes (one ask), then the document made.
    let ids: Vec<String> = heatmap_people(&d)
        .iter()
        .map(|a| a.user_id.clone())
        .collect();
    let started = Instant::now();
    let minutes = fetch_people_heatmaps(&client, &d, &ids, &CancelToken::new())
        .await
        .unwrap();
    let fetched = started.elapsed();
    let options = SessionPdfOptions {
        paper: Paper::A4,
        zone: TimeZone::UTC,
        account_name: "Bench".to_owned(),
        generated_at: jiff::Timestamp::now(),
    };
    for run in 1..=RUNS {
        let started = Instant::now();
        let pdf = session_pdf(&d, &minutes, &options).unwrap();
        let made = started.elapsed();
        println!(
            "run {run}: PDF of {} attendees made in {:.2} s (the heatmap's {} people's minutes fetched before in {:.2} s): {:.2} MB",
            d.attendees.len(),
            made.as_secs_f64(),
            minutes.len(),
            fetched.as_secs_f64(),
            pdf.len() as f64 / 1_000_000.0,
        );
        if run == RUNS {
            if let Ok(path) = std::env::var("ROOMLENS_BENCH_PDF") {
                std::fs::write(&path, &pdf).unwrap();
                println!("written to {path} (pages: pdfinfo {path})");
            }
        }
    }
    sim.shutdown().await;
}
