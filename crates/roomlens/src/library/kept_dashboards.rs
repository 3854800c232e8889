//! Session dashboards kept in the library for review with no network: each one whole, as JSON in
//! its own shape (`KeptDashboard`, every field, unlike `roomlens session --json`), one copy per
//! account, room and session (the newest fetch wins), listed newest first, read back as the same
//! `SessionDashboard` (with its listing, for showing it again offline) and removed. It fetches
//! nothing and computes no figure.

use super::damaged;
use super::{sql_error, Library};
use crate::dashboard::session_dashboard::{
    Attendee, AttendeeProfile, Country, Device, Engagement, Minutes, RecordingFigures, RoomRef,
    SessionRef, TimelineMinute, Viewers,
};
use crate::dashboard::session_reports::ReportWindow;
use crate::dashboard::SessionDashboard;
use crate::error::{Error, ErrorCode};
use jiff::Timestamp;
use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};

/// The version of `KeptDashboard`'s JSON this Roomlens writes and reads (the `format` column).
pub const KEPT_DASHBOARD_FORMAT: i64 = 1;

/// A session dashboard as the library keeps it: every field of `SessionDashboard`, the ones its
/// `--json` shape leaves out included. Change it only with a new `KEPT_DASHBOARD_FORMAT`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeptDashboard {
    pub room: RoomRef,
    pub session: SessionRef,
    pub sessions: Vec<SessionRef>,
    pub viewers: Viewers,
    pub minutes: Minutes,
    pub engagement: Engagement,
    pub recording_plays: Option<u64>,
    pub timeline: Vec<KeptMinute>,
    pub attendees: Vec<KeptAttendee>,
    pub countries: Vec<Country>,
    pub devices: Vec<Device>,
    pub requests: u32,
    pub recording: Option<RecordingFigures>,
    pub window: Option<ReportWindow>,
    pub attendees_unlisted: u64,
}

/// A timeline minute with its reactions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeptMinute {
    pub time: String,
    pub viewers: u64,
    pub engagement_pct: f64,
    pub reactions: u64,
}

/// An attendee with their profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeptAttendee {
    pub user_id: String,
    pub name: String,
    pub minutes: f64,
    pub reactions: u64,
    pub raised_hands: u64,
    pub engagement_pct: f64,
    pub messages: u64,
    pub polls: u64,
    pub questions: u64,
    pub downloads: u64,
    pub profile: AttendeeProfile,
}

impl From<&SessionDashboard> for KeptDashboard {
    fn from(d: &SessionDashboard) -> KeptDashboard {
        // Taken apart field by field: a field added to the dashboard fails to compile here
        // until it is kept too.
        let SessionDashboard {
            room,
            session,
            sessions,
            viewers,
            minutes,
            engagement,
            recording_plays,
            timeline,
            attendees,
            countries,
            devices,
            requests,
            recording,
            window,
            attendees_unlisted,
        } = d.clone();
        KeptDashboard {
            room,
            session,
            sessions,
            viewers,
            minutes,
            engagement,
            recording_plays,
            timeline: timeline
                .into_iter()
                .map(|m| {
                    let TimelineMinute {
                        time,
                        viewers,
                        engagement_pct,
                        reactions,
                    } = m;
                    KeptMinute {
                        time,
                        viewers,
                        engagement_pct,
                        reactions,
                    }
                })
                .collect(),
            attendees: attendees
                .into_iter()
                .map(|a| {
                    let Attendee {
                        user_id,
                        name,
                        minutes,
                        reactions,
                        raised_hands,
                        engagement_pct,
                        messages,
                        polls,
                        questions,
                        downloads,
                        profile,
                    } = a;
                    KeptAttendee {
                        user_id,
                        name,
                        minutes,
                        reactions,
                        raised_hands,
                        engagement_pct,
                        messages,
                        polls,
                        questions,
                        downloads,
                        profile,
                    }
                })
                .collect(),
            countries,
            devices,
            requests,
            recording,
            window,
            attendees_unlisted,
        }
    }
}

impl From<KeptDashboard> for SessionDashboard {
    fn from(k: KeptDashboard) -> SessionDashboard {
        let KeptDashboard {
            room,
            session,
            sessions,
            viewers,
            minutes,
            engagement,
            recording_plays,
            timeline,
            attendees,
            countries,
            devices,
            requests,
            recording,
            window,
            attendees_unlisted,
        } = k;
        SessionDashboard {
            room,
            session,
            sessions,
            viewers,
            minutes,
            engagement,
            recording_plays,
            timeline: timeline
                .into_iter()
                .map(|m| TimelineMinute {
                    time: m.time,
                    viewers: m.viewers,
                    engagement_pct: m.engagement_pct,
                    reactions: m.reactions,
                })
                .collect(),
            attendees: attendees
                .into_iter()
                .map(|a| Attendee {
                    user_id: a.user_id,
                    name: a.name,
                    minutes: a.minutes,
                    reactions: a.reactions,
                    raised_hands: a.raised_hands,
                    engagement_pct: a.engagement_pct,
                    messages: a.messages,
                    polls: a.polls,
                    questions: a.questions,
                    downloads: a.downloads,
                    profile: a.profile,
                })
                .collect(),
            countries,
            devices,
            requests,
            recording,
            window,
            attendees_unlisted,
        }
    }
}

/// A kept session dashboard as the Library screen and `roomlens library list` show it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct DashboardInfo {
    pub id: i64,
    pub account_name: String,
    pub room_id: String,
    pub room_name: String,
    pub session_id: String,
    /// The session's start and end, Unix seconds (`None` if its time could not be read).
    pub session_start: Option<i64>,
    pub session_end: Option<i64>,
    /// When it was fetched, Unix seconds.
    pub fetched_at: i64,
}

/// The columns `info_of` reads, in its order.
const INFO_COLUMNS: &str =
    "id, account_name, room_id, room_name, session_id, session_start, session_end, fetched_at";

fn info_of(row: &rusqlite::Row<'_>) -> rusqlite::Result<DashboardInfo> {
    Ok(DashboardInfo {
        id: row.get(0)?,
        account_name: row.get(1)?,
        room_id: row.get(2)?,
        room_name: row.get(3)?,
        session_id: row.get(4)?,
        session_start: row.get(5)?,
        session_end: row.get(6)?,
        fetched_at: row.get(7)?,
    })
}

/// Unix seconds of an RFC 3339 time, as the dashboard writes its session times.
fn unix_of(rfc3339: &str) -> Option<i64> {
    rfc3339.parse::<Timestamp>().ok().map(|t| t.as_second())
}

fn not_kept(id: i64) -> Error {
    Error::new(
        ErrorCode::InvalidInput,
        format!(
            "The library holds no session dashboard {id}. List the library to see what it holds."
        ),
    )
}

/// The dashboard kept as `json` in `format`, or the library's damage in plain words. Both are
/// taken as SQLite values, not as the types Roomlens writes: something else put there behind the
/// library's back is damage, not a failure to read.
fn decode(id: i64, format: &Value, json: &Value) -> Result<SessionDashboard, Error> {
    if *format != Value::Integer(KEPT_DASHBOARD_FORMAT) {
        return Err(damaged(format!(
            "session dashboard {id}: format {format:?}, this Roomlens reads {KEPT_DASHBOARD_FORMAT}"
        )));
    }
    let Value::Text(json) = json else {
        return Err(damaged(format!("session dashboard {id}: not text")));
    };
    serde_json::from_str::<KeptDashboard>(json)
        .map(SessionDashboard::from)
        .map_err(|e| damaged(format!("session dashboard {id}: {e}")))
}

impl Library {
    /// Keeps `dashboard`, fetched from `account` at `fetched_at` (Unix seconds), and returns its id.
    /// The same account, room and session is kept once: a newer (or equally new) copy replaces
    /// the kept one, an older one is not written and the kept copy's id comes back. One
    /// transaction: failed, the library is as it was.
    pub fn add_dashboard(
        &mut self,
        account: &str,
        dashboard: &SessionDashboard,
        fetched_at: i64,
    ) -> Result<i64, Error> {
        let json = serde_json::to_string(&KeptDashboard::from(dashboard)).map_err(|e| {
            Error::new(
                ErrorCode::Internal,
                "Roomlens could not write the session dashboard for its library.",
            )
            .with_detail(e.to_string())
        })?;
        let room_id = dashboard.room.id.as_str();
        let session_id = dashboard.session.id.as_str();
        // Immediate: the write lock before the read, so two Roomlens keeping the same session at
        // once still leave one copy.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| sql_error(&e))?;
        let kept: Option<(i64, i64)> = tx
            .query_row(
                "SELECT id, fetched_at FROM dashboards \
                 WHERE account_name = ?1 AND room_id = ?2 AND session_id = ?3 \
                 ORDER BY fetched_at DESC, id DESC LIMIT 1",
                params![account, room_id, session_id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()
            .map_err(|e| sql_error(&e))?;
        if let Some((id, at)) = kept {
            if at > fetched_at {
                return Ok(id);
            }
        }
        tx.execute(
            "DELETE FROM dashboards WHERE account_name = ?1 AND room_id = ?2 AND session_id = ?3",
            params![account, room_id, session_id],
        )
        .map_err(|e| sql_error(&e))?;
        tx.execute(
            "INSERT INTO dashboards (account_name, room_id, room_name, session_id, session_start, \
             session_end, fetched_at, format, dashboard) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                account,
                room_id,
                dashboard.room.name,
                session_id,
                unix_of(&dashboard.session.start),
                unix_of(&dashboard.session.end),
                fetched_at,
                KEPT_DASHBOARD_FORMAT,
                json
            ],
        )
        .map_err(|e| sql_error(&e))?;
        let id = tx.last_insert_rowid();
        tx.commit().map_err(|e| sql_error(&e))?;
        Ok(id)
    }

    /// Every kept session dashboard, newest fetch first.
    pub fn dashboards(&self) -> Result<Vec<DashboardInfo>, Error> {
        let mut select = self
            .conn
            .prepare(&format!(
                "SELECT {INFO_COLUMNS} FROM dashboards ORDER BY fetched_at DESC, id DESC"
            ))
            .map_err(|e| sql_error(&e))?;
        let rows = select.query_map([], info_of).map_err(|e| sql_error(&e))?;
        rows.map(|row| row.map_err(|e| sql_error(&e))).collect()
    }

    /// The session dashboard kept as `id` with what the list shows of it, read in one go, for
    /// showing it again with no network; a plain `invalid_input` error when it is no longer kept.
    pub fn dashboard_with_info(&self, id: i64) -> Result<(DashboardInfo, SessionDashboard), Error> {
        let (info, format, json): (DashboardInfo, Value, Value) = self
            .conn
            .query_row(
                &format!("SELECT {INFO_COLUMNS}, format, dashboard FROM dashboards WHERE id = ?1"),
                [id],
                |row| Ok((info_of(row)?, row.get(8)?, row.get(9)?)),
            )
            .optional()
            .map_err(|e| sql_error(&e))?
            .ok_or_else(|| not_kept(id))?;
        Ok((info, decode(id, &format, &json)?))
    }

    /// The kept dashboard of `account`'s room `room_id` and session `session_id` (`None`: the
    /// room's session that started last), with what is known of it; `None` when none is kept.
    pub fn find_dashboard(
        &self,
        account: &str,
        room_id: &str,
        session_id: Option<&str>,
    ) -> Result<Option<(DashboardInfo, SessionDashboard)>, Error> {
        let found = self
            .dashboards()?
            .into_iter()
            .filter(|d| d.account_name == account && d.room_id == room_id)
            .filter(|d| session_id.is_none_or(|s| d.session_id == s))
            .max_by_key(|d| (d.session_start, d.fetched_at, d.id));
        match found {
            Some(info) => {
                let dashboard = self.dashboard(info.id)?;
                Ok(Some((info, dashboard)))
            }
            None => Ok(None),
        }
    }

    /// The session dashboard kept as `id`, exactly as it was kept.
    pub fn dashboard(&self, id: i64) -> Result<SessionDashboard, Error> {
        let (format, json): (Value, Value) = self
            .conn
            .query_row(
                "SELECT format, dashboard FROM dashboards WHERE id = ?1",
                [id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()
            .map_err(|e| sql_error(&e))?
            .ok_or_else(|| not_kept(id))?;
        decode(id, &format, &json)
    }

    /// Removes session dashboard `id`.
    pub fn remove_dashboard(&mut self, id: i64) -> Result<(), Error> {
        let removed = self
            .conn
            .execute("DELETE FROM dashboards WHERE id = ?1", [id])
            .map_err(|e| sql_error(&e))?;
        if removed == 0 {
            return Err(not_kept(id));
        }
        Ok(())
    }

    /// For `check`: each kept dashboard that cannot be read back, in words.
    pub(super) fn dashboard_problems(&self) -> Result<Vec<String>, Error> {
        let mut select = self
            .conn
            .prepare("SELECT id, format, dashboard FROM dashboards ORDER BY id")
            .map_err(|e| sql_error(&e))?;
        let mut rows = select.query([]).map_err(|e| sql_error(&e))?;
        let mut problems = Vec::new();
        while let Some(row) = rows.next().map_err(|e| sql_error(&e))? {
            let id: i64 = row.get(0).map_err(|e| sql_error(&e))?;
            let format: Value = row.get(1).map_err(|e| sql_error(&e))?;
            let json: Value = row.get(2).map_err(|e| sql_error(&e))?;
            if decode(id, &format, &json).is_err() {
                problems.push(format!("session dashboard {id} cannot be read back"));
            }
        }
        Ok(problems)
    }
}
