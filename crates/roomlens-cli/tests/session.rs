//! `roomlens session` against the simulator over loopback HTTP: `--json` has exactly the issue's
//! keys and agrees with the simulator's ground truth (viewers, attendees, undefined shares as
//! null); the text names the zone and says why a figure is missing; an unknown room exits 2.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

mod support;

use kaltura_sim::SimConfig;
use support::{assert_exit, run, stdout, Sim, TempDir};

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
