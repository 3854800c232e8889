//! The report as the desktop table shows it: column descriptions, sorted, searched and paged
//! rows, summary cards and one attendee's sessions, in the JSON shapes the desktop commands return
//! (src-tauri/src/commands/reports.rs). Pure presentation logic over a `Report`: no I/O, no Tauri,
//! no formatting that depends on the user's locale (the UI formats numbers and times).

mod card_note;
mod card_value;
mod cards;
mod cell;
mod cell_value;
mod columns;
mod order;
mod query;
mod report_meta;
mod search;
mod user_detail;

pub use card_note::Note;
pub use card_value::{CardFormat, CardValue};
pub use cards::{summary_cards, summary_cards_of, Card};
pub(crate) use cell::cell;
pub(crate) use cell_value::CellRef;
pub use cell_value::CellValue;
pub use columns::{columns, columns_of, known_columns, ColumnInfo, ColumnType};
pub use query::{RowsPageBody, SortDirection, TableIndex, MAX_PAGE_ROWS};
pub use report_meta::{report_meta, ReportMeta, SortArg};
pub use search::MIN_SEARCH_CHARS;
pub use user_detail::{user_detail, user_detail_of, UserDetail};
