//! Shared setup for the Kaltura client tests: a real `kaltura-sim` on loopback, a `KalturaClient`
//! pointed at it with short backoffs, and the simulator's ground truth turned into a `Report` (read
//! by the same reader) so fetched rows can be compared with nothing lost, added or duplicated.

use kaltura_sim::{Filters, SimConfig, SimHandle};
use roomlens::kaltura::{ClientOptions, Credentials, KalturaClient, ReportFilters, ServiceUrl};
use roomlens::reports::{read_report_as, Report, ReportKind};
use roomlens::secret::AdminSecret;
use std::time::Duration;

pub async fn start_sim(config: SimConfig) -> SimHandle {
    kaltura_sim::start(config).await.expect("simulator starts")
}

/// Retries in milliseconds instead of seconds, so fault tests stay quick.
pub fn quick_options() -> ClientOptions {
    ClientOptions {
        backoff_base: Duration::from_millis(2),
        backoff_cap: Duration::from_millis(20),
        request_timeout: Duration::from_secs(30),
        ..ClientOptions::default()
    }
}

pub fn client_with(
    sim: &SimHandle,
    partner_id: i64,
    secret: &str,
    options: ClientOptions,
) -> KalturaClient {
    let credentials = Credentials {
        partner_id,
        secret: AdminSecret::new(secret).expect("non-empty secret"),
        service_url: ServiceUrl::parse(&sim.url()).expect("loopback URL"),
    };
    KalturaClient::new(credentials, options).expect("client")
}

pub fn client_for(sim: &SimHandle, options: ClientOptions) -> KalturaClient {
    client_with(sim, sim.partner_id(), &sim.admin_secret(), options)
}

pub fn sim_kind(kind: ReportKind) -> kaltura_sim::ReportKind {
    match kind {
        ReportKind::RoomData => kaltura_sim::ReportKind::RoomData,
        ReportKind::Attendees => kaltura_sim::ReportKind::Attendees,
        ReportKind::Breakouts => kaltura_sim::ReportKind::Breakouts,
    }
}

pub fn sim_filters(filters: &ReportFilters) -> Filters {
    Filters {
        entry_ids: filters.room_ids.clone(),
        virtual_event_ids: filters.virtual_event_ids.clone(),
        user_ids: filters.user_ids.clone(),
        cue_point_ids: filters.session_ids.clone(),
        parent_entry_ids: filters.main_room_ids.clone(),
    }
}

/// The simulator's uncapped ground truth for `[from, to)`, read into a `Report` the same way a
/// Kaltura reply is read.
pub fn expected_report(
    sim: &SimHandle,
    kind: ReportKind,
    from: i64,
    to: i64,
    filters: &ReportFilters,
) -> Report {
    let rows = sim.expected_rows(sim_kind(kind), from, to, &sim_filters(filters));
    let mut body = Vec::new();
    let header: Vec<&str> = sim_kind(kind).columns().to_vec();
    kaltura_sim::write_csv(&mut body, &header, &rows).expect("csv in memory");
    let outcome = read_report_as(&body, kind).expect("ground truth reads");
    assert_eq!(outcome.stats.rows_rejected, 0, "ground truth rows all read");
    outcome.report
}

/// One row for comparing: its text and whole-number fields joined, and its fractional numbers
/// (compared with a tolerance, because merging re-weights ratios and may move the last bit).
pub type RowImage = (String, Vec<Option<f64>>);

/// Every row as a `RowImage`, sorted.
pub fn row_images(report: &Report) -> Vec<RowImage> {
    let int = |v: Option<i64>| v.map(|x| x.to_string()).unwrap_or_default();
    let count = |v: Option<u64>| v.map(|x| x.to_string()).unwrap_or_default();
    let mut rows: Vec<RowImage> = match report {
        Report::RoomData { rows, .. } => rows
            .iter()
            .map(|r| {
                let text = [
                    r.entry_id.to_string(),
                    r.entry_name.to_string(),
                    r.parent_entry_id.to_string(),
                    r.cue_point_id.to_string(),
                    int(r.session_start_time),
                    int(r.session_end_time),
                    r.session_host_user_id.to_string(),
                    count(r.meeting_view_period_unique_users),
                ]
                .join("|");
                (text, vec![r.meeting_engaged_play_time_ratio])
            })
            .collect(),
        Report::Attendees { rows, .. } => rows
            .iter()
            .map(|r| {
                let text = [
                    r.entry_id.to_string(),
                    r.cue_point_id.to_string(),
                    r.user_id.to_string(),
                    r.user_name.to_string(),
                    r.user_email.to_string(),
                    r.user_type.to_string(),
                ]
                .join("|");
                (
                    text,
                    vec![r.meeting_view_time, r.meeting_engaged_play_time_ratio],
                )
            })
            .collect(),
        Report::Breakouts { rows, .. } => rows
            .iter()
            .map(|r| {
                let text = [
                    r.parent_entry_id.to_string(),
                    r.parent_entry_name.to_string(),
                    r.breakout_entry_id.to_string(),
                    r.breakout_entry_name.to_string(),
                    r.cue_point_id.to_string(),
                    r.session_initiator.to_string(),
                    int(r.session_start_time),
                    int(r.session_end_time),
                    count(r.participant_count),
                ]
                .join("|");
                (text, vec![r.duration, r.engagement_rate])
            })
            .collect(),
    };
    rows.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Equal))
    });
    rows
}

fn same_numbers(a: &[Option<f64>], b: &[Option<f64>]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|pair| match pair {
            (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0),
            (None, None) => true,
            _ => false,
        })
}

/// Fails with a short account of what differs (the full lists can be huge).
pub fn assert_same_images(got: &[RowImage], expected: &[RowImage]) {
    let differ = got.len() != expected.len()
        || got
            .iter()
            .zip(expected)
            .any(|(g, e)| g.0 != e.0 || !same_numbers(&g.1, &e.1));
    if differ {
        let first = got
            .iter()
            .zip(expected)
            .position(|(g, e)| g.0 != e.0 || !same_numbers(&g.1, &e.1));
        let show = |rows: &[RowImage], i: Option<usize>| i.and_then(|i| rows.get(i).cloned());
        panic!(
            "rows differ: got {}, expected {}; first difference: got {:?}, expected {:?}",
            got.len(),
            expected.len(),
            show(got, first),
            show(expected, first)
        );
    }
}

pub fn assert_same_rows(got: &Report, expected: &Report) {
    assert_eq!(got.kind(), expected.kind());
    assert_same_images(&row_images(got), &row_images(expected));
}
