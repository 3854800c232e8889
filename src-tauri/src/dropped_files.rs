//! Files dropped on the window: Tauri reports the drop to Rust (the page has no file access), the
//! file is read with the core's tolerant reader off the main thread, and the outcome goes to the
//! page through the channel it registered with `watch_drops`. Only the first dropped file is read.

use crate::commands::files::open_path;
use crate::state::{lock, AppState};
use serde::Serialize;
use tauri::{DragDropEvent, Manager, Runtime, Window};

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum DropEvent {
    Hover,
    Leave,
    Opened {
        report: crate::report_info::ReportInfo,
    },
    Failed {
        error: roomlens::Error,
    },
}

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
                let event = match open_path(&state, path).await {
                    Ok(report) => DropEvent::Opened { report },
                    Err(error) => DropEvent::Failed { error },
                };
                send(&state, event);
            });
        }
        _ => {}
    }
}
