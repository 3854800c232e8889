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
