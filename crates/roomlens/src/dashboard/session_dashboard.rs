//! One session's dashboard, as `roomlens session --json` prints it and the Rooms screen shows
//! it: the room and its sessions, the viewers, minutes and engagement cards, recording plays,
//! the per-minute timeline, every attendee, countries and devices, each figure by Kaltura's
//! formulas (`figures`). Times are RFC 3339 UTC, percentages 0–100, `null` where Kaltura's page
//! would divide by zero. It does not draw charts.

use super::figures::{
    engagement_card, minute_engagement_pct, person_engagement_pct, viewer_split, EngagementTotals,
};
use super::room_lookup::{lookup_calls, parse_lookup, RoomSessions, SessionWindow};
use super::session_reports::{fetch_session_reports, ReportWindow, SessionReports};
use crate::cancel::CancelToken;
use crate::error::{Error, ErrorCode};
use crate::kaltura::KalturaClient;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// Which session of which room, and the zone the person reads times in.
#[derive(Debug, Clone)]
pub struct DashboardRequest {
    pub room_id: String,
    /// `None`: the newest session with a duration.
    pub session_id: Option<String>,
    pub zone: TimeZone,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct RoomRef {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct SessionRef {
    pub id: String,
    /// RFC 3339, UTC.
    pub start: String,
    pub end: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Viewers {
    pub unique: u64,
    pub live: u64,
    pub recording: u64,
    pub live_pct: Option<f64>,
    pub recording_pct: Option<f64>,
    pub both_pct: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Minutes {
    /// Minutes per live viewer.
    pub live_avg: f64,
    /// Minutes per recording viewer.
    pub recording_avg: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Engagement {
    pub rate_pct: Option<f64>,
    pub reactions_pct: Option<f64>,
    pub reactions: u64,
    pub downloads_pct: Option<f64>,
    pub downloads: u64,
    pub messages_pct: Option<f64>,
    pub messages: u64,
    pub questions_pct: Option<f64>,
    pub questions: u64,
    pub polls_pct: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct TimelineMinute {
    /// RFC 3339, UTC: the minute's start.
    pub time: String,
    pub viewers: u64,
    pub engagement_pct: f64,
    /// Reactions sent in the minute (all five kinds), for the chart; not in the JSON's keys.
    #[serde(skip)]
    #[ts(skip)]
    pub reactions: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Attendee {
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
    /// E-mail, role, company, industry, country: shown on hover, not in the JSON's fixed keys.
    #[serde(skip)]
    #[ts(skip)]
    pub profile: AttendeeProfile,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct AttendeeProfile {
    pub email: String,
    pub role: String,
    pub company: String,
    pub industry: String,
    pub country: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Country {
    pub code: String,
    pub name: String,
    pub live: u64,
    pub recording: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Device {
    pub device: String,
    pub live: u64,
    pub recording: u64,
}

/// The room's recording over the session's window (reports 60005 and 60012), when it has one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct RecordingFigures {
    pub plays: u64,
    /// Player loads (`count_loads`).
    pub impressions: u64,
    pub minutes_viewed: f64,
    /// 0–100, as Kaltura writes it (its page divides by 100 to show a percentage).
    pub average_completion_pct: f64,
    /// Local days (`YYYYMMDD` in the person's zone) and their plays.
    pub plays_per_day: Vec<(String, u64)>,
}

/// A session's dashboard. Serialises to exactly the keys of `roomlens session --json`.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct SessionDashboard {
    pub room: RoomRef,
    pub session: SessionRef,
    /// Newest first.
    pub sessions: Vec<SessionRef>,
    pub viewers: Viewers,
    pub minutes: Minutes,
    pub engagement: Engagement,
    /// `None` when the room has no recording.
    pub recording_plays: Option<u64>,
    pub timeline: Vec<TimelineMinute>,
    pub attendees: Vec<Attendee>,
    pub countries: Vec<Country>,
    pub devices: Vec<Device>,
    /// Multirequests the dashboard took (the room lookup included).
    #[serde(skip)]
    #[ts(skip)]
    pub requests: u32,
    /// The recording's figures; `None` without a recording (the JSON has `recording_plays`).
    #[serde(skip)]
    #[ts(skip)]
    pub recording: Option<RecordingFigures>,
    /// The window and entry ids its reports were asked for (for a person's heatmap later).
    #[serde(skip)]
    #[ts(skip)]
    pub window: Option<ReportWindow>,
    /// Attendees Kaltura counted but does not list (it pages at most 12,000 rows).
    #[serde(skip)]
    #[ts(skip)]
    pub attendees_unlisted: u64,
}

/// The five reaction columns of the minute timeline (60004).
const REACTION_HEADERS: [&str; 5] = [
    "reaction_clap_clicked",
    "reaction_heart_clicked",
    "reaction_think_clicked",
    "reaction_wow_clicked",
    "reaction_smile_clicked",
];

/// RFC 3339 in UTC for Unix seconds.
fn rfc3339(seconds: i64) -> String {
    Timestamp::from_second(seconds).map_or_else(|_| seconds.to_string(), |t| t.to_string())
}

fn count(x: f64) -> u64 {
    if x.is_finite() && x > 0.0 {
        x.floor() as u64
    } else {
        0
    }
}

fn session_ref(s: &SessionWindow) -> SessionRef {
    SessionRef {
        id: s.id.clone(),
        start: rfc3339(s.start),
        end: rfc3339(s.end),
    }
}

/// The report window of a session as Kaltura's page builds it: the start with its minutes and
/// seconds set to zero in local time unless the minute already is 0, to the end; and the offset
/// in JavaScript's sign (UTC − local, minutes).
pub fn report_window(session: &SessionWindow, zone: &TimeZone) -> (i64, i32) {
    let offset_seconds = Timestamp::from_second(session.start)
        .map(|t| zone.to_offset(t).seconds())
        .unwrap_or(0);
    let local = session.start + i64::from(offset_seconds);
    let from = if (local / 60).rem_euclid(60) != 0 {
        local - local.rem_euclid(3600) - i64::from(offset_seconds)
    } else {
        session.start
    };
    (from, -(offset_seconds / 60))
}

/// Fetches the dashboard of `request`'s session: two multirequests for most sessions (the room
/// and its sessions, then every figure), more for sessions with over 500 attendees.
pub async fn fetch_session_dashboard(
    client: &KalturaClient,
    request: &DashboardRequest,
    cancel: &CancelToken,
) -> Result<SessionDashboard, Error> {
    let now = Timestamp::now().as_second();
    let lookup = client
        .multirequest(&lookup_calls(&request.room_id, now), cancel)
        .await?;
    let room = parse_lookup(&request.room_id, lookup)?;
    let session = match &request.session_id {
        Some(id) => room.sessions.iter().find(|s| &s.id == id).ok_or_else(|| {
            Error::new(
                ErrorCode::EntryNotFound,
                format!("The room {} has no ended session {id}. Check the session ID, or leave it out for the newest session.", room.id),
            )
        })?,
        None => room.sessions.first().ok_or_else(|| {
            Error::new(
                ErrorCode::EntryNotFound,
                format!("The room {} has no ended sessions yet, so there is no dashboard to show.", room.id),
            )
        })?,
    }
    .clone();
    let (from, zone_offset_minutes) = report_window(&session, &request.zone);
    let window = ReportWindow {
        from,
        to: session.end,
        zone_offset_minutes,
        live_entry_ids: room.live_entry_ids.clone(),
        vod_entry_ids: room.vod_entry_ids.clone(),
    };
    let reports = fetch_session_reports(client, &window, cancel).await?;
    let mut dashboard = assemble(&room, &session, &reports);
    dashboard.window = Some(window);
    Ok(dashboard)
}

/// The dashboard of `session` from its reports.
pub fn assemble(
    room: &RoomSessions,
    session: &SessionWindow,
    r: &SessionReports,
) -> SessionDashboard {
    let split = viewer_split(
        r.viewers.number("unique_vod_live_viewers"),
        r.viewers.number("unique_combined_live_viewers"),
        r.viewers.number("unique_vod_viewers"),
    );
    let card = engagement_card(&EngagementTotals {
        live_viewers: r.engagement.number("unique_combined_live_viewers"),
        engaged_ratio: r
            .engagement
            .number("combined_live_engaged_users_play_time_ratio"),
        reaction_users: r.engagement.number("reaction_clicked_unique_users"),
        reactions: r.engagement.number("count_reaction_clicked"),
        download_users: r.engagement.number("download_attachment_unique_users"),
        downloads: r.engagement.number("count_download_attachment_clicked"),
        logged_in_users: r.participation.number("unique_logged_in_users"),
        message_users: r.participation.number("unique_users_sent_group_message"),
        messages: r.participation.number("count_cnc_group_message_sent"),
        question_users: r.participation.number("unique_users_q_and_a_thread"),
        questions: r.participation.number("q_and_a_threads_count"),
        poll_users: r.participation.number("unique_users_answered_poll"),
    });
    let timeline = r
        .timeline
        .rows
        .iter()
        .filter_map(|row| {
            let position = r.timeline.number(row, "position") as i64;
            (position >= session.start).then(|| TimelineMinute {
                time: rfc3339(position),
                viewers: count(r.timeline.number(row, "combined_live_view_period_count")),
                engagement_pct: minute_engagement_pct(
                    r.timeline.number(row, "combined_live_engaged_users_ratio"),
                ),
                reactions: REACTION_HEADERS
                    .iter()
                    .map(|h| count(r.timeline.number(row, h)))
                    .sum(),
            })
        })
        .collect();
    let people = &r.people;
    let attendees: Vec<Attendee> = people
        .rows
        .iter()
        .map(|row| Attendee {
            user_id: people.text(row, "user_id").to_owned(),
            name: people.text(row, "user_name").to_owned(),
            minutes: people.number(row, "live_view_time"),
            reactions: count(people.number(row, "count_reaction_clicked")),
            raised_hands: count(people.number(row, "count_raise_hand_clicked")),
            engagement_pct: person_engagement_pct(
                people.number(row, "combined_live_engaged_users_play_time_ratio"),
            ),
            messages: count(people.number(row, "count_group_chat_messages_sent")),
            polls: count(people.number(row, "count_poll_answered")),
            questions: count(people.number(row, "count_q_and_a_threads")),
            downloads: count(people.number(row, "count_download_attachment_clicked")),
            profile: AttendeeProfile {
                email: people.text(row, "email").to_owned(),
                role: people.text(row, "role").to_owned(),
                company: people.text(row, "company").to_owned(),
                industry: people.text(row, "industry").to_owned(),
                country: people.text(row, "country").to_owned(),
            },
        })
        .collect();
    let countries = r
        .countries
        .rows
        .iter()
        .map(|row| Country {
            code: r.countries.text(row, "object_id").to_owned(),
            name: r.countries.text(row, "country").to_owned(),
            live: count(r.countries.number(row, "unique_combined_live_viewers")),
            recording: count(r.countries.number(row, "unique_vod_viewers")),
        })
        .collect();
    let devices = r
        .devices
        .rows
        .iter()
        .map(|row| Device {
            device: r.devices.text(row, "device").to_owned(),
            live: count(r.devices.number(row, "unique_combined_live_viewers")),
            recording: count(r.devices.number(row, "unique_vod_viewers")),
        })
        .collect();
    SessionDashboard {
        room: RoomRef {
            id: room.id.clone(),
            name: room.name.clone(),
        },
        session: session_ref(session),
        sessions: room.sessions.iter().map(session_ref).collect(),
        viewers: Viewers {
            unique: count(split.unique),
            live: count(split.live),
            recording: count(split.recording),
            live_pct: split.live_pct,
            recording_pct: split.recording_pct,
            both_pct: split.both_pct,
        },
        minutes: Minutes {
            live_avg: r.minutes.number("combined_live_avg_play_time"),
            recording_avg: r.minutes.number("vod_avg_play_time"),
        },
        engagement: Engagement {
            rate_pct: card.rate_pct,
            reactions_pct: card.reactions_pct,
            reactions: count(card.reactions),
            downloads_pct: card.downloads_pct,
            downloads: count(card.downloads),
            messages_pct: card.messages_pct,
            messages: count(card.messages),
            questions_pct: card.questions_pct,
            questions: count(card.questions),
            polls_pct: card.polls_pct,
        },
        recording_plays: r
            .recording
            .as_ref()
            .map(|rec| count(rec.plays_total.number("count_plays"))),
        timeline,
        attendees_unlisted: people.total_count.saturating_sub(attendees.len() as u64),
        attendees,
        countries,
        devices,
        recording: r.recording.as_ref().map(|rec| RecordingFigures {
            plays: count(rec.top_total.number("count_plays")),
            impressions: count(rec.top_total.number("count_loads")),
            minutes_viewed: rec.top_total.number("sum_vod_view_period"),
            average_completion_pct: rec.top_total.number("avg_completion_rate").min(100.0),
            plays_per_day: rec
                .plays_graph
                .iter()
                .find(|g| g.id == "count_plays")
                .map(|g| {
                    g.points
                        .iter()
                        .map(|(day, plays)| (day.clone(), count(*plays)))
                        .collect()
                })
                .unwrap_or_default(),
        }),
        requests: r.requests + 1,
        window: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_window_starts_on_the_local_hour() {
        let utc = TimeZone::UTC;
        // 10:25:30 UTC → 10:00:00.
        let s = SessionWindow {
            id: "c".into(),
            start: 1_700_000_000 - 1_700_000_000 % 3600 + 25 * 60 + 30,
            end: 1_700_100_000,
        };
        let (from, offset) = report_window(&s, &utc);
        assert_eq!(from % 3600, 0);
        assert_eq!(s.start - from, 25 * 60 + 30);
        assert_eq!(offset, 0);
        // On the hour's first minute it stays as it is (seconds and all).
        let on_hour = SessionWindow {
            start: 1_700_000_000 - 1_700_000_000 % 3600 + 15,
            ..s.clone()
        };
        assert_eq!(report_window(&on_hour, &utc).0, on_hour.start);
        // India is UTC+5:30: 10:00 UTC is 15:30 local, which goes back to 15:00 local, 09:30 UTC.
        let kolkata = TimeZone::fixed(
            jiff::tz::offset(5)
                .checked_add(jiff::Span::new().minutes(30))
                .unwrap_or(jiff::tz::offset(5)),
        );
        let ten_utc = SessionWindow {
            start: 1_700_000_000 - 1_700_000_000 % 3600,
            ..s
        };
        let (from, offset) = report_window(&ten_utc, &kolkata);
        assert_eq!(ten_utc.start - from, 30 * 60);
        assert_eq!(offset, -330);
    }

    #[test]
    fn times_are_rfc3339_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(count(-1.0), 0);
        assert_eq!(count(f64::NAN), 0);
        assert_eq!(count(3.9), 3);
    }
}
