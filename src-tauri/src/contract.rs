//! The command contract's TypeScript types (ui/contract/), generated from the Rust types the app's
//! commands take, return and send on channels. The test below regenerates them and fails when the
//! committed files differ (ROOMLENS_WRITE_CONTRACT=1 rewrites them); tests/ui/tsconfig.json
//! type-checks the page against them. The reports' metadata is kept beside the page's unit tests
//! the same way. Nothing here is part of the app itself.

use crate::commands::accounts::{AccountDraft, AccountView, Removed, SavedAccount};
use crate::commands::app::Bootstrap;
use crate::commands::email_export::EmailReportArgs;
use crate::commands::files::SaveResult;
use crate::commands::library::LibraryListing;
use crate::commands::pdf_reports::{PaperChoice, ReportPdfArgs, SavePdfArgs};
use crate::commands::report_charts::{ReportChartsArgs, ReportChartsView, SaveReportChartArgs};
use crate::commands::reports::{FetchArgs, RowsPage, RowsQuery, SummaryCards};
use crate::commands::rollups::{
    PeopleArgs, PeopleView, PersonSessionsArgs, RollupRange, RoomTrendsArgs, RoomTrendsView,
    SaveRollupChartArgs, SaveRollupCsvArgs, SaveRollupPdfArgs,
};
use crate::commands::rooms::{
    AttendeeStrip, ChartsArgs, DashboardArgs, DashboardView, HeatmapArgs, SaveChartArgs,
    SaveTableArgs, StripsArgs,
};
use crate::drop_event::DropEvent;
use crate::reading_progress::ReadingProgress;
use crate::settings::Settings;
use roomlens::export::ExportOptions;
use roomlens::kaltura::FetchProgress;
use roomlens::table_view::UserDetail;
use std::collections::BTreeMap;
use std::path::Path;
use ts_rs::TS;

/// Writes every type of the contract, with the types they use, into `dir`.
fn export_contract(dir: &Path) -> Result<(), ts_rs::ExportError> {
    let cfg = ts_rs::Config::new()
        .with_large_int("number")
        .with_out_dir(dir);
    Bootstrap::export_all(&cfg)?;
    AccountView::export_all(&cfg)?;
    AccountDraft::export_all(&cfg)?;
    SavedAccount::export_all(&cfg)?;
    Removed::export_all(&cfg)?;
    Settings::export_all(&cfg)?;
    FetchArgs::export_all(&cfg)?;
    FetchProgress::export_all(&cfg)?;
    RowsQuery::export_all(&cfg)?;
    RowsPage::export_all(&cfg)?;
    SummaryCards::export_all(&cfg)?;
    UserDetail::export_all(&cfg)?;
    ExportOptions::export_all(&cfg)?;
    SaveResult::export_all(&cfg)?;
    ReadingProgress::export_all(&cfg)?;
    DropEvent::export_all(&cfg)?;
    roomlens::Error::export_all(&cfg)?;
    DashboardArgs::export_all(&cfg)?;
    DashboardView::export_all(&cfg)?;
    ChartsArgs::export_all(&cfg)?;
    HeatmapArgs::export_all(&cfg)?;
    StripsArgs::export_all(&cfg)?;
    AttendeeStrip::export_all(&cfg)?;
    SaveTableArgs::export_all(&cfg)?;
    SaveChartArgs::export_all(&cfg)?;
    SavePdfArgs::export_all(&cfg)?;
    ReportPdfArgs::export_all(&cfg)?;
    PaperChoice::export_all(&cfg)?;
    ReportChartsArgs::export_all(&cfg)?;
    ReportChartsView::export_all(&cfg)?;
    SaveReportChartArgs::export_all(&cfg)?;
    EmailReportArgs::export_all(&cfg)?;
    LibraryListing::export_all(&cfg)?;
    crate::app_library::Keeping::export_all(&cfg)?;
    PeopleArgs::export_all(&cfg)?;
    PeopleView::export_all(&cfg)?;
    SaveRollupChartArgs::export_all(&cfg)?;
    RollupRange::export_all(&cfg)?;
    roomlens::analytics::attention::Attention::export_all(&cfg)?;
    roomlens::analytics::breakout_rollups::MainRoomBreakouts::export_all(&cfg)?;
    PersonSessionsArgs::export_all(&cfg)?;
    roomlens::analytics::person_sessions::PersonSession::export_all(&cfg)?;
    RoomTrendsArgs::export_all(&cfg)?;
    RoomTrendsView::export_all(&cfg)?;
    SaveRollupCsvArgs::export_all(&cfg)?;
    SaveRollupPdfArgs::export_all(&cfg)?;
    roomlens::kaltura::EmailExportAccepted::export_all(&cfg)?;
    roomlens::dashboard::charts::DashboardCharts::export_all(&cfg)?;
    roomlens::dashboard::RoomSeen::export_all(&cfg)?;
    Ok(())
}

/// The `.ts` files of `dir` by name.
fn contract_files(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| entry.path().extension().is_some_and(|e| e == "ts"))
        .filter_map(|entry| {
            let text = std::fs::read_to_string(entry.path()).ok()?;
            Some((entry.file_name().to_string_lossy().into_owned(), text))
        })
        .collect()
}

#[test]
fn the_page_types_are_generated_from_the_rust_types() {
    let generated = std::env::temp_dir().join(format!("roomlens-contract-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&generated);
    export_contract(&generated).unwrap();
    let fresh = contract_files(&generated);
    let committed_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/contract");
    if std::env::var_os("ROOMLENS_WRITE_CONTRACT").is_some() {
        let _ = std::fs::remove_dir_all(&committed_dir);
        std::fs::create_dir_all(&committed_dir).unwrap();
        for (name, text) in &fresh {
            std::fs::write(committed_dir.join(name), text).unwrap();
        }
    }
    let committed = contract_files(&committed_dir);
    std::fs::remove_dir_all(&generated).unwrap();
    assert!(fresh.len() >= 20, "only {} types generated", fresh.len());
    assert_eq!(
        committed.keys().collect::<Vec<_>>(),
        fresh.keys().collect::<Vec<_>>(),
        "ui/contract/ is out of date: run ROOMLENS_WRITE_CONTRACT=1 cargo test -p roomlens-app contract"
    );
    for (name, text) in &fresh {
        assert_eq!(
            committed.get(name),
            Some(text),
            "ui/contract/{name} is out of date: run ROOMLENS_WRITE_CONTRACT=1 cargo test -p roomlens-app contract"
        );
    }
}

/// The reports' metadata exactly as `bootstrap` sends it, for the page's unit tests
/// (tests/ui/report-meta.json): they test the page against what Rust says, not a copy.
#[test]
fn the_page_tests_use_the_report_metadata_rust_sends() {
    let fresh = serde_json::to_string_pretty(&roomlens::table_view::report_meta()).unwrap() + "\n";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui/report-meta.json");
    if std::env::var_os("ROOMLENS_WRITE_CONTRACT").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        committed, fresh,
        "tests/ui/report-meta.json is out of date: run ROOMLENS_WRITE_CONTRACT=1 cargo test -p roomlens-app contract"
    );
}
