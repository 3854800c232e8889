//! Files dropped on the window: Tauri reports the drop to Rust (the page has no file access), the
//! file is read by `report_files` (in turn with other files, with progress and Cancel), and the
//! progress and outcome go to the page through the channel it registered with `watch_drops`.
//! Only the first file of one drop is read.

use crate::drop_event::DropEvent;
use crate::mutex::lock;
use crate::report_files::open_report_file;
use crate::state::AppState;
use tauri::{DragDropEvent, Manager, Runtime, Window};

fn send(state: &AppState, event: DropEvent) {
    if let Some(channel) = lock(&state.drops).as_ref() {
        let _ = channel.send(event);
    }
}

pub fn on_drag_drop<R: Runtime>(window: &Window<R>, event: &DragDropEvent) {
    let state = window.state::<AppState>();
    match event {
        DragDropEvent::Enter { .. } => send(&state, DropEvent::Hover),
        DragDropEvent::Leave => send(&state, DropEvent::Leave),
        DragDropEvent::Drop { paths, .. } => {
            let Some(path) = paths.first().cloned() else {
                send(&state, DropEvent::Leave);
                return;
            };
            let app = window.app_handle().clone();
            tauri::async_runtime::spawn(async move {
                let state = app.state::<AppState>();
                let progress_app = app.clone();
                let on_progress = move |progress| {
                    send(
                        &progress_app.state::<AppState>(),
                        DropEvent::Reading(progress),
                    );
                };
                let event = match open_report_file(&app, path, on_progress).await {
                    Ok(report) => DropEvent::Opened { report },
                    Err(error) => DropEvent::Failed { error },
                };
                send(&state, event);
            });
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    //! Drops delivered to the handler in Tauri's mock runtime (no display needed), with real files
    //! read by the core and the outcome read back from a real channel.

    use super::*;
    use std::path::PathBuf;
    use std::sync::mpsc;
    use std::time::Duration;
    use tauri::ipc::{Channel, InvokeResponseBody};
    use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};
    use tauri::{PhysicalPosition, WebviewUrl, WebviewWindowBuilder};

    const ATTENDEES_CSV: &str = "\u{feff}entry_id,cue_point_id,user_id,user_name,user_email,user_type,meeting_view_time,meeting_engaged_play_time_ratio\n\
        1_room,cp1,u1,Ada Lovelace,ada@example.com,Attendee,12.5,0.8\n\
        1_room,cp1,u2,<img src=x onerror=alert(1)>,x@example.com,Host,30,0.25\n";

    struct DropTest {
        _app: tauri::App<MockRuntime>,
        window: Window<MockRuntime>,
        events: mpsc::Receiver<serde_json::Value>,
        dir: PathBuf,
    }

    fn drop_test(name: &str) -> DropTest {
        let dir = std::env::temp_dir().join(format!("roomlens-drop-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let app = mock_builder().build(mock_context(noop_assets())).unwrap();
        app.manage(AppState::start_in(dir.join("config")).unwrap());
        let webview = WebviewWindowBuilder::new(&app, crate::MAIN_WINDOW, WebviewUrl::default())
            .build()
            .unwrap();
        let (sender, events) = mpsc::channel();
        let channel = Channel::new(move |body| {
            if let InvokeResponseBody::Json(json) = body {
                let _ = sender.send(serde_json::from_str(&json).unwrap());
            }
            Ok(())
        });
        *lock(&app.state::<AppState>().drops) = Some(channel);
        DropTest {
            window: webview.as_ref().window(),
            _app: app,
            events,
            dir,
        }
    }

    impl DropTest {
        fn drop_file(&self, name: &str, bytes: &[u8]) -> serde_json::Value {
            let path = self.dir.join(name);
            std::fs::write(&path, bytes).unwrap();
            let position = PhysicalPosition::new(10.0, 10.0);
            on_drag_drop(
                &self.window,
                &DragDropEvent::Enter {
                    paths: vec![path.clone()],
                    position,
                },
            );
            assert_eq!(self.next()["type"], "hover");
            on_drag_drop(
                &self.window,
                &DragDropEvent::Drop {
                    paths: vec![path],
                    position,
                },
            );
            self.outcome()
        }

        /// The next event that is not progress.
        fn outcome(&self) -> serde_json::Value {
            loop {
                let event = self.next();
                if event["type"] != "reading" {
                    return event;
                }
            }
        }

        fn next(&self) -> serde_json::Value {
            self.events
                .recv_timeout(Duration::from_secs(30))
                .expect("the page hears about the drop")
        }
    }

    #[test]
    fn a_dropped_report_is_read_and_opened() {
        let test = drop_test("good");
        let event = test.drop_file("attendees.csv", ATTENDEES_CSV.as_bytes());
        assert_eq!(event["type"], "opened", "{event}");
        let report = &event["report"];
        assert_eq!(report["kind"], "attendees");
        assert_eq!(report["row_count"], 2);
        assert_eq!(
            report["source"],
            serde_json::json!({ "type": "file", "file_name": "attendees.csv" })
        );
        assert_eq!(report["read_stats"]["rows_rejected"], 0);
        let id = report["report_id"].as_u64().unwrap();
        let opened = test.window.state::<AppState>().reports.get(id).unwrap();
        assert_eq!(
            opened.rows().len(),
            2,
            "the report is kept for paging and saving"
        );
    }

    #[test]
    fn a_dropped_file_that_is_not_a_report_is_a_plain_error() {
        let test = drop_test("bad");
        let event = test.drop_file("notes.txt", b"shopping list\neggs\nmilk\n");
        assert_eq!(event["type"], "failed", "{event}");
        let expected =
            roomlens::reports::read_report_file(&test.dir.join("notes.txt")).unwrap_err();
        assert_eq!(event["error"]["code"], expected.code.as_str());
        assert_eq!(event["error"]["message"], expected.message.as_str());
    }

    #[test]
    fn a_3_gb_file_is_refused_at_once_and_the_app_carries_on() {
        let test = drop_test("huge");
        let path = test.dir.join("huge.csv");
        std::fs::File::create(&path)
            .unwrap()
            .set_len(3 * 1024 * 1024 * 1024)
            .unwrap();
        let position = PhysicalPosition::new(10.0, 10.0);
        on_drag_drop(
            &test.window,
            &DragDropEvent::Drop {
                paths: vec![path],
                position,
            },
        );
        let event = test.outcome();
        assert_eq!(event["type"], "failed", "{event}");
        assert_eq!(event["error"]["code"], "file_unreadable");
        assert!(
            event["error"]["message"]
                .as_str()
                .unwrap()
                .contains("larger than any report Roomlens opens"),
            "{event}"
        );
        let event = test.drop_file("attendees.csv", ATTENDEES_CSV.as_bytes());
        assert_eq!(event["type"], "opened", "the next file opens as usual");
    }

    #[test]
    fn files_dropped_together_are_read_one_after_the_other() {
        let test = drop_test("queue");
        let position = PhysicalPosition::new(10.0, 10.0);
        let mut names = Vec::new();
        for i in 0..4 {
            let name = format!("attendees-{i}.csv");
            std::fs::write(test.dir.join(&name), ATTENDEES_CSV).unwrap();
            on_drag_drop(
                &test.window,
                &DragDropEvent::Drop {
                    paths: vec![test.dir.join(&name)],
                    position,
                },
            );
            names.push(name);
        }
        // Each file's progress runs from start to end and it opens before the next one starts.
        let mut reading: Option<String> = None;
        let mut opened = Vec::new();
        while opened.len() < names.len() {
            let event = test.next();
            match event["type"].as_str() {
                Some("reading") => {
                    let name = event["file_name"].as_str().unwrap().to_owned();
                    match &reading {
                        None => reading = Some(name),
                        Some(current) => assert_eq!(*current, name, "two files read at once"),
                    }
                }
                Some("opened") => {
                    let name = event["report"]["source"]["file_name"]
                        .as_str()
                        .unwrap()
                        .to_owned();
                    assert_eq!(reading.take().as_deref(), Some(name.as_str()));
                    opened.push(name);
                }
                other => panic!("unexpected {other:?}: {event}"),
            }
        }
        opened.sort();
        assert_eq!(opened, names);
    }

    #[test]
    fn leaving_without_dropping_hides_the_overlay() {
        let test = drop_test("leave");
        on_drag_drop(&test.window, &DragDropEvent::Leave);
        assert_eq!(test.next()["type"], "leave");
    }
}
