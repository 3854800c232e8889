//! `roomlens library` as a person runs it: files kept once however often they are added, the
//! list as text and JSON, a snapshot removed, `check` passing on a sound library and exiting 6
//! on damage, the usual library in the settings folder and `--library` / ROOMLENS_LIBRARY naming
//! another; a damaged file never changed.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a step that fails should stop it loudly"
)]

mod support;

use support::{assert_exit, roomlens, run, stderr, stdout, TempDir};

const ATTENDEES: &str = "entry_id,cue_point_id,user_id,user_name,user_email,user_type,meeting_view_time,meeting_engaged_play_time_ratio\n\
1_room1,cp1,ana,Ana Sousa,ana@example.com,Attendee,30.5,0.75\n\
1_room1,cp1,bo,\"<script>alert(1)</script>, Bo\",bo@example.com,Attendee,10,0.5\n";

#[test]
fn files_are_kept_once_listed_removed_and_checked() {
    let dir = TempDir::new("library-cli");
    let file = dir.join("attendees.csv");
    std::fs::write(&file, ATTENDEES).unwrap();
    let out = run(
        roomlens(dir.path())
            .args(["library", "add"])
            .arg(&file)
            .arg(&file),
        None,
    );
    assert_exit(&out, 0);
    let said = stdout(&out);
    assert!(
        said.contains("kept as snapshot 1 (Attendees, 2 rows)"),
        "{said}"
    );
    assert!(
        said.contains("already in the library as snapshot 1"),
        "{said}"
    );
    // The usual library is in the settings folder.
    assert!(dir.join("library.sqlite").exists());

    let out = run(
        roomlens(dir.path()).args(["library", "list", "--json"]),
        None,
    );
    assert_exit(&out, 0);
    let listed: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["kind"], "attendees");
    assert_eq!(listed[0]["row_count"], 2);
    assert_eq!(listed[0]["source"]["file_name"], "attendees.csv");
    let out = run(roomlens(dir.path()).args(["library", "list"]), None);
    assert!(
        stdout(&out).contains("file attendees.csv"),
        "{}",
        stdout(&out)
    );
    assert!(stderr(&out).contains("1 snapshot in"), "{}", stderr(&out));

    let out = run(roomlens(dir.path()).args(["library", "check"]), None);
    assert_exit(&out, 0);
    assert!(stdout(&out).contains("sound: 1 snapshot, 2 rows"));

    // Rows lost behind the library's back: check says so and exits 6.
    let raw = rusqlite::Connection::open(dir.join("library.sqlite")).unwrap();
    raw.execute("DELETE FROM rows_attendees WHERE user_id = 'bo'", [])
        .unwrap();
    drop(raw);
    let out = run(roomlens(dir.path()).args(["library", "check"]), None);
    assert_exit(&out, 6);
    assert!(
        stdout(&out).contains("snapshot 1 should hold 2 rows and holds 1"),
        "{}",
        stdout(&out)
    );

    let out = run(roomlens(dir.path()).args(["library", "remove", "1"]), None);
    assert_exit(&out, 0);
    let out = run(roomlens(dir.path()).args(["library", "remove", "1"]), None);
    assert_exit(&out, 2);
    let out = run(
        roomlens(dir.path()).args(["library", "list", "--json"]),
        None,
    );
    assert_eq!(stdout(&out).trim(), "[]");
}

#[test]
fn another_library_is_chosen_and_a_damaged_one_is_left_alone() {
    let dir = TempDir::new("library-cli-other");
    let file = dir.join("attendees.csv");
    std::fs::write(&file, ATTENDEES).unwrap();
    let chosen = dir.join("elsewhere/mine.sqlite");
    let out = run(
        roomlens(dir.path())
            .args(["library", "add", "--library"])
            .arg(&chosen)
            .arg(&file),
        None,
    );
    assert_exit(&out, 0);
    assert!(chosen.exists() && !dir.join("library.sqlite").exists());
    let by_env = dir.join("by-env.sqlite");
    let out = run(
        roomlens(dir.path())
            .env("ROOMLENS_LIBRARY", &by_env)
            .args(["library", "add"])
            .arg(&file),
        None,
    );
    assert_exit(&out, 0);
    assert!(by_env.exists());

    let damaged = dir.join("damaged.sqlite");
    let bytes = b"not a database at all\n".repeat(100);
    std::fs::write(&damaged, &bytes).unwrap();
    let out = run(
        roomlens(dir.path())
            .args(["library", "list", "--library"])
            .arg(&damaged),
        None,
    );
    assert_exit(&out, 6);
    assert!(stderr(&out).contains("library_damaged"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&damaged).unwrap(), bytes);
}
