//! Ground truth for the Room dashboard, for tests: one session's raw figures (attendees, totals,
//! per-minute timeline, countries, devices) and a recording's figures over a window, computed
//! from the same data the reports serve. Also the audience and recording breakdowns the reports
//! themselves use, so the two cannot drift. No formatting here.

use std::collections::{BTreeMap, HashSet};

use crate::dashboard_data::{
    live_totals, merge_by_user, timeline, AttendeeActivity, LiveTotals, TimelineMinute,
};
use crate::org::Org;
use crate::recordings::{Recording, RecordingView};
use crate::room_sessions::SessionRef;

/// Everything the dashboard shows about one session, raw.
#[derive(Debug, Clone, PartialEq)]
pub struct DashboardTruth {
    pub session: SessionRef,
    /// The room's recording (its `redirectEntryId`), if it has one.
    pub recording_entry_id: Option<String>,
    /// One per attendee, ordered by user id (6001's rows of the session, in the same order).
    pub attendees: Vec<AttendeeActivity>,
    pub totals: LiveTotals,
    /// Report 60004 over `[session.start, session.end)`, zero-filled.
    pub timeline: Vec<TimelineMinute>,
    /// Live viewers per country, most first (60007 without recordings).
    pub countries: Vec<AudienceCount>,
    /// Live viewers per device, most first (60006 without recordings).
    pub devices: Vec<AudienceCount>,
}

/// Distinct viewers of one country or device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AudienceCount {
    /// Country short code, or the device class.
    pub key: String,
    /// Country long name (empty for devices).
    pub name: String,
    /// Country `lat/long` (empty for devices and some countries).
    pub coordinates: String,
    pub vod_viewers: u64,
    pub live_viewers: u64,
}

/// A recording's figures over a window.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordingTruth {
    pub entry_id: String,
    pub name: String,
    pub plays: u64,
    /// Player loads (impressions): every play plus loads without a play.
    pub loads: u64,
    pub view_minutes: f64,
    /// Distinct people who played it.
    pub unique_viewers: u64,
    /// Mean completion of the plays, 0..=100.
    pub avg_completion_rate: f64,
    /// Per viewer (anyone who loaded it), ordered by user id.
    pub viewers: Vec<RecordingViewer>,
}

/// One person's use of a recording.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordingViewer {
    pub user_id: String,
    pub user_name: String,
    pub plays: u64,
    pub loads: u64,
    pub view_minutes: f64,
    pub avg_completion_rate: f64,
}

/// Plays and loads of one or more recordings summed into figures (`entry` names them).
pub(crate) fn recording_figures(
    org: &Org,
    recording: &Recording,
    views: &[&RecordingView],
) -> RecordingTruth {
    let mut per_user: BTreeMap<String, (String, u64, u64, u64, u64)> = BTreeMap::new();
    let (mut plays, mut seconds, mut completion) = (0u64, 0u64, 0u64);
    for v in views {
        let user = org.user(v.user_index);
        let slot = per_user.entry(user.id).or_insert((user.name, 0, 0, 0, 0));
        slot.2 += 1;
        if v.played {
            plays += 1;
            seconds += v.view_seconds;
            completion += v.completion_percent;
            slot.1 += 1;
            slot.3 += v.view_seconds;
            slot.4 += v.completion_percent;
        }
    }
    let rate = |sum: u64, n: u64| {
        if n == 0 {
            0.0
        } else {
            (sum as f64 / n as f64).min(100.0)
        }
    };
    RecordingTruth {
        entry_id: recording.entry_id.clone(),
        name: recording.name.clone(),
        plays,
        loads: views.len() as u64,
        view_minutes: seconds as f64 / 60.0,
        unique_viewers: per_user.values().filter(|u| u.1 > 0).count() as u64,
        avg_completion_rate: rate(completion, plays),
        viewers: per_user
            .into_iter()
            .map(|(user_id, (user_name, p, loads, s, c))| RecordingViewer {
                user_id,
                user_name,
                plays: p,
                loads,
                view_minutes: s as f64 / 60.0,
                avg_completion_rate: rate(c, p),
            })
            .collect(),
    }
}

/// Distinct live and VOD viewers per country (`by_country`) or per device, most live first,
/// then most VOD, then by key. `live` must be merged by user.
pub(crate) fn audience(
    org: &Org,
    live: &[AttendeeActivity],
    vod_user_indices: &[u64],
    by_country: bool,
) -> Vec<AudienceCount> {
    let mut counts: BTreeMap<String, AudienceCount> = BTreeMap::new();
    let mut slot = |key: &str, name: &str, coordinates: &str| -> String {
        counts
            .entry(key.to_string())
            .or_insert_with(|| AudienceCount {
                key: key.to_string(),
                name: name.to_string(),
                coordinates: coordinates.to_string(),
                vod_viewers: 0,
                live_viewers: 0,
            });
        key.to_string()
    };
    let mut live_keys = Vec::with_capacity(live.len());
    for p in live {
        live_keys.push(if by_country {
            slot(&p.country_code, &p.country, &p.coordinates)
        } else {
            slot(&p.device, "", "")
        });
    }
    let mut seen = HashSet::new();
    let mut vod_keys = Vec::new();
    for index in vod_user_indices {
        if !seen.insert(*index) {
            continue;
        }
        let profile = org.person_profile(*index);
        vod_keys.push(if by_country {
            slot(profile.country.0, profile.country.1, profile.country.2)
        } else {
            slot(profile.device, "", "")
        });
    }
    for key in live_keys {
        if let Some(c) = counts.get_mut(&key) {
            c.live_viewers += 1;
        }
    }
    for key in vod_keys {
        if let Some(c) = counts.get_mut(&key) {
            c.vod_viewers += 1;
        }
    }
    let mut out: Vec<AudienceCount> = counts.into_values().collect();
    out.sort_by(|a, b| {
        (b.live_viewers, b.vod_viewers, &a.key).cmp(&(a.live_viewers, a.vod_viewers, &b.key))
    });
    out
}

impl Org {
    /// The dashboard's ground truth for one session of one room; `None` when the room has no
    /// such session before the data end.
    pub fn session_dashboard_truth(
        &self,
        room_id: &str,
        cue_point_id: &str,
    ) -> Option<DashboardTruth> {
        let s = self.find_session(room_id, cue_point_id)?;
        let session = self.session_ref(&s)?;
        let attendees = self.session_activities(&s);
        let people = merge_by_user(attendees.clone());
        Some(DashboardTruth {
            recording_entry_id: self.recording_of_room(s.room).map(|r| r.entry_id),
            totals: live_totals(&people),
            timeline: timeline(&attendees, s.start, s.end),
            countries: audience(self, &people, &[], true),
            devices: audience(self, &people, &[], false),
            attendees,
            session,
        })
    }

    /// A recording's figures over `[from, to)`; `None` when no recording has this entry id.
    pub fn recording_truth(&self, entry_id: &str, from: i64, to: i64) -> Option<RecordingTruth> {
        let (_, recording) = self.recording_by_id(entry_id)?;
        let views = self.recording_views(&[entry_id.to_string()], from, to);
        let refs: Vec<&RecordingView> = views.iter().map(|(_, v)| v).collect();
        Some(recording_figures(self, &recording, &refs))
    }
}
