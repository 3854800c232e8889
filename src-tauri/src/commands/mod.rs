//! The app's Tauri commands, the only things the page can call (listed in build.rs and the
//! capability file). Each parses its arguments, calls the core and returns the core's error as
//! `{code, message, detail}`; none holds Kaltura, CSV or aggregation logic.

pub mod accounts;
pub mod app;
mod chart_files;
pub mod email_export;
pub mod files;
pub mod kept_dashboards;
pub mod library;
pub mod pdf_reports;
pub mod report_charts;
pub mod reports;
pub mod rollups;
pub mod rooms;

#[cfg(test)]
mod tests {
    //! Tauri runs a command declared `fn` (not `async fn`) on the main thread, which paints the
    //! window: one that waits there (keychain, files, a whole report) freezes it. Only commands
    //! that touch nothing but memory may be synchronous; this fails when another one is.

    /// Synchronous commands, each only reading or writing the app's memory.
    const SYNC_IN_MEMORY: &[&str] = &[
        "cancel_fetch",
        "cancel_open",
        "watch_drops",
        "cancel_dashboard",
        "cancel_pdf",
        "paper_for_locale",
        "cancel_keeping",
        "keeping_progress",
    ];

    const SOURCES: &[(&str, &str)] = &[
        ("accounts.rs", include_str!("accounts.rs")),
        ("app.rs", include_str!("app.rs")),
        ("files.rs", include_str!("files.rs")),
        ("reports.rs", include_str!("reports.rs")),
        ("rooms.rs", include_str!("rooms.rs")),
        ("pdf_reports.rs", include_str!("pdf_reports.rs")),
        ("report_charts.rs", include_str!("report_charts.rs")),
        ("email_export.rs", include_str!("email_export.rs")),
        ("library.rs", include_str!("library.rs")),
        ("kept_dashboards.rs", include_str!("kept_dashboards.rs")),
        ("rollups.rs", include_str!("rollups.rs")),
    ];

    /// (name, is_async) of every `#[tauri::command]` in `source`.
    fn commands_in(source: &str) -> Vec<(String, bool)> {
        let mut found = Vec::new();
        let mut lines = source.lines();
        while let Some(line) = lines.next() {
            if !line.trim_start().starts_with("#[tauri::command") {
                continue;
            }
            let Some(signature) = lines.find(|l| l.contains("fn ")) else {
                break;
            };
            let is_async = signature.contains("async fn ");
            let name = signature
                .split("fn ")
                .nth(1)
                .and_then(|rest| rest.split(['(', '<']).next())
                .unwrap_or_default()
                .trim()
                .to_owned();
            found.push((name, is_async));
        }
        found
    }

    #[test]
    fn only_in_memory_commands_run_on_the_main_thread() {
        let mut total = 0;
        for (file, source) in SOURCES {
            for (name, is_async) in commands_in(source) {
                total += 1;
                assert!(
                    is_async || SYNC_IN_MEMORY.contains(&name.as_str()),
                    "commands/{file}: `{name}` is synchronous, so it runs on the main thread; make it async"
                );
            }
        }
        assert!(
            total >= 16,
            "found only {total} commands; the scan is broken"
        );
    }

    /// build.rs's list, the capability file, the handler list in lib.rs and the page's calls
    /// (ui/js/backend.js) must name the same commands: a command missing from one of them is
    /// either refused at run time or callable without being meant to be.
    #[test]
    fn every_list_of_commands_names_the_same_commands() {
        use std::collections::BTreeSet;
        fn quoted_after(text: &str, marker: &str, end: &str) -> BTreeSet<String> {
            let body = text
                .split(marker)
                .nth(1)
                .and_then(|rest| rest.split(end).next())
                .unwrap_or_default();
            body.split('"')
                .skip(1)
                .step_by(2)
                .map(str::to_owned)
                .collect()
        }
        let build = quoted_after(include_str!("../../build.rs"), "const COMMANDS", "];");
        let capability: BTreeSet<String> = quoted_after(
            include_str!("../../capabilities/main.json"),
            "\"permissions\"",
            "]",
        )
        .into_iter()
        .filter_map(|p| p.strip_prefix("allow-").map(|c| c.replace('-', "_")))
        .collect();
        let handlers: BTreeSet<String> = include_str!("../lib.rs")
            .split("generate_handler![")
            .nth(1)
            .and_then(|rest| rest.split(']').next())
            .unwrap_or_default()
            .split(',')
            .filter_map(|path| path.trim().rsplit("::").next())
            .filter(|name| !name.is_empty())
            .map(str::to_owned)
            .collect();
        let page: BTreeSet<String> = include_str!("../../../ui/js/backend.js")
            .split("call(\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .map(str::to_owned)
            .collect();
        assert!(build.len() >= 17, "build.rs lists {build:?}");
        assert_eq!(capability, build, "src-tauri/capabilities/main.json");
        assert_eq!(
            handlers, build,
            "the generate_handler! list in src-tauri/src/lib.rs"
        );
        assert_eq!(page, build, "the commands ui/js/backend.js calls");
    }
}
