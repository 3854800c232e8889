//! What the desktop app reads of a file: one larger than the size limit is refused before a byte
//! is read (a 3 GB file included), only the first rows up to the row limit are kept with a plain
//! warning, progress is reported as bytes arrive, and Cancel stops the read.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

use roomlens::cancel::CancelToken;
use roomlens::reports::{read_report_file_with, FileLimits, FileProgress};
use roomlens::ErrorCode;
use std::path::PathBuf;
use std::sync::Mutex;

const HEADER: &str = "entry_id,cue_point_id,user_id,user_name,user_email,user_type,meeting_view_time,meeting_engaged_play_time_ratio\n";

fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("roomlens-limits-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn attendees_file(dir: &std::path::Path, rows: usize) -> PathBuf {
    let mut text = String::from(HEADER);
    for i in 0..rows {
        text.push_str(&format!(
            "1_room,cp{},u{i},Person {i},p{i}@example.org,Attendee,12.5,0.5\n",
            i % 7
        ));
    }
    let path = dir.join("attendees.csv");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_reading_even_at_3_gb() {
    let dir = folder("size");
    let path = dir.join("huge.csv");
    // Sparse: 3 GB on paper, nothing on disk.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(3 * 1024 * 1024 * 1024).unwrap();
    drop(file);
    let progress = Mutex::new(Vec::new());
    let started = std::time::Instant::now();
    let error = read_report_file_with(
        &path,
        FileLimits::default(),
        &|p| progress.lock().unwrap().push(p),
        &CancelToken::new(),
    )
    .unwrap_err();
    assert_eq!(error.code, ErrorCode::FileUnreadable);
    assert!(
        error.message.contains("huge.csv is 3.2 GB"),
        "{}",
        error.message
    );
    assert!(error.message.contains("up to 2.0 GB"), "{}", error.message);
    assert!(progress.lock().unwrap().is_empty(), "nothing was read");
    assert!(started.elapsed().as_secs() < 5);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn only_the_first_rows_up_to_the_limit_are_kept_and_the_person_is_told() {
    let dir = folder("rows");
    let path = attendees_file(&dir, 250);
    let limits = FileLimits {
        max_rows: 100,
        ..FileLimits::default()
    };
    let outcome = read_report_file_with(&path, limits, &|_| {}, &CancelToken::new()).unwrap();
    assert_eq!(outcome.report.len(), 100);
    assert_eq!(outcome.stats.rows_kept, 100);
    assert_eq!(
        outcome.stats.rows_read,
        outcome.stats.rows_kept + outcome.stats.rows_rejected
    );
    let warning = outcome.warnings.last().unwrap();
    assert_eq!(warning.line, 0);
    assert!(
        warning
            .message
            .starts_with("This file has more than 100 rows; Roomlens shows the first 100."),
        "{}",
        warning.message
    );
    let all =
        read_report_file_with(&path, FileLimits::default(), &|_| {}, &CancelToken::new()).unwrap();
    assert_eq!(all.report.len(), 250, "under the limit every row is kept");
    assert!(all.warnings.is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn progress_is_reported_and_cancel_stops_the_read() {
    let dir = folder("progress");
    // About 20 MB: several progress reports.
    let path = attendees_file(&dir, 250_000);
    let total = std::fs::metadata(&path).unwrap().len();
    let seen: Mutex<Vec<FileProgress>> = Mutex::new(Vec::new());
    read_report_file_with(
        &path,
        FileLimits::default(),
        &|p| seen.lock().unwrap().push(p),
        &CancelToken::new(),
    )
    .unwrap();
    let seen = seen.into_inner().unwrap();
    assert!(seen.len() >= 4, "{seen:?}");
    assert_eq!(seen.first().unwrap().bytes_read, 0);
    assert_eq!(
        *seen.last().unwrap(),
        FileProgress {
            bytes_read: total,
            bytes_total: total
        }
    );
    assert!(
        seen.windows(2).all(|w| w[0].bytes_read <= w[1].bytes_read),
        "progress only grows"
    );

    let cancel = CancelToken::new();
    let error = read_report_file_with(
        &path,
        FileLimits::default(),
        &|p| {
            if p.bytes_read > 0 {
                cancel.cancel();
            }
        },
        &cancel,
    )
    .unwrap_err();
    assert_eq!(error.code, ErrorCode::Cancelled);
    std::fs::remove_dir_all(&dir).unwrap();
}
