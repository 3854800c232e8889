//! Properties of export and reading together: what `report_csv_bytes` writes, `read_report`
//! gives back unchanged (every delimiter, BOM or not, raw or friendly headers, any text); with
//! formula neutralisation on, exactly the formula-like text cells gain a `'`; arbitrary bytes never
//! make the reader panic and its counts always add up; merging windows loses nothing.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

use proptest::prelude::*;
use roomlens::cancel::CancelToken;
use roomlens::export::{
    looks_like_formula, report_csv_bytes, write_report_csv, Delimiter, ExportOptions, HeaderStyle,
};
use roomlens::reports::{
    merge_windows, read_report, read_report_file, AttendeeRow, BreakoutRow, Report, ReportKind,
    RoomDataRow, Text,
};
use std::collections::HashMap;

/// Any text without NUL (the reader rejects rows holding NUL bytes), short enough for a field.
fn text() -> impl Strategy<Value = Text> {
    prop_oneof![
        "[^\u{0}]{0,24}",
        "[=+@\t\r\n,;\" -]{1,3}[^\u{0}]{0,8}",
        Just(String::new()),
    ]
    .prop_map(Text::from)
}

/// Text that identifies a row: never blank.
fn id() -> impl Strategy<Value = Text> {
    text().prop_map(|t| Text::from(format!("id{t}")))
}

fn time() -> impl Strategy<Value = Option<i64>> {
    proptest::option::of(-377_705_116_800i64..=253_402_207_200i64)
}

fn amount() -> impl Strategy<Value = Option<f64>> {
    proptest::option::of(prop_oneof![0.0..1e7f64, 0.0..1e300f64, Just(0.0)])
}

fn ratio() -> impl Strategy<Value = Option<f64>> {
    proptest::option::of(prop_oneof![0.0..=1.0f64, Just(0.0), Just(1.0)])
}

fn count() -> impl Strategy<Value = Option<u64>> {
    proptest::option::of(any::<u64>())
}

fn extras(width: usize) -> impl Strategy<Value = Vec<Text>> {
    proptest::collection::vec(text(), width)
}

fn attendee(width: usize) -> impl Strategy<Value = AttendeeRow> {
    (
        text(),
        text(),
        id(),
        text(),
        text(),
        text(),
        amount(),
        ratio(),
        extras(width),
    )
        .prop_map(
            |(
                entry_id,
                cue_point_id,
                user_id,
                user_name,
                user_email,
                user_type,
                minutes,
                ratio,
                extra,
            )| AttendeeRow {
                entry_id,
                cue_point_id,
                user_id,
                user_name,
                user_email,
                user_type,
                meeting_view_time: minutes,
                meeting_engaged_play_time_ratio: ratio,
                extra,
            },
        )
}

fn room_data(width: usize) -> impl Strategy<Value = RoomDataRow> {
    (
        (id(), text(), text(), text()),
        (time(), time(), text(), count(), ratio()),
        extras(width),
    )
        .prop_map(
            |(
                (entry_id, entry_name, parent_entry_id, cue_point_id),
                (start, end, host, users, ratio),
                extra,
            )| RoomDataRow {
                entry_id,
                entry_name,
                parent_entry_id,
                cue_point_id,
                session_start_time: start,
                session_end_time: end,
                session_host_user_id: host,
                meeting_view_period_unique_users: users,
                meeting_engaged_play_time_ratio: ratio,
                extra,
            },
        )
}

fn breakout(width: usize) -> impl Strategy<Value = BreakoutRow> {
    (
        (text(), text(), id(), text(), text(), text()),
        (time(), time(), amount(), count(), ratio()),
        extras(width),
    )
        .prop_map(
            |(
                (parent, parent_name, breakout, breakout_name, cue, initiator),
                (start, end, dur, count, rate),
                extra,
            )| {
                BreakoutRow {
                    parent_entry_id: parent,
                    parent_entry_name: parent_name,
                    breakout_entry_id: breakout,
                    breakout_entry_name: breakout_name,
                    cue_point_id: cue,
                    session_initiator: initiator,
                    session_start_time: start,
                    session_end_time: end,
                    duration: dur,
                    participant_count: count,
                    engagement_rate: rate,
                    extra,
                }
            },
        )
}

/// Extra column names that are not also names of known columns.
fn extra_columns(width: usize) -> Vec<String> {
    (0..width).map(|i| format!("Custom field {i}")).collect()
}

fn report() -> impl Strategy<Value = Report> {
    (0usize..3).prop_flat_map(|width| {
        let columns = extra_columns(width);
        prop_oneof![
            proptest::collection::vec(attendee(width), 0..8).prop_map({
                let c = columns.clone();
                move |rows| Report::Attendees {
                    rows,
                    extra_columns: c.clone(),
                }
            }),
            proptest::collection::vec(room_data(width), 0..8).prop_map({
                let c = columns.clone();
                move |rows| Report::RoomData {
                    rows,
                    extra_columns: c.clone(),
                }
            }),
            proptest::collection::vec(breakout(width), 0..8).prop_map(move |rows| {
                Report::Breakouts {
                    rows,
                    extra_columns: columns.clone(),
                }
            }),
        ]
    })
}

fn options(neutralise_formulas: bool) -> impl Strategy<Value = ExportOptions> {
    (
        prop_oneof![Just(HeaderStyle::Friendly), Just(HeaderStyle::Raw)],
        any::<bool>(),
        prop_oneof![
            Just(Delimiter::Comma),
            Just(Delimiter::Semicolon),
            Just(Delimiter::Tab)
        ],
    )
        .prop_map(move |(headers, bom, delimiter)| ExportOptions {
            headers,
            bom,
            delimiter,
            neutralise_formulas,
        })
}

fn neutralised(t: &str) -> String {
    if looks_like_formula(t) {
        format!("'{t}")
    } else {
        t.to_owned()
    }
}

/// `report` with every text cell passed through `neutralised`.
fn with_text_neutralised(report: &Report) -> Report {
    let fix = |s: &mut Text| *s = Text::from(neutralised(s));
    let mut report = report.clone();
    match &mut report {
        Report::Attendees { rows, .. } => rows.iter_mut().for_each(|r| {
            [
                &mut r.entry_id,
                &mut r.cue_point_id,
                &mut r.user_id,
                &mut r.user_name,
                &mut r.user_email,
                &mut r.user_type,
            ]
            .into_iter()
            .for_each(fix);
            r.extra.iter_mut().for_each(fix);
        }),
        Report::RoomData { rows, .. } => rows.iter_mut().for_each(|r| {
            [
                &mut r.entry_id,
                &mut r.entry_name,
                &mut r.parent_entry_id,
                &mut r.cue_point_id,
                &mut r.session_host_user_id,
            ]
            .into_iter()
            .for_each(fix);
            r.extra.iter_mut().for_each(fix);
        }),
        Report::Breakouts { rows, .. } => rows.iter_mut().for_each(|r| {
            [
                &mut r.parent_entry_id,
                &mut r.parent_entry_name,
                &mut r.breakout_entry_id,
                &mut r.breakout_entry_name,
                &mut r.cue_point_id,
                &mut r.session_initiator,
            ]
            .into_iter()
            .for_each(fix);
            r.extra.iter_mut().for_each(fix);
        }),
    }
    report
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn reading_what_export_wrote_gives_the_same_rows(report in report(), options in options(false)) {
        let bytes = report_csv_bytes(&report, &options);
        let outcome = read_report(&bytes).unwrap();
        prop_assert_eq!(&outcome.warnings, &vec![]);
        prop_assert_eq!(outcome.stats.rows_read, report.len() as u64);
        prop_assert_eq!(outcome.stats.rows_kept, report.len() as u64);
        prop_assert_eq!(outcome.report, report);
    }

    #[test]
    fn neutralising_only_prefixes_formula_like_text(report in report(), options in options(true)) {
        let bytes = report_csv_bytes(&report, &options);
        let outcome = read_report(&bytes).unwrap();
        prop_assert_eq!(outcome.stats.rows_kept, report.len() as u64);
        prop_assert_eq!(outcome.report, with_text_neutralised(&report));
    }

    #[test]
    fn arbitrary_bytes_never_panic_and_counts_add_up(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        if let Ok(outcome) = read_report(&bytes) {
            prop_assert_eq!(outcome.stats.rows_read, outcome.stats.rows_kept + outcome.stats.rows_rejected);
            prop_assert_eq!(outcome.stats.rows_kept, outcome.report.len() as u64);
        }
        for kind in ReportKind::ALL {
            if let Ok(outcome) = roomlens::reports::read_report_as(&bytes, kind) {
                prop_assert_eq!(outcome.stats.rows_read, outcome.stats.rows_kept + outcome.stats.rows_rejected);
            }
        }
    }

    #[test]
    fn damaged_exports_never_panic_and_counts_add_up(
        report in report(),
        cuts in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
    ) {
        let mut bytes = report_csv_bytes(&report, &ExportOptions::default());
        for (at, byte) in cuts {
            if !bytes.is_empty() {
                let i = at.index(bytes.len());
                bytes[i] = byte;
            }
        }
        if let Ok(outcome) = read_report(&bytes) {
            prop_assert_eq!(outcome.stats.rows_read, outcome.stats.rows_kept + outcome.stats.rows_rejected);
            prop_assert_eq!(outcome.stats.rows_kept, outcome.report.len() as u64);
        }
    }

    #[test]
    fn merging_windows_loses_nothing(
        rows in proptest::collection::vec(
            ("[ab]", "[xy]", "[uvw]", proptest::option::of(0.0..100.0f64)),
            0..30,
        ),
        splits in proptest::collection::vec(0usize..3, 30),
    ) {
        let mut parts = vec![Vec::new(), Vec::new(), Vec::new()];
        let mut expected: HashMap<(String, String, String), f64> = HashMap::new();
        for (i, (entry, session, user, minutes)) in rows.iter().enumerate() {
            *expected.entry((entry.clone(), session.clone(), user.clone())).or_default() += minutes.unwrap_or(0.0);
            parts[splits[i]].push(AttendeeRow {
                entry_id: entry.as_str().into(),
                cue_point_id: session.as_str().into(),
                user_id: user.as_str().into(),
                meeting_view_time: *minutes,
                ..Default::default()
            });
        }
        let parts = parts.into_iter().map(|rows| Report::Attendees { rows, extra_columns: vec![] }).collect();
        let Report::Attendees { rows: merged, .. } = merge_windows(ReportKind::Attendees, parts) else {
            panic!("wrong kind")
        };
        prop_assert_eq!(merged.len(), expected.len());
        for row in &merged {
            let want = expected[&(row.entry_id.to_string(), row.cue_point_id.to_string(), row.user_id.to_string())];
            prop_assert!((row.meeting_view_time.unwrap_or(0.0) - want).abs() < 1e-9);
        }
    }
}

#[test]
fn files_are_written_atomically_and_read_back() {
    let dir = std::env::temp_dir().join(format!("roomlens-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("out.csv");
    let report = Report::Attendees {
        rows: vec![AttendeeRow {
            user_id: "u1".into(),
            user_name: "@bob".into(),
            ..Default::default()
        }],
        extra_columns: vec![],
    };
    write_report_csv(
        &report,
        &ExportOptions::default(),
        &path,
        &CancelToken::new(),
    )
    .unwrap();
    let read = read_report_file(&path).unwrap();
    assert_eq!(read.report, with_text_neutralised(&report));
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
    let missing_folder = dir.join("no-such-folder").join("out.csv");
    assert_eq!(
        write_report_csv(
            &report,
            &ExportOptions::default(),
            &missing_folder,
            &CancelToken::new()
        )
        .unwrap_err()
        .code,
        roomlens::ErrorCode::FileWriteFailed
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
