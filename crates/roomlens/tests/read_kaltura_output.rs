//! Reading Kaltura's own `report.getCsvFromStringParams` output (docs/kaltura-wire-format.md §6)
//! with `read_report_as`: BOM, no quoting, commas already turned into spaces, `\n` endings, empty
//! results.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

use roomlens::reports::{read_report_as, AttendeeRow, Report, ReportKind, RoomDataRow};
use roomlens::ErrorCode;

const BOM: &str = "\u{feff}";

#[test]
fn attendees_output_is_read_exactly() {
    let body = format!(
        "{BOM}entry_id,cue_point_id,user_id,user_name,user_email,user_type,meeting_view_time,meeting_engaged_play_time_ratio\n\
         1_abc,cp1,u1,Smith  Ana,ana@example.com,Attendee,7,0.33333333333333\n\
         1_abc,cp1,u2,\"Bob\" =HYPERLINK(x),bob@example.com,Host,12.5,1\n"
    );
    let outcome = read_report_as(body.as_bytes(), ReportKind::Attendees).unwrap();
    assert_eq!(outcome.warnings, vec![]);
    assert_eq!(
        (
            outcome.stats.rows_read,
            outcome.stats.rows_kept,
            outcome.stats.rows_rejected
        ),
        (2, 2, 0)
    );
    let Report::Attendees {
        rows,
        extra_columns,
    } = outcome.report
    else {
        panic!("wrong kind")
    };
    assert!(extra_columns.is_empty());
    assert_eq!(
        rows[0],
        AttendeeRow {
            entry_id: "1_abc".into(),
            cue_point_id: "cp1".into(),
            user_id: "u1".into(),
            user_name: "Smith  Ana".into(),
            user_email: "ana@example.com".into(),
            user_type: "Attendee".into(),
            meeting_view_time: Some(7.0),
            meeting_engaged_play_time_ratio: Some(0.33333333333333),
            extra: vec![],
        }
    );
    assert_eq!(rows[1].user_name, "\"Bob\" =HYPERLINK(x)");
}

#[test]
fn empty_results_give_an_empty_report_of_the_kind() {
    for body in [
        format!("{BOM}\n"),
        BOM.to_owned(),
        format!("{BOM}entry_id,entry_name,cue_point_id\n"),
    ] {
        let outcome = read_report_as(body.as_bytes(), ReportKind::RoomData).unwrap();
        assert_eq!(
            outcome.report,
            Report::empty(ReportKind::RoomData),
            "{body:?}"
        );
        assert_eq!(outcome.stats.rows_read, 0);
        assert!(outcome.warnings.is_empty());
    }
}

#[test]
fn no_bytes_at_all_is_an_error() {
    assert_eq!(
        read_report_as(b"", ReportKind::Attendees).unwrap_err().code,
        ErrorCode::EmptyReport
    );
}

#[test]
fn unknown_and_reordered_columns_are_kept() {
    let body = format!(
        "{BOM}cue_point_id,entry_id,new_metric,session_start_time,meeting_view_period_unique_users\n\
         cp1,1_a,x y,1700000000,4\n"
    );
    let outcome = read_report_as(body.as_bytes(), ReportKind::RoomData).unwrap();
    let Report::RoomData {
        rows,
        extra_columns,
    } = outcome.report
    else {
        panic!("wrong kind")
    };
    assert_eq!(extra_columns, vec!["new_metric".to_owned()]);
    assert_eq!(
        rows,
        vec![RoomDataRow {
            entry_id: "1_a".into(),
            cue_point_id: "cp1".into(),
            session_start_time: Some(1_700_000_000),
            meeting_view_period_unique_users: Some(4),
            extra: vec!["x y".into()],
            ..Default::default()
        }]
    );
}

#[test]
fn a_header_of_another_report_is_an_error() {
    let body = format!("{BOM}foo,bar\n1,2\n");
    assert_eq!(
        read_report_as(body.as_bytes(), ReportKind::Breakouts)
            .unwrap_err()
            .code,
        ErrorCode::NotAReport
    );
}

#[test]
fn rows_with_a_wrong_field_count_are_rejected_with_their_line() {
    let body = format!(
        "{BOM}entry_id,cue_point_id,user_id\n1_a,cp,u1\n1_a,cp\n1_a,cp,u3,extra\n1_a,cp,u4,\n"
    );
    let outcome = read_report_as(body.as_bytes(), ReportKind::Attendees).unwrap();
    assert_eq!(
        (
            outcome.stats.rows_read,
            outcome.stats.rows_kept,
            outcome.stats.rows_rejected
        ),
        (4, 2, 2)
    );
    let lines: Vec<(u64, &str)> = outcome
        .warnings
        .iter()
        .map(|w| (w.line, w.message.as_str()))
        .collect();
    assert_eq!(
        lines,
        vec![
            (3, "the row has 2 fields but the header has 3; row skipped"),
            (4, "the row has 4 fields but the header has 3; row skipped"),
        ]
    );
}

proptest::proptest! {
    /// Any text Kaltura can send (commas already spaces; no line breaks, no NUL) comes back as sent,
    /// quotes and formula characters included, because Kaltura's output is read without quoting.
    #[test]
    fn any_kaltura_attendee_body_reads_back_exactly(
        rows in proptest::collection::vec(
            ("[^,\r\n\u{0}]{1,12}", "[^,\r\n\u{0}]{0,12}", "[^,\r\n\u{0}]{0,12}", proptest::option::of(0u32..100_000), proptest::option::of(0.0..=1.0f64)),
            0..12,
        ),
    ) {
        let mut body = format!("{BOM}entry_id,cue_point_id,user_id,user_name,user_email,user_type,meeting_view_time,meeting_engaged_play_time_ratio\n");
        for (user, name, email, minutes, ratio) in &rows {
            let minutes = minutes.map(|m| m.to_string()).unwrap_or_default();
            let ratio = ratio.map(|r| r.to_string()).unwrap_or_default();
            body.push_str(&format!("1_room,1_cp,u{user},{name},{email},Attendee,{minutes},{ratio}\n"));
        }
        let outcome = read_report_as(body.as_bytes(), ReportKind::Attendees).unwrap();
        proptest::prop_assert_eq!(&outcome.warnings, &vec![]);
        let Report::Attendees { rows: read, .. } = outcome.report else { panic!("wrong kind") };
        proptest::prop_assert_eq!(read.len(), rows.len());
        for (got, (user, name, email, minutes, ratio)) in read.iter().zip(&rows) {
            proptest::prop_assert_eq!(&got.user_id, &format!("u{user}"));
            proptest::prop_assert_eq!(&got.user_name, name);
            proptest::prop_assert_eq!(&got.user_email, email);
            proptest::prop_assert_eq!(got.meeting_view_time, minutes.map(f64::from));
            proptest::prop_assert_eq!(got.meeting_engaged_play_time_ratio, *ratio);
        }
    }
}
