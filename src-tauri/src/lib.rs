//! The Roomlens desktop shell: one app per settings folder, builds the Tauri app, starts the
//! built-in demo Kaltura, restores the window, and routes the page's calls to thin commands over
//! the `roomlens` core. It holds no Kaltura, CSV or aggregation logic; the commands parse, call
//! the core and map errors.

mod app_library;
mod app_paths;
mod blocking_work;
mod cancel_slot;
mod commands;
#[cfg(test)]
mod contract;
mod demo_account;
mod drop_event;
mod dropped_files;
mod kept_rows_cache;
mod library_dashboards;
mod library_keeping;
mod loaded_reports;
mod mutex;
mod native_dialog;
mod reading_progress;
mod report_files;
mod report_info;
mod session_dashboards;
mod settings;
mod single_instance;
mod startup_trace;
mod state;
mod ui_state;
pub mod webkit_rendering;
mod window_state;

use single_instance::Start;
use state::AppState;
use tauri::{AppHandle, Manager, Runtime};
use window_state::WindowMemory;

/// Label of the one window, as named in tauri.conf.json and the capability file.
pub const MAIN_WINDOW: &str = "main";

/// Shows the window again (a second start asked for it): out of the taskbar, on top, focused.
fn bring_forward<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// Builds and runs the app until its window closes. A second start only brings the first
/// app's window forward.
pub fn run() {
    webkit_rendering::configure();
    startup_trace::mark(startup_trace::Milestone::Started);
    let first = match roomlens::accounts::config_dir().and_then(|dir| single_instance::start(&dir))
    {
        Ok(Start::AlreadyRunning) => return,
        Ok(Start::First(first)) => Some(first),
        Err(error) => {
            eprintln!("Roomlens: {error} Starting anyway.");
            None
        }
    };
    let app = tauri::Builder::default()
        .setup(move |app| {
            if let Some(first) = first {
                let handle = app.handle().clone();
                first.serve(move || bring_forward(&handle));
            }
            let state = AppState::start()?;
            app.manage(state);
            if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
                let state = app.state::<AppState>();
                window_state::restore(&window, state.paths());
                window.show()?;
                window.set_focus()?;
                startup_trace::mark(startup_trace::Milestone::WindowShown);
            }
            Ok(())
        })
        .on_window_event(|window, event| match event {
            tauri::WindowEvent::DragDrop(drop) => {
                dropped_files::on_drag_drop(window, drop);
            }
            tauri::WindowEvent::Moved(_) | tauri::WindowEvent::Resized(_) => {
                let state = window.state::<AppState>();
                WindowMemory::note(window, &state.window, state.paths().window_file());
            }
            tauri::WindowEvent::CloseRequested { .. } | tauri::WindowEvent::Destroyed => {
                let state = window.state::<AppState>();
                state.window.save(&state.paths().window_file());
            }
            _ => {}
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::bootstrap,
            commands::app::save_last_view,
            commands::app::save_settings,
            commands::accounts::list_accounts,
            commands::accounts::add_account,
            commands::accounts::update_account,
            commands::accounts::remove_account,
            commands::accounts::test_connection,
            commands::accounts::test_draft,
            commands::reports::fetch_report,
            commands::reports::cancel_fetch,
            commands::reports::query_rows,
            commands::reports::report_summary,
            commands::reports::user_sessions,
            commands::files::save_csv,
            commands::files::open_csv,
            commands::files::cancel_open,
            commands::files::watch_drops,
            commands::rooms::list_rooms,
            commands::rooms::session_dashboard,
            commands::rooms::session_charts,
            commands::rooms::attendee_heatmap,
            commands::rooms::attendee_strips,
            commands::rooms::save_session_table,
            commands::rooms::save_session_chart,
            commands::rooms::cancel_dashboard,
            commands::pdf_reports::save_session_pdf,
            commands::pdf_reports::save_report_pdf,
            commands::report_charts::report_charts_of,
            commands::report_charts::save_report_chart,
            commands::email_export::send_report_email,
            commands::library::library_snapshots,
            commands::library::open_snapshot,
            commands::library::remove_snapshot,
            commands::kept_dashboards::open_kept_dashboard,
            commands::kept_dashboards::remove_kept_dashboard,
            commands::library::cancel_keeping,
            commands::library::keeping_progress,
            commands::library::start_new_library,
            commands::rollups::library_people,
            commands::rollups::save_rollup_chart,
            commands::rollups::library_attention,
            commands::rollups::library_breakouts,
            commands::rollups::library_person_sessions,
            commands::rollups::library_room_trends,
            commands::rollups::save_rollup_csv,
            commands::rollups::save_rollup_pdf,
            commands::pdf_reports::cancel_pdf,
            commands::pdf_reports::paper_for_locale,
        ])
        .build(tauri::generate_context!("tauri.conf.json"));
    match app {
        Ok(app) => app.run(|_, _| {}),
        Err(error) => {
            eprintln!("Roomlens could not start: {error}");
            std::process::exit(1);
        }
    }
}
