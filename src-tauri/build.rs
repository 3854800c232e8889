//! Tauri's build step: embeds tauri.conf.json, the capabilities in src-tauri/capabilities and an
//! explicit list of the app's own commands, so the page can call those commands and nothing else.

const COMMANDS: &[&str] = &[
    "bootstrap",
    "save_last_view",
    "save_settings",
    "list_accounts",
    "add_account",
    "update_account",
    "remove_account",
    "test_connection",
    "test_draft",
    "fetch_report",
    "cancel_fetch",
    "query_rows",
    "report_summary",
    "user_sessions",
    "save_csv",
    "open_csv",
    "cancel_open",
    "watch_drops",
    "list_rooms",
    "session_dashboard",
    "session_charts",
    "attendee_heatmap",
    "attendee_strips",
    "save_session_table",
    "save_session_chart",
    "cancel_dashboard",
    "save_session_pdf",
    "save_report_pdf",
    "report_charts_of",
    "save_report_chart",
    "send_report_email",
    "library_snapshots",
    "open_snapshot",
    "remove_snapshot",
    "open_kept_dashboard",
    "remove_kept_dashboard",
    "cancel_keeping",
    "keeping_progress",
    "start_new_library",
    "library_people",
    "save_rollup_chart",
    "library_attention",
    "library_breakouts",
    "library_person_sessions",
    "library_room_trends",
    "save_rollup_csv",
    "save_rollup_pdf",
    "cancel_pdf",
    "paper_for_locale",
];

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/*.json")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        println!("cargo:warning=tauri build step failed: {error:#}");
        std::process::exit(1);
    }
}
