//! The command line's grammar (clap derive): subcommands, options and their help. It only
//! describes and checks the shape of the arguments; each command's module gives them meaning.

use crate::exit_code::EXIT_CODES_HELP;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "roomlens",
    version,
    about = "Kaltura Rooms analytics: fetch the room reports, read, summarise and export them.",
    after_help = EXIT_CODES_HELP
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Save a partner's admin secret in the system keychain (after checking it with Kaltura)
    /// and remember the account. The secret is read from a hidden prompt, or from standard input
    /// when it is piped; never from an argument.
    #[command(after_help = EXIT_CODES_HELP)]
    Login(LoginArgs),
    /// Delete an account's admin secret from the system keychain and forget the account.
    #[command(after_help = EXIT_CODES_HELP)]
    Logout(AccountArgs),
    /// List the saved accounts (never their secrets).
    #[command(after_help = EXIT_CODES_HELP)]
    Accounts(AccountsArgs),
    /// Fetch a room report from Kaltura, completely, and save it as CSV (or print it).
    #[command(after_help = fetch_help())]
    Fetch(FetchArgs),
    /// The dashboard of one session of a room, as Kaltura's Room analytics shows it: viewers,
    /// minutes, engagement, recording plays, the minute-by-minute timeline, every attendee,
    /// countries and devices.
    #[command(after_help = fetch_help())]
    Session(SessionArgs),
    /// Read report CSV files (from Kaltura, the Video Portal or Roomlens) and print summaries.
    #[command(after_help = EXIT_CODES_HELP)]
    Summary(SummaryArgs),
    /// Write a report CSV again with other headers, delimiter, BOM or formula handling.
    #[command(after_help = EXIT_CODES_HELP)]
    Export(ExportArgs),
    /// Start the built-in Kaltura simulator, fetch its three reports for the last 30 days and
    /// print their summaries. Needs no account and no network.
    #[command(after_help = EXIT_CODES_HELP)]
    Demo(DemoArgs),
    /// The library: every report kept on this computer for review with no network (add report
    /// files, list, remove, check).
    #[command(after_help = LIBRARY_NOTES_AND_CODES.as_str())]
    Library(LibraryArgs),
    /// Everyone in the library's Attendees reports: sessions, rooms, minutes, engagement, first
    /// and last seen, each attendance counted once however often it was fetched.
    #[command(after_help = LIBRARY_NOTES_AND_CODES.as_str())]
    People(PeopleArgs),
    /// Each room per week or month from the library: sessions, unique attendees, hours and
    /// engagement.
    #[command(after_help = LIBRARY_NOTES_AND_CODES.as_str())]
    Rooms(RoomsArgs),
}

#[derive(Debug, Clone, Args)]
pub struct PeopleArgs {
    /// Only sessions from this day (in your time zone); needs the sessions' Room data kept too.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<jiff::civil::Date>,
    /// Only sessions up to and including this day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: Option<jiff::civil::Date>,
    /// Only this room's sessions.
    #[arg(long, value_name = "ROOM_ID")]
    pub room: Option<String>,
    /// Print one JSON array (keys: user_id, email, name, sessions, rooms, minutes,
    /// engagement_pct, first_seen, last_seen, roles) instead of text.
    #[arg(long)]
    pub json: bool,
    /// The library file to use instead of the usual one.
    #[arg(long, value_name = "PATH")]
    pub library: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PeriodArg {
    Week,
    Month,
}

#[derive(Debug, Clone, Args)]
pub struct RoomsArgs {
    /// The length of each period (weeks start on Monday).
    #[arg(long, value_enum, default_value = "week")]
    pub by: PeriodArg,
    /// Only this room.
    #[arg(long, value_name = "ROOM_ID")]
    pub room: Option<String>,
    /// Print one JSON array (keys: room_id, name, period, sessions, unique_attendees, hours,
    /// engagement_pct) instead of text.
    #[arg(long)]
    pub json: bool,
    /// The library file to use instead of the usual one.
    #[arg(long, value_name = "PATH")]
    pub library: Option<PathBuf>,
}

const LIBRARY_NOTES: &str = "\
The library is library.sqlite in Roomlens's settings folder, shared with the desktop app;
--library or the ROOMLENS_LIBRARY environment variable chooses another file. A damaged library,
or one written by a newer Roomlens, is never changed.";

static LIBRARY_NOTES_AND_CODES: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| format!("{LIBRARY_NOTES}\n\n{EXIT_CODES_HELP}"));

#[derive(Debug, Clone, Args)]
pub struct LibraryArgs {
    /// The library file to use instead of the usual one.
    #[arg(long, global = true, value_name = "PATH")]
    pub library: Option<PathBuf>,
    #[command(subcommand)]
    pub action: LibraryAction,
}

#[derive(Debug, Clone, Subcommand)]
pub enum LibraryAction {
    /// Keep report CSV files in the library (a file kept before is not added twice).
    Add {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// List what the library keeps, newest first: reports, then session dashboards.
    List {
        /// Print one JSON array instead of text (session dashboards after the reports, each with
        /// "kind": "session_dashboard").
        #[arg(long)]
        json: bool,
    },
    /// Remove one snapshot and its rows.
    Remove {
        #[arg(value_name = "ID")]
        id: i64,
    },
    /// Check the library's integrity and row counts; exits 6 when it finds damage.
    Check,
}

const FETCH_NOTES: &str = "\
The admin secret comes from the ROOMLENS_ADMIN_SECRET environment variable when it is set,
otherwise from the system keychain (see `roomlens login`). Without --partner-id, the account
saved by `roomlens login` is used.

ID options take comma-separated lists, may be repeated, and accept a pasted list separated by
spaces or new lines (quote it for the shell).";

fn fetch_help() -> String {
    format!("{FETCH_NOTES}\n\n{EXIT_CODES_HELP}")
}

#[derive(Debug, Clone, Args)]
pub struct SessionArgs {
    /// The room's entry ID (in the Room data report: Room ID).
    #[arg(value_name = "ROOM_ID")]
    pub room_id: String,
    /// The session (its ID, the Session ID of the reports). Default: the newest that has ended.
    #[arg(long, value_name = "SESSION_ID")]
    pub session: Option<String>,
    #[command(flatten)]
    pub account: AccountArgs,
    /// Print the dashboard as one JSON object (percentages 0–100, null where undefined, times
    /// RFC 3339 UTC) instead of text.
    #[arg(long)]
    pub json: bool,
    /// Also write each chart (timeline.svg, countries.svg, devices.svg) into this folder.
    #[arg(long, value_name = "DIR")]
    pub svg: Option<std::path::PathBuf>,
    /// Also write the session's report as a PDF (figures, charts, every attendee, heatmap).
    #[arg(long, value_name = "OUT.pdf")]
    pub pdf: Option<std::path::PathBuf>,
    /// The PDF's paper. Default: US Letter where the locale's region uses it, otherwise A4.
    #[arg(long, value_enum, value_name = "PAPER")]
    pub paper: Option<PaperArg>,
    /// Do not keep the dashboard in the library (by default every one fetched is kept there, the
    /// same session once).
    #[arg(long, conflicts_with = "library")]
    pub no_library: bool,
    /// The library file to keep the dashboard in instead of the usual one (or ROOMLENS_LIBRARY).
    #[arg(long, value_name = "PATH")]
    pub library: Option<PathBuf>,
}

/// Paper sizes for `--paper`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaperArg {
    A4,
    Letter,
}

/// Which Kaltura account: partner ID and where its API lives.
#[derive(Debug, Clone, Args)]
pub struct AccountArgs {
    /// Kaltura partner ID (KMC → Settings → Integration Settings). Default: the saved account.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(i64).range(1..))]
    pub partner_id: Option<i64>,
    /// Kaltura SaaS region. Default: the saved account's, else us.
    #[arg(long, value_enum, conflicts_with = "service_url")]
    pub region: Option<RegionArg>,
    /// The API address of a self-hosted Kaltura, e.g. https://kaltura.example.com.
    #[arg(long, value_name = "URL")]
    pub service_url: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RegionArg {
    /// https://www.kaltura.com
    Us,
    /// https://api.eu.kaltura.com
    Eu,
}

#[derive(Debug, Args)]
pub struct LoginArgs {
    #[command(flatten)]
    pub account: AccountArgs,
    /// A name for the account, shown in the desktop app. Default: "Partner <N>".
    #[arg(long)]
    pub name: Option<String>,
    /// Save the secret without checking it with Kaltura first.
    #[arg(long)]
    pub no_verify: bool,
}

#[derive(Debug, Args)]
pub struct AccountsArgs {
    /// Print a JSON array of {name, partner_id, service_url, default} instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportArg {
    /// Room data (report 6000): one row per room session.
    RoomData,
    /// Attendees data (report 6001): one row per user per session.
    Attendees,
    /// Breakout room sessions (report 6002).
    Breakouts,
}

#[derive(Debug, Args)]
pub struct FetchArgs {
    /// Which report.
    #[arg(value_enum)]
    pub report: ReportArg,
    /// A range ending now, in whole local days: 7d, 30d, 120d or 365d. Default: 30d.
    #[arg(long, value_parser = ["7d", "30d", "120d", "365d"], conflicts_with_all = ["from", "to"])]
    pub last: Option<String>,
    /// First day of a custom range (local time), YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD", requires = "to")]
    pub from: Option<jiff::civil::Date>,
    /// Last day of a custom range (local time, included), YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD", requires = "from")]
    pub to: Option<jiff::civil::Date>,
    /// Only these rooms (entry IDs).
    #[arg(long, value_name = "IDS")]
    pub room_ids: Vec<String>,
    /// Only rooms of these virtual events.
    #[arg(long, value_name = "IDS")]
    pub virtual_event_ids: Vec<String>,
    /// Only these users.
    #[arg(long, value_name = "IDS")]
    pub user_ids: Vec<String>,
    /// Only these sessions.
    #[arg(long, value_name = "IDS")]
    pub session_ids: Vec<String>,
    /// Only breakout rooms of these main rooms.
    #[arg(long, value_name = "IDS")]
    pub main_room_ids: Vec<String>,
    #[command(flatten)]
    pub account: AccountArgs,
    /// Save the report here (written completely or not at all). Default: print it.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Use descriptive column names ("User name") instead of Kaltura's (user_name).
    #[arg(long)]
    pub descriptive_headers: bool,
    #[command(flatten)]
    pub format: CsvFormatArgs,
    /// Do not keep the report in the library (by default every fetch is kept there too).
    #[arg(long, conflicts_with = "library")]
    pub no_library: bool,
    /// The library file to keep the report in instead of the usual one (or ROOMLENS_LIBRARY).
    #[arg(long, value_name = "PATH")]
    pub library: Option<PathBuf>,
}

/// CSV options shared by `fetch` and `export`.
#[derive(Debug, Clone, Args)]
pub struct CsvFormatArgs {
    /// Field separator.
    #[arg(long, value_enum, default_value = "comma")]
    pub delimiter: DelimiterArg,
    /// Leave out the UTF-8 byte order mark (Excel needs it to read accents correctly).
    #[arg(long)]
    pub no_bom: bool,
    /// Write cells starting with = + - @ as they are, instead of neutralising them so a
    /// spreadsheet cannot run them as formulas.
    #[arg(long)]
    pub allow_formulas: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DelimiterArg {
    Comma,
    Semicolon,
    Tab,
}

#[derive(Debug, Args)]
pub struct SummaryArgs {
    /// Report CSV files.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Print one JSON document instead of text.
    #[arg(long)]
    pub json: bool,
    /// Also write the report as a PDF (its summary cards and table); takes one FILE.
    #[arg(long, value_name = "OUT.pdf")]
    pub pdf: Option<PathBuf>,
    /// The PDF's paper. Default: US Letter where the locale's region uses it, otherwise A4.
    #[arg(long, value_enum, value_name = "PAPER", requires = "pdf")]
    pub paper: Option<PaperArg>,
    /// Print the PDF's table on at most this many pages (the note under it says how many rows
    /// are left for the CSV). Default: every row.
    #[arg(long, value_name = "N", requires = "pdf", value_parser = clap::value_parser!(u32).range(1..))]
    pub pdf_pages: Option<u32>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The report CSV to read.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Where to write (written completely or not at all).
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: PathBuf,
    /// Descriptive column names, e.g. "User name" (the default).
    #[arg(long, conflicts_with = "raw_headers")]
    pub descriptive_headers: bool,
    /// Kaltura's column names, e.g. user_name.
    #[arg(long)]
    pub raw_headers: bool,
    #[command(flatten)]
    pub format: CsvFormatArgs,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Also save the three reports as CSV files in this folder.
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    pub output: Option<PathBuf>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn grammar_is_consistent() {
        Cli::command().debug_assert();
    }
}
