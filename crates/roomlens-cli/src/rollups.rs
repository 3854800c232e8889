//! `roomlens people` and `roomlens rooms`: the library's rollups printed as text tables or JSON
//! for scripts. A thin adapter: the counting is the core's (`Library::people`,
//! `Library::room_trends`); this turns days into a scope and lays the rows out.

use crate::args::{PeopleArgs, PeriodArg, RoomsArgs};
use crate::exit_code;
use crate::text_table::{print_table, TextColumn};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use roomlens::analytics::rollups::{PersonRollup, RollupScope, TrendPeriod};
use roomlens::cancel::CancelToken;
use roomlens::library::{default_path, Library};
use roomlens::wording::{count, counted, decimal};
use roomlens::{Error, ErrorCode};
use serde::Serialize;
use std::path::PathBuf;

fn column(heading: &'static str, figure: bool) -> TextColumn {
    TextColumn { heading, figure }
}

fn open(path: &Option<PathBuf>) -> Result<Library, Error> {
    match path {
        Some(path) => Library::open(path),
        None => Library::open(&default_path()?),
    }
}

/// One person as `roomlens people --json` writes them: the keys and `roles`, not the
/// core's person key (which only the desktop app's drill-down needs).
#[derive(Serialize)]
struct PersonJson<'a> {
    user_id: &'a str,
    email: &'a str,
    name: &'a str,
    sessions: u64,
    rooms: u64,
    minutes: f64,
    engagement_pct: Option<f64>,
    first_seen: Option<i64>,
    last_seen: Option<i64>,
    roles: &'a [String],
}

impl<'a> From<&'a PersonRollup> for PersonJson<'a> {
    fn from(p: &'a PersonRollup) -> Self {
        PersonJson {
            user_id: &p.user_id,
            email: &p.email,
            name: &p.name,
            sessions: p.sessions,
            rooms: p.rooms,
            minutes: p.minutes,
            engagement_pct: p.engagement_pct,
            first_seen: p.first_seen,
            last_seen: p.last_seen,
            roles: &p.roles,
        }
    }
}

fn json<T: Serialize>(value: &T) -> Result<(), Error> {
    let text = serde_json::to_string_pretty(value).map_err(|e| {
        Error::new(ErrorCode::Internal, "Roomlens could not write the rollup.")
            .with_detail(e.to_string())
    })?;
    println!("{text}");
    Ok(())
}

/// The start of `day` in `zone`, Unix seconds.
fn day_start(day: Date, zone: &TimeZone) -> Result<i64, Error> {
    day.to_zoned(zone.clone())
        .map(|z| z.timestamp().as_second())
        .map_err(|e| {
            Error::new(
                ErrorCode::InvalidInput,
                format!("{day} is not a day Roomlens can use."),
            )
            .with_detail(e.to_string())
        })
}

fn local_day(seconds: Option<i64>, zone: &TimeZone) -> String {
    seconds
        .and_then(|s| Timestamp::from_second(s).ok())
        .map_or_else(
            || "—".to_owned(),
            |t| t.to_zoned(zone.clone()).strftime("%Y-%m-%d").to_string(),
        )
}

fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_owned(), |v| format!("{}%", decimal(v)))
}

pub fn people(args: &PeopleArgs, cancel: &CancelToken) -> Result<u8, Error> {
    let zone = TimeZone::system();
    if let (Some(from), Some(to)) = (args.from, args.to) {
        if to < from {
            return Err(Error::new(
                ErrorCode::InvalidInput,
                "The end date is before the start date. Swap them or choose another range.",
            ));
        }
    }
    let scope = RollupScope {
        from: args.from.map(|d| day_start(d, &zone)).transpose()?,
        to: args
            .to
            .map(|d| day_start(d.checked_add(1.day()).unwrap_or(d), &zone))
            .transpose()?,
        room_id: args.room.clone(),
    };
    let library = open(&args.library)?;
    let rollup = library.people(&scope, cancel)?;
    if args.json {
        json(
            &rollup
                .people
                .iter()
                .map(PersonJson::from)
                .collect::<Vec<_>>(),
        )?;
    } else {
        let rows: Vec<Vec<String>> = rollup
            .people
            .iter()
            .map(|p| {
                vec![
                    if p.name.is_empty() {
                        p.user_id.clone()
                    } else {
                        p.name.clone()
                    },
                    p.email.clone(),
                    count(p.sessions),
                    count(p.rooms),
                    decimal(p.minutes),
                    percent(p.engagement_pct),
                    local_day(p.first_seen, &zone),
                    local_day(p.last_seen, &zone),
                ]
            })
            .collect();
        print_table(
            &[
                column("Name", false),
                column("E-mail", false),
                column("Sessions", true),
                column("Rooms", true),
                column("Minutes", true),
                column("Engagement", true),
                column("First seen", false),
                column("Last seen", false),
            ],
            &rows,
        );
        eprintln!(
            "{}. Days in {}.",
            counted(rollup.people.len() as u64, "person", "people"),
            zone.iana_name().unwrap_or("local time")
        );
    }
    if rollup.undated > 0 {
        eprintln!(
            "roomlens: {} not counted: no kept Room data report dates their sessions. Fetch or add Room data for the same days.",
            counted(rollup.undated, "attendance was", "attendances were")
        );
    }
    Ok(exit_code::OK)
}

pub fn rooms(args: &RoomsArgs, cancel: &CancelToken) -> Result<u8, Error> {
    let zone = TimeZone::system();
    let period = match args.by {
        PeriodArg::Week => TrendPeriod::Week,
        PeriodArg::Month => TrendPeriod::Month,
    };
    let scope = RollupScope {
        room_id: args.room.clone(),
        ..RollupScope::default()
    };
    let library = open(&args.library)?;
    let trends = library.room_trends(period, &zone, &scope, cancel)?;
    if args.json {
        json(&trends)?;
    } else {
        let rows: Vec<Vec<String>> = trends
            .iter()
            .map(|r| {
                vec![
                    r.room_id.clone(),
                    r.name.clone(),
                    r.period.clone(),
                    count(r.sessions),
                    count(r.unique_attendees),
                    decimal(r.hours),
                    percent(r.engagement_pct),
                ]
            })
            .collect();
        print_table(
            &[
                column("Room ID", false),
                column("Name", false),
                column("From", false),
                column("Sessions", true),
                column("Attendees", true),
                column("Hours", true),
                column("Engagement", true),
            ],
            &rows,
        );
        eprintln!(
            "{} per {}, in {}.",
            counted(trends.len() as u64, "room period", "room periods"),
            if period == TrendPeriod::Week {
                "week (from Monday)"
            } else {
                "month"
            },
            zone.iana_name().unwrap_or("local time")
        );
    }
    Ok(exit_code::OK)
}
