//! Session dashboards in the library, on real SQLite files: a dashboard fetched from the simulator
//! kept and read back with every field (the ones `--json` leaves out too), the same session kept
//! once with the newest copy winning, damaged JSON a plain `library_damaged` error that `check`
//! reports, a kept one opened again with its listing and printed as a PDF with no network, then
//! deleted without touching the reports. Migrating a library from before dashboards were kept is
//! `library_migrations`' test.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a step that fails should stop it loudly"
)]

#[allow(
    dead_code,
    reason = "a module shared by several test files; this one uses part of it"
)]
mod sim_client;

mod temp_folder;

use jiff::tz::TimeZone;
use kaltura_sim::{SimConfig, SimHandle};
use roomlens::cancel::CancelToken;
use roomlens::dashboard::{fetch_session_dashboard, DashboardRequest, SessionDashboard};
use roomlens::library::Library;
use roomlens::ErrorCode;
use sim_client::{client_for, quick_options, start_sim};
use temp_folder::Folder;

const DATA_END: i64 = 1_790_000_000;

async fn demo_sim() -> SimHandle {
    start_sim(SimConfig {
        data_end: Some(DATA_END),
        ..SimConfig::demo()
    })
    .await
}

async fn dashboard(sim: &SimHandle, room: &str, session: &str) -> SessionDashboard {
    fetch_session_dashboard(
        &client_for(sim, quick_options()),
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

#[tokio::test]
async fn a_fetched_dashboard_is_kept_whole_once_per_session_newest_first() {
    let sim = demo_sim().await;
    let edges = sim.org().unwrap().edge_sessions().unwrap();
    let recorded = dashboard(
        &sim,
        &edges.with_recording.room_id,
        &edges.with_recording.cue_point_id,
    )
    .await;
    let hostile = dashboard(
        &sim,
        &edges.hostile_names.room_id,
        &edges.hostile_names.cue_point_id,
    )
    .await;
    sim.shutdown().await;
    // The fields `--json` leaves out are there to lose.
    assert!(recorded.recording.is_some() && recorded.window.is_some());
    assert!(recorded.requests > 0);
    assert!(hostile
        .attendees
        .iter()
        .any(|a| !a.profile.email.is_empty()));
    assert!(recorded.timeline.iter().any(|m| m.reactions > 0));

    let folder = Folder::new("library-dashboards", "kept");
    let path = folder.file("library.sqlite");
    let mut library = Library::open(&path).unwrap();
    let first = library
        .add_dashboard("Demo", &recorded, 1_780_000_000)
        .unwrap();
    let other = library
        .add_dashboard("Demo <script>", &hostile, 1_780_000_100)
        .unwrap();
    assert_eq!(library.dashboard(first).unwrap(), recorded);
    assert_eq!(library.dashboard(other).unwrap(), hostile);

    // The same account, room and session again: the newer copy replaces the kept one.
    let mut newer = recorded.clone();
    newer.viewers.unique += 1;
    let replaced = library
        .add_dashboard("Demo", &newer, 1_780_000_200)
        .unwrap();
    assert_ne!(replaced, first);
    assert!(library.dashboard(first).is_err());
    assert_eq!(library.dashboard(replaced).unwrap(), newer);
    // An older copy does not overwrite a newer one.
    assert_eq!(
        library
            .add_dashboard("Demo", &recorded, 1_770_000_000)
            .unwrap(),
        replaced
    );
    assert_eq!(library.dashboard(replaced).unwrap(), newer);
    // Another account's copy of the same session is its own.
    let elsewhere = library
        .add_dashboard("Other", &recorded, 1_780_000_300)
        .unwrap();

    let listed = library.dashboards().unwrap();
    let ids: Vec<i64> = listed.iter().map(|d| d.id).collect();
    assert_eq!(ids, [elsewhere, replaced, other], "newest first");
    let info = &listed[1];
    assert_eq!(info.account_name, "Demo");
    assert_eq!(info.room_id, recorded.room.id);
    assert_eq!(info.room_name, recorded.room.name);
    assert_eq!(info.session_id, recorded.session.id);
    assert_eq!(info.fetched_at, 1_780_000_200);
    let start: jiff::Timestamp = recorded.session.start.parse().unwrap();
    let end: jiff::Timestamp = recorded.session.end.parse().unwrap();
    assert_eq!(info.session_start, Some(start.as_second()));
    assert_eq!(info.session_end, Some(end.as_second()));
    assert_eq!(listed[2].account_name, "Demo <script>");
    assert!(library.check().unwrap().is_empty());

    // Found again by account, room and session (or the room's latest session) for offline use.
    let (found, shown) = library
        .find_dashboard("Demo", &recorded.room.id, Some(&recorded.session.id))
        .unwrap()
        .expect("the kept session is found");
    assert_eq!((found.id, shown), (replaced, newer.clone()));
    let (latest, _) = library
        .find_dashboard("Demo", &recorded.room.id, None)
        .unwrap()
        .expect("the room's latest kept session");
    assert_eq!(latest.id, replaced);
    assert!(library
        .find_dashboard("Nobody", &recorded.room.id, None)
        .unwrap()
        .is_none());
    assert!(library
        .find_dashboard("Demo", &recorded.room.id, Some("no such session"))
        .unwrap()
        .is_none());

    // Read back after reopening the file, too.
    drop(library);
    let mut library = Library::open(&path).unwrap();
    assert_eq!(library.dashboard(other).unwrap(), hostile);
    library.remove_dashboard(elsewhere).unwrap();
    let error = library.remove_dashboard(elsewhere).unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput);
    assert_eq!(library.dashboards().unwrap().len(), 2);
}

#[tokio::test]
async fn a_damaged_dashboard_is_a_plain_error_and_check_finds_it() {
    let sim = demo_sim().await;
    let edges = sim.org().unwrap().edge_sessions().unwrap();
    let d = dashboard(
        &sim,
        &edges.no_chat_users.room_id,
        &edges.no_chat_users.cue_point_id,
    )
    .await;
    sim.shutdown().await;
    let folder = Folder::new("library-dashboards", "damaged");
    let path = folder.file("library.sqlite");
    let mut library = Library::open(&path).unwrap();
    let id = library.add_dashboard("Demo", &d, 1_780_000_000).unwrap();
    let raw = rusqlite::Connection::open(&path).unwrap();
    for (column, value) in [
        (
            "dashboard",
            rusqlite::types::Value::Text("{\"room\": ".into()),
        ),
        ("dashboard", rusqlite::types::Value::Text("{}".into())),
        ("dashboard", rusqlite::types::Value::Blob(vec![0xff, 0])),
        ("format", rusqlite::types::Value::Integer(99)),
        ("format", rusqlite::types::Value::Text("one".into())),
    ] {
        raw.execute(
            &format!("UPDATE dashboards SET {column} = ?1 WHERE id = ?2"),
            rusqlite::params![value, id],
        )
        .unwrap();
        let error = library.dashboard(id).unwrap_err();
        assert_eq!(error.code, ErrorCode::LibraryDamaged, "{column}: {error:?}");
        assert!(!error.message.contains('{'), "a plain message");
        assert_eq!(
            library.check().unwrap(),
            [format!("session dashboard {id} cannot be read back")]
        );
        // Put right again for the next damage.
        let json = serde_json::to_string(&roomlens::library::KeptDashboard::from(&d)).unwrap();
        raw.execute(
            "UPDATE dashboards SET dashboard = ?1, format = ?2 WHERE id = ?3",
            rusqlite::params![json, roomlens::library::KEPT_DASHBOARD_FORMAT, id],
        )
        .unwrap();
        assert_eq!(library.dashboard(id).unwrap(), d);
        assert!(library.check().unwrap().is_empty());
    }
    let error = library.dashboard(id + 1).unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput);
}

/// The text of `pdf` as poppler's `pdftotext -raw` reads it.
fn pdf_text(folder: &Folder, pdf: &[u8]) -> String {
    let file = folder.write("kept.pdf", pdf);
    let out = std::process::Command::new("pdftotext")
        .args(["-raw"])
        .arg(&file)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (poppler-utils) runs: {e}"));
    assert!(out.status.success(), "pdftotext read the PDF");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test]
async fn a_kept_dashboard_opens_with_its_listing_prints_offline_and_is_deleted_alone() {
    use roomlens::dashboard::session_pdf::{kept_session_pdf, Paper, SessionPdfOptions};
    let sim = demo_sim().await;
    let edges = sim.org().unwrap().edge_sessions().unwrap();
    let recorded = dashboard(
        &sim,
        &edges.with_recording.room_id,
        &edges.with_recording.cue_point_id,
    )
    .await;
    let hostile = dashboard(
        &sim,
        &edges.hostile_names.room_id,
        &edges.hostile_names.cue_point_id,
    )
    .await;
    // Kaltura is gone from here on: everything below reads the library file alone.
    sim.shutdown().await;

    let folder = Folder::new("library-dashboards", "review");
    let path = folder.file("library.sqlite");
    let mut library = Library::open(&path).unwrap();
    let kept = library
        .add_dashboard("Training team", &recorded, 1_780_000_000)
        .unwrap();
    let other = library
        .add_dashboard("Demo", &hostile, 1_780_000_100)
        .unwrap();
    // A kept report beside them, which deleting a dashboard must leave alone.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(
            "INSERT INTO snapshots (report_kind, source, account_name, range_from, range_to,
                 filters, fetched_at, row_count)
                 VALUES ('attendees', 'fetch', 'Demo', 1772000000, 1774592000, '', 1780000050, 1);
             INSERT INTO rows_attendees (snapshot_id, entry_id, cue_point_id, user_id, user_name,
                 user_email, user_type, meeting_view_time, meeting_engaged_play_time_ratio, extra)
                 SELECT max(id), '1_room', 'cp1', 'ana', 'Ana', '', 'Attendee', 30.5, 0.75, NULL
                 FROM snapshots;",
        )
        .unwrap();

    // Opened by its id: the same listing line and the same dashboard as fetched, every field.
    let (info, shown) = library.dashboard_with_info(kept).unwrap();
    let listed = library.dashboards().unwrap();
    assert_eq!(listed.iter().find(|d| d.id == kept), Some(&info));
    assert_eq!(info.account_name, "Training team");
    assert_eq!(info.fetched_at, 1_780_000_000);
    assert_eq!(shown, recorded);
    let (hostile_info, hostile_shown) = library.dashboard_with_info(other).unwrap();
    assert_eq!(hostile_info.room_name, hostile.room.name);
    assert_eq!(hostile_shown, hostile);

    // Its PDF, made with no network: the kept copy said so with its local time and zone, every
    // attendee listed, no heatmap (its minutes are Kaltura's, asked for on demand).
    let zone = jiff::tz::TimeZone::get("Europe/Berlin").unwrap();
    let options = SessionPdfOptions {
        paper: Paper::A4,
        zone,
        account_name: info.account_name.clone(),
        generated_at: jiff::Timestamp::from_second(DATA_END).unwrap(),
    };
    let kept_at = jiff::Timestamp::from_second(info.fetched_at).unwrap();
    let pdf = kept_session_pdf(&shown, kept_at, &options).unwrap();
    let text = pdf_text(&folder, &pdf);
    let squeezed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // 1,780,000,000 is 28 May 2026, 20:26:40 UTC: 22:26 in Berlin (summer time).
    assert!(
        squeezed.contains(
            "From the library: the copy of this session kept on 28 May 2026 at 10:26 PM (Europe/Berlin)."
        ),
        "the kept line, in Berlin's time:\n{squeezed}"
    );
    assert!(squeezed.contains(&format!(
        "All {} attendees",
        roomlens::wording::count(shown.attendees.len() as u64)
    )));
    assert!(
        !squeezed.contains("Engagement, minute by minute"),
        "no heatmap without Kaltura"
    );

    // Deleted: gone from the list and the file, said plainly when opened again; the other
    // dashboard and the kept report stay.
    let snapshots = library.snapshots().unwrap();
    library.remove_dashboard(kept).unwrap();
    let error = library.dashboard_with_info(kept).unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput);
    assert!(error.message.contains("no session dashboard"), "{error:?}");
    drop(library);
    let library = Library::open(&path).unwrap();
    let ids: Vec<i64> = library.dashboards().unwrap().iter().map(|d| d.id).collect();
    assert_eq!(ids, [other]);
    assert_eq!(library.snapshots().unwrap(), snapshots);
    assert_eq!(snapshots.len(), 1);
    assert!(library.check().unwrap().is_empty());
}
