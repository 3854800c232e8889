//! `roomlens library`: the library on this computer from the command line — keep report files in
//! it, list what it keeps (reports, then kept session dashboards), remove a snapshot, check it. A
//! thin adapter over `roomlens::library`; the library's rules (one file once, all or nothing,
//! damaged files untouched) are the core's.

use crate::args::{LibraryAction, LibraryArgs};
use crate::exit_code;
use crate::print_error_about;
use crate::text_table::{print_table, TextColumn};
use jiff::tz::TimeZone;
use jiff::Timestamp;
use roomlens::cancel::CancelToken;
use roomlens::library::{
    default_path, Added, DashboardInfo, Library, SnapshotInfo, SnapshotSource,
};
use roomlens::wording::{count, counted};
use roomlens::{Error, ErrorCode};
use serde::Serialize;

pub fn library(args: &LibraryArgs, cancel: &CancelToken) -> Result<u8, Error> {
    let path = match &args.library {
        Some(path) => path.clone(),
        None => default_path()?,
    };
    let mut library = Library::open(&path)?;
    match &args.action {
        LibraryAction::Add { files } => {
            let mut code = exit_code::OK;
            for file in files {
                if cancel.is_cancelled() {
                    return Err(Error::cancelled());
                }
                let shown = file.display().to_string();
                match library.add_report_file(
                    file,
                    Timestamp::now().as_second(),
                    &|_, _| {},
                    cancel,
                ) {
                    Ok(kept) => match kept.added {
                        Added::New(id) => println!(
                            "{shown}: kept as snapshot {id} ({}, {})",
                            kept.kind.title(),
                            counted(kept.stats.rows_kept, "row", "rows")
                        ),
                        Added::AlreadyKept(id) => {
                            println!("{shown}: already in the library as snapshot {id}")
                        }
                    },
                    Err(error) if error.code == ErrorCode::Cancelled => return Err(error),
                    Err(error) => {
                        code = code.max(exit_code::for_error(error.code));
                        print_error_about(&shown, &error);
                    }
                }
            }
            Ok(code)
        }
        LibraryAction::List { json } => {
            let snapshots = library.snapshots()?;
            let dashboards = library.dashboards()?;
            if *json {
                let mut listed: Vec<serde_json::Value> = Vec::new();
                for item in snapshots
                    .iter()
                    .map(serde_json::to_value)
                    .chain(dashboards.iter().map(|info| {
                        serde_json::to_value(ListedDashboard {
                            kind: "session_dashboard",
                            info,
                        })
                    }))
                {
                    listed.push(item.map_err(list_not_written)?);
                }
                let text = serde_json::to_string_pretty(&listed).map_err(list_not_written)?;
                println!("{text}");
            } else {
                print_list(&snapshots, &dashboards, &library);
            }
            Ok(exit_code::OK)
        }
        LibraryAction::Remove { id } => {
            library.remove_snapshot(*id)?;
            println!("Removed snapshot {id} and its rows.");
            Ok(exit_code::OK)
        }
        LibraryAction::Check => {
            let problems = library.check()?;
            let snapshots = library.snapshots()?;
            let rows: u64 = snapshots.iter().map(|s| s.row_count).sum();
            let dashboards = library.dashboards()?.len() as u64;
            if problems.is_empty() {
                let dashboards = if dashboards == 0 {
                    String::new()
                } else {
                    format!(
                        ", {}",
                        counted(dashboards, "session dashboard", "session dashboards")
                    )
                };
                println!(
                    "The library is sound: {}, {}{dashboards}.",
                    counted(snapshots.len() as u64, "snapshot", "snapshots"),
                    counted(rows, "row", "rows")
                );
                Ok(exit_code::OK)
            } else {
                for problem in &problems {
                    println!("Damage: {problem}");
                }
                eprintln!(
                    "roomlens: the library at {} is damaged; nothing was changed. (code: {})",
                    library.path().display(),
                    ErrorCode::LibraryDamaged
                );
                Ok(exit_code::BAD_FILE)
            }
        }
    }
}

/// A kept session dashboard in `library list --json`: its info, marked apart from the reports.
#[derive(Serialize)]
struct ListedDashboard<'a> {
    kind: &'static str,
    #[serde(flatten)]
    info: &'a DashboardInfo,
}

fn list_not_written(e: serde_json::Error) -> Error {
    Error::new(ErrorCode::Internal, "Roomlens could not write the list.").with_detail(e.to_string())
}

fn print_list(snapshots: &[SnapshotInfo], dashboards: &[DashboardInfo], library: &Library) {
    let zone = TimeZone::system();
    let day = |seconds: i64| {
        Timestamp::from_second(seconds).map_or_else(
            |_| seconds.to_string(),
            |t| {
                t.to_zoned(zone.clone())
                    .strftime("%Y-%m-%d %H:%M")
                    .to_string()
            },
        )
    };
    let date = |seconds: i64| {
        Timestamp::from_second(seconds).map_or_else(
            |_| seconds.to_string(),
            |t| t.to_zoned(zone.clone()).strftime("%Y-%m-%d").to_string(),
        )
    };
    let rows: Vec<Vec<String>> = snapshots
        .iter()
        .map(|s| {
            let from = match &s.source {
                SnapshotSource::Fetch {
                    account_name,
                    from_unix,
                    to_unix,
                    filters,
                } => {
                    let mut words = format!(
                        "{account_name}, {} – {}",
                        date(*from_unix),
                        date(to_unix.saturating_sub(1))
                    );
                    if !filters.is_empty() {
                        words.push_str(&format!(", filtered by {filters}"));
                    }
                    words
                }
                SnapshotSource::File { file_name, .. } => format!("file {file_name}"),
            };
            vec![
                s.id.to_string(),
                s.kind.title().to_owned(),
                count(s.row_count),
                day(s.saved_at),
                from,
            ]
        })
        .collect();
    let column = |heading, figure| TextColumn { heading, figure };
    print_table(
        &[
            column("ID", true),
            column("Report", false),
            column("Rows", true),
            column("Saved", false),
            column("From", false),
        ],
        &rows,
    );
    let mut held = counted(snapshots.len() as u64, "snapshot", "snapshots");
    if !dashboards.is_empty() {
        let started = |seconds: Option<i64>| seconds.map_or_else(|| "–".to_owned(), day);
        let rows: Vec<Vec<String>> = dashboards
            .iter()
            .map(|d| {
                vec![
                    d.id.to_string(),
                    d.room_name.clone(),
                    d.room_id.clone(),
                    d.session_id.clone(),
                    started(d.session_start),
                    day(d.fetched_at),
                    d.account_name.clone(),
                ]
            })
            .collect();
        println!();
        println!("Session dashboards:");
        print_table(
            &[
                column("ID", true),
                column("Room", false),
                column("Room ID", false),
                column("Session", false),
                column("Started", false),
                column("Saved", false),
                column("Account", false),
            ],
            &rows,
        );
        held.push_str(&format!(
            " and {}",
            counted(
                dashboards.len() as u64,
                "session dashboard",
                "session dashboards"
            )
        ));
    }
    let megabytes = library.disk_bytes() as f64 / 1_000_000.0;
    eprintln!(
        "{held} in {} ({megabytes:.1} MB on disk). Times in {}.",
        library.path().display(),
        zone.iana_name().unwrap_or("local time")
    );
}
