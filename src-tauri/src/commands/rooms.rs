//! Rooms commands: the rooms seen in the open reports, and one session's dashboard fetched for
//! an account (kept in memory, so coming back to a session needs no new fetch, and in the
//! library, whose copy is shown when Kaltura cannot be reached) — all computed by the core
//! (`roomlens::dashboard`, `roomlens::library`). Charts are drawn by the core too; these commands only carry.
//! A dashboard shown from the library never asks Kaltura: its minute-by-minute strips are refused.

use super::accounts::client_for;
use super::chart_files::save_chart_file;
use super::files::SaveResult;
use crate::blocking_work::off_main_thread;
use crate::native_dialog::SaveAs;
use crate::session_dashboards::{KeptCopy, KeptWhy, Loaded};
use crate::state::AppState;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use roomlens::atomic_file::write_atomically;
use roomlens::cancel::CancelToken;
use roomlens::dashboard::charts::{
    dashboard_charts, person_strip, ChartView, DashboardCharts, ImageFormat,
};
use roomlens::dashboard::person_heatmap::{
    fetch_people_heatmaps, fetch_person_heatmap, minutes_code,
};
use roomlens::dashboard::session_dashboard::{AttendeeProfile, RecordingFigures};
use roomlens::dashboard::session_tables::{session_table, SessionTable};
use roomlens::dashboard::{
    fetch_session_dashboard, rooms_seen_of, DashboardRequest, RoomSeen, SessionDashboard,
};
use roomlens::export::{table_csv_bytes, ExportOptions};
use roomlens::reports::ReportRows;
use roomlens::{Error, ErrorCategory, ErrorCode};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::Arc;
use tauri::{AppHandle, Manager, State};

#[tauri::command(rename_all = "snake_case")]
pub async fn list_rooms(app: AppHandle) -> Result<Vec<RoomSeen>, Error> {
    off_main_thread(&app, |state| {
        let open: Vec<_> = state.reports.all().iter().map(|r| r.rows()).collect();
        let reports: Vec<&dyn ReportRows> = open.iter().map(|r| r.as_ref()).collect();
        rooms_seen_of(&reports, &CancelToken::new())
    })
    .await
}

#[derive(Deserialize, ts_rs::TS)]
pub struct DashboardArgs {
    account_id: String,
    room_id: String,
    /// `None`: the newest session that has ended.
    session_id: Option<String>,
}

/// A session's dashboard for the page: the figures, and each attendee's profile (aligned with
/// `attendees`) for the details shown on hover.
#[derive(Serialize, ts_rs::TS)]
pub struct DashboardView {
    #[serde(flatten)]
    dashboard: SessionDashboard,
    profiles: Vec<AttendeeProfile>,
    /// The recording's figures, when the room has a recording.
    recording: Option<RecordingFigures>,
    /// Whether it was kept from earlier in this run rather than fetched now.
    from_memory: bool,
    /// The library's copy this is, when it is one (Kaltura could not be reached, or it was
    /// opened from the Library screen); `None`: Kaltura's answer.
    kept: Option<KeptCopy>,
    /// The account id that names this session in later requests (`LoadedSession`): the account's
    /// own, or the library's for a copy opened from the Library screen.
    account_id: String,
    /// Attendees Kaltura counted but does not list (past its 12,000 rows).
    attendees_unlisted: u64,
}

/// What the page is sent for `loaded`, loaded under `account_id`.
pub(crate) fn view(account_id: &str, loaded: &Loaded, from_memory: bool) -> DashboardView {
    let dashboard = &loaded.dashboard;
    DashboardView {
        profiles: dashboard
            .attendees
            .iter()
            .map(|a| a.profile.clone())
            .collect(),
        recording: dashboard.recording.clone(),
        attendees_unlisted: dashboard.attendees_unlisted,
        dashboard: SessionDashboard::clone(dashboard),
        from_memory,
        kept: loaded.kept.clone(),
        account_id: account_id.to_owned(),
    }
}

#[tauri::command(rename_all = "snake_case")]
pub async fn session_dashboard(
    app: AppHandle,
    state: State<'_, AppState>,
    request: DashboardArgs,
) -> Result<DashboardView, Error> {
    let room_id = request.room_id.trim().to_owned();
    if room_id.is_empty() {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            "Type a room ID, such as 1_abcd1234, or pick a room from the list.",
        ));
    }
    let session_id = request
        .session_id
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty());
    let key = (
        request.account_id.clone(),
        room_id.clone(),
        session_id.clone(),
    );
    if let Some(loaded) = state.dashboards.get(&key) {
        return Ok(view(&request.account_id, &loaded, true));
    }
    let (client, account_name) = client_for(&app, &request.account_id).await?;
    let cancel = state.dashboard_fetch.start();
    let dashboard = fetch_session_dashboard(
        &client,
        &DashboardRequest {
            room_id,
            session_id,
            zone: TimeZone::system(),
        },
        &cancel,
    )
    .await;
    state.dashboard_fetch.finish(&cancel);
    let dashboard = match dashboard {
        Ok(dashboard) => Arc::new(dashboard),
        // Kaltura out of reach: the copy the library keeps, said as such.
        Err(error) if error.code.category() == ErrorCategory::Network => {
            let (room, session) = (key.1.clone(), key.2.clone());
            let kept = off_main_thread(&app, move |state| {
                state.library.with(|library| {
                    library.find_dashboard(&account_name, &room, session.as_deref())
                })
            })
            .await
            .ok()
            .flatten();
            let Some((info, dashboard)) = kept else {
                return Err(error);
            };
            let loaded = Loaded {
                dashboard: Arc::new(dashboard),
                kept: Some(KeptCopy::of(&info, KeptWhy::KalturaUnreachable)),
            };
            state.dashboards.keep(key, loaded.clone());
            return Ok(view(&request.account_id, &loaded, false));
        }
        Err(error) => return Err(error),
    };
    let loaded = Loaded {
        dashboard: Arc::clone(&dashboard),
        kept: None,
    };
    state.dashboards.keep(key, loaded.clone());
    keep_dashboard(&app, account_name, dashboard);
    Ok(view(&request.account_id, &loaded, false))
}

/// Keeps a fetched dashboard in the library on a background thread (it is on screen already);
/// a failure is noted for the Library screen, never shown as the fetch's.
fn keep_dashboard(app: &AppHandle, account_name: String, dashboard: Arc<SessionDashboard>) {
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let kept = state.library.with(|library| {
            library.add_dashboard(&account_name, &dashboard, Timestamp::now().as_second())
        });
        if let Err(error) = kept {
            state.library.note_problem(&error);
        }
    });
}

/// Which loaded session a request is about: the account, room and session of a dashboard
/// `session_dashboard` returned.
#[derive(Deserialize, ts_rs::TS)]
pub struct LoadedSession {
    pub(crate) account_id: String,
    room_id: String,
    session_id: String,
}

impl LoadedSession {
    /// The dashboard kept for this session, or a plain error when it is no longer kept.
    pub(crate) fn dashboard(&self, state: &AppState) -> Result<Arc<SessionDashboard>, Error> {
        Ok(self.loaded(state)?.dashboard)
    }

    /// The dashboard kept for this session with where it came from, or a plain error when it
    /// is no longer kept.
    pub(crate) fn loaded(&self, state: &AppState) -> Result<Loaded, Error> {
        let key = (
            self.account_id.clone(),
            self.room_id.trim().to_owned(),
            Some(self.session_id.trim().to_owned()),
        );
        if let Some(loaded) = state.dashboards.get(&key) {
            return Ok(loaded);
        }
        // A copy opened from the library and since let go of is read from the library again.
        if let Some(id) = crate::library_dashboards::kept_dashboard_id(&self.account_id) {
            return Ok(crate::library_dashboards::load_kept_dashboard(state, id)?.1);
        }
        Err(Error::new(
            ErrorCode::InvalidInput,
            "This session is no longer loaded. Pick it again in the session list.",
        ))
    }

    /// The dashboard of this session when Kaltura may be asked about it: one shown from the
    /// library is refused, in words, before any network call.
    fn live(&self, state: &AppState) -> Result<Arc<SessionDashboard>, Error> {
        let loaded = self.loaded(state)?;
        if loaded.kept.is_some() {
            return Err(Error::new(
                ErrorCode::InvalidInput,
                "The minute-by-minute engagement comes from Kaltura and is not part of the copy kept in the library. Show the session again on Rooms when Kaltura can be reached.",
            ));
        }
        Ok(loaded.dashboard)
    }
}

#[derive(Deserialize, ts_rs::TS)]
pub struct ChartsArgs {
    #[serde(flatten)]
    session: LoadedSession,
    /// Draw for the dark theme.
    dark: bool,
}

/// The charts of a session already loaded (`session_dashboard`), drawn in Rust for the page.
#[tauri::command(rename_all = "snake_case")]
pub async fn session_charts(app: AppHandle, request: ChartsArgs) -> Result<DashboardCharts, Error> {
    off_main_thread(&app, move |state| {
        let dashboard = request.session.dashboard(state)?;
        dashboard_charts(&dashboard, &TimeZone::system(), request.dark)
    })
    .await
}

#[derive(Deserialize, ts_rs::TS)]
pub struct HeatmapArgs {
    #[serde(flatten)]
    session: LoadedSession,
    user_id: String,
    dark: bool,
}

/// One attendee's engagement strip in a session already loaded: asked of Kaltura (report 60011
/// for that person), drawn in Rust.
#[tauri::command(rename_all = "snake_case")]
pub async fn attendee_heatmap(
    app: AppHandle,
    state: State<'_, AppState>,
    request: HeatmapArgs,
) -> Result<ChartView, Error> {
    let dashboard = request.session.live(&state)?;
    let (client, _) = client_for(&app, &request.session.account_id).await?;
    let minutes =
        fetch_person_heatmap(&client, &dashboard, &request.user_id, &CancelToken::new()).await?;
    let name = dashboard
        .attendees
        .iter()
        .find(|a| a.user_id == request.user_id)
        .map_or(request.user_id.as_str(), |a| a.name.as_str())
        .to_owned();
    off_main_thread(&app, move |_| {
        person_strip(
            &dashboard,
            &name,
            &minutes,
            &TimeZone::system(),
            request.dark,
        )
    })
    .await
}

#[derive(Deserialize, ts_rs::TS)]
pub struct StripsArgs {
    #[serde(flatten)]
    session: LoadedSession,
    /// The people whose minutes are wanted (at most `MAX_PEOPLE_PER_ASK`): those in view.
    user_ids: Vec<String>,
}

/// One attendee's minutes for the engagement table's strip.
#[derive(Serialize, ts_rs::TS)]
pub struct AttendeeStrip {
    user_id: String,
    /// One character per minute from the session's start: `0` away, `1` present, `2` engaged.
    minutes: String,
}

/// The minute-by-minute strips of the attendees in view, asked of Kaltura (report 60011, one
/// call per person, all in shared multirequests); the page paints and keeps them.
#[tauri::command(rename_all = "snake_case")]
pub async fn attendee_strips(
    app: AppHandle,
    state: State<'_, AppState>,
    request: StripsArgs,
) -> Result<Vec<AttendeeStrip>, Error> {
    let dashboard = request.session.live(&state)?;
    let (client, _) = client_for(&app, &request.session.account_id).await?;
    let heatmaps =
        fetch_people_heatmaps(&client, &dashboard, &request.user_ids, &CancelToken::new()).await?;
    Ok(request
        .user_ids
        .into_iter()
        .zip(heatmaps)
        .map(|(user_id, minutes)| AttendeeStrip {
            user_id,
            minutes: minutes_code(&minutes),
        })
        .collect())
}

/// Writes what `bytes` makes, atomically and off the main thread, to the path the person chose
/// in a save dialog (`None`: they cancelled, and nothing is written).
async fn save_to(
    app: &AppHandle,
    chosen: Option<PathBuf>,
    bytes: impl FnOnce() -> Vec<u8> + Send + 'static,
) -> Result<SaveResult, Error> {
    let Some(path) = chosen else {
        return Ok(SaveResult::cancelled());
    };
    let shown = path.display().to_string();
    off_main_thread(app, move |_| write_atomically(&path, &bytes())).await?;
    Ok(SaveResult::saved(shown))
}

#[derive(Deserialize, ts_rs::TS)]
pub struct SaveTableArgs {
    #[serde(flatten)]
    session: LoadedSession,
    table: SessionTable,
    options: ExportOptions,
}

/// Saves one of a loaded session's tables as CSV through the system's save dialog.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_session_table(
    app: AppHandle,
    state: State<'_, AppState>,
    request: SaveTableArgs,
) -> Result<SaveResult, Error> {
    let dashboard = request.session.dashboard(&state)?;
    let suggested = format!(
        "{}-{}-{}.csv",
        dashboard.room.id,
        dashboard.session.id,
        request.table.slug()
    );
    let chosen = state
        .dialogs
        .choose_save_path(&app, suggested, SaveAs::Csv)
        .await?;
    save_to(&app, chosen, move || {
        let (header, rows) = session_table(&dashboard, request.table, request.options.headers);
        table_csv_bytes(&header, &rows, &request.options)
    })
    .await
}

#[derive(Deserialize, ts_rs::TS)]
pub struct SaveChartArgs {
    #[serde(flatten)]
    session: LoadedSession,
    /// "timeline", "countries", "devices" or "recording_plays".
    chart: String,
    format: ImageFormat,
    dark: bool,
}

/// Saves one of a loaded session's charts as an SVG or PNG image through the system's save
/// dialog.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_session_chart(
    app: AppHandle,
    state: State<'_, AppState>,
    request: SaveChartArgs,
) -> Result<SaveResult, Error> {
    let dashboard = request.session.dashboard(&state)?;
    let suggested = format!(
        "{}-{}-{}.{}",
        dashboard.room.id,
        dashboard.session.id,
        request.chart,
        request.format.extension()
    );
    save_chart_file(&app, &state, suggested, request.format, move |_| {
        let charts = dashboard_charts(&dashboard, &TimeZone::system(), request.dark)?;
        match request.chart.as_str() {
            "timeline" => Some(charts.timeline),
            "countries" => Some(charts.countries),
            "devices" => Some(charts.devices),
            "recording_plays" => charts.recording_plays,
            _ => None,
        }
        .ok_or_else(|| Error::new(ErrorCode::InvalidInput, "This session has no such chart."))
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub fn cancel_dashboard(state: State<'_, AppState>) {
    state.dashboard_fetch.cancel();
}
