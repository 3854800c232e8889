//! The shape every report table is written in (`reports::tables` holds the tables): per report,
//! what it is (id, title, filters, first sort, who a row's person is), and per column its raw
//! header, descriptive label, type and unit, the header spellings it is read from, and whether it
//! is searched, identifies a row or is shown wide; with `report_table!`, one table per report
//! gives the typed row, its reading, export, table columns and the page's report metadata. It does
//! not read or write anything itself.

use super::kind::ReportKind;
use super::text::Text;
use serde::Serialize;

/// The kind of value a column holds, as the page formats it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ColumnType {
    Text,
    /// Unix seconds.
    Time,
    Count,
    /// A fraction 0..1, shown as a percentage.
    Ratio,
    Minutes,
    Seconds,
}

/// One accepted spelling of a column's header, normalised to lowercase letters and digits
/// (`header::normalise`), and the factor that turns its unit into the column's unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Alias {
    pub name: &'static str,
    pub scale: f64,
}

/// A header spelling in the column's own unit.
pub const fn a(name: &'static str) -> Alias {
    Alias { name, scale: 1.0 }
}

/// A header spelling in another unit: values are multiplied by `scale`.
pub const fn scaled(name: &'static str, scale: f64) -> Alias {
    Alias { name, scale }
}

/// What a column is besides its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// The search box matches it (names, e-mails).
    Searchable,
    /// A row needs a value in at least one such column to be kept; a header needs one of them.
    Identity,
    /// A header needs one such column to count as this report rather than, say, a user list.
    Distinctive,
    /// Long free text: the table gives it a wide column.
    Wide,
}

/// One column of a report.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ColumnSpec {
    /// Kaltura's raw header, e.g. `meeting_view_time`; also the key the page uses.
    pub raw: &'static str,
    /// The descriptive header, e.g. "Participation time (minutes)".
    pub label: &'static str,
    pub column_type: ColumnType,
    /// Header spellings read as this column (Kaltura's, the Video Portal's, common ones).
    pub aliases: &'static [Alias],
    pub flags: &'static [Flag],
}

impl ColumnSpec {
    pub fn has(&self, flag: Flag) -> bool {
        self.flags.contains(&flag)
    }
}

/// The filters Kaltura's room reports take, by the name of their list in a request.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    serde::Deserialize,
    ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum FilterName {
    RoomIds,
    MainRoomIds,
    SessionIds,
    UserIds,
    VirtualEventIds,
}

/// What a report is, beyond its columns.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReportSpec {
    pub kind: ReportKind,
    /// Kaltura's report id for `report.getCsvFromStringParams`.
    pub report_id: u32,
    /// "Room data", "Attendees", "Breakout rooms".
    pub title: &'static str,
    /// The short name of the command line and file names.
    pub slug: &'static str,
    /// What one row is called, singular and plural: "Showing 12 of 212 sessions".
    pub row_noun: (&'static str, &'static str),
    /// What a row without identity lacks, for the reading warning: "user ID, e-mail or name".
    pub identity_words: &'static str,
    /// Kaltura's own list of filters for this report, each with its name in the request's
    /// `params` (docs/kaltura-wire-format.md §5.2).
    pub filters: &'static [(FilterName, &'static str)],
    /// The first sort: a column and whether descending.
    pub default_sort: (&'static str, bool),
    /// The columns people read first, in this order; the rest follow in table order.
    pub shown_first: &'static [&'static str],
    /// The columns that name a row's person, in order of preference (the first with a value);
    /// empty when rows are not about one person.
    pub person: &'static [&'static str],
    pub columns: &'static [ColumnSpec],
}

impl ReportSpec {
    /// The position of the column `raw` in `columns`.
    pub fn position(&self, raw: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.raw == raw)
    }
}

/// How one column's value is taken from and put into a typed row.
pub enum Value<R: 'static> {
    Text(fn(&R) -> &Text, fn(&mut R, Text)),
    /// Unix seconds.
    Whole(fn(&R) -> Option<i64>, fn(&mut R, Option<i64>)),
    Count(fn(&R) -> Option<u64>, fn(&mut R, Option<u64>)),
    /// Ratios, minutes, seconds.
    Decimal(fn(&R) -> Option<f64>, fn(&mut R, Option<f64>)),
}

/// A typed row made by `report_table!`: its report, one `Value` per column (aligned with
/// `SPEC.columns`), and the file's extra columns.
pub trait ReportRow: Default + Sized + 'static {
    const SPEC: &'static ReportSpec;
    const VALUES: &'static [Value<Self>];
    fn extra(&self) -> &[Text];
    fn set_extra(&mut self, extra: Vec<Text>);
}

/// Writes one report's table: the row struct (one field per column, named by its raw header,
/// typed by its column type; then `extra`) and its `ReportRow` implementation.
///
/// ```text
/// report_table! {
///     /// doc of the row
///     row AttendeeRow;
///     spec { kind: ReportKind::Attendees, report_id: 6001, … };
///     columns {
///         user_name: Text, "User name", &[a("username"), a("name")], Searchable, Identity;
///         meeting_view_time: Minutes, "Participation time (minutes)", &[a("minutes")];
///     }
/// }
/// ```
macro_rules! report_table {
    (
        $(#[$doc:meta])*
        row $row:ident;
        spec { $($spec_field:ident: $spec_value:expr),* $(,)? };
        columns {
            $($field:ident: $ty:ident, $label:literal, $aliases:expr $(, $flag:ident)*;)*
        }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
        pub struct $row {
            $(pub $field: report_table!(@type $ty),)*
            /// The file's columns the report does not know, aligned with `Report::extra_columns`.
            pub extra: Vec<$crate::reports::Text>,
        }

        impl $crate::reports::schema::ReportRow for $row {
            const SPEC: &'static $crate::reports::schema::ReportSpec =
                &$crate::reports::schema::ReportSpec {
                    $($spec_field: $spec_value,)*
                    columns: &[$($crate::reports::schema::ColumnSpec {
                        raw: stringify!($field),
                        label: $label,
                        column_type: $crate::reports::schema::ColumnType::$ty,
                        aliases: $aliases,
                        flags: &[$($crate::reports::schema::Flag::$flag),*],
                    }),*],
                };
            const VALUES: &'static [$crate::reports::schema::Value<Self>] =
                &[$(report_table!(@value $ty, $field)),*];
            fn extra(&self) -> &[$crate::reports::Text] {
                &self.extra
            }
            fn set_extra(&mut self, extra: Vec<$crate::reports::Text>) {
                self.extra = extra;
            }
        }
    };
    (@type Text) => { $crate::reports::Text };
    (@type Time) => { Option<i64> };
    (@type Count) => { Option<u64> };
    (@type Ratio) => { Option<f64> };
    (@type Minutes) => { Option<f64> };
    (@type Seconds) => { Option<f64> };
    (@value Text, $field:ident) => {
        $crate::reports::schema::Value::Text(|r| &r.$field, |r, v| r.$field = v)
    };
    (@value Time, $field:ident) => {
        $crate::reports::schema::Value::Whole(|r| r.$field, |r, v| r.$field = v)
    };
    (@value Count, $field:ident) => {
        $crate::reports::schema::Value::Count(|r| r.$field, |r, v| r.$field = v)
    };
    (@value $decimal:ident, $field:ident) => {
        $crate::reports::schema::Value::Decimal(|r| r.$field, |r, v| r.$field = v)
    };
}

pub(crate) use report_table;
