//! The window's library: the SQLite file beside the settings (or where ROOMLENS_LIBRARY says),
//! opened on first use and shared by the commands; what a fetched or opened report is called
//! there; and why the last report could not be kept, for the Library screen to say (a failure
//! never fails the fetch or the open). `library_keeping` keeps reports in it.

use crate::cancel_slot::CancelSlot;
use crate::demo_account::DEMO_ACCOUNT_ID;
use crate::loaded_reports::{LoadedReport, ReportSource};
use crate::mutex::lock;
use jiff::Timestamp;
use roomlens::library::{file_sha256, Added, Library, SnapshotSource, LIBRARY_ENV};
use roomlens::reports::ReportKind;
use roomlens::{Error, ErrorCode};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub struct AppLibrary {
    path: PathBuf,
    open: Mutex<Option<Library>>,
    /// Why the last report could not be kept, until one is kept again.
    problem: Mutex<Option<String>>,
    /// The report being kept now, and how far.
    keeping: Mutex<Option<Keeping>>,
    /// Stops the report being kept.
    keep_cancel: CancelSlot,
}

/// A report being kept in the library, for the Library screen's progress.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Keeping {
    pub kind: ReportKind,
    pub rows_written: u64,
    pub rows: u64,
}

impl AppLibrary {
    /// The library in `config_dir`, unless ROOMLENS_LIBRARY names another file.
    pub fn in_folder(config_dir: &Path) -> AppLibrary {
        let path = std::env::var_os(LIBRARY_ENV)
            .filter(|v| !v.is_empty())
            .map_or_else(
                || config_dir.join(roomlens::library::LIBRARY_FILE),
                PathBuf::from,
            );
        AppLibrary {
            path,
            open: Mutex::new(None),
            problem: Mutex::new(None),
            keeping: Mutex::new(None),
            keep_cancel: CancelSlot::default(),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `work` on the open library, opening it first if needed. Blocks: call off the main
    /// thread.
    pub fn with<T>(&self, work: impl FnOnce(&mut Library) -> Result<T, Error>) -> Result<T, Error> {
        let mut open = lock(&self.open);
        if open.is_none() {
            *open = Some(Library::open(&self.path)?);
        }
        match open.as_mut() {
            Some(library) => work(library),
            None => Err(Error::new(
                roomlens::ErrorCode::Internal,
                "Roomlens could not open its library.",
            )),
        }
    }

    /// Sets the library file aside (renamed, never changed) and starts a new, empty one there;
    /// returns where the old file is now. Blocks: call off the main thread.
    pub fn start_new(&self) -> Result<PathBuf, Error> {
        let mut open = lock(&self.open);
        // Closed first: the file is renamed, and on Windows an open file cannot be.
        *open = None;
        let aside = roomlens::library::set_aside(&self.path, Timestamp::now())?;
        *open = Some(Library::open(&self.path)?);
        *lock(&self.problem) = None;
        Ok(aside)
    }

    /// Why the last report could not be kept, if it could not.
    pub fn problem(&self) -> Option<String> {
        lock(&self.problem).clone()
    }

    /// Keeps `loaded` (with `source`) in the library, telling how far (`keeping`) until it is
    /// done or cancelled (`cancel_keeping`; nothing is kept then). Blocks: call off the main thread.
    /// Once kept, the report's rows are read from the library and those in memory let go of.
    pub fn keep(&self, loaded: &Arc<LoadedReport>, source: &SnapshotSource) {
        let rows = loaded.rows();
        let Some(report) = rows.held() else {
            // Already read from the library.
            return;
        };
        let cancel = self.keep_cancel.start();
        *lock(&self.keeping) = Some(Keeping {
            kind: report.kind(),
            rows_written: 0,
            rows: report.len() as u64,
        });
        let kept = self.with(|library| {
            // The Demo's rows are fetched at every start while it is the account chosen: the
            // same Demo fetch (same report, start and filters, ending the same day) is kept once,
            // not once a start.
            let demo = loaded
                .fetched_with
                .as_ref()
                .is_some_and(|f| f.account_id == DEMO_ACCOUNT_ID);
            if demo
                && library
                    .same_fetch(report.kind(), source, DEMO_KEPT_AGAIN_AFTER_S)?
                    .is_some()
            {
                return Ok(None);
            }
            let added = library.add_snapshot(
                report,
                source,
                Timestamp::now().as_second(),
                &loaded.warnings,
                &|written, rows| {
                    if let Some(k) = lock(&self.keeping).as_mut() {
                        k.rows_written = written as u64;
                        k.rows = rows as u64;
                    }
                },
                &cancel,
            )?;
            // Only a snapshot written from these rows stands in for them (a file kept before
            // may have been read by an older Roomlens).
            match added {
                Added::New(id) => library.kept_report(id).map(Some),
                Added::AlreadyKept(_) => Ok(None),
            }
        });
        self.keep_cancel.finish(&cancel);
        *lock(&self.keeping) = None;
        match kept {
            Ok(kept) => {
                *lock(&self.problem) = None;
                if let Some(kept) = kept {
                    loaded.read_from_library(kept);
                }
            }
            Err(error) if error.code == ErrorCode::Cancelled => {
                *lock(&self.problem) = Some(
                    "Keeping the last report in the library was stopped; it was not kept. Fetch or open it again to keep it."
                        .to_owned(),
                );
            }
            Err(error) => self.note_problem(&error),
        }
    }

    /// The report being kept now, if one is.
    pub fn keeping(&self) -> Option<Keeping> {
        lock(&self.keeping).clone()
    }

    /// Stops keeping the report being kept; the library stays as it was.
    pub fn cancel_keeping(&self) {
        self.keep_cancel.cancel();
    }

    /// Remembers that the last report could not be kept, and why.
    pub fn note_problem(&self, error: &Error) {
        *lock(&self.problem) = Some(format!(
            "The last report could not be kept in the library: {}",
            error.message
        ));
    }
}

/// A Demo fetch ending this long after a kept one with the same start is kept again.
const DEMO_KEPT_AGAIN_AFTER_S: i64 = 86_400;

/// What the library calls a report the window fetched or opened from `path` (for files).
pub fn snapshot_source(
    loaded: &LoadedReport,
    path: Option<&Path>,
) -> Result<Option<SnapshotSource>, Error> {
    Ok(match (&loaded.source, path) {
        (ReportSource::Fetch { account_name, .. }, _) => loaded
            .fetched_with
            .as_ref()
            .map(|f| SnapshotSource::fetched(account_name, &f.request)),
        (ReportSource::File { file_name }, Some(path)) => Some(SnapshotSource::File {
            file_name: file_name.clone(),
            sha256: file_sha256(path)?,
        }),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loaded_reports::LoadedReports;
    use roomlens::reports::{AttendeeRow, Report};

    fn attendees(n: usize) -> Report {
        Report::Attendees {
            rows: (0..n)
                .map(|i| AttendeeRow {
                    entry_id: "1_room".into(),
                    cue_point_id: format!("cp{}", i % 50).into(),
                    user_id: format!("u{i}").into(),
                    user_name: format!("Person {i}").into(),
                    user_email: format!("p{i}@example.org").into(),
                    user_type: "Attendee".into(),
                    meeting_view_time: Some(12.5),
                    meeting_engaged_play_time_ratio: Some(0.5),
                    extra: vec![],
                })
                .collect(),
            extra_columns: vec![],
        }
    }

    fn library_in(dir: &Path) -> Arc<AppLibrary> {
        let _ = std::fs::remove_dir_all(dir);
        Arc::new(AppLibrary {
            path: dir.join("library.sqlite"),
            open: Mutex::new(None),
            problem: Mutex::new(None),
            keeping: Mutex::new(None),
            keep_cancel: CancelSlot::default(),
        })
    }

    #[test]
    fn the_same_demo_fetch_is_kept_once_and_an_accounts_every_time() {
        use crate::loaded_reports::FetchedWith;
        use roomlens::kaltura::date_range::DateRange;
        use roomlens::kaltura::{FetchRequest, ReportFilters};
        let dir = std::env::temp_dir().join(format!("roomlens-app-demo-{}", std::process::id()));
        let library = library_in(&dir);
        let reports = LoadedReports::default();
        // "Last 30 days" at `now`: from a midnight to now.
        let fetch = |account_id: &str, now: i64| {
            let from_unix = now - now % 86_400 - 30 * 86_400;
            let request = FetchRequest {
                kind: roomlens::reports::ReportKind::Attendees,
                range: DateRange {
                    from_unix,
                    to_unix: now,
                    zone: "UTC".into(),
                },
                filters: ReportFilters::default(),
            };
            let loaded = reports.insert(
                Arc::new(attendees(10)),
                ReportSource::Fetch {
                    account_name: "Demo".into(),
                    from_unix,
                    to_unix: now,
                },
                None,
                None,
                vec![],
                Some(FetchedWith {
                    account_id: account_id.into(),
                    request: request.clone(),
                }),
            );
            let source = SnapshotSource::fetched("Demo", &request);
            library.keep(&loaded, &source);
            library.with(|l| l.snapshots()).unwrap().len()
        };
        let morning = 1_779_926_400 + 9 * 3_600;
        assert_eq!(fetch(DEMO_ACCOUNT_ID, morning), 1);
        assert_eq!(
            fetch(DEMO_ACCOUNT_ID, morning + 60),
            1,
            "the next start's Demo fetch, a minute later"
        );
        assert_eq!(
            fetch(DEMO_ACCOUNT_ID, morning + 8 * 3_600),
            1,
            "that afternoon's"
        );
        assert_eq!(
            fetch(DEMO_ACCOUNT_ID, morning + 86_400),
            2,
            "the next day's"
        );
        // An account of one's own (even one named Demo) keeps every fetch: its Kaltura changes.
        assert_eq!(fetch("acct-1", morning), 3);
        assert_eq!(fetch("acct-1", morning), 4);
        assert!(library.problem().is_none());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn keeping_tells_how_far_and_a_cancel_keeps_nothing() {
        let dir = std::env::temp_dir().join(format!("roomlens-app-library-{}", std::process::id()));
        let library = library_in(&dir);
        let reports = LoadedReports::default();
        let loaded = reports.insert(
            Arc::new(attendees(400_000)),
            ReportSource::File {
                file_name: "big.csv".into(),
            },
            None,
            None,
            vec![],
            None,
        );
        let source = SnapshotSource::File {
            file_name: "big.csv".into(),
            sha256: "0".repeat(64),
        };
        let keeper = {
            let (library, loaded, source) =
                (Arc::clone(&library), Arc::clone(&loaded), source.clone());
            std::thread::spawn(move || library.keep(&loaded, &source))
        };
        // Progress is there while the rows are written; then Cancel.
        let started = std::time::Instant::now();
        let seen = loop {
            if let Some(k) = library.keeping().filter(|k| k.rows_written > 0) {
                break k;
            }
            assert!(
                started.elapsed().as_secs() < 60,
                "no progress while keeping"
            );
            assert!(!keeper.is_finished(), "kept before any progress was seen");
            std::thread::sleep(std::time::Duration::from_millis(2));
        };
        assert_eq!(seen.rows, 400_000);
        assert!(seen.rows_written < seen.rows);
        library.cancel_keeping();
        keeper.join().unwrap();
        assert!(
            library.keeping().is_none(),
            "nothing is being kept any more"
        );
        assert!(library
            .problem()
            .is_some_and(|p| p.contains("was not kept")));
        let kept = library.with(|l| l.snapshots()).unwrap();
        assert!(
            kept.is_empty(),
            "a cancelled keep leaves the library as it was"
        );
        assert!(
            loaded.rows().held().is_some(),
            "rows not kept stay in memory"
        );
        // Kept again without a cancel: there, and no problem said; from now on the rows are
        // read from the library, the same rows.
        library.keep(&loaded, &source);
        assert_eq!(library.with(|l| l.snapshots()).unwrap().len(), 1);
        assert!(library.problem().is_none());
        let rows = loaded.rows();
        assert!(rows.held().is_none(), "the rows in memory are let go of");
        assert_eq!(rows.len(), 400_000);
        let picked = rows.rows_at(&[0, 1, 399_999]).unwrap();
        assert_eq!(picked, attendees(400_000).select(&[0, 1, 399_999]));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
