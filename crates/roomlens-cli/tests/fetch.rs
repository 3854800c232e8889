//! `roomlens fetch` against the Kaltura simulator over real loopback HTTP: each report saved and
//! read back with exactly the simulator's rows, custom dates, filters, CSV options, standard
//! output, and every failure's exit code with no file left behind.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

mod support;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use kaltura_sim::{Filters, SimConfig};
use roomlens::kaltura::date_range::DateRangeChoice;
use roomlens::reports::{read_report_file, Report};
use std::collections::BTreeSet;
use support::{assert_exit, roomlens, run, stderr, stdout, Sim, TempDir};

/// A fixed range of whole past days, so the test and the program resolve it identically.
fn past_days() -> (Date, Date, i64, i64) {
    let today = Timestamp::now().to_zoned(TimeZone::system()).date();
    let from = today.checked_sub(40.days()).unwrap();
    let to = today.checked_sub(1.days()).unwrap();
    let range = DateRangeChoice::Custom { from, to }
        .resolve(&TimeZone::system(), Timestamp::now())
        .unwrap();
    (from, to, range.from_unix, range.to_unix)
}

fn date_args(from: Date, to: Date) -> Vec<String> {
    vec![
        "--from".into(),
        from.to_string(),
        "--to".into(),
        to.to_string(),
    ]
}

fn column(kind: kaltura_sim::ReportKind, name: &str) -> usize {
    kind.columns().iter().position(|c| *c == name).unwrap()
}

/// The identifying fields of every row the simulator holds for the request.
fn expected_keys(
    sim: &Sim,
    kind: kaltura_sim::ReportKind,
    from: i64,
    to: i64,
    filters: &Filters,
) -> BTreeSet<Vec<String>> {
    let names: &[&str] = match kind {
        kaltura_sim::ReportKind::RoomData => &["entry_id", "cue_point_id"],
        kaltura_sim::ReportKind::Attendees => &["entry_id", "cue_point_id", "user_id"],
        kaltura_sim::ReportKind::Breakouts => &["breakout_entry_id", "cue_point_id"],
    };
    let positions: Vec<usize> = names.iter().map(|n| column(kind, n)).collect();
    sim.handle
        .expected_rows(kind, from, to, filters)
        .into_iter()
        .map(|row| positions.iter().map(|&i| row[i].clone()).collect())
        .collect()
}

fn read_keys(report: &Report) -> BTreeSet<Vec<String>> {
    match report {
        Report::RoomData { rows, .. } => rows
            .iter()
            .map(|r| vec![r.entry_id.to_string(), r.cue_point_id.to_string()])
            .collect(),
        Report::Attendees { rows, .. } => rows
            .iter()
            .map(|r| {
                vec![
                    r.entry_id.to_string(),
                    r.cue_point_id.to_string(),
                    r.user_id.to_string(),
                ]
            })
            .collect(),
        Report::Breakouts { rows, .. } => rows
            .iter()
            .map(|r| vec![r.breakout_entry_id.to_string(), r.cue_point_id.to_string()])
            .collect(),
    }
}

#[test]
fn each_report_is_saved_with_exactly_the_simulators_rows() {
    let sim = Sim::start(SimConfig::default());
    let dir = TempDir::new("fetch-each");
    let (from, to, from_unix, to_unix) = past_days();
    for (arg, kind) in [
        ("room-data", kaltura_sim::ReportKind::RoomData),
        ("attendees", kaltura_sim::ReportKind::Attendees),
        ("breakouts", kaltura_sim::ReportKind::Breakouts),
    ] {
        // --allow-formulas keeps every value exactly as Kaltura sent it.
        let file = dir.join(&format!("{arg}.csv"));
        let mut args = vec![
            "fetch".to_string(),
            arg.to_string(),
            "--allow-formulas".into(),
            "-o".into(),
            file.display().to_string(),
        ];
        args.extend(date_args(from, to));
        let out = run(&mut sim.roomlens(dir.path(), &args), None);
        assert_exit(&out, 0);
        assert!(stderr(&out).contains("Times in "), "{}", stderr(&out));
        assert!(
            stdout(&out).is_empty(),
            "a file was asked for, so nothing goes to stdout"
        );
        assert!(
            !stderr(&out).contains("Fetching"),
            "no progress line when stderr is not a terminal"
        );
        let bytes = std::fs::read(&file).unwrap();
        assert!(bytes.starts_with("\u{feff}".as_bytes()));
        let header = String::from_utf8_lossy(&bytes)
            .lines()
            .next()
            .unwrap()
            .trim_start_matches('\u{feff}')
            .to_owned();
        assert_eq!(
            header,
            kind.columns().join(","),
            "raw Kaltura headers by default"
        );
        let read = read_report_file(&file).unwrap();
        assert_eq!(read.stats.rows_rejected, 0);
        let expected = expected_keys(&sim, kind, from_unix, to_unix, &Filters::default());
        assert!(
            !expected.is_empty(),
            "the simulator has {arg} rows in the range"
        );
        assert_eq!(read_keys(&read.report), expected, "{arg}");
    }

    // By default, cells a spreadsheet would run as a formula are neutralised; no row is lost.
    let file = dir.join("attendees-default.csv");
    let mut args = vec![
        "fetch".to_string(),
        "attendees".into(),
        "-o".into(),
        file.display().to_string(),
    ];
    args.extend(date_args(from, to));
    assert_exit(&run(&mut sim.roomlens(dir.path(), &args), None), 0);
    let text = std::fs::read_to_string(&file).unwrap();
    let kind = kaltura_sim::ReportKind::Attendees;
    let expected = expected_keys(&sim, kind, from_unix, to_unix, &Filters::default());
    assert_eq!(
        read_report_file(&file).unwrap().stats.rows_kept,
        expected.len() as u64
    );
    let hostile: Vec<&Vec<String>> = expected
        .iter()
        .filter(|k| k[2].starts_with(['=', '+', '-', '@']))
        .collect();
    assert!(
        !hostile.is_empty(),
        "the simulator's organisation has hostile user IDs"
    );
    for line in text.lines().skip(1) {
        for cell in line.split(',') {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "unneutralised cell {cell:?}"
            );
        }
    }
    sim.shutdown();
}

#[test]
fn last_days_fetch_prints_csv_to_stdout_without_a_file() {
    let sim = Sim::start(SimConfig::default());
    let dir = TempDir::new("fetch-stdout");
    let out = run(
        &mut sim.roomlens(dir.path(), &["fetch", "room-data", "--last", "30d"]),
        None,
    );
    assert_exit(&out, 0);
    let text = stdout(&out);
    assert!(text.starts_with("\u{feff}entry_id,"), "{text}");
    assert!(text.lines().count() > 1, "{text}");
    assert!(stderr(&out).contains("Room data: "), "{}", stderr(&out));
    // Nothing but the library, which keeps every fetch.
    assert_eq!(
        dir.names(),
        ["library.sqlite"],
        "no settings or files written but the library"
    );
    sim.shutdown();
}

#[test]
fn filters_pick_exactly_the_matching_rows() {
    let sim = Sim::start(SimConfig::default());
    let dir = TempDir::new("fetch-filters");
    let (from, to, from_unix, to_unix) = past_days();
    let all = sim.handle.expected_rows(
        kaltura_sim::ReportKind::Attendees,
        from_unix,
        to_unix,
        &Filters::default(),
    );
    let user_col = column(kaltura_sim::ReportKind::Attendees, "user_id");
    let users: Vec<String> = all
        .iter()
        .map(|r| r[user_col].clone())
        .filter(|u| u.starts_with('u'))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .take(3)
        .collect();
    assert_eq!(users.len(), 3);

    // A pasted list (spaces and a new line) plus a repeated option.
    let file = dir.join("some-users.csv");
    let mut args = vec![
        "fetch".to_string(),
        "attendees".into(),
        format!("--user-ids={} \n{}", users[0], users[1]),
        format!("--user-ids={}", users[2]),
        "-o".into(),
        file.display().to_string(),
    ];
    args.extend(date_args(from, to));
    let out = run(&mut sim.roomlens(dir.path(), &args), None);
    assert_exit(&out, 0);
    let filters = Filters {
        user_ids: users.clone(),
        ..Filters::default()
    };
    let expected = expected_keys(
        &sim,
        kaltura_sim::ReportKind::Attendees,
        from_unix,
        to_unix,
        &filters,
    );
    let got = read_keys(&read_report_file(&file).unwrap().report);
    assert_eq!(got, expected);
    assert!(got.iter().all(|k| users.contains(&k[2])));

    let rooms = sim.handle.expected_rows(
        kaltura_sim::ReportKind::RoomData,
        from_unix,
        to_unix,
        &Filters::default(),
    );
    let room = rooms[0][column(kaltura_sim::ReportKind::RoomData, "entry_id")].clone();
    let file = dir.join("one-room.csv");
    let mut args = vec![
        "fetch".to_string(),
        "room-data".into(),
        "--room-ids".into(),
        room.clone(),
        "-o".into(),
        file.display().to_string(),
    ];
    args.extend(date_args(from, to));
    assert_exit(&run(&mut sim.roomlens(dir.path(), &args), None), 0);
    let filters = Filters {
        entry_ids: vec![room],
        ..Filters::default()
    };
    assert_eq!(
        read_keys(&read_report_file(&file).unwrap().report),
        expected_keys(
            &sim,
            kaltura_sim::ReportKind::RoomData,
            from_unix,
            to_unix,
            &filters
        )
    );

    let breakouts = sim.handle.expected_rows(
        kaltura_sim::ReportKind::Breakouts,
        from_unix,
        to_unix,
        &Filters::default(),
    );
    let main_room =
        breakouts[0][column(kaltura_sim::ReportKind::Breakouts, "parent_entry_id")].clone();
    let file = dir.join("one-main-room.csv");
    let mut args = vec![
        "fetch".to_string(),
        "breakouts".into(),
        "--main-room-ids".into(),
        main_room.clone(),
        "-o".into(),
        file.display().to_string(),
    ];
    args.extend(date_args(from, to));
    assert_exit(&run(&mut sim.roomlens(dir.path(), &args), None), 0);
    let filters = Filters {
        parent_entry_ids: vec![main_room],
        ..Filters::default()
    };
    assert_eq!(
        read_keys(&read_report_file(&file).unwrap().report),
        expected_keys(
            &sim,
            kaltura_sim::ReportKind::Breakouts,
            from_unix,
            to_unix,
            &filters
        )
    );
    sim.shutdown();
}

#[test]
fn a_filter_the_report_does_not_offer_is_a_usage_error() {
    let sim = Sim::start(SimConfig::default());
    let dir = TempDir::new("fetch-bad-filter");
    let file = dir.join("out.csv");
    let out = run(
        &mut sim.roomlens(
            dir.path(),
            &[
                "fetch",
                "breakouts",
                "--user-ids",
                "ana",
                "-o",
                &file.display().to_string(),
            ],
        ),
        None,
    );
    assert_exit(&out, 2);
    assert!(dir.names().is_empty(), "{:?}", dir.names());
    sim.shutdown();
}

#[test]
fn csv_options_apply_to_the_fetched_file() {
    let sim = Sim::start(SimConfig::default());
    let dir = TempDir::new("fetch-options");
    let file = dir.join("attendees.csv");
    let out = run(
        &mut sim.roomlens(
            dir.path(),
            &[
                "fetch",
                "attendees",
                "--descriptive-headers",
                "--delimiter",
                "semicolon",
                "--no-bom",
                "-o",
                &file.display().to_string(),
            ],
        ),
        None,
    );
    assert_exit(&out, 0);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.starts_with("Room ID;Session ID;User ID;User name;"),
        "{}",
        &text[..text.len().min(200)]
    );
    assert!(read_report_file(&file).unwrap().stats.rows_kept > 0);
    sim.shutdown();
}

#[test]
fn wrong_secret_exits_3_names_the_problem_and_writes_nothing() {
    let sim = Sim::start(SimConfig::default());
    let dir = TempDir::new("fetch-wrong-secret");
    let file = dir.join("out.csv");
    let wrong = "0123456789abcdef0123456789abcdef";
    let mut cmd = sim.roomlens(
        dir.path(),
        &["fetch", "attendees", "-o", &file.display().to_string()],
    );
    cmd.env("ROOMLENS_ADMIN_SECRET", wrong);
    let out = run(&mut cmd, None);
    assert_exit(&out, 3);
    let err = stderr(&out);
    assert!(
        err.lines()
            .any(|l| l.starts_with("roomlens: ") && l.ends_with("(code: credentials_rejected)")),
        "{err}"
    );
    assert!(
        !err.contains(wrong) && !stdout(&out).contains(wrong),
        "the secret must never be printed"
    );
    assert!(dir.names().is_empty(), "{:?}", dir.names());
    sim.shutdown();
}

#[test]
fn blocked_partner_exits_3() {
    let sim = Sim::start(SimConfig::default());
    let dir = TempDir::new("fetch-blocked");
    let mut cmd = roomlens(dir.path());
    cmd.env("ROOMLENS_ADMIN_SECRET", kaltura_sim::fake_secret("blocked"))
        .args([
            "fetch",
            "room-data",
            "--partner-id",
            &kaltura_sim::BLOCKED_PARTNER_ID.to_string(),
            "--service-url",
            &sim.url(),
        ]);
    let out = run(&mut cmd, None);
    assert_exit(&out, 3);
    assert!(
        stderr(&out).contains("(code: partner_blocked)"),
        "{}",
        stderr(&out)
    );
    sim.shutdown();
}

#[test]
fn a_row_cap_that_cannot_be_split_exits_5_and_still_writes_the_file() {
    // One session of 120,000 attendees at a single instant: more than Kaltura's 100,000-row cap
    // however finely the range is split.
    let sim = Sim::start(
        SimConfig::default().with_primary_profile(kaltura_sim::OrgProfile::single_huge_session()),
    );
    let dir = TempDir::new("fetch-cap");
    let file = dir.join("attendees.csv");
    let today = Timestamp::now().to_zoned(TimeZone::system()).date();
    let (from, to) = (
        today.checked_sub(4.days()).unwrap(),
        today.checked_sub(2.days()).unwrap(),
    );
    let mut args = vec![
        "fetch".to_string(),
        "attendees".into(),
        "-o".into(),
        file.display().to_string(),
    ];
    args.extend(date_args(from, to));
    let out = run(&mut sim.roomlens(dir.path(), &args), None);
    assert_exit(&out, 5);
    assert!(
        stderr(&out).contains("roomlens: warning: "),
        "{}",
        stderr(&out)
    );
    assert!(read_report_file(&file).unwrap().stats.rows_kept >= 100_000);
    sim.shutdown();
}

#[test]
fn no_server_exits_4_and_writes_nothing() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = TempDir::new("fetch-no-server");
    let file = dir.join("out.csv");
    let mut cmd = roomlens(dir.path());
    cmd.env("ROOMLENS_ADMIN_SECRET", "0123456789abcdef0123456789abcdef")
        .args([
            "fetch",
            "attendees",
            "--last",
            "7d",
            "--partner-id",
            "42",
            "--service-url",
            &format!("http://127.0.0.1:{port}"),
            "-o",
            &file.display().to_string(),
        ]);
    let out = run(&mut cmd, None);
    assert_exit(&out, 4);
    assert!(dir.names().is_empty(), "{:?}", dir.names());
}

#[test]
fn without_an_account_fetch_says_to_log_in() {
    let dir = TempDir::new("fetch-no-account");
    let out = run(roomlens(dir.path()).args(["fetch", "attendees"]), None);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("roomlens login"), "{}", stderr(&out));
}

#[test]
fn future_dates_are_a_usage_error() {
    let sim = Sim::start(SimConfig::default());
    let dir = TempDir::new("fetch-future");
    let out = run(
        &mut sim.roomlens(
            dir.path(),
            &[
                "fetch",
                "attendees",
                "--from",
                "2999-01-01",
                "--to",
                "2999-01-02",
            ],
        ),
        None,
    );
    assert_exit(&out, 2);
    sim.shutdown();
}

#[cfg(unix)]
#[test]
fn ctrl_c_cancels_with_130_and_leaves_no_file() {
    let sim = Sim::start(SimConfig::default());
    sim.handle
        .set_faults(kaltura_sim::FaultPlan::none().with_latency(std::time::Duration::from_secs(3)));
    let dir = TempDir::new("fetch-cancel");
    let file = dir.join("out.csv");
    let mut child = sim
        .roomlens(
            dir.path(),
            &[
                "fetch",
                "attendees",
                "--last",
                "365d",
                "-o",
                &file.display().to_string(),
            ],
        )
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Interrupt once the program is waiting on Kaltura.
    while sim.handle.stats().requests == 0 {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait().unwrap();
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert_eq!(out.code(), Some(130), "{err}");
    assert!(err.contains("(code: cancelled)"), "{err}");
    assert!(dir.names().is_empty(), "{:?}", dir.names());
    sim.shutdown();
}

#[test]
fn an_empty_secret_variable_is_a_usage_error_not_a_silent_fallback() {
    let dir = TempDir::new("fetch-empty-secret");
    let out = run(
        roomlens(dir.path())
            .env("ROOMLENS_ADMIN_SECRET", " ")
            .args(["fetch", "attendees", "--partner-id", "5"]),
        None,
    );
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("ROOMLENS_ADMIN_SECRET is set but empty"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_fetch_is_kept_in_the_library_unless_asked_not_to() {
    let sim = Sim::start(SimConfig::default());
    let dir = TempDir::new("fetch-library");
    let (from, to, from_unix, to_unix) = past_days();
    let file = dir.join("attendees.csv");
    let mut args = vec![
        "fetch".to_string(),
        "attendees".into(),
        "--room-ids=1_room_a, 1_room_b".into(),
        "-o".into(),
        file.display().to_string(),
    ];
    args.extend(date_args(from, to));
    let out = run(&mut sim.roomlens(dir.path(), &args), None);
    assert_exit(&out, 0);
    assert!(
        stderr(&out).contains("Kept in the library as snapshot 1"),
        "{}",
        stderr(&out)
    );
    let saved = read_report_file(&file).unwrap().report;

    let out = run(
        roomlens(dir.path()).args(["library", "list", "--json"]),
        None,
    );
    assert_exit(&out, 0);
    let listed: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    let source = &listed[0]["source"];
    assert_eq!(source["type"], "fetch");
    assert_eq!(source["from_unix"], from_unix);
    assert_eq!(source["to_unix"], to_unix);
    assert_eq!(source["filters"], "room ID 1_room_a, 1_room_b");
    assert_eq!(listed[0]["row_count"], saved.len());

    args.push("--no-library".into());
    let out = run(&mut sim.roomlens(dir.path(), &args), None);
    assert_exit(&out, 0);
    assert!(!stderr(&out).contains("Kept in the library"));
    let out = run(
        roomlens(dir.path()).args(["library", "list", "--json"]),
        None,
    );
    let listed: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        listed.as_array().unwrap().len(),
        1,
        "--no-library keeps nothing"
    );
}
