//! `kaltura-sim`: a local stand-in for Kaltura's api_v3, serving what Roomlens calls
//! (`report.getCsvFromStringParams`, `report.getCsv`, `report.exportToCsv`, `session.start`) and
//! what Kaltura's Room
//! analytics front end calls for one session (multirequest, `baseentry.get`,
//! `schedule_scheduleevent.list`, `cuepoint_cuepoint.list`, `report.getTotal/getTable/getGraphs`)
//! as `docs/kaltura-wire-format.md` describes, over a hand-written HTTP/1.1 server on 127.0.0.1,
//! from a seeded synthetic organisation, with fault injection. Independent of the `roomlens` crate
//! on purpose.
//!
//! # Report definitions (the simulator's choice where Kaltura's are not public, §5.3)
//!
//! | id | required | optional filters (list separated by `,`) |
//! |---|---|---|
//! | 6000 room data | `from_date`, `to_date` | `entry_ids` (entry_id), `virtual_event_ids` |
//! | 6001 attendees | `from_date`, `to_date` | `entry_ids`, `virtual_event_ids`, `user_ids`, `cue_point_ids` |
//! | 6002 breakout rooms | `fromDate`, `toDate` | `parentEntryIds` (parent_entry_id), `virtual_event_ids` |
//!
//! Dates are Unix seconds; a row belongs to `[from, to)` when its session start does (6000 and
//! 6002 rows of breakout rooms use the breakout session's own start). Unknown parameters are
//! ignored, so a client may send both `from_date` and `fromDate`. `limit` (a positive integer)
//! lowers the cap. A missing required parameter gives `INTERNAL_SERVERL_ERROR` in the requested
//! format; any other report id gives the `REPORT_NOT_FOUND` die error. Rows come ordered by
//! session start, then cue point id, then entry id (6001: user id), and are capped at
//! [`SimConfig::row_cap`] (100,000) with the excess silently dropped. 6000 includes breakout-room
//! sessions with `parent_entry_id` set; main rooms have it empty. 6001 lists main-room attendees.
//!
//! # Setups and organisations
//! [`SimConfig::default`] holds five partners: [`PRIMARY_PARTNER_ID`] (the handle's
//! `partner_id()`/`admin_secret()`), [`SECOND_PARTNER_ID`] (its own secret and data),
//! [`BLOCKED_PARTNER_ID`], [`TWO_SECRETS_PARTNER_ID`] (primary + additional admin secret, and a user
//! secret for `session.start`) and [`REFERENCE_PARTNER_ID`] with the test-vector secret (§3.5), so
//! the reference KS vectors work against it. [`SimConfig::demo`] is the Demo account. Each partner's
//! data comes from an [`OrgProfile`] and a seed, generated per day on demand: `tiny`, `demo`,
//! `year_large` (> 250,000 attendee rows a year, a busy day > 100,000 rows over 240 sessions),
//! `single_huge_session` (120,000 attendees at one instant) and `dense(rows_per_day)` for millions.
//! Data runs from `history_days` before the data end up to the data end: the real clock's now,
//! or [`SimConfig::data_end`] when fixed (tests that need byte-stable output fix it).
//! [`SimHandle::expected_rows`] is the ground truth.
//!
//! # The Room dashboard (reports 60001–60012 and 70001)
//! Served from the same organisation as 6000/6001/6002: a window `[fromDate, toDate)` takes the
//! sessions of the rooms in `entryIdIn` (70001: `contextIdIn`) that start in it, as 6001 does, and
//! the plays of the recordings in `entryIdIn`. A session's attendees, their minutes and engaged
//! ratios are 6001's rows; the rest of what a person did (reactions, hands, chat, polls, Q&A,
//! downloads, device, country, registration fields) is made up per person and session. Ground
//! truth: [`Org::session_dashboard_truth`], [`Org::recording_truth`]; the edge cases:
//! [`Org::edge_sessions`] (demo profile); the busiest room: [`Org::busiest_room`]; the 5,000 ×
//! 8-hour session: [`OrgProfile::demo_marathon`] and [`Org::marathon_session`]. Only the first
//! room of a profile (`rooms_with_recording`) has a recording. The reports' 6000-style
//! `meeting_engaged_play_time_ratio` of a session is its own figure, not the attendees' mean.
//!
//! # E-mail export (`report.exportToCsv`, §10)
//! Authorised like the report downloads (an admin KS, or `setrole:REPORT_VIEWER_ROLE`). `params`
//! is checked as Kaltura checks it: an object, `action` 1–3 (table, total, graph), `reportType` a
//! dashboard type or a room report as Kava names custom reports (`-6000`, `-6001`, `-6002`), every
//! item with `action`, `reportType` and `filter` (else `MISSING_MANDATORY_PARAMETER` naming
//! `N/A`). Unlike Kaltura, which falls back to the session user's or the partner's address, the
//! simulator also requires `recipientEmail` (`PROPERTY_VALIDATION_CANNOT_BE_NULL`) and refuses
//! one that does not look like an address (`PROPERTY_VALIDATION_WRONG_FORMAT`). An accepted
//! request is answered with a `KalturaReportExportResponse` (job ids count up from 70,000,001)
//! and kept in [`SimStats::email_exports`] with the KS and the partner's secrets removed; nothing
//! is e-mailed.
//!
//! # Deliberate limits
//! No `{N:result}` references in a multirequest, no multipart bodies, no `language` check; no
//! relative `fromDate`; `fromDay`/`toDay` and 60008/60009 (regions, cities) give no data; 60013–19
//! answer header-less; `order` is honoured only on metric columns; days are UTC where Kaltura uses
//! its own time zone for reversed windows. A Content-Disposition file name is kept to printable
//! ASCII.

mod api_error;
mod api_value;
mod config;
mod csv_body;
mod dashboard_data;
mod dashboard_params;
mod dashboard_reports;
mod dashboard_truth;
mod dispatch;
mod faults;
mod http_wire;
pub mod ks;
mod ks_crypto;
mod multirequest;
mod names;
mod org;
mod params;
mod php_format;
mod php_json;
mod profile;
mod recordings;
mod report_export;
mod report_kind;
mod report_params;
mod report_shapes;
mod room_entries;
mod room_sessions;
mod seeded;
mod server;
mod stats;

pub use config::{
    fake_secret, KsVersion, PartnerConfig, PartnerStatus, SimConfig, BLOCKED_PARTNER_ID,
    DEFAULT_ROW_CAP, DEMO_PARTNER_ID, PRIMARY_PARTNER_ID, REFERENCE_ADMIN_SECRET,
    REFERENCE_PARTNER_ID, SECOND_PARTNER_ID, TWO_SECRETS_PARTNER_ID,
};
pub use csv_body::{write_csv, write_header, write_row, BOM};
pub use dashboard_data::{AttendeeActivity, LiveTotals, TimelineMinute, REACTION_KINDS};
pub use dashboard_reports::{
    CNC_PARTICIPATION_TOTAL, COUNTRY_TABLE, ENGAGEMENT_LEVEL_TABLE, ENGAGEMENT_TOTAL, GEO_TOTAL,
    HIGHLIGHTS_TOTAL, PLATFORMS_TABLE, TIMELINE_TABLE, TOP_RECORDING_TABLE, TOP_RECORDING_TOTAL,
    UNIQUE_USERS_TOTAL, USER_ENGAGEMENT_TABLE, USER_ENGAGEMENT_TOTAL, VOD_USERS_TABLE,
    VOD_USERS_TOTAL,
};
pub use dashboard_truth::{AudienceCount, DashboardTruth, RecordingTruth, RecordingViewer};
pub use faults::{Fault, FaultPlan, RandomFaults};
pub use org::{Org, Room, User};
pub use php_format::php_float;
pub use profile::{BusyDay, DashboardEdges, HugeSession, Marathon, OrgProfile};
pub use recordings::Recording;
pub use report_kind::{
    Filters, ReportKind, ATTENDEES_COLUMNS, BREAKOUTS_COLUMNS, ROOM_DATA_COLUMNS,
};
pub use room_sessions::{BusiestRoom, CuePoint, EdgeSessions, SessionRef};
pub use server::{start, SimHandle};
pub use stats::{EmailExport, EmailExportItem, ReportCall, SimStats};

/// Ground truth for an organisation: every matching row, uncapped, with values exactly as they
/// appear in the CSV (commas turned into spaces).
pub fn expected_rows(
    org: &Org,
    kind: ReportKind,
    from_unix: i64,
    to_unix: i64,
    filters: &Filters,
) -> Vec<Vec<String>> {
    org.rows(kind, from_unix, to_unix, filters, usize::MAX)
        .into_iter()
        .map(|row| row.iter().map(|v| csv_value(v)).collect())
        .collect()
}

use csv_body::csv_value;
