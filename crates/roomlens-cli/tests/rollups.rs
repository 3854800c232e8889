//! `roomlens people` and `roomlens rooms` over a library filled the way a person fills it — two
//! fetches from the Kaltura simulator over loopback, one of them twice — checked against the same
//! figures worked out here from the fetched CSV files: the JSON keys the scripts rely on, each
//! person once, minutes and sessions adding up, every main session in some room's week.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a step that fails should stop it loudly"
)]

mod support;

use kaltura_sim::SimConfig;
use roomlens::analytics::user_key;
use roomlens::reports::{read_report_file, Report};
use std::collections::BTreeSet;
use support::{assert_exit, roomlens, run, stdout, Sim, TempDir};

#[test]
fn people_and_rooms_add_up_to_the_fetched_reports() {
    let sim = Sim::start(SimConfig::default());
    let dir = TempDir::new("rollups-cli");
    let fetch = |report: &str, file: &str| {
        let path = dir.join(file);
        let out = run(
            &mut sim.roomlens(
                dir.path(),
                &[
                    "fetch",
                    report,
                    "--last",
                    "30d",
                    "--allow-formulas",
                    "-o",
                    &path.display().to_string(),
                ],
            ),
            None,
        );
        assert_exit(&out, 0);
        read_report_file(&path).unwrap().report
    };
    let attendees = fetch("attendees", "attendees.csv");
    // Fetched again: the library holds both snapshots and counts each attendance once.
    fetch("attendees", "attendees-again.csv");
    let rooms = fetch("room-data", "rooms.csv");

    let out = run(roomlens(dir.path()).args(["people", "--json"]), None);
    assert_exit(&out, 0);
    let people: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let people = people.as_array().unwrap();
    let keys: BTreeSet<String> = people[0].as_object().unwrap().keys().cloned().collect();
    let wanted: BTreeSet<String> = [
        "user_id",
        "email",
        "name",
        "sessions",
        "rooms",
        "minutes",
        "engagement_pct",
        "first_seen",
        "last_seen",
        "roles",
    ]
    .iter()
    .map(|k| k.to_string())
    .collect();
    assert_eq!(keys, wanted);

    let Report::Attendees { rows, .. } = &attendees else {
        panic!("an attendees report")
    };
    let persons: BTreeSet<String> = rows
        .iter()
        .map(user_key)
        .filter(|k| !k.is_empty())
        .collect();
    assert_eq!(people.len(), persons.len(), "each person once");
    let minutes_here: f64 = rows
        .iter()
        .filter(|r| !user_key(r).is_empty())
        .map(|r| r.meeting_view_time.unwrap_or(0.0))
        .sum();
    let minutes_there: f64 = people.iter().map(|p| p["minutes"].as_f64().unwrap()).sum();
    assert!(
        (minutes_here - minutes_there).abs() < 1e-6 * minutes_here.max(1.0),
        "{minutes_here} vs {minutes_there}"
    );
    let attendances: BTreeSet<(String, String, String)> = rows
        .iter()
        .filter(|r| !user_key(r).is_empty())
        .map(|r| {
            (
                r.entry_id.to_string(),
                r.cue_point_id.to_string(),
                user_key(r),
            )
        })
        .collect();
    let sessions_there: u64 = people.iter().map(|p| p["sessions"].as_u64().unwrap()).sum();
    assert_eq!(sessions_there, attendances.len() as u64);
    assert!(
        people.iter().all(|p| p["first_seen"].is_i64()),
        "the kept Room data dates every session"
    );

    let out = run(
        roomlens(dir.path()).args(["rooms", "--by", "month", "--json"]),
        None,
    );
    assert_exit(&out, 0);
    let trends: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let trends = trends.as_array().unwrap();
    let keys: BTreeSet<String> = trends[0].as_object().unwrap().keys().cloned().collect();
    let wanted: BTreeSet<String> = [
        "room_id",
        "name",
        "period",
        "sessions",
        "unique_attendees",
        "hours",
        "engagement_pct",
    ]
    .iter()
    .map(|k| k.to_string())
    .collect();
    assert_eq!(keys, wanted);
    let Report::RoomData { rows: sessions, .. } = &rooms else {
        panic!("a room data report")
    };
    let main: BTreeSet<(String, String)> = sessions
        .iter()
        .filter(|s| s.parent_entry_id.is_empty() && s.session_start_time.is_some())
        .map(|s| (s.entry_id.to_string(), s.cue_point_id.to_string()))
        .collect();
    let counted: u64 = trends.iter().map(|t| t["sessions"].as_u64().unwrap()).sum();
    assert_eq!(
        counted,
        main.len() as u64,
        "every main session in one room's month"
    );

    let out = run(roomlens(dir.path()).args(["people"]), None);
    assert_exit(&out, 0);
    assert!(stdout(&out).starts_with("Name"), "{}", stdout(&out));
    let out = run(
        roomlens(dir.path()).args(["people", "--from", "2026-03-10", "--to", "2026-03-01"]),
        None,
    );
    assert_exit(&out, 2);

    // Piped into a reader that has gone (`roomlens people --json | head -c 10`): the output just
    // stops, as with any command-line tool, instead of a panic about a broken pipe.
    let mut child = roomlens(dir.path())
        .args(["people", "--json"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!said.contains("panicked"), "{said}");
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert!(
            out.status.success() || out.status.signal() == Some(13),
            "ended quietly by the closed pipe, got {:?}: {said}",
            out.status
        );
    }
    sim.shutdown();
}
