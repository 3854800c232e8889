//! PDF reports: a session's ("Download report": the save dialog first, then the minutes of the
//! heatmap's attendees fetched and the PDF made by the core; a copy the library kept is printed
//! without asking Kaltura) and an open custom report's (its cards and table, every row or the
//! first pages); both written atomically off the main thread and stopped by `cancel_pdf`; and the
//! paper a locale usually prints on, for the sheets' default. Layout and wording are the core's
//! (`session_pdf`, `report_pdf`); these only carry.

use super::accounts::client_for;
use super::files::SaveResult;
use super::rooms::LoadedSession;
use crate::blocking_work::off_main_thread;
use crate::loaded_reports::ReportSource;
use crate::native_dialog::SaveAs;
use crate::state::AppState;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use roomlens::atomic_file::write_atomically;
use roomlens::dashboard::session_pdf::{
    fetch_heatmap_minutes, kept_session_pdf, session_pdf, Paper, SessionPdfOptions,
};
use roomlens::library::SnapshotSource;
use roomlens::report_pdf::{report_pdf, ReportPdfOptions};
use roomlens::Error;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};

/// The paper of a PDF, as the page names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum PaperChoice {
    A4,
    Letter,
}

impl From<PaperChoice> for Paper {
    fn from(choice: PaperChoice) -> Paper {
        match choice {
            PaperChoice::A4 => Paper::A4,
            PaperChoice::Letter => Paper::Letter,
        }
    }
}

/// The paper usually printed on where `locale` (the page's `navigator.language`) is.
#[tauri::command(rename_all = "snake_case")]
pub fn paper_for_locale(locale: String) -> PaperChoice {
    match Paper::for_locale(&locale) {
        Paper::A4 => PaperChoice::A4,
        Paper::Letter => PaperChoice::Letter,
    }
}

#[derive(Deserialize, ts_rs::TS)]
pub struct SavePdfArgs {
    #[serde(flatten)]
    session: LoadedSession,
    paper: PaperChoice,
}

/// Asks where to save the loaded session's PDF, then makes and writes it. Cancelled while the
/// minutes are fetched (`cancel_pdf`), it writes nothing and says so as a `cancelled` error.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_session_pdf(
    app: AppHandle,
    state: State<'_, AppState>,
    request: SavePdfArgs,
) -> Result<SaveResult, Error> {
    let loaded = request.session.loaded(&state)?;
    let dashboard = loaded.dashboard;
    let suggested = format!("{}-{}.pdf", dashboard.room.id, dashboard.session.id);
    let chosen = state
        .dialogs
        .choose_save_path(&app, suggested, SaveAs::Pdf)
        .await?;
    let Some(path) = chosen else {
        return Ok(SaveResult::cancelled());
    };
    let shown = path.display().to_string();
    if let Some(kept) = loaded.kept {
        // The library's copy: made from the file alone, Kaltura not asked.
        let options = SessionPdfOptions {
            paper: request.paper.into(),
            zone: TimeZone::system(),
            account_name: kept.account_name,
            generated_at: Timestamp::now(),
        };
        let kept_at = Timestamp::from_second(kept.fetched_at).unwrap_or(Timestamp::UNIX_EPOCH);
        off_main_thread(&app, move |_| {
            let bytes = kept_session_pdf(&dashboard, kept_at, &options)?;
            write_atomically(&path, &bytes)
        })
        .await?;
        return Ok(SaveResult::saved(shown));
    }
    let (client, account_name) = client_for(&app, &request.session.account_id).await?;
    let cancel = state.pdf_export.start();
    let minutes = fetch_heatmap_minutes(&client, &dashboard, &cancel).await;
    state.pdf_export.finish(&cancel);
    let minutes = minutes?;
    let options = SessionPdfOptions {
        paper: request.paper.into(),
        zone: TimeZone::system(),
        account_name,
        generated_at: Timestamp::now(),
    };
    off_main_thread(&app, move |_| {
        let bytes = session_pdf(&dashboard, &minutes, &options)?;
        write_atomically(&path, &bytes)
    })
    .await?;
    Ok(SaveResult::saved(shown))
}

#[derive(Deserialize, ts_rs::TS)]
pub struct ReportPdfArgs {
    report_id: u64,
    paper: PaperChoice,
    /// The table on at most this many pages; `None`: every row.
    pages: Option<u32>,
}

/// Where an open report came from, as a sentence for the PDF.
/// IDs of each filter named in the PDF's source sentence; the rest are counted.
const FILTER_IDS_SHOWN: usize = 5;

fn source_sentence(source: &ReportSource, zone: &TimeZone) -> String {
    let day = |seconds: i64| {
        Timestamp::from_second(seconds).map_or_else(
            |_| seconds.to_string(),
            |t| t.to_zoned(zone.clone()).strftime("%-d %b %Y").to_string(),
        )
    };
    match source {
        ReportSource::Fetch {
            account_name,
            from_unix,
            to_unix,
        } => format!(
            "Fetched from {account_name} for {} – {}",
            day(*from_unix),
            // The range's end is exclusive: its last day is the one before.
            day(to_unix.saturating_sub(1))
        ),
        ReportSource::File { file_name } => format!("Opened from {file_name}"),
        ReportSource::Kept { source, .. } => match source {
            SnapshotSource::Fetch {
                account_name,
                from_unix,
                to_unix,
                ..
            } => format!(
                "Fetched from {account_name} for {} – {} (from the library)",
                day(*from_unix),
                day(to_unix.saturating_sub(1))
            ),
            SnapshotSource::File { file_name, .. } => {
                format!("Opened from {file_name} (from the library)")
            }
        },
    }
}

/// Asks where to save the open report's PDF, then makes and writes it.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_report_pdf(
    app: AppHandle,
    state: State<'_, AppState>,
    request: ReportPdfArgs,
) -> Result<SaveResult, Error> {
    let loaded = state.reports.get(request.report_id)?;
    let today = jiff::Zoned::now().date();
    let suggested = format!("{}-{today}.pdf", loaded.rows().kind().slug());
    let Some(path) = state
        .dialogs
        .choose_save_path(&app, suggested, SaveAs::Pdf)
        .await?
    else {
        return Ok(SaveResult::cancelled());
    };
    let zone = TimeZone::system();
    let options = ReportPdfOptions {
        paper: request.paper.into(),
        source: source_sentence(&loaded.source, &zone),
        filters: loaded
            .fetched_with
            .as_ref()
            .and_then(|f| f.request.filters.in_words(FILTER_IDS_SHOWN)),
        zone,
        generated_at: Timestamp::now(),
        table_pages: request.pages.map(|n| n as usize),
    };
    let cancel = state.pdf_export.start();
    let shown = path.display().to_string();
    let made = off_main_thread(&app, {
        let cancel = cancel.clone();
        move |_| {
            let bytes = report_pdf(loaded.rows().as_ref(), &options, &cancel)?;
            write_atomically(&path, &bytes)
        }
    })
    .await;
    state.pdf_export.finish(&cancel);
    made?;
    Ok(SaveResult::saved(shown))
}

/// Stops the PDF being made, if one is.
#[tauri::command(rename_all = "snake_case")]
pub fn cancel_pdf(state: State<'_, AppState>) {
    state.pdf_export.cancel();
}
