//! The Library screen's rollups: people across everything kept (searched from three letters,
//! sorted, the first rows sent) and one person's sessions, rooms week by week or month by month
//! with the way each room's audience is going, what needs attention, breakout rooms per main
//! room — and any of them saved as CSV or PDF through the system's save dialog, atomically. Counting is the core's (`analytics`) over the kept rows (`kept_rows_cache`);
//! these pick, order and carry.

use super::chart_files::save_chart_file;
use super::files::SaveResult;
use super::pdf_reports::PaperChoice;
use crate::blocking_work::off_main_thread;
use crate::kept_rows_cache::KeptRows;
use crate::native_dialog::SaveAs;
use crate::state::AppState;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use roomlens::analytics::attention::{attention, Attention};
use roomlens::analytics::breakout_rollups::{breakout_rollup, MainRoomBreakouts};
use roomlens::analytics::people_search::{find_people, PeopleOrder};
use roomlens::analytics::person_sessions::{person_sessions, PersonSession};
use roomlens::analytics::rollups::{
    people, room_trends, PersonRollup, RollupScope, RoomPeriod, TrendPeriod,
};
use roomlens::analytics::room_direction::{room_directions, RoomDirection};
use roomlens::atomic_file::write_atomically;
use roomlens::cancel::CancelToken;
use roomlens::chart_view::{ChartView, ImageFormat, ThemeKind};
use roomlens::export::ExportOptions;
use roomlens::rollup_charts::{room_trend_chart, top_rooms_chart};
use roomlens::rollup_pdf::{rollup_pdf, RollupPdfOptions};
use roomlens::rollup_tables::{
    breakouts_table, engagement_drops_table, people_table, person_sessions_table,
    room_trends_table, session_drops_table, CellStyle, RollupTable,
};
use roomlens::Error;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use tauri::{AppHandle, State};

/// People sent to the page when it does not say how many; *Show more* asks for more.
const PEOPLE_SHOWN: usize = 500;

/// People sent to the page at most, however many it asks for (a table that long is for a search
/// or the saved CSV, which holds everyone).
const PEOPLE_MOST: usize = 20_000;

/// Which kept rows a rollup counts.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
pub struct RollupRange {
    /// Sessions that started in the last this many days; `None`: everything kept.
    #[serde(default)]
    days: Option<u32>,
    /// One room only.
    #[serde(default)]
    room_id: Option<String>,
}

impl RollupRange {
    fn scope(&self, now: Timestamp) -> RollupScope {
        RollupScope {
            from: self
                .days
                .map(|d| now.as_second().saturating_sub(i64::from(d) * 86_400)),
            to: None,
            room_id: self.room_id.clone().filter(|r| !r.trim().is_empty()),
        }
    }

    /// What the rows count, as a sentence for a PDF.
    fn in_words(&self) -> String {
        let when = match self.days {
            Some(d) => format!("sessions of the last {d} days"),
            None => "every session kept".to_owned(),
        };
        match self.room_id.as_deref().filter(|r| !r.trim().is_empty()) {
            Some(room) => format!("Counted from the library: {when}, room {room}."),
            None => format!("Counted from the library: {when}."),
        }
    }
}

#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
pub struct PeopleArgs {
    range: RollupRange,
    /// The search box as typed; shorter than three letters finds everyone.
    #[serde(default)]
    search: String,
    #[serde(default)]
    order: PeopleOrder,
    /// How many people to send (500 when absent, at most 20,000).
    #[serde(default)]
    shown: Option<u32>,
}

impl PeopleArgs {
    /// How many of the matching people to send.
    fn shown(&self) -> usize {
        self.shown
            .map_or(PEOPLE_SHOWN, |n| usize::try_from(n).unwrap_or(PEOPLE_MOST))
            .clamp(1, PEOPLE_MOST)
    }
}

#[derive(Serialize, ts_rs::TS)]
pub struct PeopleView {
    /// The first matching people in the order asked.
    people: Vec<PersonRollup>,
    /// People matching the search, and people in the range.
    matched: u64,
    total: u64,
    /// Attendances left out because no kept Room data report dates their session.
    undated: u64,
    /// The search these answer (the page drops answers for an older one).
    search: String,
}

/// The people of `rows` within `args`, matching its search, in its order; with how many people
/// the range holds and how many attendances it left out undated.
fn people_of(rows: &KeptRows, args: &PeopleArgs, now: Timestamp) -> (Vec<PersonRollup>, u64, u64) {
    let rollup = people(&rows.attendances, &args.range.scope(now));
    let total = rollup.people.len() as u64;
    (
        find_people(rollup.people, &args.search, args.order),
        total,
        rollup.undated,
    )
}

/// Everyone across the kept Attendees reports in the range, most minutes first (or as asked).
#[tauri::command(rename_all = "snake_case")]
pub async fn library_people(app: AppHandle, request: PeopleArgs) -> Result<PeopleView, Error> {
    off_main_thread(&app, move |state| {
        let rows = kept_rows(state)?;
        let (mut found, total, undated) = people_of(&rows, &request, Timestamp::now());
        let matched = found.len() as u64;
        found.truncate(request.shown());
        Ok(PeopleView {
            people: found,
            matched,
            total,
            undated,
            search: request.search,
        })
    })
    .await
}

#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
pub struct PersonSessionsArgs {
    range: RollupRange,
    /// The person's key, as `library_people` sent it.
    person: String,
}

/// Every kept session of one person in the range, newest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn library_person_sessions(
    app: AppHandle,
    request: PersonSessionsArgs,
) -> Result<Vec<PersonSession>, Error> {
    off_main_thread(&app, move |state| {
        let rows = kept_rows(state)?;
        Ok(person_sessions(
            &rows.attendances,
            &rows.sessions,
            &request.person,
            &request.range.scope(Timestamp::now()),
        ))
    })
    .await
}

/// Rooms in the small-multiples chart.
const TOP_ROOMS: usize = 9;

#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
pub struct RoomTrendsArgs {
    range: RollupRange,
    period: TrendPeriod,
    /// The room whose own trend chart is wanted too.
    #[serde(default)]
    room_id: Option<String>,
    dark: bool,
}

#[derive(Serialize, ts_rs::TS)]
pub struct RoomTrendsView {
    /// Each room, the rooms losing most of their audience first.
    rooms: Vec<RoomDirection>,
    /// Each room per period, by room, oldest period first.
    periods: Vec<RoomPeriod>,
    /// The rooms with the most unique attendees, side by side on one scale.
    top_rooms: ChartView,
    /// The asked room's unique attendees and engagement per period.
    room_chart: Option<ChartView>,
}

fn theme(dark: bool) -> ThemeKind {
    if dark {
        ThemeKind::Dark
    } else {
        ThemeKind::Light
    }
}

fn zone_name(zone: &TimeZone) -> String {
    zone.iana_name().unwrap_or("local time").to_owned()
}

/// Each main room per week or month, and which way its audience is going, with the charts.
#[tauri::command(rename_all = "snake_case")]
pub async fn library_room_trends(
    app: AppHandle,
    request: RoomTrendsArgs,
) -> Result<RoomTrendsView, Error> {
    off_main_thread(&app, move |state| {
        let rows = kept_rows(state)?;
        let zone = TimeZone::system();
        let periods = room_periods(&rows, request.period, &request.range, &zone);
        let top_rooms = top_rooms_chart(
            &periods,
            request.period,
            &zone_name(&zone),
            theme(request.dark),
            TOP_ROOMS,
        )?;
        let room_chart = match request.room_id.as_deref() {
            Some(room) if periods.iter().any(|p| p.room_id == room) => Some(room_trend_chart(
                &periods,
                room,
                request.period,
                &zone_name(&zone),
                theme(request.dark),
            )?),
            _ => None,
        };
        Ok(RoomTrendsView {
            rooms: room_directions(&periods),
            periods,
            top_rooms,
            room_chart,
        })
    })
    .await
}

/// Which rooms-over-time chart to save.
#[derive(Debug, Clone, Copy, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum RollupChart {
    TopRooms,
    Room,
}

#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
pub struct SaveRollupChartArgs {
    range: RollupRange,
    period: TrendPeriod,
    #[serde(default)]
    room_id: Option<String>,
    chart: RollupChart,
    format: ImageFormat,
}

/// Saves the top rooms chart or a room's trend as SVG or PNG (drawn light, for documents).
#[tauri::command(rename_all = "snake_case")]
pub async fn save_rollup_chart(
    app: AppHandle,
    state: State<'_, AppState>,
    request: SaveRollupChartArgs,
) -> Result<SaveResult, Error> {
    let name = match request.chart {
        RollupChart::TopRooms => "top-rooms",
        RollupChart::Room => "room-trend",
    };
    let suggested = format!("{name}.{}", request.format.extension());
    save_chart_file(&app, &state, suggested, request.format, move |state| {
        let rows = kept_rows(state)?;
        let zone = TimeZone::system();
        let periods = room_periods(&rows, request.period, &request.range, &zone);
        match (request.chart, request.room_id.as_deref()) {
            (RollupChart::Room, Some(room)) => room_trend_chart(
                &periods,
                room,
                request.period,
                &zone_name(&zone),
                ThemeKind::Light,
            ),
            _ => top_rooms_chart(
                &periods,
                request.period,
                &zone_name(&zone),
                ThemeKind::Light,
                TOP_ROOMS,
            ),
        }
    })
    .await
}

/// Sessions that fell against their room, and people whose engagement dropped.
#[tauri::command(rename_all = "snake_case")]
pub async fn library_attention(app: AppHandle, range: RollupRange) -> Result<Attention, Error> {
    off_main_thread(&app, move |state| {
        let rows = kept_rows(state)?;
        Ok(attention(
            &rows.sessions,
            &rows.attendances,
            &range.scope(Timestamp::now()),
        ))
    })
    .await
}

/// Breakout rooms against their main sessions, per main room.
#[tauri::command(rename_all = "snake_case")]
pub async fn library_breakouts(
    app: AppHandle,
    range: RollupRange,
) -> Result<Vec<MainRoomBreakouts>, Error> {
    off_main_thread(&app, move |state| {
        let rows = kept_rows(state)?;
        Ok(breakout_rollup(
            &rows.sessions,
            &rows.breakouts,
            &rows.attendances,
            &range.scope(Timestamp::now()),
        ))
    })
    .await
}

/// A rollup table to save.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(tag = "table", rename_all = "snake_case")]
pub enum RollupChoice {
    /// Every person matching the search (not only those shown).
    People {
        #[serde(default)]
        search: String,
        #[serde(default)]
        order: PeopleOrder,
    },
    /// One person's sessions; `who` names them in the title.
    PersonSessions {
        person: String,
        who: String,
    },
    Rooms {
        period: TrendPeriod,
    },
    AttentionSessions,
    AttentionPeople,
    Breakouts,
}

impl RollupChoice {
    fn slug(&self) -> &'static str {
        match self {
            RollupChoice::People { .. } => "people",
            RollupChoice::PersonSessions { .. } => "person-sessions",
            RollupChoice::Rooms { .. } => "rooms",
            RollupChoice::AttentionSessions => "sessions-below-usual",
            RollupChoice::AttentionPeople => "engagement-drops",
            RollupChoice::Breakouts => "breakouts",
        }
    }
}

#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
pub struct SaveRollupCsvArgs {
    range: RollupRange,
    rollup: RollupChoice,
    options: ExportOptions,
}

#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
pub struct SaveRollupPdfArgs {
    range: RollupRange,
    rollup: RollupChoice,
    paper: PaperChoice,
}

/// The chosen rollup as a table for `style`, with the charts its PDF shows above the table
/// (drawn light; Rooms over time has the top rooms) when `charts` is asked.
fn rollup_table(
    state: &AppState,
    range: &RollupRange,
    rollup: &RollupChoice,
    style: CellStyle,
    charts: bool,
) -> Result<(RollupTable, Vec<ChartView>), Error> {
    let rows = kept_rows(state)?;
    let zone = TimeZone::system();
    let now = Timestamp::now();
    let table = match rollup {
        RollupChoice::People { search, order } => {
            let args = PeopleArgs {
                range: range.clone(),
                search: search.clone(),
                order: *order,
                shown: None,
            };
            people_table(&people_of(&rows, &args, now).0, &zone, style)
        }
        RollupChoice::PersonSessions { person, who } => {
            let sessions =
                person_sessions(&rows.attendances, &rows.sessions, person, &range.scope(now));
            person_sessions_table(who, &sessions, &zone, style)
        }
        RollupChoice::Rooms { period } => {
            let periods = room_periods(&rows, *period, range, &zone);
            let top_rooms = if charts {
                vec![top_rooms_chart(
                    &periods,
                    *period,
                    &zone_name(&zone),
                    ThemeKind::Light,
                    TOP_ROOMS,
                )?]
            } else {
                Vec::new()
            };
            return Ok((room_trends_table(&periods, *period, style), top_rooms));
        }
        RollupChoice::AttentionSessions | RollupChoice::AttentionPeople => {
            let found = attention(&rows.sessions, &rows.attendances, &range.scope(now));
            if matches!(rollup, RollupChoice::AttentionSessions) {
                session_drops_table(&found.sessions, &zone, style)
            } else {
                engagement_drops_table(&found.people, &zone, style)
            }
        }
        RollupChoice::Breakouts => {
            let rooms = breakout_rollup(
                &rows.sessions,
                &rows.breakouts,
                &rows.attendances,
                &range.scope(now),
            );
            breakouts_table(&rooms, style)
        }
    };
    Ok((table, Vec::new()))
}

/// Each main room of `rows` per `period` within `range`, in `zone`.
fn room_periods(
    rows: &KeptRows,
    period: TrendPeriod,
    range: &RollupRange,
    zone: &TimeZone,
) -> Vec<RoomPeriod> {
    room_trends(
        &rows.sessions,
        &rows.attendances,
        period,
        zone,
        &range.scope(Timestamp::now()),
    )
}

fn kept_rows(state: &AppState) -> Result<Arc<KeptRows>, Error> {
    state.kept_rows.rows(&state.library, &CancelToken::new())
}

/// Saves a rollup's table as CSV through the system's save dialog.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_rollup_csv(
    app: AppHandle,
    state: State<'_, AppState>,
    request: SaveRollupCsvArgs,
) -> Result<SaveResult, Error> {
    let today = jiff::Zoned::now().date();
    let suggested = format!("{}-{today}.csv", request.rollup.slug());
    let Some(path) = state
        .dialogs
        .choose_save_path(&app, suggested, SaveAs::Csv)
        .await?
    else {
        return Ok(SaveResult::cancelled());
    };
    let shown = path.display().to_string();
    off_main_thread(&app, move |state| {
        let (table, _) = rollup_table(
            state,
            &request.range,
            &request.rollup,
            CellStyle::Spreadsheet,
            false,
        )?;
        write_atomically(&path, &table.csv_bytes(&request.options))
    })
    .await?;
    Ok(SaveResult::saved(shown))
}

/// Saves a rollup's table as a PDF through the system's save dialog.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_rollup_pdf(
    app: AppHandle,
    state: State<'_, AppState>,
    request: SaveRollupPdfArgs,
) -> Result<SaveResult, Error> {
    let today = jiff::Zoned::now().date();
    let suggested = format!("{}-{today}.pdf", request.rollup.slug());
    let Some(path) = state
        .dialogs
        .choose_save_path(&app, suggested, SaveAs::Pdf)
        .await?
    else {
        return Ok(SaveResult::cancelled());
    };
    let shown = path.display().to_string();
    let cancel = state.pdf_export.start();
    let made = off_main_thread(&app, {
        let cancel = cancel.clone();
        move |state| {
            let (table, charts) = rollup_table(
                state,
                &request.range,
                &request.rollup,
                CellStyle::Print,
                true,
            )?;
            let options = RollupPdfOptions {
                paper: request.paper.into(),
                zone: TimeZone::system(),
                about: request.range.in_words(),
                generated_at: Timestamp::now(),
            };
            let bytes = rollup_pdf(&table, &charts, &options, &cancel)?;
            write_atomically(&path, &bytes)
        }
    })
    .await;
    state.pdf_export.finish(&cancel);
    made?;
    Ok(SaveResult::saved(shown))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asking(shown: Option<u32>) -> PeopleArgs {
        PeopleArgs {
            range: RollupRange {
                days: None,
                room_id: None,
            },
            search: String::new(),
            order: PeopleOrder::default(),
            shown,
        }
    }

    #[test]
    fn the_page_gets_500_people_unless_it_asks_for_more_within_the_most() {
        assert_eq!(asking(None).shown(), 500);
        assert_eq!(asking(Some(1_000)).shown(), 1_000);
        assert_eq!(asking(Some(0)).shown(), 1);
        assert_eq!(asking(Some(u32::MAX)).shown(), 20_000);
    }
}
