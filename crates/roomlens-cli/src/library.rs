//! `roomlens library`: the library on this computer from the command line — keep report files in
//! it, list what it keeps, remove a snapshot, check it. A thin adapter over `roomlens::library`;
//! the library's rules (one file once, all or nothing, damaged files untouched) are the core's.

use crate::args::{LibraryAction, LibraryArgs};
use crate::exit_code;
use crate::print_error_about;
use crate::text_table::{print_table, TextColumn};
use jiff::tz::TimeZone;
use jiff::Timestamp;
use roomlens::cancel::CancelToken;
use roomlens::library::{default_path, Added, Library, SnapshotInfo, SnapshotSource};
use roomlens::wording::{count, counted};
use roomlens::{Error, ErrorCode};

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
            if *json {
                let text = serde_json::to_string_pretty(&snapshots).map_err(|e| {
                    Error::new(ErrorCode::Internal, "Roomlens could not write the list.")
                        .with_detail(e.to_string())
                })?;
                println!("{text}");
            } else {
                print_list(&snapshots, &library);
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
            if problems.is_empty() {
                println!(
                    "The library is sound: {}, {}.",
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

fn print_list(snapshots: &[SnapshotInfo], library: &Library) {
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
    let megabytes = library.disk_bytes() as f64 / 1_000_000.0;
    eprintln!(
        "{} in {} ({megabytes:.1} MB on disk). Times in {}.",
        counted(snapshots.len() as u64, "snapshot", "snapshots"),
        library.path().display(),
        zone.iana_name().unwrap_or("local time")
    );
}
