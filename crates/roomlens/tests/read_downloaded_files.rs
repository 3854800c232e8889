//! Reading report CSVs an admin downloaded or re-saved (`read_report`, `read_report_file`): every
//! encoding, delimiter and quoting variant, and hostile files. Each test checks the exact rows,
//! the read/kept/rejected counts and the warning lines.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

use roomlens::reports::{
    read_report, read_report_file, AttendeeRow, ReadOutcome, Report, ReportKind, RoomDataRow,
};
use roomlens::ErrorCode;

const NOT_A_REPORT: &str =
    "This file is not a Kaltura room report. Roomlens can open Room data, Attendees and Breakout room CSVs.";

fn attendees(outcome: &ReadOutcome) -> &[AttendeeRow] {
    match &outcome.report {
        Report::Attendees { rows, .. } => rows,
        other => panic!("expected attendees, got {:?}", other.kind()),
    }
}

fn stats(outcome: &ReadOutcome) -> (u64, u64, u64) {
    (
        outcome.stats.rows_read,
        outcome.stats.rows_kept,
        outcome.stats.rows_rejected,
    )
}

fn warnings(outcome: &ReadOutcome) -> Vec<(u64, String)> {
    outcome
        .warnings
        .iter()
        .map(|w| (w.line, w.message.clone()))
        .collect()
}

fn ana() -> AttendeeRow {
    AttendeeRow {
        entry_id: "1_room".into(),
        cue_point_id: "cp1".into(),
        user_id: "u1".into(),
        user_name: "Lovelace, Ada".into(),
        user_email: "ada@example.org".into(),
        user_type: "Host".into(),
        meeting_view_time: Some(42.5),
        meeting_engaged_play_time_ratio: Some(0.75),
        extra: vec![],
    }
}

const FRIENDLY: &str = "Room ID,Session ID,User ID,User name,User email,User role,Participation time (minutes),User engagement rate";

#[test]
fn quoted_comma_file_with_bom_and_crlf() {
    let text = format!(
        "\u{feff}{FRIENDLY}\r\n1_room,cp1,u1,\"Lovelace, Ada\",ada@example.org,Host,42.5,0.75\r\n"
    );
    let outcome = read_report(text.as_bytes()).unwrap();
    assert_eq!(attendees(&outcome), &[ana()]);
    assert_eq!(stats(&outcome), (1, 1, 0));
    assert!(outcome.warnings.is_empty());
}

#[test]
fn semicolons_decimal_commas_and_percentages() {
    let text = "Room ID;Session ID;User ID;User name;User email;User role;Participation time (minutes);User engagement rate\n\
                1_room;cp1;u1;Lovelace, Ada;ada@example.org;Host;42,5;75%\n";
    let outcome = read_report(text.as_bytes()).unwrap();
    assert_eq!(attendees(&outcome), &[ana()]);
}

#[test]
fn tab_separated_without_bom() {
    let text = FRIENDLY.replace(',', "\t")
        + "\n1_room\tcp1\tu1\tLovelace, Ada\tada@example.org\tHost\t42.5\t0.75\n";
    assert_eq!(attendees(&read_report(text.as_bytes()).unwrap()), &[ana()]);
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out: Vec<u8> = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        out.extend_from_slice(&if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

#[test]
fn utf16_little_and_big_endian() {
    let text = format!(
        "{}\r\n1_room\tcp1\tu1\tLovelace, Ada\tada@example.org\tHost\t42.5\t0.75\r\n",
        FRIENDLY.replace(',', "\t")
    );
    for big_endian in [false, true] {
        let outcome = read_report(&utf16(&text, big_endian)).unwrap();
        assert_eq!(attendees(&outcome), &[ana()]);
        assert!(outcome.warnings.is_empty());
    }
}

#[test]
fn cr_only_line_endings_keep_line_numbers() {
    let text = "user_id,cue_point_id,meeting_view_time\ru1,cp,1\ru2,cp,abc\r";
    let outcome = read_report(text.as_bytes()).unwrap();
    assert_eq!(stats(&outcome), (2, 2, 0));
    assert_eq!(
        warnings(&outcome),
        vec![(
            3,
            "Participation time (minutes) \"abc\" is not a number; left empty".to_owned()
        )]
    );
}

#[test]
fn columns_in_any_order_aliases_and_extra_columns() {
    let text = "Email,Department,userId,Session ID,Name,Role,Participation time,Engagement\n\
                ada@example.org,R&D,u1,cp1,\"Lovelace, Ada\",Host,42.5,0.75\n";
    let outcome = read_report(text.as_bytes()).unwrap();
    let Report::Attendees {
        rows,
        extra_columns,
    } = &outcome.report
    else {
        panic!("wrong kind")
    };
    assert_eq!(extra_columns, &vec!["Department".to_owned()]);
    let expected = AttendeeRow {
        entry_id: Default::default(),
        extra: vec!["R&D".into()],
        ..ana()
    };
    assert_eq!(rows, &vec![expected]);
}

#[test]
fn title_lines_and_excel_sep_line_are_skipped_with_a_warning() {
    let text =
        "Attendees report\nGenerated 2024-01-05\n\nentry_id;user_id;cue_point_id\n1_a;u1;cp\n";
    let outcome = read_report(text.as_bytes()).unwrap();
    assert_eq!(stats(&outcome), (1, 1, 0));
    assert_eq!(
        warnings(&outcome),
        vec![
            (
                1,
                "skipped: this line comes before the column headers".to_owned()
            ),
            (
                2,
                "skipped: this line comes before the column headers".to_owned()
            ),
        ]
    );
    let sep = "sep=;\nentry_id;user_id;cue_point_id\n1_a;u1;cp,x\n";
    let outcome = read_report(sep.as_bytes()).unwrap();
    assert_eq!(attendees(&outcome)[0].cue_point_id, "cp,x");
    assert_eq!(
        warnings(&outcome),
        vec![(
            1,
            "skipped: this line comes before the column headers".to_owned()
        )]
    );
}

#[test]
fn empty_inputs_are_empty_report_errors() {
    for bytes in [&b""[..], b"\xEF\xBB\xBF", b"  \r\n\n", b"\xFF\xFE"] {
        let e = read_report(bytes).unwrap_err();
        assert_eq!(e.code, ErrorCode::EmptyReport, "{bytes:?}");
    }
}

#[test]
fn header_only_is_an_empty_report_not_an_error() {
    let outcome = read_report(format!("{FRIENDLY}\n").as_bytes()).unwrap();
    assert_eq!(outcome.report, Report::empty(ReportKind::Attendees));
    assert_eq!(stats(&outcome), (0, 0, 0));
}

#[test]
fn binary_files_are_not_reports() {
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00";
    let e = read_report(png).unwrap_err();
    assert_eq!(e.code, ErrorCode::NotAReport);
    assert_eq!(e.message, NOT_A_REPORT);
    assert_eq!(
        e.detail.as_deref(),
        Some("The file holds binary data (NUL bytes), not text.")
    );
}

#[test]
fn other_csvs_are_not_reports() {
    for text in [
        "name,price\napple,1\n",
        "User ID,Name,Email,Role\nu1,Ada,a@x,Host\n",
        "just some text",
    ] {
        let e = read_report(text.as_bytes()).unwrap_err();
        assert_eq!(
            (e.code, e.message.as_str()),
            (ErrorCode::NotAReport, NOT_A_REPORT),
            "{text}"
        );
    }
}

#[test]
fn each_report_is_detected_from_its_header() {
    let room = "Room ID,Room name,Session ID,Session start time,Session end time,Unique users,Engagement rate\n\
                1_r,Weekly sync,cp1,2023-11-14 22:13:20,1700003600,12,0.5\n";
    let outcome = read_report(room.as_bytes()).unwrap();
    let Report::RoomData { rows, .. } = &outcome.report else {
        panic!("wrong kind")
    };
    assert_eq!(
        rows,
        &vec![RoomDataRow {
            entry_id: "1_r".into(),
            entry_name: "Weekly sync".into(),
            cue_point_id: "cp1".into(),
            session_start_time: Some(1_700_000_000),
            session_end_time: Some(1_700_003_600),
            meeting_view_period_unique_users: Some(12),
            meeting_engaged_play_time_ratio: Some(0.5),
            ..Default::default()
        }]
    );
    let breakouts = "parent_entry_id,parent_entry_name,breakout_entry_id,breakout_entry_name,cue_point_id,session_initiator,\
                     session_start_time,session_end_time,duration,participant_count,engagement_rate\n\
                     1_m,Main,1_b,Group A,cp,host,1700000000,1700000600,600,4,0.9\n";
    assert_eq!(
        read_report(breakouts.as_bytes()).unwrap().report.kind(),
        ReportKind::Breakouts
    );
}

#[test]
fn truncated_files_reject_the_cut_row() {
    let full = format!("{FRIENDLY}\n1_room,cp1,u1,\"Lovelace, Ada\",ada@example.org,Host,42.5,0.75\n1_room,cp1,u2,Bob,bob@");
    let outcome = read_report(full.as_bytes()).unwrap();
    assert_eq!(stats(&outcome), (2, 1, 1));
    assert_eq!(
        warnings(&outcome),
        vec![(
            3,
            "the row has 5 fields but the header has 8; row skipped".to_owned()
        )]
    );

    let open_quote = format!("{FRIENDLY}\n1_room,cp1,u1,\"Lovelace, Ada\",ada@example.org,Host,42.5,0.75\n1_room,cp1,u2,\"Bob\n");
    let outcome = read_report(open_quote.as_bytes()).unwrap();
    assert_eq!(stats(&outcome), (2, 1, 1));
    assert_eq!(
        warnings(&outcome),
        vec![(
            3,
            "the row has 4 fields but the header has 8; row skipped".to_owned()
        )]
    );
}

#[test]
fn wrong_field_counts_are_rejected_but_empty_trailing_fields_are_fine() {
    let text = "user_id,cue_point_id,entry_id\nu1,cp,e\nu2,cp\nu3,cp,e,x\nu4,cp,e,,\n\"u5\nstill u5\",cp,e\nu6,cp,e,,,y\n";
    let outcome = read_report(text.as_bytes()).unwrap();
    assert_eq!(stats(&outcome), (6, 3, 3));
    assert_eq!(
        warnings(&outcome),
        vec![
            (
                3,
                "the row has 2 fields but the header has 3; row skipped".to_owned()
            ),
            (
                4,
                "the row has 4 fields but the header has 3; row skipped".to_owned()
            ),
            (
                8,
                "the row has 6 fields but the header has 3; row skipped".to_owned()
            ),
        ]
    );
    assert_eq!(attendees(&outcome)[2].user_id, "u5\nstill u5");
}

#[test]
fn huge_fields_and_rows_are_rejected_without_losing_the_rest() {
    let mut text = b"user_id,cue_point_id,user_name\nu1,cp,Ada\n".to_vec();
    text.extend_from_slice(b"u2,cp,");
    text.extend(std::iter::repeat_n(b'x', 100 * 1024));
    text.extend_from_slice(b"\nu3,cp,\"");
    text.extend(std::iter::repeat_n(b'y', 2 * 1024 * 1024));
    text.extend_from_slice(b"\"\nu4,cp,Bo\n");
    let outcome = read_report(&text).unwrap();
    assert_eq!(stats(&outcome), (4, 2, 2));
    assert_eq!(
        warnings(&outcome),
        vec![
            (3, "a field is longer than 64 KiB; row skipped".to_owned()),
            (4, "the row is longer than 1 MiB; row skipped".to_owned()),
        ]
    );
    let ids: Vec<&str> = attendees(&outcome)
        .iter()
        .map(|r| r.user_id.as_str())
        .collect();
    assert_eq!(ids, vec!["u1", "u4"]);
}

#[test]
fn an_unclosed_quote_swallowing_the_file_is_reported() {
    let mut text = b"user_id,cue_point_id,user_name\nu1,cp,\"Ada\n".to_vec();
    for i in 0..40_000 {
        text.extend_from_slice(format!("u{i},cp,name number {i} with some padding\n").as_bytes());
    }
    let outcome = read_report(&text).unwrap();
    assert_eq!(stats(&outcome), (1, 0, 1));
    assert_eq!(
        warnings(&outcome),
        vec![(
            2,
            "the row is longer than 1 MiB and runs over 40002 lines (a quote that is never closed?); row skipped".to_owned()
        )]
    );
}

#[test]
fn invalid_utf8_is_replaced_and_reported() {
    // The UTF-8 "ë" on line 3 shows the file is UTF-8 with one broken byte, not Windows-1252.
    let mut bytes = b"user_id,cue_point_id,user_name\nu1,cp,M\xFCller\nu2,cp,".to_vec();
    bytes.extend_from_slice("Zoë\n".as_bytes());
    let outcome = read_report(&bytes).unwrap();
    assert_eq!(stats(&outcome), (2, 2, 0));
    assert_eq!(attendees(&outcome)[0].user_name, "M\u{FFFD}ller");
    assert_eq!(
        warnings(&outcome),
        vec![(
            2,
            "the row is not valid UTF-8 text; unreadable characters were replaced with \u{FFFD}"
                .to_owned()
        )]
    );
}

#[test]
fn nul_bytes_in_a_later_row_reject_that_row() {
    let text = b"user_id,cue_point_id,user_name\nu1,cp,A\x00B\nu2,cp,Ok\n";
    let outcome = read_report(text).unwrap();
    assert_eq!(stats(&outcome), (2, 1, 1));
    assert_eq!(
        warnings(&outcome),
        vec![(
            2,
            "the row holds binary data (NUL bytes); row skipped".to_owned()
        )]
    );
}

#[test]
fn nonsense_numbers_keep_the_row_and_say_why() {
    let text = "user_id,cue_point_id,meeting_view_time,meeting_engaged_play_time_ratio\n\
                u1,cp,abc,NaN\n\
                u2,cp,1e999,75\n\
                u3,cp,-5,-0.25\n\
                u4,cp,3,150%\n\
                ,,,\n\
                ,cp,4,0.5\n";
    let outcome = read_report(text.as_bytes()).unwrap();
    assert_eq!(stats(&outcome), (6, 4, 2));
    let rows = attendees(&outcome);
    assert!(rows
        .iter()
        .all(|r| r.meeting_engaged_play_time_ratio.is_none()));
    assert_eq!(
        rows.iter().map(|r| r.meeting_view_time).collect::<Vec<_>>(),
        vec![None, None, None, Some(3.0)]
    );
    let t = "Participation time (minutes)";
    let e = "User engagement rate";
    assert_eq!(
        warnings(&outcome),
        vec![
            (2, format!("{t} \"abc\" is not a number; left empty")),
            (2, format!("{e} \"NaN\" is not a number; left empty")),
            (3, format!("{t} \"1e999\" is too large; left empty")),
            (3, format!("{e} \"75\" is not a fraction between 0 and 1 (write a percentage with %); left empty")),
            (4, format!("{t} \"-5\" is negative; left empty")),
            (4, format!("{e} \"-0.25\" is negative; left empty")),
            (5, format!("{e} \"150%\" is more than 100%; left empty")),
            (6, "the row is empty; row skipped".to_owned()),
            (7, "the row has no user ID, e-mail or name; row skipped".to_owned()),
        ]
    );
}

#[test]
fn unreadable_times_are_warnings() {
    let text = "entry_id,cue_point_id,session_start_time,session_end_time\n1_r,cp,14/11/2023,2023-11-14T23:13:20+01:00\n";
    let outcome = read_report(text.as_bytes()).unwrap();
    let Report::RoomData { rows, .. } = &outcome.report else {
        panic!("wrong kind")
    };
    assert_eq!(
        (rows[0].session_start_time, rows[0].session_end_time),
        (None, Some(1_700_000_000))
    );
    assert_eq!(
        warnings(&outcome),
        vec![(2, "Session start time \"14/11/2023\" is not a time (use Unix seconds or YYYY-MM-DD HH:MM:SS); left empty".to_owned())]
    );
}

#[test]
fn a_column_named_twice_is_kept_as_extra() {
    let text = "user_id,cue_point_id,entry_id,User ID\nu1,cp,e,other\n";
    let outcome = read_report(text.as_bytes()).unwrap();
    assert_eq!(outcome.report.extra_columns(), &["User ID".to_owned()]);
    assert_eq!(attendees(&outcome)[0].extra, vec!["other".to_owned()]);
    assert_eq!(
        warnings(&outcome),
        vec![(1, "the column \"User ID\" appears more than once; only the first is read as such, the others are kept as extra columns".to_owned())]
    );
}

#[test]
fn warnings_are_capped_but_counted() {
    let mut text = String::from("user_id,cue_point_id,meeting_view_time\n");
    for i in 0..1500 {
        text.push_str(&format!("u{i},cp,x\n"));
    }
    let outcome = read_report(text.as_bytes()).unwrap();
    assert_eq!(stats(&outcome), (1500, 1500, 0));
    assert_eq!(outcome.warnings.len(), 1001);
    assert_eq!(
        outcome.warnings[1000].to_string(),
        "line 1002: 500 more warnings like the ones above are not listed (the first of them is on this line)"
    );
}

#[test]
fn files_are_read_and_file_errors_are_plain() {
    let dir = std::env::temp_dir().join(format!("roomlens-read-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("attendees.csv");
    std::fs::write(
        &path,
        format!("{FRIENDLY}\n1_room,cp1,u1,\"Lovelace, Ada\",ada@example.org,Host,42.5,0.75\n"),
    )
    .unwrap();
    assert_eq!(attendees(&read_report_file(&path).unwrap()), &[ana()]);
    assert_eq!(
        read_report_file(&dir.join("missing.csv")).unwrap_err().code,
        ErrorCode::FileNotFound
    );
    assert_eq!(
        read_report_file(&dir).unwrap_err().code,
        ErrorCode::FileUnreadable
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn excel_windows_1252_files_are_read_with_one_file_warning() {
    let text = b"User ID;User name;Session ID;Participation time (minutes)\r\nu1;M\xFCller, \x80 Jos\xE9;cp;12,5\r\n";
    let outcome = read_report(text).unwrap();
    assert_eq!(attendees(&outcome)[0].user_name, "Müller, € José");
    assert_eq!(attendees(&outcome)[0].meeting_view_time, Some(12.5));
    assert_eq!(
        warnings(&outcome),
        vec![(0, "The file is not UTF-8; it was read as Windows-1252 (what Excel on Windows saves as \"CSV\"). Check that names with accents look right.".to_owned())]
    );
}

#[test]
fn utf16_without_bom_is_read_with_a_file_warning() {
    let text = "user_id\tcue_point_id\tuser_name\nu1\tcp\tZoë\n";
    let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let outcome = read_report(&bytes).unwrap();
    assert_eq!(attendees(&outcome)[0].user_name, "Zoë");
    assert_eq!(
        warnings(&outcome),
        vec![(0, "The file has no byte-order mark; it was read as UTF-16 (little-endian), which its header is written in.".to_owned())]
    );
}

#[test]
fn blank_looking_lines_are_empty_rows() {
    let text = "user_id,cue_point_id,entry_id\nu1,cp,e\n   \n\t\nu2\n";
    let outcome = read_report(text.as_bytes()).unwrap();
    assert_eq!(stats(&outcome), (4, 1, 3));
    assert_eq!(
        warnings(&outcome),
        vec![
            (3, "the row is empty; row skipped".to_owned()),
            (4, "the row is empty; row skipped".to_owned()),
            (
                5,
                "the row has 1 field but the header has 3; row skipped".to_owned()
            ),
        ]
    );
}

#[test]
fn a_header_repeated_by_joining_files_is_skipped_with_a_warning() {
    let one = format!(
        "\u{feff}{FRIENDLY}\r\n1_room,cp1,u1,\"Lovelace, Ada\",ada@example.org,Host,42.5,0.75\r\n"
    );
    let joined = format!("{one}{one}");
    let outcome = read_report(joined.as_bytes()).unwrap();
    assert_eq!(attendees(&outcome), &[ana(), ana()]);
    assert_eq!(stats(&outcome), (3, 2, 1));
    assert_eq!(
        warnings(&outcome),
        vec![(
            3,
            "the column headers appear again (files joined together?); row skipped".to_owned()
        )]
    );
}
