//! Report commands: fetch a report for an account with progress and cancel, then page, sort and
//! search its rows, its summary cards and one attendee's sessions — all computed by the core
//! (`roomlens::kaltura::fetch_report`, `roomlens::table_view`). Only one fetch runs at a time.

use super::accounts::client_for;
use crate::blocking_work::{off_main_thread, stopped};
use crate::library_keeping::keep_in_library;
use crate::loaded_reports::{FetchedWith, ReportSource};
use crate::report_info::ReportInfo;
use crate::startup_trace::{self, Milestone};
use crate::state::AppState;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use roomlens::cancel::CancelToken;
use roomlens::kaltura::date_range::DateRangeChoice;
use roomlens::kaltura::{fetch_report as fetch, FetchProgress, FetchRequest, ReportFilters};
use roomlens::reports::{FilterName, ReportKind};
use roomlens::table_view::{
    summary_cards_of, user_detail_of, Card, RowsPageBody, SortArg, UserDetail,
};
use roomlens::{Error, ErrorCode};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum RangeChoice {
    LastDays(u32),
    Custom { from: String, to: String },
}

impl RangeChoice {
    fn to_core(&self) -> Result<DateRangeChoice, Error> {
        match self {
            RangeChoice::LastDays(days) => Ok(DateRangeChoice::LastDays(*days)),
            RangeChoice::Custom { from, to } => Ok(DateRangeChoice::Custom {
                from: date(from)?,
                to: date(to)?,
            }),
        }
    }
}

fn date(text: &str) -> Result<Date, Error> {
    text.trim().parse::<Date>().map_err(|_| {
        Error::new(
            ErrorCode::InvalidInput,
            "Choose both a start date and an end date for the custom range.",
        )
    })
}

#[derive(Deserialize, ts_rs::TS)]
pub struct FetchArgs {
    account_id: String,
    kind: ReportKind,
    range: RangeChoice,
    /// The filter boxes as typed; Rust splits them into IDs. A missing box is no filter.
    #[serde(default)]
    filters: BTreeMap<FilterName, String>,
}

impl FetchArgs {
    fn report_filters(&self) -> ReportFilters {
        let mut filters = ReportFilters::default();
        for (&name, typed) in &self.filters {
            filters.set_typed(name, typed);
        }
        filters
    }
}

#[tauri::command(rename_all = "snake_case")]
pub async fn fetch_report(
    app: AppHandle,
    state: State<'_, AppState>,
    request: FetchArgs,
    progress: Channel<FetchProgress>,
) -> Result<ReportInfo, Error> {
    let (client, account_name) = client_for(&app, &request.account_id).await?;
    let range = request
        .range
        .to_core()?
        .resolve(&TimeZone::system(), Timestamp::now())?;
    let cancel = state.fetch.start();
    let fetch_request = FetchRequest {
        kind: request.kind,
        range: range.clone(),
        filters: request.report_filters(),
    };
    let on_progress = move |p: FetchProgress| {
        let _ = progress.send(p);
    };
    let outcome = fetch(&client, &fetch_request, &on_progress, &cancel).await;
    state.fetch.finish(&cancel);
    let outcome = outcome.map_err(|error| match error.code {
        ErrorCode::Cancelled => {
            Error::new(ErrorCode::Cancelled, "Fetch cancelled. Nothing was saved.")
        }
        _ => error,
    })?;
    let source = ReportSource::Fetch {
        account_name,
        from_unix: range.from_unix,
        to_unix: range.to_unix,
    };
    let fetched_with = FetchedWith {
        account_id: request.account_id.clone(),
        request: fetch_request,
    };
    let loaded = state.reports.insert(
        Arc::new(outcome.report),
        source,
        Some(range.zone),
        None,
        outcome.warnings,
        Some(fetched_with),
    );
    keep_in_library(&app, &loaded, None);
    Ok(ReportInfo::of(&loaded))
}

#[tauri::command(rename_all = "snake_case")]
pub fn cancel_fetch(state: State<'_, AppState>) {
    state.fetch.cancel();
}

#[derive(Deserialize, ts_rs::TS)]
pub struct RowsQuery {
    report_id: u64,
    sort: Option<SortArg>,
    #[serde(default)]
    search: String,
    offset: usize,
    limit: usize,
}

#[derive(Serialize, ts_rs::TS)]
pub struct RowsPage {
    report_id: u64,
    #[serde(flatten)]
    body: RowsPageBody,
}

#[tauri::command(rename_all = "snake_case")]
pub async fn query_rows(state: State<'_, AppState>, query: RowsQuery) -> Result<RowsPage, Error> {
    let loaded = state.reports.get(query.report_id)?;
    tauri::async_runtime::spawn_blocking(move || {
        let sort = query
            .sort
            .as_ref()
            .map(|s| (s.column.as_str(), s.direction));
        let body = loaded.index.query(
            loaded.rows().as_ref(),
            sort,
            &query.search,
            query.offset,
            query.limit,
        )?;
        startup_trace::mark(Milestone::FirstRowsServed);
        Ok(RowsPage {
            report_id: loaded.id,
            body,
        })
    })
    .await
    .map_err(stopped)?
}

#[derive(Serialize, ts_rs::TS)]
pub struct SummaryCards {
    cards: Vec<Card>,
}

#[tauri::command(rename_all = "snake_case")]
pub async fn report_summary(app: AppHandle, report_id: u64) -> Result<SummaryCards, Error> {
    off_main_thread(&app, move |state| {
        let loaded = state.reports.get(report_id)?;
        Ok(SummaryCards {
            cards: loaded.cards(|rows| summary_cards_of(rows, &CancelToken::new()))?,
        })
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn user_sessions(
    app: AppHandle,
    report_id: u64,
    user: String,
) -> Result<UserDetail, Error> {
    off_main_thread(&app, move |state| {
        let loaded = state.reports.get(report_id)?;
        user_detail_of(loaded.rows().as_ref(), &user, &CancelToken::new())
    })
    .await
}
