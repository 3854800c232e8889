//! `roomlens summary` and `roomlens export` on real files: counts, warnings, JSON, exit codes for
//! bad input, and every CSV option, with the written file read back through the core's reader.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

mod support;

use roomlens::reports::{read_report_file, Report};
use support::{assert_exit, roomlens, run, stderr, stdout, TempDir};

const ATTENDEES: &str = "\u{feff}entry_id,cue_point_id,user_id,user_name,user_email,user_type,meeting_view_time,meeting_engaged_play_time_ratio\n\
1_room1,cp1,ana,Ana Sousa,ana@example.com,Attendee,30.5,0.75\n\
1_room1,cp1,bo,=HYPERLINK(\"http://x\") Bo,bo@example.com,Attendee,10,0.5\n\
1_room1,cp2,ana,Ana Sousa,ana@example.com,Host,60,1\n";

const ROOM_DATA_DESCRIPTIVE: &str = "\"Room ID\";\"Room name\";\"Main room ID\";\"Session ID\";\"Session start time\";\"Session end time\";\"Host\";\"Unique users\";\"Engagement rate\"\r\n\
\"1_room1\";\"Weekly sync; team\";\"\";\"cp1\";\"1772000000\";\"1772003600\";\"ana\";\"12\";\"0.8\"\r\n";

fn write(dir: &TempDir, name: &str, content: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

fn attendee_rows(report: &Report) -> Vec<(String, String, String)> {
    match report {
        Report::Attendees { rows, .. } => rows
            .iter()
            .map(|r| {
                (
                    r.cue_point_id.to_string(),
                    r.user_id.to_string(),
                    r.user_name.to_string(),
                )
            })
            .collect(),
        other => panic!("expected attendees, got {:?}", other.kind()),
    }
}

#[test]
fn summary_prints_counts_and_the_summary() {
    let dir = TempDir::new("summary-text");
    let file = write(&dir, "attendees.csv", ATTENDEES.as_bytes());
    let out = run(roomlens(dir.path()).arg("summary").arg(&file), None);
    assert_exit(&out, 0);
    let text = stdout(&out);
    assert!(text.contains("Attendees"), "{text}");
    assert!(text.contains("Rows read 3, kept 3, rejected 0"), "{text}");
}

#[test]
fn summary_of_several_files_in_json() {
    let dir = TempDir::new("summary-json");
    let a = write(&dir, "attendees.csv", ATTENDEES.as_bytes());
    let r = write(&dir, "rooms.csv", ROOM_DATA_DESCRIPTIVE.as_bytes());
    let out = run(
        roomlens(dir.path())
            .arg("summary")
            .arg(&a)
            .arg(&r)
            .arg("--json"),
        None,
    );
    assert_exit(&out, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let files = json.as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["report"], "attendees");
    assert_eq!(files[0]["stats"]["rows_kept"], 3);
    assert!(files[0]["summary"].is_object());
    assert_eq!(files[1]["report"], "room_data");
    assert_eq!(files[1]["stats"]["rows_read"], 1);
}

#[test]
fn summary_names_the_line_of_a_bad_row_and_still_counts_it() {
    let dir = TempDir::new("summary-warn");
    let bad = format!("{ATTENDEES},,,,,,,\n1_room1,cp3,cy,Cy,cy@example.com,Attendee,lots,0.5\n");
    let file = write(&dir, "attendees.csv", bad.as_bytes());
    let out = run(
        roomlens(dir.path()).arg("summary").arg(&file).arg("--json"),
        None,
    );
    assert_exit(&out, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let stats = &json[0]["stats"];
    assert_eq!(stats["rows_read"], 5);
    assert_eq!(
        stats["rows_kept"].as_u64().unwrap() + stats["rows_rejected"].as_u64().unwrap(),
        5
    );
    let warnings = json[0]["warnings"].as_array().unwrap();
    assert!(warnings.iter().any(|w| w["line"] == 6), "{warnings:?}");
}

#[test]
fn summary_of_files_that_are_not_reports_exits_6() {
    let dir = TempDir::new("summary-bad");
    let not_report = write(&dir, "notes.csv", b"name,colour\nana,blue\n");
    let binary = write(
        &dir,
        "photo.png",
        &[0x89, b'P', b'N', b'G', 0, 0, 0xff, 0xfe, 7, 1, 2],
    );
    let empty = write(&dir, "empty.csv", b"");
    for file in [&not_report, &binary, &empty] {
        let out = run(roomlens(dir.path()).arg("summary").arg(file), None);
        assert_exit(&out, 6);
        let err = stderr(&out);
        assert!(
            err.lines()
                .any(|l| l.starts_with("roomlens: ") && l.contains("(code: ")),
            "{err}"
        );
    }
    let out = run(
        roomlens(dir.path())
            .arg("summary")
            .arg(dir.join("missing.csv")),
        None,
    );
    assert_exit(&out, 6);
    assert!(
        stderr(&out).contains("(code: file_not_found)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn summary_reports_the_good_file_even_when_another_fails() {
    let dir = TempDir::new("summary-mixed");
    let good = write(&dir, "attendees.csv", ATTENDEES.as_bytes());
    let bad = write(&dir, "notes.csv", b"name,colour\nana,blue\n");
    let out = run(
        roomlens(dir.path()).arg("summary").arg(&bad).arg(&good),
        None,
    );
    assert_exit(&out, 6);
    assert!(stdout(&out).contains("Rows read 3, kept 3, rejected 0"));
    assert!(
        stderr(&out).contains("(code: not_a_report)"),
        "{}",
        stderr(&out)
    );
    let out = run(
        roomlens(dir.path())
            .arg("summary")
            .arg("--json")
            .arg(&bad)
            .arg(&good),
        None,
    );
    assert_exit(&out, 6);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json[0]["error"]["code"], "not_a_report");
    assert_eq!(json[1]["report"], "attendees");
}

#[test]
fn export_defaults_to_descriptive_headers_bom_and_safe_cells_and_reads_back() {
    let dir = TempDir::new("export-default");
    let input = write(&dir, "attendees.csv", ATTENDEES.as_bytes());
    let output = dir.join("out.csv");
    let out = run(
        roomlens(dir.path())
            .arg("export")
            .arg(&input)
            .arg("-o")
            .arg(&output),
        None,
    );
    assert_exit(&out, 0);
    let bytes = std::fs::read(&output).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()));
    let text = String::from_utf8(bytes).unwrap();
    let header = text.lines().next().unwrap();
    assert!(header.contains("User name"), "{header}");
    assert!(
        !text.contains(",=HYPERLINK") && !text.contains("\"=HYPERLINK"),
        "{text}"
    );
    let original = read_report_file(&input).unwrap();
    let again = read_report_file(&output).unwrap();
    assert_eq!(again.stats.rows_kept, 3);
    let ids = |r: &Report| {
        attendee_rows(r)
            .into_iter()
            .map(|(s, u, _)| (s, u))
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&again.report), ids(&original.report));
}

#[test]
fn export_options_raw_headers_semicolon_no_bom_and_formulas_allowed() {
    let dir = TempDir::new("export-options");
    let input = write(&dir, "attendees.csv", ATTENDEES.as_bytes());
    let output = dir.join("out.csv");
    let out = run(
        roomlens(dir.path())
            .arg("export")
            .arg(&input)
            .args([
                "--raw-headers",
                "--delimiter",
                "semicolon",
                "--no-bom",
                "--allow-formulas",
                "-o",
            ])
            .arg(&output),
        None,
    );
    assert_exit(&out, 0);
    let text = std::fs::read_to_string(&output).unwrap();
    assert!(
        text.starts_with("entry_id;cue_point_id;user_id;user_name;"),
        "{text}"
    );
    assert!(text.contains("=HYPERLINK"), "{text}");
    let again = read_report_file(&output).unwrap();
    assert_eq!(
        attendee_rows(&again.report),
        attendee_rows(&read_report_file(&input).unwrap().report)
    );

    let tab = dir.join("tab.csv");
    let out = run(
        roomlens(dir.path())
            .arg("export")
            .arg(&input)
            .args(["--delimiter", "tab", "-o"])
            .arg(&tab),
        None,
    );
    assert_exit(&out, 0);
    let text = std::fs::read_to_string(&tab).unwrap();
    assert!(
        text.lines().next().unwrap().contains("\tSession ID\t"),
        "{text}"
    );
    assert_eq!(read_report_file(&tab).unwrap().stats.rows_kept, 3);
}

#[test]
fn export_of_a_bad_file_or_to_a_missing_folder_leaves_nothing() {
    let dir = TempDir::new("export-bad");
    let bad = write(&dir, "notes.csv", b"name,colour\nana,blue\n");
    let out = run(
        roomlens(dir.path())
            .arg("export")
            .arg(&bad)
            .arg("-o")
            .arg(dir.join("out.csv")),
        None,
    );
    assert_exit(&out, 6);
    let good = write(&dir, "attendees.csv", ATTENDEES.as_bytes());
    let out = run(
        roomlens(dir.path())
            .arg("export")
            .arg(&good)
            .arg("-o")
            .arg(dir.join("no/such/folder/out.csv")),
        None,
    );
    assert_exit(&out, 6);
    assert!(
        stderr(&out).contains("(code: file_write_failed)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(dir.names(), ["attendees.csv", "notes.csv"]);
}

#[test]
fn usage_errors_exit_2_and_help_lists_exit_codes() {
    let dir = TempDir::new("usage");
    for args in [
        vec!["fetch", "attendees", "--last", "5d"],
        vec!["fetch", "attendees", "--from", "2026-01-01"],
        vec![
            "fetch",
            "attendees",
            "--from",
            "2026-13-01",
            "--to",
            "2026-01-02",
        ],
        vec![
            "fetch",
            "attendees",
            "--last",
            "7d",
            "--from",
            "2026-01-01",
            "--to",
            "2026-01-02",
        ],
        vec![
            "fetch",
            "attendees",
            "--region",
            "us",
            "--service-url",
            "https://x.example",
        ],
        vec!["fetch", "attendees", "--partner-id", "0"],
        vec!["export", "a.csv"],
        vec!["summary"],
        vec!["nonsense"],
    ] {
        let out = run(roomlens(dir.path()).args(&args), None);
        assert_exit(&out, 2);
    }
    let out = run(roomlens(dir.path()).arg("--help"), None);
    assert_exit(&out, 0);
    let help = stdout(&out);
    for code in ["130", "Exit codes", "keychain"] {
        assert!(help.contains(code), "{help}");
    }
    let out = run(roomlens(dir.path()).args(["fetch", "--help"]), None);
    assert!(stdout(&out).contains("ROOMLENS_ADMIN_SECRET") && stdout(&out).contains("130"));
}

fn pdftotext(file: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg("-raw")
        .arg(file)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn summary_pdf_has_the_cards_and_the_rows_and_stops_at_the_pages_asked_for() {
    let dir = TempDir::new("summary-pdf");
    let file = write(&dir, "attendees.csv", ATTENDEES.as_bytes());
    let pdf = dir.join("attendees.pdf");
    let mut cmd = roomlens(dir.path());
    cmd.args(["summary", "--pdf"])
        .arg(&pdf)
        .arg(&file)
        .env("TZ", "Europe/Lisbon");
    let out = run(&mut cmd, None);
    assert_exit(&out, 0);
    let text = pdftotext(&pdf);
    for expected in [
        "Attendees report",
        "Opened from attendees.csv",
        "Europe/Lisbon",
        "Ana Sousa",
        "=HYPERLINK(\"http://x\") Bo",
        "75%",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    // A long report on one page of table: the note says how many rows are left for the CSV.
    let mut long = String::from(ATTENDEES.lines().next().unwrap());
    long.push('\n');
    for i in 0..500 {
        long.push_str(&format!(
            "1_room1,cp{},u{i},Person {i:04},p{i}@example.com,Attendee,{},0.5\n",
            i % 7,
            i % 90
        ));
    }
    let file = write(&dir, "long.csv", long.as_bytes());
    let pdf = dir.join("long.pdf");
    let mut cmd = roomlens(dir.path());
    cmd.args(["summary", "--pdf"])
        .arg(&pdf)
        .args(["--pdf-pages", "1", "--paper", "letter"])
        .arg(&file);
    let out = run(&mut cmd, None);
    assert_exit(&out, 0);
    let text = pdftotext(&pdf);
    assert!(
        text.contains("Person 0000") && !text.contains("Person 0499"),
        "one page of rows only"
    );
    let left = text
        .lines()
        .find(|l| l.contains("more rows in the CSV"))
        .expect("the note of rows left");
    let n: usize = left
        .split_whitespace()
        .next()
        .unwrap()
        .replace(',', "")
        .parse()
        .unwrap();
    let shown = (0..500)
        .filter(|i| text.contains(&format!("Person {i:04}")))
        .count();
    assert_eq!(n + shown, 500, "{left}");
    // --pdf takes one file.
    let out = run(
        roomlens(dir.path())
            .args(["summary", "--pdf"])
            .arg(dir.join("x.pdf"))
            .arg(&file)
            .arg(&file),
        None,
    );
    assert_exit(&out, 2);
    assert!(!dir.join("x.pdf").exists());
}
