//! `read_report_as` and `read_report` on report bodies rendered by `kaltura-sim` exactly as Kaltura
//! renders them (BOM, no quoting, commas turned into spaces, PHP floats), checked value by value
//! against the simulator's ground truth, including its Unicode and hostile names.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

use kaltura_sim::{expected_rows, write_csv, Filters, Org, OrgProfile};
use roomlens::reports::{read_report, read_report_as, Report, ReportKind};

const END: i64 = 1_772_619_300;

fn sim_kind(kind: ReportKind) -> (kaltura_sim::ReportKind, &'static [&'static str]) {
    match kind {
        ReportKind::RoomData => (
            kaltura_sim::ReportKind::RoomData,
            kaltura_sim::ROOM_DATA_COLUMNS,
        ),
        ReportKind::Attendees => (
            kaltura_sim::ReportKind::Attendees,
            kaltura_sim::ATTENDEES_COLUMNS,
        ),
        ReportKind::Breakouts => (
            kaltura_sim::ReportKind::Breakouts,
            kaltura_sim::BREAKOUTS_COLUMNS,
        ),
    }
}

/// Every row of `report` as text cells in raw column order: text as is, numbers as Rust prints
/// them (compared with the simulator's PHP numbers by value below).
fn cells(report: &Report) -> Vec<Vec<String>> {
    let n = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    let i = |v: Option<i64>| v.map(|x| x.to_string()).unwrap_or_default();
    let u = |v: Option<u64>| v.map(|x| x.to_string()).unwrap_or_default();
    match report {
        Report::RoomData { rows, .. } => rows
            .iter()
            .map(|r| {
                vec![
                    r.entry_id.to_string(),
                    r.entry_name.to_string(),
                    r.parent_entry_id.to_string(),
                    r.cue_point_id.to_string(),
                    i(r.session_start_time),
                    i(r.session_end_time),
                    r.session_host_user_id.to_string(),
                    u(r.meeting_view_period_unique_users),
                    n(r.meeting_engaged_play_time_ratio),
                ]
            })
            .collect(),
        Report::Attendees { rows, .. } => rows
            .iter()
            .map(|r| {
                vec![
                    r.entry_id.to_string(),
                    r.cue_point_id.to_string(),
                    r.user_id.to_string(),
                    r.user_name.to_string(),
                    r.user_email.to_string(),
                    r.user_type.to_string(),
                    n(r.meeting_view_time),
                    n(r.meeting_engaged_play_time_ratio),
                ]
            })
            .collect(),
        Report::Breakouts { rows, .. } => rows
            .iter()
            .map(|r| {
                vec![
                    r.parent_entry_id.to_string(),
                    r.parent_entry_name.to_string(),
                    r.breakout_entry_id.to_string(),
                    r.breakout_entry_name.to_string(),
                    r.cue_point_id.to_string(),
                    r.session_initiator.to_string(),
                    i(r.session_start_time),
                    i(r.session_end_time),
                    n(r.duration),
                    u(r.participant_count),
                    n(r.engagement_rate),
                ]
            })
            .collect(),
    }
}

fn same_value(got: &str, want: &str) -> bool {
    got == want || matches!((got.parse::<f64>(), want.parse::<f64>()), (Ok(a), Ok(b)) if a == b)
}

#[test]
fn a_month_of_the_demo_organisation_reads_back_exactly() {
    let org = Org::new(OrgProfile::demo(), 7, Some(END));
    let mut hostile_seen = false;
    for kind in ReportKind::ALL {
        let (sim, columns) = sim_kind(kind);
        let expected = expected_rows(&org, sim, END - 30 * 86_400, END, &Filters::default());
        assert!(!expected.is_empty(), "{kind:?}");
        let mut body = Vec::new();
        write_csv(&mut body, columns, &expected).unwrap();

        let outcome = read_report_as(&body, kind).unwrap();
        assert_eq!(outcome.warnings, vec![], "{kind:?}");
        assert_eq!(outcome.stats.rows_kept, expected.len() as u64);
        let got = cells(&outcome.report);
        assert_eq!(got.len(), expected.len());
        for (g, w) in got.iter().zip(&expected) {
            assert_eq!(g.len(), w.len());
            for (a, b) in g.iter().zip(w) {
                assert!(
                    same_value(a, b),
                    "{kind:?}: read {a:?}, simulator wrote {b:?}"
                );
            }
            hostile_seen |= g.iter().any(|c| c.starts_with('=') || c.contains('<'));
        }
        assert_eq!(
            read_report(&body).unwrap().report,
            outcome.report,
            "{kind:?} detected from the header"
        );
    }
    assert!(
        hostile_seen,
        "the demo organisation should include hostile names"
    );
}

#[test]
fn an_empty_window_is_an_empty_report() {
    let org = Org::new(OrgProfile::demo(), 7, Some(END));
    let expected = expected_rows(
        &org,
        kaltura_sim::ReportKind::Attendees,
        END + 86_400,
        END + 2 * 86_400,
        &Filters::default(),
    );
    assert!(expected.is_empty());
    let mut body = Vec::new();
    write_csv(&mut body, kaltura_sim::ATTENDEES_COLUMNS, &expected).unwrap();
    let outcome = read_report_as(&body, ReportKind::Attendees).unwrap();
    assert_eq!(outcome.report, Report::empty(ReportKind::Attendees));
}
