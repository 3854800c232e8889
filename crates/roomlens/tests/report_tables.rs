//! Each report's table against the header Kaltura writes: the documented column order of
//! 6000/6001/6002 (docs/kaltura-wire-format.md) and the simulator's, which serves it; a file with
//! that header reads every column into its own field, and written back with raw headers gives the
//! same header.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

use roomlens::export::{report_csv_bytes, ExportOptions, HeaderStyle};
use roomlens::reports::{read_report_as, ReportKind};

/// The headers as Kaltura's documentation lists them, in order.
const DOCUMENTED: [(ReportKind, &str); 3] = [
    (
        ReportKind::RoomData,
        "entry_id,entry_name,parent_entry_id,cue_point_id,session_start_time,session_end_time,\
         session_host_user_id,meeting_view_period_unique_users,meeting_engaged_play_time_ratio",
    ),
    (
        ReportKind::Attendees,
        "entry_id,cue_point_id,user_id,user_name,user_email,user_type,meeting_view_time,\
         meeting_engaged_play_time_ratio",
    ),
    (
        ReportKind::Breakouts,
        "parent_entry_id,parent_entry_name,breakout_entry_id,breakout_entry_name,cue_point_id,\
         session_initiator,session_start_time,session_end_time,duration,participant_count,\
         engagement_rate",
    ),
];

fn raw_header(kind: ReportKind) -> String {
    kind.columns()
        .iter()
        .map(|c| c.raw)
        .collect::<Vec<_>>()
        .join(",")
}

#[test]
fn tables_follow_kalturas_documented_header_order() {
    for (kind, header) in DOCUMENTED {
        assert_eq!(raw_header(kind), header, "{kind:?}");
        assert_eq!(kind.report_id(), 6000 + kind as u32);
    }
}

#[test]
fn tables_follow_the_simulators_header_order() {
    let sim = [
        (ReportKind::RoomData, kaltura_sim::ROOM_DATA_COLUMNS),
        (ReportKind::Attendees, kaltura_sim::ATTENDEES_COLUMNS),
        (ReportKind::Breakouts, kaltura_sim::BREAKOUTS_COLUMNS),
    ];
    for (kind, columns) in sim {
        assert_eq!(raw_header(kind), columns.join(","), "{kind:?}");
    }
}

/// Every column of a Kaltura body lands in a field of its own: a row whose cells are all
/// different reads back as a row with no extra columns and no warnings, and is written back
/// with the same header and cells.
#[test]
fn every_documented_column_is_read_and_written() {
    for (kind, header) in DOCUMENTED {
        let cells: Vec<String> = kind
            .columns()
            .iter()
            .enumerate()
            .map(|(i, c)| match c.column_type {
                roomlens::reports::ColumnType::Text => format!("v{i}"),
                roomlens::reports::ColumnType::Ratio => "0.5".to_owned(),
                _ => format!("{}", 1_700_000_000 + i),
            })
            .collect();
        let body = format!("\u{feff}{header}\n{}\n", cells.join(","));
        let outcome = read_report_as(body.as_bytes(), kind).unwrap();
        assert_eq!(outcome.report.len(), 1, "{kind:?}");
        assert!(outcome.report.extra_columns().is_empty(), "{kind:?}");
        assert!(
            outcome.warnings.is_empty(),
            "{kind:?}: {:?}",
            outcome.warnings
        );
        let written = report_csv_bytes(
            &outcome.report,
            &ExportOptions {
                headers: HeaderStyle::Raw,
                bom: false,
                ..ExportOptions::default()
            },
        );
        let text = String::from_utf8(written).unwrap();
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some(header));
        assert_eq!(lines.next(), Some(cells.join(",").as_str()), "{kind:?}");
    }
}
