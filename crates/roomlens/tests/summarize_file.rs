//! The streaming summary (`summarize_report_file`/`summarize_report_bytes`) must agree exactly with
//! reading every row and summarising them (`read_report` + `summarize`): same summary, same
//! counts, same warnings, for clean and damaged files of every report.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

use proptest::prelude::*;
use roomlens::analytics::{summarize, Summary};
use roomlens::export::{report_csv_bytes, ExportOptions};
use roomlens::reports::{read_report, AttendeeRow, Report};
use roomlens::summarize_file::{summarize_report_bytes, summarize_report_file};

fn assert_same_as_full_read(bytes: &[u8]) {
    match (read_report(bytes), summarize_report_bytes(bytes)) {
        (Ok(full), Ok(streamed)) => {
            assert_eq!(streamed.summary, summarize(&full.report));
            assert_eq!(streamed.stats, full.stats);
            assert_eq!(streamed.warnings, full.warnings);
        }
        (Err(a), Err(b)) => assert_eq!(a, b),
        (a, b) => panic!("read_report gave {a:?} but summarize_report_bytes gave {b:?}"),
    }
}

#[test]
fn hostile_attendee_file_gives_the_same_summary_and_warnings() {
    let text =
        "Title line\nuser_id;cue_point_id;entry_id;meeting_view_time;User engagement rate;Email\n\
                u1;cp1;r1;10,5;50%;a@x.org\n\
                u1;cp2;r1;abc;0,25;\n\
                ;cp1;r1;3;;B@x.org\n\
                ;cp2;r1;4;0.9;b@x.org\n\
                u2;cp1\n\
                ;;;;;\n";
    assert_same_as_full_read(text.as_bytes());
    let outcome = summarize_report_bytes(text.as_bytes()).unwrap();
    let Summary::Attendees(s) = outcome.summary else {
        panic!("wrong kind")
    };
    assert_eq!((s.unique_users, s.sessions, s.total_minutes), (2, 2, 17.5));
    assert_eq!(
        (
            outcome.stats.rows_read,
            outcome.stats.rows_kept,
            outcome.stats.rows_rejected
        ),
        (6, 4, 2)
    );
    assert_eq!(outcome.warnings.len(), 4);
}

#[test]
fn room_data_and_breakouts_files() {
    let room = "entry_id,cue_point_id,session_start_time,session_end_time,meeting_view_period_unique_users\n\
                r1,s1,1700000000,1700003600,5\nr1,s2,x,1700003600,2\n";
    assert_same_as_full_read(room.as_bytes());
    let breakouts = "parent_entry_id,breakout_entry_id,cue_point_id,duration,participant_count,engagement_rate\n\
                     m1,b1,s1,600,4,0.5\nm1,b2,s1,-1,3,2\n";
    assert_same_as_full_read(breakouts.as_bytes());
    assert_same_as_full_read(b"");
    assert_same_as_full_read(b"not,a,report\n");
}

#[test]
fn files_on_disk() {
    let dir = std::env::temp_dir().join(format!("roomlens-summary-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("a.csv");
    let report = Report::Attendees {
        rows: vec![AttendeeRow {
            user_id: "u".into(),
            meeting_view_time: Some(2.0),
            ..Default::default()
        }],
        extra_columns: vec![],
    };
    std::fs::write(&path, report_csv_bytes(&report, &ExportOptions::default())).unwrap();
    let outcome = summarize_report_file(&path).unwrap();
    assert_eq!(outcome.summary, summarize(&report));
    assert_eq!(
        summarize_report_file(&dir.join("none.csv"))
            .unwrap_err()
            .code,
        roomlens::ErrorCode::FileNotFound
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

proptest! {
    #[test]
    fn damaged_attendee_files_agree(
        rows in proptest::collection::vec(("[uv]{0,2}", "[ab]", "[xy@.]{0,4}", "[0-9.,-]{0,4}", "[0-9.%e]{0,4}"), 0..20),
        delimiter in prop_oneof![Just(','), Just(';')],
    ) {
        let d = delimiter;
        let mut text = format!("user_id{d}cue_point_id{d}user_email{d}meeting_view_time{d}meeting_engaged_play_time_ratio\n");
        for (user, session, email, minutes, ratio) in rows {
            text.push_str(&format!("{user}{d}{session}{d}{email}{d}{minutes}{d}{ratio}\n"));
        }
        assert_same_as_full_read(text.as_bytes());
    }
}
