//! Reads one report CSV and prints its summary as JSON: the read-and-summarise path measured by
//! `bench/summary_vs_duckdb.sh`. Not a user-facing tool; `roomlens summary` is.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

use std::io::Write;

fn main() -> std::process::ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: summarize FILE");
        return std::process::ExitCode::from(2);
    };
    match roomlens::summarize_file::summarize_report_file(std::path::Path::new(&path)) {
        Ok(outcome) => {
            let stdout = std::io::stdout().lock();
            let mut out = std::io::BufWriter::new(stdout);
            if serde_json::to_writer(&mut out, &outcome).is_err()
                || writeln!(out).is_err()
                || out.flush().is_err()
            {
                return std::process::ExitCode::FAILURE;
            }
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::ExitCode::FAILURE
        }
    }
}
