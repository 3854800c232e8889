//! `roomlens`: the command line face of the Roomlens core. It parses arguments, calls the core,
//! prints results and maps errors to documented exit codes. It holds no Kaltura, CSV or summary
//! logic of its own; that lives in the `roomlens` crate.

mod account_choice;
mod accounts_list;
mod args;
mod demo;
mod exit_code;
mod export;
mod fetch;
mod interrupt;
mod library;
mod login;
mod paper_choice;
mod progress;
mod rollups;
mod secret_input;
mod session;
mod session_text;
mod summary;
mod summary_text;
mod text_table;

use args::{Cli, Command};
use clap::Parser;
use roomlens::cancel::CancelToken;
use roomlens::Error;
use std::process::ExitCode;

fn main() -> ExitCode {
    stop_quietly_on_a_closed_pipe();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("roomlens: could not start: {e}");
            return ExitCode::from(exit_code::UNEXPECTED);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            print_error(&error);
            ExitCode::from(exit_code::for_error(error.code))
        }
    }
}

/// A reader that goes away (`roomlens people --json | head`) ends the program quietly, as it ends
/// any command-line tool: Rust's start-up ignores SIGPIPE, which turns the next write into a
/// panic. Work in progress is safe to end anywhere (the library's writes are transactions).
#[cfg(unix)]
fn stop_quietly_on_a_closed_pipe() {
    // SAFETY: called first in `main`, before any other thread exists; SIG_DFL for SIGPIPE is
    // the default every Unix program starts with.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// Windows has no SIGPIPE: a write to a closed pipe fails there, and printing still stops with a
/// panic message (noted in the issue, not handled yet).
#[cfg(not(unix))]
fn stop_quietly_on_a_closed_pipe() {}

async fn run(cli: Cli) -> Result<u8, Error> {
    if let Ok(settings) = roomlens::accounts::config_dir() {
        roomlens::atomic_file::remove_stale_temps(&settings);
    }
    let cancel = CancelToken::new();
    interrupt::cancel_on_ctrl_c(cancel.clone());
    match cli.command {
        Command::Login(args) => login::login(&args, &cancel).await,
        Command::Logout(args) => login::logout(&args),
        Command::Accounts(args) => accounts_list::accounts(&args),
        Command::Fetch(args) => fetch::fetch(&args, &cancel).await,
        Command::Session(args) => session::session(&args, &cancel).await,
        Command::Summary(args) => summary::summary(&args, &cancel),
        Command::Export(args) => export::export(&args, &cancel),
        Command::Demo(args) => demo::demo(&args, &cancel).await,
        Command::Library(args) => library::library(&args, &cancel),
        Command::People(args) => rollups::people(&args, &cancel),
        Command::Rooms(args) => rollups::rooms(&args, &cancel),
    }
}

/// `roomlens: <message> (code: <code>)`, then Kaltura's or the system's own words when known.
fn print_error(error: &Error) {
    eprintln!("roomlens: {} (code: {})", error.message, error.code);
    print_detail(error);
}

/// Like `print_error`, naming what the error is about (a file, when several are handled).
pub fn print_error_about(subject: &str, error: &Error) {
    eprintln!(
        "roomlens: {subject}: {} (code: {})",
        error.message, error.code
    );
    print_detail(error);
}

fn print_detail(error: &Error) {
    if let Some(detail) = &error.detail {
        eprintln!("roomlens: details: {detail}");
    }
}
