//! `roomlens session` against the simulator over loopback HTTP: `--json` has exactly the issue's
//! keys and agrees with the simulator's ground truth (viewers, attendees, undefined shares as
//! null); the text names the zone and says why a figure is missing; an unknown room exits 2; a
//! fetched dashboard is kept in the library, the same session once, and listed there.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

mod support;

use kaltura_sim::SimConfig;
use support::{assert_exit, roomlens, run, stderr, stdout, Sim, TempDir};

const DATA_END: i64 = 1_790_000_000;

fn demo() -> Sim {
    Sim::start(SimConfig {
        data_end: Some(DATA_END),
        ..SimConfig::demo()
    })
}

#[test]
fn json_has_the_issue_keys_and_the_ground_truth() {
    let sim = demo();
    let config = TempDir::new("session-json");
    let org = sim.handle.org().unwrap();
    let edge = org.edge_sessions().unwrap().no_chat_users;
    let truth = org
        .session_dashboard_truth(&edge.room_id, &edge.cue_point_id)
        .unwrap();
    let charts = config.join("charts");
    let out = run(
        &mut sim.roomlens(
            config.path(),
            &[
                "session",
                &edge.room_id,
                "--session",
                &edge.cue_point_id,
                "--json",
                "--svg",
                charts.to_str().unwrap(),
            ],
        ),
        None,
    );
    assert_exit(&out, 0);
    for name in ["timeline.svg", "countries.svg", "devices.svg"] {
        let svg = std::fs::read_to_string(charts.join(name)).unwrap();
        assert!(
            svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"),
            "{name}"
        );
    }
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let mut keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "attendees",
            "countries",
            "devices",
            "engagement",
            "minutes",
            "recording_plays",
            "room",
            "session",
            "sessions",
            "timeline",
            "viewers"
        ]
    );
    assert_eq!(json["session"]["id"], edge.cue_point_id.as_str());
    assert!(
        json["session"]["start"].as_str().unwrap().ends_with('Z'),
        "RFC 3339 UTC"
    );
    assert_eq!(json["viewers"]["live"], truth.totals.unique_viewers);
    assert_eq!(
        json["attendees"].as_array().unwrap().len(),
        truth.attendees.len()
    );
    assert_eq!(
        json["engagement"]["messages_pct"],
        serde_json::Value::Null,
        "no chat users: null, not NaN"
    );
    assert_eq!(json["engagement"]["polls_pct"], serde_json::Value::Null);
    assert!(json["engagement"]["rate_pct"].is_number());
    for key in [
        "user_id",
        "name",
        "minutes",
        "reactions",
        "raised_hands",
        "engagement_pct",
        "messages",
        "polls",
        "questions",
        "downloads",
    ] {
        assert!(
            json["attendees"][0].get(key).is_some(),
            "attendee key {key}"
        );
    }
    sim.shutdown();
}

#[test]
fn text_names_the_zone_and_the_reason_for_a_dash_and_unknown_rooms_exit_2() {
    let sim = demo();
    let config = TempDir::new("session-text");
    let edge = sim
        .handle
        .org()
        .unwrap()
        .edge_sessions()
        .unwrap()
        .no_chat_users;
    let mut cmd = sim.roomlens(
        config.path(),
        &["session", &edge.room_id, "--session", &edge.cue_point_id],
    );
    cmd.env("TZ", "Europe/Berlin");
    let out = run(&mut cmd, None);
    assert_exit(&out, 0);
    let text = stdout(&out);
    assert!(text.contains("Europe/Berlin"), "{text}");
    assert!(
        text.contains("— (nobody was signed in to the chat)"),
        "{text}"
    );
    let out = run(
        &mut sim.roomlens(config.path(), &["session", "1_nosuch00"]),
        None,
    );
    assert_exit(&out, 2);
    sim.shutdown();
}

#[test]
fn a_session_fetched_twice_is_kept_once_and_listed() {
    let sim = demo();
    let config = TempDir::new("session-library");
    let edge = sim
        .handle
        .org()
        .unwrap()
        .edge_sessions()
        .unwrap()
        .with_recording;
    let args = [
        "session",
        &edge.room_id,
        "--session",
        &edge.cue_point_id,
        "--json",
    ];
    let first = run(&mut sim.roomlens(config.path(), &args), None);
    assert_exit(&first, 0);
    assert!(
        stderr(&first).contains("Kept in the library as session dashboard 1"),
        "{}",
        stderr(&first)
    );
    let second = run(&mut sim.roomlens(config.path(), &args), None);
    assert_exit(&second, 0);
    assert!(
        stderr(&second).contains("Kept in the library as session dashboard"),
        "{}",
        stderr(&second)
    );
    assert!(config.join("library.sqlite").exists(), "the usual library");

    let out = run(
        roomlens(config.path()).args(["library", "list", "--json"]),
        None,
    );
    assert_exit(&out, 0);
    let listed: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), 1, "the same session once: {listed:?}");
    let kept = &listed[0];
    assert_eq!(kept["kind"], "session_dashboard");
    assert_eq!(kept["room_id"], edge.room_id.as_str());
    assert_eq!(kept["session_id"], edge.cue_point_id.as_str());
    assert_eq!(
        kept["account_name"],
        format!("partner {}", sim.handle.partner_id())
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&first)).unwrap();
    assert_eq!(kept["room_name"], json["room"]["name"]);
    assert!(kept["session_start"].is_i64() && kept["fetched_at"].is_i64());

    let out = run(roomlens(config.path()).args(["library", "list"]), None);
    assert_exit(&out, 0);
    assert!(
        stdout(&out).contains("Session dashboards:"),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains(&edge.cue_point_id),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("0 snapshots and 1 session dashboard in"),
        "{}",
        stderr(&out)
    );
    let out = run(roomlens(config.path()).args(["library", "check"]), None);
    assert_exit(&out, 0);
    assert!(
        stdout(&out).contains("sound: 0 snapshots, 0 rows, 1 session dashboard."),
        "{}",
        stdout(&out)
    );

    // --no-library keeps nothing; --library keeps it in the file named.
    let elsewhere = config.join("elsewhere.sqlite");
    let mut no_library = args.to_vec();
    no_library.push("--no-library");
    let out = run(&mut sim.roomlens(config.path(), &no_library), None);
    assert_exit(&out, 0);
    assert!(!stderr(&out).contains("Kept in the library"));
    let mut other = args.to_vec();
    other.extend(["--library", elsewhere.to_str().unwrap()]);
    let out = run(&mut sim.roomlens(config.path(), &other), None);
    assert_exit(&out, 0);
    assert!(elsewhere.exists());
    sim.shutdown();
}

/// Runs poppler's `tool` on `file` (pdftotext writes to standard output).
fn poppler(tool: &str, args: &[&str], file: &std::path::Path) -> String {
    let mut cmd = std::process::Command::new(tool);
    cmd.args(args).arg(file);
    if tool == "pdftotext" {
        cmd.arg("-");
    }
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{tool} (poppler-utils) could not run: {e}"));
    assert!(
        out.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn pdf_lists_every_attendee_verbatim_in_searchable_text_on_the_paper_asked_for() {
    let sim = demo();
    let config = TempDir::new("session-pdf");
    let org = sim.handle.org().unwrap();
    let edges = org.edge_sessions().unwrap();
    let hostile = edges.hostile_names;
    let truth = org
        .session_dashboard_truth(&hostile.room_id, &hostile.cue_point_id)
        .unwrap();
    let letter = config.join("hostile.pdf");
    let mut cmd = sim.roomlens(
        config.path(),
        &[
            "session",
            &hostile.room_id,
            "--session",
            &hostile.cue_point_id,
            "--pdf",
            letter.to_str().unwrap(),
            "--paper",
            "letter",
        ],
    );
    cmd.env("TZ", "Europe/Berlin");
    let out = run(&mut cmd, None);
    assert_exit(&out, 0);
    let info = poppler("pdfinfo", &[], &letter);
    assert!(info.contains("612 x 792"), "not Letter:\n{info}");
    assert!(
        info.lines()
            .any(|l| l.starts_with("Tagged:") && l.contains("yes")),
        "{info}"
    );
    let text = poppler("pdftotext", &["-raw"], &letter);
    assert!(text.contains("Europe/Berlin"), "zone not named");
    assert!(text.contains("Unique viewers") && text.contains("Viewer engagement"));
    assert!(!truth.attendees.is_empty());
    // Every attendee, by name, exactly as Kaltura has it (the table wraps long names over lines,
    // anywhere in a long word: compare without white space).
    let flat: String = text.split_whitespace().collect();
    // pdftotext writes right-to-left names word by word in visual order: look for each word.
    let right_to_left = |name: &str| name.chars().any(|c| ('\u{0590}'..='\u{08FF}').contains(&c));
    for a in &truth.attendees {
        let name: String = a.user_name.split_whitespace().collect();
        if right_to_left(&name) {
            for word in a.user_name.split_whitespace() {
                assert!(
                    flat.contains(word),
                    "{word:?} of {name:?} is not in the PDF's text"
                );
            }
        } else {
            assert!(flat.contains(&name), "{name:?} is not in the PDF's text");
        }
    }
    for hostile in [
        "<script>alert(1)</script>",
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "Анна Петрова",
    ] {
        if truth.attendees.iter().any(|a| a.user_name == hostile) {
            let hostile: String = hostile.split_whitespace().collect();
            assert!(flat.contains(&hostile), "{hostile:?} changed in the PDF");
        }
    }
    let fonts = poppler("pdffonts", &[], &letter);
    assert!(
        fonts.lines().skip(2).all(|l| l.contains(" yes yes yes ")),
        "{fonts}"
    );
    let images = poppler("pdfimages", &["-list"], &letter);
    assert_eq!(images.lines().count(), 2, "pictures in the PDF:\n{images}");

    // The locale's paper when none is asked for; a room with a recording has its section.
    let recorded = edges.with_recording;
    let a4 = config.join("recorded.pdf");
    let mut cmd = sim.roomlens(
        config.path(),
        &[
            "session",
            &recorded.room_id,
            "--session",
            &recorded.cue_point_id,
            "--pdf",
            a4.to_str().unwrap(),
        ],
    );
    cmd.env("LANG", "en_GB.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_PAPER");
    let out = run(&mut cmd, None);
    assert_exit(&out, 0);
    assert!(poppler("pdfinfo", &[], &a4).contains("595.276 x 841.89"));
    assert!(poppler("pdftotext", &["-raw"], &a4).contains("The recording"));
    sim.shutdown();
}
