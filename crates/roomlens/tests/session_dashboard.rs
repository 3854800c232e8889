//! The session dashboard against the simulator's ground truth, over HTTP on loopback: for each
//! of the Demo organisation's edge sessions (no chat users, a recording, over eight hours,
//! hostile names) every figure is Kaltura's formula applied to what the simulator knows; the
//! attendees agree with the Attendees report of the same session; an unknown room and an
//! expired KS behave as on Kaltura's page.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

#[allow(
    dead_code,
    reason = "a module shared by several test files; this one uses part of it"
)]
mod sim_client;

use jiff::tz::TimeZone;
use kaltura_sim::{DashboardTruth, Fault, FaultPlan, SimConfig, SimHandle};
use roomlens::cancel::CancelToken;
use roomlens::dashboard::figures::round1;
use roomlens::dashboard::{fetch_session_dashboard, DashboardRequest, SessionDashboard};
use roomlens::reports::{Report, ReportKind};
use roomlens::ErrorCode;
use sim_client::{client_for, expected_report, quick_options, start_sim};

/// A fixed end of the simulated data, in the past so every session has ended.
const DATA_END: i64 = 1_790_000_000;

async fn demo_sim() -> SimHandle {
    start_sim(SimConfig {
        data_end: Some(DATA_END),
        ..SimConfig::demo()
    })
    .await
}

async fn dashboard(sim: &SimHandle, room: &str, session: &str) -> SessionDashboard {
    let client = client_for(sim, quick_options());
    fetch_session_dashboard(
        &client,
        &DashboardRequest {
            room_id: room.to_owned(),
            session_id: Some(session.to_owned()),
            zone: TimeZone::UTC,
        },
        &CancelToken::new(),
    )
    .await
    .unwrap()
}

/// A value as Kaltura writes it into a report table: the delimiter `|` and `;` become spaces
/// (docs/kaltura-wire-format.md §5.2), so `=cmd|3` arrives as `=cmd 3`.
fn as_sent(text: &str) -> String {
    text.replace(['|', ';'], " ")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Every figure of `d` is Kaltura's formula over `truth`.
fn check_against_truth(d: &SessionDashboard, truth: &DashboardTruth, what: &str) {
    let t = &truth.totals;
    assert_eq!(d.session.id, truth.session.cue_point_id, "{what}");
    assert_eq!(d.viewers.live, t.unique_viewers, "{what}: live viewers");
    assert!(
        close(d.minutes.live_avg, t.avg_live_minutes),
        "{what}: minutes {} vs {}",
        d.minutes.live_avg,
        t.avg_live_minutes
    );
    let e = &d.engagement;
    if t.unique_viewers > 0 {
        let u = t.unique_viewers as f64;
        assert_eq!(
            e.rate_pct,
            Some(round1(t.engaged_play_time_ratio * 100.0)),
            "{what}: engagement"
        );
        assert_eq!(
            e.reactions_pct,
            Some(round1(t.reaction_users as f64 / u * 100.0)),
            "{what}: reactions"
        );
        assert_eq!(
            e.downloads_pct,
            Some(round1(t.download_users as f64 / u * 100.0)),
            "{what}: downloads"
        );
    }
    assert_eq!(e.reactions, t.reactions, "{what}");
    assert_eq!(e.downloads, t.downloads, "{what}");
    assert_eq!(e.messages, t.group_messages, "{what}");
    assert_eq!(e.questions, t.q_and_a_threads, "{what}");
    if t.logged_in_users == 0 {
        assert_eq!(
            (e.messages_pct, e.questions_pct, e.polls_pct),
            (None, None, None),
            "{what}: undefined, not NaN"
        );
    } else {
        let l = t.logged_in_users as f64;
        assert_eq!(
            e.messages_pct,
            Some(round1(t.message_senders as f64 / l * 100.0)),
            "{what}"
        );
        assert_eq!(
            e.questions_pct,
            Some(round1(t.q_and_a_askers as f64 / l * 100.0)),
            "{what}"
        );
        assert_eq!(
            e.polls_pct,
            Some(round1(t.poll_answerers as f64 / l * 100.0)),
            "{what}"
        );
    }
    assert_eq!(
        d.attendees.len(),
        truth.attendees.len(),
        "{what}: every attendee, all pages"
    );
    let mut got: Vec<_> = d.attendees.iter().map(|a| (a.user_id.clone(), a)).collect();
    got.sort_by(|x, y| x.0.cmp(&y.0));
    let mut want: Vec<_> = truth
        .attendees
        .iter()
        .map(|a| (as_sent(&a.user_id), a))
        .collect();
    want.sort_by(|x, y| x.0.cmp(&y.0));
    for ((id, a), (want_id, w)) in got.iter().zip(&want) {
        assert_eq!(id, want_id, "{what}");
        assert_eq!(
            a.name,
            as_sent(&w.user_name),
            "{what}: names exactly as Kaltura sends them"
        );
        assert!(
            close(a.minutes, w.live_view_minutes()),
            "{what}: {id} minutes"
        );
        assert!(
            close(a.engagement_pct, (w.engaged_ratio() * 100.0).min(100.0)),
            "{what}: {id} engagement"
        );
        assert_eq!(a.messages, w.group_messages, "{what}");
        assert_eq!(a.polls, w.polls_answered, "{what}");
        assert_eq!(a.questions, w.q_and_a_threads, "{what}");
        assert_eq!(a.downloads, w.downloads, "{what}");
        assert_eq!(a.raised_hands, w.raised_hands, "{what}");
        assert_eq!(a.reactions, w.reactions.iter().sum::<u64>(), "{what}");
        assert_eq!(a.profile.email, as_sent(&w.email), "{what}");
    }
    let minutes: Vec<_> = truth
        .timeline
        .iter()
        .filter(|m| m.position >= truth.session.start)
        .collect();
    assert_eq!(
        d.timeline.len(),
        minutes.len(),
        "{what}: a point per minute from the session start"
    );
    for (got, want) in d.timeline.iter().zip(minutes) {
        assert_eq!(got.viewers, want.viewers, "{what}: {}", got.time);
        assert!(
            close(got.engagement_pct, want.engaged_ratio() * 100.0),
            "{what}: {}",
            got.time
        );
    }
    let live_by_country: u64 = d.countries.iter().map(|c| c.live).sum();
    let want_by_country: u64 = truth.countries.iter().map(|c| c.live_viewers).sum();
    assert_eq!(live_by_country, want_by_country, "{what}: countries");
    assert_eq!(d.devices.len(), truth.devices.len(), "{what}: devices");
    assert_eq!(
        d.recording_plays.is_some(),
        truth.recording_entry_id.is_some(),
        "{what}: recording plays only with a recording"
    );
}

#[tokio::test]
async fn each_edge_session_matches_the_ground_truth() {
    let sim = demo_sim().await;
    let org = sim.org().unwrap();
    let edges = org.edge_sessions().expect("the demo has edge sessions");
    for (what, s) in [
        ("no chat users", &edges.no_chat_users),
        ("with a recording", &edges.with_recording),
        ("longer than eight hours", &edges.longer_than_eight_hours),
        ("hostile names", &edges.hostile_names),
    ] {
        let truth = org
            .session_dashboard_truth(&s.room_id, &s.cue_point_id)
            .unwrap();
        let d = dashboard(&sim, &s.room_id, &s.cue_point_id).await;
        check_against_truth(&d, &truth, what);
        assert_eq!(
            d.requests, 2,
            "{what}: the room, then every figure, in two multirequests"
        );
    }
    let hostile = dashboard(
        &sim,
        &edges.hostile_names.room_id,
        &edges.hostile_names.cue_point_id,
    )
    .await;
    assert!(
        hostile
            .attendees
            .iter()
            .any(|a| a.name.contains('<') || a.name.contains(',')),
        "hostile names arrive as they are"
    );
    let json = serde_json::to_value(&hostile).unwrap();
    let mut keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    let mut expected = [
        "room",
        "session",
        "sessions",
        "viewers",
        "minutes",
        "engagement",
        "recording_plays",
        "timeline",
        "attendees",
        "countries",
        "devices",
    ];
    expected.sort_unstable();
    assert_eq!(
        keys, expected,
        "exactly the keys of `roomlens session --json`"
    );
    assert_eq!(
        json["attendees"][0].as_object().unwrap().len(),
        10,
        "an attendee's ten keys"
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn the_dashboards_attendees_are_the_attendees_reports() {
    let sim = demo_sim().await;
    let edges = sim.org().unwrap().edge_sessions().unwrap();
    let s = &edges.longer_than_eight_hours;
    let d = dashboard(&sim, &s.room_id, &s.cue_point_id).await;
    let filters = roomlens::kaltura::ReportFilters {
        room_ids: vec![s.room_id.clone()],
        session_ids: vec![s.cue_point_id.clone()],
        ..Default::default()
    };
    let Report::Attendees { rows, .. } = expected_report(
        &sim,
        ReportKind::Attendees,
        s.start - 86_400,
        s.end + 86_400,
        &filters,
    ) else {
        panic!("an attendees report");
    };
    let mut from_report: Vec<(String, f64)> = rows
        .iter()
        .map(|r| (as_sent(&r.user_id), r.meeting_view_time.unwrap_or(0.0)))
        .collect();
    let mut from_dashboard: Vec<(String, f64)> = d
        .attendees
        .iter()
        .map(|a| (a.user_id.clone(), a.minutes))
        .collect();
    from_report.sort_by(|a, b| a.0.cmp(&b.0));
    from_dashboard.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(from_report.len(), from_dashboard.len());
    for (r, a) in from_report.iter().zip(&from_dashboard) {
        assert_eq!(r.0, a.0);
        assert!(
            close(r.1, a.1),
            "{}: {} minutes in 6001, {} on the dashboard",
            r.0,
            r.1,
            a.1
        );
    }
    sim.shutdown().await;
}

#[tokio::test]
async fn the_newest_session_by_default_and_plain_errors_for_unknown_rooms_and_sessions() {
    let sim = demo_sim().await;
    let org = sim.org().unwrap();
    let edges = org.edge_sessions().unwrap();
    let room = &edges.no_chat_users.room_id;
    let client = client_for(&sim, quick_options());
    let request = |room: &str, session: Option<&str>| DashboardRequest {
        room_id: room.to_owned(),
        session_id: session.map(str::to_owned),
        zone: TimeZone::UTC,
    };
    let newest = fetch_session_dashboard(&client, &request(room, None), &CancelToken::new())
        .await
        .unwrap();
    assert_eq!(
        newest.session, newest.sessions[0],
        "the newest session is shown first"
    );
    let starts: Vec<&str> = newest.sessions.iter().map(|s| s.start.as_str()).collect();
    let mut sorted = starts.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(starts, sorted, "sessions newest first");
    let unknown_room =
        fetch_session_dashboard(&client, &request("1_nosuch00", None), &CancelToken::new())
            .await
            .unwrap_err();
    assert_eq!(
        unknown_room.code,
        ErrorCode::EntryNotFound,
        "{}",
        unknown_room.message
    );
    let unknown_session = fetch_session_dashboard(
        &client,
        &request(room, Some("1_nosuch00")),
        &CancelToken::new(),
    )
    .await
    .unwrap_err();
    assert_eq!(unknown_session.code, ErrorCode::EntryNotFound);
    assert!(unknown_session.message.contains("1_nosuch00"));
    sim.shutdown().await;
}

#[tokio::test]
async fn an_expired_ks_mid_dashboard_is_renewed() {
    let sim = demo_sim().await;
    let edges = sim.org().unwrap().edge_sessions().unwrap();
    let s = &edges.no_chat_users;
    let client = client_for(&sim, quick_options());
    let request = DashboardRequest {
        room_id: s.room_id.clone(),
        session_id: Some(s.cue_point_id.clone()),
        zone: TimeZone::UTC,
    };
    // The first multirequest meets an expired KS: it is signed again and sent once more.
    sim.set_faults(FaultPlan::queued([Fault::ExpiredKs]));
    let d = fetch_session_dashboard(&client, &request, &CancelToken::new())
        .await
        .unwrap();
    assert_eq!(d.session.id, s.cue_point_id);
    let stats = sim.stats();
    assert_eq!(stats.faults_served, 1, "the expired KS was met");
    assert_eq!(
        stats.count_action("baseentry.get"),
        2,
        "the room lookup was sent again"
    );
    assert_eq!(
        stats.count_action("multirequest."),
        3,
        "two multirequests and one repeat"
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn the_charts_of_a_session_are_drawn_from_its_figures() {
    let sim = demo_sim().await;
    let edges = sim.org().unwrap().edge_sessions().unwrap();
    for s in [&edges.hostile_names, &edges.longer_than_eight_hours] {
        let d = dashboard(&sim, &s.room_id, &s.cue_point_id).await;
        for dark in [false, true] {
            let charts =
                roomlens::dashboard::charts::dashboard_charts(&d, &TimeZone::UTC, dark).unwrap();
            assert_eq!(
                charts.timeline.points.len(),
                d.timeline.len(),
                "a point position per minute"
            );
            assert!(charts.timeline.points.windows(2).all(|w| w[0].x < w[1].x));
            for chart in [&charts.timeline, &charts.countries, &charts.devices] {
                assert!(chart.svg.starts_with("<svg"), "{}", chart.title);
                assert!(!chart.svg.contains("<script"), "{}", chart.title);
                assert!(
                    !chart.rows.is_empty() || chart.note.is_some(),
                    "{}: a text alternative",
                    chart.title
                );
            }
            assert_eq!(
                charts.timeline.rows.len(),
                d.timeline.len(),
                "the timeline's table has every minute"
            );
            let png = roomlens::dashboard::charts::chart_file_bytes(
                &charts.timeline,
                roomlens::dashboard::charts::ImageFormat::Png,
            )
            .unwrap();
            assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG file");
            let width = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
            assert_eq!(width, charts.timeline.width * 2, "twice the size on screen");
        }
    }
    sim.shutdown().await;
}

#[tokio::test]
async fn a_persons_heatmap_is_the_simulators_minutes() {
    let sim = demo_sim().await;
    let org = sim.org().unwrap();
    let s = org.edge_sessions().unwrap().no_chat_users;
    let truth = org
        .session_dashboard_truth(&s.room_id, &s.cue_point_id)
        .unwrap();
    let d = dashboard(&sim, &s.room_id, &s.cue_point_id).await;
    let client = client_for(&sim, quick_options());
    let mut checked = 0;
    for person in truth.attendees.iter().take(5) {
        let minutes = roomlens::dashboard::person_heatmap::fetch_person_heatmap(
            &client,
            &d,
            &person.user_id,
            &CancelToken::new(),
        )
        .await
        .unwrap();
        assert_eq!(
            minutes.len() + 1,
            d.timeline.len(),
            "every minute but the last, as Kaltura draws it"
        );
        for (m, minute) in minutes.iter().zip(&d.timeline) {
            let t: i64 = minute.time.parse::<jiff::Timestamp>().unwrap().as_second();
            use roomlens::dashboard::person_heatmap::MinuteState::*;
            let want = if person.engaged_at(t) {
                Engaged
            } else if person.present_at(t) {
                Present
            } else {
                Offline
            };
            assert_eq!(*m, want, "{} at {}", person.user_id, minute.time);
        }
        checked += 1;
    }
    assert_eq!(checked, 5);
    sim.shutdown().await;
}

#[tokio::test]
async fn everyones_minutes_come_in_shared_multirequests_in_the_order_asked() {
    use roomlens::dashboard::person_heatmap::{fetch_people_heatmaps, MinuteState};
    let sim = demo_sim().await;
    let org = sim.org().unwrap();
    // Longer than eight hours: each person's minutes take two pages of 500.
    let s = org.edge_sessions().unwrap().longer_than_eight_hours;
    let truth = org
        .session_dashboard_truth(&s.room_id, &s.cue_point_id)
        .unwrap();
    let d = dashboard(&sim, &s.room_id, &s.cue_point_id).await;
    let client = client_for(&sim, quick_options());
    let mut people: Vec<_> = truth.attendees.iter().take(30).collect();
    people.reverse();
    let ids: Vec<String> = people.iter().map(|p| p.user_id.clone()).collect();
    let before = sim.stats().count_action("multirequest.");
    let heatmaps = fetch_people_heatmaps(&client, &d, &ids, &CancelToken::new())
        .await
        .unwrap();
    assert_eq!(
        sim.stats().count_action("multirequest.") - before,
        2,
        "30 people × 2 pages = 60 calls, in multirequests of 50"
    );
    assert_eq!(heatmaps.len(), people.len());
    for (person, minutes) in people.iter().zip(&heatmaps) {
        assert_eq!(minutes.len() + 1, d.timeline.len(), "{}", person.user_id);
        for (m, minute) in minutes.iter().zip(&d.timeline) {
            let t: i64 = minute.time.parse::<jiff::Timestamp>().unwrap().as_second();
            let want = if person.engaged_at(t) {
                MinuteState::Engaged
            } else if person.present_at(t) {
                MinuteState::Present
            } else {
                MinuteState::Offline
            };
            assert_eq!(*m, want, "{} at {}", person.user_id, minute.time);
        }
    }
    let too_many: Vec<String> = (0..=roomlens::dashboard::person_heatmap::MAX_PEOPLE_PER_ASK)
        .map(|i| format!("user{i}"))
        .collect();
    let error = fetch_people_heatmaps(&client, &d, &too_many, &CancelToken::new())
        .await
        .unwrap_err();
    assert_eq!(error.code, roomlens::ErrorCode::InvalidInput);
    sim.shutdown().await;
}

#[tokio::test]
async fn a_rooms_recording_and_its_plays_per_day() {
    let sim = demo_sim().await;
    let org = sim.org().unwrap();
    let edges = org.edge_sessions().unwrap();
    let s = &edges.with_recording;
    let d = dashboard(&sim, &s.room_id, &s.cue_point_id).await;
    let recording = d.recording.as_ref().expect("the room has a recording");
    let entry = org.recording_for_room(&s.room_id).unwrap().entry_id;
    let window = d.window.as_ref().unwrap();
    let truth = org.recording_truth(&entry, window.from, window.to).unwrap();
    assert_eq!(recording.plays, truth.plays);
    assert_eq!(recording.impressions, truth.loads);
    assert!(close(recording.minutes_viewed, truth.view_minutes));
    assert_eq!(d.recording_plays, Some(truth.plays));
    let per_day: u64 = recording.plays_per_day.iter().map(|(_, p)| p).sum();
    assert_eq!(per_day, truth.plays, "the days add up to the plays");
    let charts = roomlens::dashboard::charts::dashboard_charts(&d, &TimeZone::UTC, false).unwrap();
    assert!(charts.recording_plays.unwrap().svg.starts_with("<svg"));
    let without = dashboard(
        &sim,
        &edges.no_chat_users.room_id,
        &edges.no_chat_users.cue_point_id,
    )
    .await;
    assert!(without.recording.is_none() && without.recording_plays.is_none());
    sim.shutdown().await;
}

#[tokio::test]
async fn a_sessions_tables_as_csv_keep_hostile_names_as_text() {
    use roomlens::dashboard::session_tables::{session_table, SessionTable};
    use roomlens::export::{table_csv_bytes, ExportOptions, HeaderStyle};
    let sim = demo_sim().await;
    let s = sim.org().unwrap().edge_sessions().unwrap().hostile_names;
    let d = dashboard(&sim, &s.room_id, &s.cue_point_id).await;
    let (header, rows) = session_table(&d, SessionTable::Attendees, HeaderStyle::Raw);
    assert_eq!(header.first().map(String::as_str), Some("user_id"));
    assert_eq!(rows.len(), d.attendees.len());
    let bytes = table_csv_bytes(&header, &rows, &ExportOptions::default());
    let mut reader = csv::ReaderBuilder::new()
        .from_reader(bytes.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap());
    let read: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(
        read.len(),
        d.attendees.len(),
        "one line per attendee, whatever their names hold"
    );
    for (record, attendee) in read.iter().zip(&d.attendees) {
        let name = &record[1];
        let expected = if roomlens::export::looks_like_formula(&attendee.name) {
            format!("'{}", attendee.name)
        } else {
            attendee.name.clone()
        };
        assert_eq!(name, expected);
        assert_eq!(record[7].parse::<f64>().unwrap(), attendee.minutes);
    }
    for table in [
        SessionTable::Countries,
        SessionTable::Devices,
        SessionTable::Timeline,
    ] {
        let (header, rows) = session_table(&d, table, HeaderStyle::Friendly);
        assert!(rows.iter().all(|r| r.len() == header.len()), "{table:?}");
    }
    sim.shutdown().await;
}

#[tokio::test]
async fn a_sessions_pdf_is_made_with_its_heatmap_and_a_cancelled_one_is_not() {
    use roomlens::dashboard::session_pdf::{
        fetch_session_pdf, heatmap_people, Paper, SessionPdfOptions, HEATMAP_PEOPLE,
    };
    let sim = demo_sim().await;
    let edges = sim.org().unwrap().edge_sessions().unwrap();
    let s = &edges.longer_than_eight_hours;
    let d = dashboard(&sim, &s.room_id, &s.cue_point_id).await;
    let people = heatmap_people(&d);
    assert_eq!(people.len(), d.attendees.len().min(HEATMAP_PEOPLE));
    assert!(
        people.windows(2).all(|w| w[0].minutes >= w[1].minutes),
        "the heatmap shows the attendees with the most minutes, most first"
    );
    let options = SessionPdfOptions {
        paper: Paper::A4,
        zone: TimeZone::UTC,
        account_name: "Demo".to_owned(),
        generated_at: jiff::Timestamp::from_second(DATA_END).unwrap(),
    };
    let client = client_for(&sim, quick_options());
    let pdf = fetch_session_pdf(&client, &d, &options, &CancelToken::new())
        .await
        .unwrap();
    assert!(
        pdf.starts_with(b"%PDF-") && pdf.len() > 20_000,
        "{} bytes",
        pdf.len()
    );
    let cancel = CancelToken::new();
    cancel.cancel();
    let error = fetch_session_pdf(&client, &d, &options, &cancel)
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::Cancelled);
    sim.shutdown().await;
}
