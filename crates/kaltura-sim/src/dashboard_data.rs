//! What the Room dashboard reports are made of, for the live side: each attendee's activity in a
//! session (the same people, minutes and engaged ratio as report 6001, plus made-up registration
//! fields, device, country, reactions, hands, chat, polls, Q&A and downloads), the sessions of some
//! rooms in a window, per-user merging, totals and the per-minute timeline. All deterministic from
//! the seed. Recordings are `recordings`' job; turning figures into report text is
//! `dashboard_reports`'.

use std::collections::HashSet;

use crate::names::{COMPANIES, COUNTRIES, DEVICES, INDUSTRIES, ROLES, TITLES};
use crate::org::{Org, Session, SessionKind};
use crate::seeded::{hash, in_range, Draws};

const DAY: i64 = 86_400;
const PATH_PROFILE: u64 = 20;
const PATH_ACTIVITY: u64 = 21;
const PATH_REACTION: u64 = 22;

/// The five reaction kinds of report 60004, in its column order.
pub const REACTION_KINDS: [&str; 5] = ["clap", "heart", "think", "wow", "smile"];

/// One attendee's activity in one session (or, after [`merge_by_user`], in all sessions of a
/// window), as the Room dashboard reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct AttendeeActivity {
    pub user_id: String,
    pub user_name: String,
    pub email: String,
    pub title: String,
    pub company: String,
    pub country_code: String,
    pub country: String,
    /// `lat/long`, or empty.
    pub coordinates: String,
    pub role: String,
    pub industry: String,
    pub device: String,
    /// 6001's `user_type` (Host, Co-host, Attendee).
    pub user_type: String,
    /// When the attendee entered the room (Unix seconds); they stayed `view_seconds`.
    pub joined_at: i64,
    pub view_seconds: u64,
    /// Start of the attendee's one engaged stretch, `engaged_seconds` long, inside their stay.
    pub engaged_from: i64,
    pub engaged_seconds: u64,
    /// Reactions sent, per kind in [`REACTION_KINDS`] order.
    pub reactions: [u64; 5],
    pub raised_hands: u64,
    pub logged_in_chat: bool,
    pub group_messages: u64,
    pub private_messages: u64,
    pub polls_answered: u64,
    pub q_and_a_threads: u64,
    pub downloads: u64,
    reaction_seed: u64,
}

impl AttendeeActivity {
    /// Minutes in the room: 6001's `meeting_view_time`, 60010's `live_view_time`.
    pub fn live_view_minutes(&self) -> f64 {
        self.view_seconds as f64 / 60.0
    }

    /// Engaged seconds ÷ view seconds: 6001's and 60010's ratio.
    pub fn engaged_ratio(&self) -> f64 {
        if self.view_seconds == 0 {
            0.0
        } else {
            self.engaged_seconds as f64 / self.view_seconds as f64
        }
    }

    pub fn reaction_count(&self) -> u64 {
        self.reactions.iter().sum()
    }

    /// In the room at this instant (the dashboard samples at minute starts).
    pub fn present_at(&self, t: i64) -> bool {
        t >= self.joined_at && t < self.joined_at + self.view_seconds as i64
    }

    pub fn engaged_at(&self, t: i64) -> bool {
        t >= self.engaged_from && t < self.engaged_from + self.engaged_seconds as i64
    }

    /// Each reaction as (kind index, instant), inside the attendee's stay.
    pub fn reaction_times(&self) -> Vec<(usize, i64)> {
        let stay = self.view_seconds.max(1);
        let mut out = Vec::with_capacity(self.reaction_count() as usize);
        for (kind, count) in self.reactions.iter().enumerate() {
            for j in 0..*count {
                let h = hash(self.reaction_seed, &[PATH_REACTION, kind as u64, j]);
                out.push((kind, self.joined_at + (h % stay) as i64));
            }
        }
        out
    }
}

/// Figures over a set of attendees (one session, or a window), before any formatting.
#[derive(Debug, Clone, PartialEq)]
pub struct LiveTotals {
    /// Distinct people: 60002's `unique_combined_live_viewers`.
    pub unique_viewers: u64,
    /// Sum of minutes in the room: 60010's total `live_view_time`.
    pub live_view_minutes: f64,
    /// `live_view_minutes` ÷ `unique_viewers` (0 without viewers): 60001's `combined_live_avg_play_time`.
    pub avg_live_minutes: f64,
    /// Engaged seconds ÷ view seconds over everyone (0 without viewers).
    pub engaged_play_time_ratio: f64,
    pub reaction_users: u64,
    pub reactions: u64,
    pub raised_hands: u64,
    pub download_users: u64,
    pub downloads: u64,
    /// 70001's `unique_logged_in_users`.
    pub logged_in_users: u64,
    pub message_senders: u64,
    pub group_messages: u64,
    pub private_message_senders: u64,
    pub poll_answerers: u64,
    pub polls_answered: u64,
    pub q_and_a_askers: u64,
    pub q_and_a_threads: u64,
}

/// One minute of report 60004.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineMinute {
    /// Unix seconds, a multiple of 60.
    pub position: i64,
    /// People in the room at the minute's start.
    pub viewers: u64,
    /// Of those, how many were engaged.
    pub engaged: u64,
    /// Reactions sent during the minute, per kind in [`REACTION_KINDS`] order.
    pub reactions: [u64; 5],
}

impl TimelineMinute {
    /// `combined_live_engaged_users_ratio`: engaged ÷ viewers (0 when nobody is there).
    pub fn engaged_ratio(&self) -> f64 {
        if self.viewers == 0 {
            0.0
        } else {
            self.engaged as f64 / self.viewers as f64
        }
    }
}

fn pick<'a>(list: &[&'a str], h: u64) -> &'a str {
    let len = list.len().max(1) as u64;
    list.get((h % len) as usize).copied().unwrap_or("")
}

/// A person's registration fields, country and device: the same in every session they attend.
pub(crate) struct PersonProfile {
    pub title: &'static str,
    pub company: &'static str,
    pub industry: &'static str,
    pub role: &'static str,
    pub country: (&'static str, &'static str, &'static str),
    pub device: &'static str,
}

impl Org {
    pub(crate) fn person_profile(&self, user_index: u64) -> PersonProfile {
        let mut d = Draws::new(self.seed(), &[PATH_PROFILE, user_index]);
        let country_count = COUNTRIES.len().max(1) as u64;
        // Skewed towards the first countries and devices, as real audiences are.
        let c = d.next() % country_count;
        let c = c.min(d.next() % country_count);
        let device_roll = d.next() % 100;
        let device = match device_roll {
            0..=64 => 0,
            65..=89 => 1,
            90..=97 => 2,
            _ => 3,
        };
        PersonProfile {
            title: pick(TITLES, d.next()),
            company: pick(COMPANIES, d.next()),
            industry: pick(INDUSTRIES, d.next()),
            role: pick(ROLES, d.next()),
            country: COUNTRIES.get(c as usize).copied().unwrap_or(("", "", "")),
            device: DEVICES.get(device).copied().unwrap_or("Computer"),
        }
    }

    /// Attendee number `k` of session `s`, with everything the dashboard reports about them.
    pub(crate) fn attendee_activity(&self, s: &Session, k: u64) -> AttendeeActivity {
        let basics = self.attendee_basics(s, k);
        let profile = self.person_profile(basics.user_index);
        let duration = (s.end - s.start).max(60) as u64;
        let seed = hash(self.seed(), &[PATH_ACTIVITY, s.day as u64, s.index, k]);
        let mut d = Draws::new(seed, &[]);
        let view = basics.view_seconds;
        let joined_at = s.start + in_range(d.next(), 0, duration.saturating_sub(view)) as i64;
        let engaged = basics.engaged_seconds;
        let engaged_from = joined_at + in_range(d.next(), 0, view.saturating_sub(engaged)) as i64;
        let mut reactions = [0u64; 5];
        if d.chance(40) {
            for _ in 0..d.range(1, 8) {
                if let Some(r) = reactions.get_mut((d.next() % 5) as usize) {
                    *r += 1;
                }
            }
        }
        let raised_hands = if d.chance(10) { d.range(1, 2) } else { 0 };
        let logged_in_chat = s.kind != SessionKind::NoChatUsers && d.chance(70);
        let mut chat = |percent: u64, hi: u64| {
            if logged_in_chat && d.chance(percent) {
                d.range(1, hi)
            } else {
                0
            }
        };
        let group_messages = chat(35, 6);
        let private_messages = chat(10, 3);
        let polls_answered = chat(50, 3);
        let q_and_a_threads = chat(10, 2);
        let downloads = if d.chance(15) { d.range(1, 3) } else { 0 };
        AttendeeActivity {
            user_id: basics.user.id,
            user_name: basics.user.name,
            email: basics.user.email,
            title: profile.title.to_string(),
            company: profile.company.to_string(),
            country_code: profile.country.0.to_string(),
            country: profile.country.1.to_string(),
            coordinates: profile.country.2.to_string(),
            role: profile.role.to_string(),
            industry: profile.industry.to_string(),
            device: profile.device.to_string(),
            user_type: basics.role.to_string(),
            joined_at,
            view_seconds: view,
            engaged_from,
            engaged_seconds: engaged,
            reactions,
            raised_hands,
            logged_in_chat,
            group_messages,
            private_messages,
            polls_answered,
            q_and_a_threads,
            downloads,
            reaction_seed: seed,
        }
    }

    /// Every attendee of a session, ordered by user id (as 6001 lists them).
    pub(crate) fn session_activities(&self, s: &Session) -> Vec<AttendeeActivity> {
        let mut out: Vec<AttendeeActivity> = (0..s.attendees)
            .map(|k| self.attendee_activity(s, k))
            .collect();
        out.sort_by(|a, b| a.user_id.cmp(&b.user_id));
        out
    }

    /// Main-room sessions of the rooms in `room_ids` that start in `[from, to)` and before the
    /// data end, in start order (the rule 6000/6001 use for a window).
    pub(crate) fn room_sessions_in_window(
        &self,
        room_ids: &[String],
        from: i64,
        to: i64,
    ) -> Vec<Session> {
        let end = self.data_end().min(to);
        if from >= end || room_ids.is_empty() {
            return Vec::new();
        }
        let first = from.div_euclid(DAY).max(self.first_day());
        let last = (end - 1).div_euclid(DAY);
        let mut out = Vec::new();
        for day in first..=last {
            for s in self.day_sessions(day) {
                let in_room = self
                    .room_of(&s)
                    .is_some_and(|r| room_ids.contains(&r.entry_id));
                if in_room && s.start >= from && s.start < end {
                    out.push(s);
                }
            }
        }
        out
    }

    /// Every attendance in the window's sessions of these rooms (one person may appear once per
    /// session).
    pub(crate) fn live_activities(
        &self,
        room_ids: &[String],
        from: i64,
        to: i64,
    ) -> Vec<AttendeeActivity> {
        self.room_sessions_in_window(room_ids, from, to)
            .iter()
            .flat_map(|s| self.session_activities(s))
            .collect()
    }
}

/// One row per person, ordered by user id: a person who attended several sessions gets their
/// minutes and counts summed (profile fields and times are from their first attendance).
pub fn merge_by_user(mut activities: Vec<AttendeeActivity>) -> Vec<AttendeeActivity> {
    activities.sort_by(|a, b| a.user_id.cmp(&b.user_id));
    let mut out: Vec<AttendeeActivity> = Vec::with_capacity(activities.len());
    for a in activities {
        match out.last_mut() {
            Some(last) if last.user_id == a.user_id => {
                last.view_seconds += a.view_seconds;
                last.engaged_seconds += a.engaged_seconds;
                for (sum, r) in last.reactions.iter_mut().zip(a.reactions) {
                    *sum += r;
                }
                last.raised_hands += a.raised_hands;
                last.logged_in_chat |= a.logged_in_chat;
                last.group_messages += a.group_messages;
                last.private_messages += a.private_messages;
                last.polls_answered += a.polls_answered;
                last.q_and_a_threads += a.q_and_a_threads;
                last.downloads += a.downloads;
            }
            _ => out.push(a),
        }
    }
    out
}

/// Totals over people already merged by user ([`merge_by_user`]).
pub fn live_totals(people: &[AttendeeActivity]) -> LiveTotals {
    let count =
        |f: &dyn Fn(&AttendeeActivity) -> bool| people.iter().filter(|p| f(p)).count() as u64;
    let sum = |f: &dyn Fn(&AttendeeActivity) -> u64| people.iter().map(f).sum::<u64>();
    let unique_viewers = people.len() as u64;
    let view_seconds = sum(&|p| p.view_seconds);
    let engaged_seconds = sum(&|p| p.engaged_seconds);
    let live_view_minutes = view_seconds as f64 / 60.0;
    LiveTotals {
        unique_viewers,
        live_view_minutes,
        avg_live_minutes: if unique_viewers == 0 {
            0.0
        } else {
            live_view_minutes / unique_viewers as f64
        },
        engaged_play_time_ratio: if view_seconds == 0 {
            0.0
        } else {
            engaged_seconds as f64 / view_seconds as f64
        },
        reaction_users: count(&|p| p.reaction_count() > 0),
        reactions: sum(&|p| p.reaction_count()),
        raised_hands: sum(&|p| p.raised_hands),
        download_users: count(&|p| p.downloads > 0),
        downloads: sum(&|p| p.downloads),
        logged_in_users: count(&|p| p.logged_in_chat),
        message_senders: count(&|p| p.group_messages > 0),
        group_messages: sum(&|p| p.group_messages),
        private_message_senders: count(&|p| p.private_messages > 0),
        poll_answerers: count(&|p| p.polls_answered > 0),
        polls_answered: sum(&|p| p.polls_answered),
        q_and_a_askers: count(&|p| p.q_and_a_threads > 0),
        q_and_a_threads: sum(&|p| p.q_and_a_threads),
    }
}

/// PHP's `round` of `t / 60`, times 60: half away from zero.
fn round_to_minute(t: i64) -> i64 {
    let q = t.div_euclid(60);
    if t.rem_euclid(60) >= 30 {
        (q + 1) * 60
    } else {
        q * 60
    }
}

/// The minutes Kaltura zero-fills for a window: round(from/60)·60 up to round(to/60)·60.
pub fn fill_minutes(from: i64, to: i64) -> (i64, i64) {
    (round_to_minute(from), round_to_minute(to))
}

/// Report 60004's rows over `[from, to)`: the minutes with data, plus, when there is any, every
/// minute of [`fill_minutes`] with zeros; ascending. Linear in attendees plus minutes.
pub fn timeline(attendances: &[AttendeeActivity], from: i64, to: i64) -> Vec<TimelineMinute> {
    if from >= to {
        return Vec::new();
    }
    let base = from.div_euclid(60) * 60;
    let minutes = ((to - 1 - base).div_euclid(60) + 1).max(0) as usize;
    let mut viewers = vec![0i64; minutes + 1];
    let mut engaged = vec![0i64; minutes + 1];
    let mut reactions = vec![[0u64; 5]; minutes];
    let index_of = |t: i64| ((t - base).div_euclid(60)) as usize;
    let add_span = |diff: &mut Vec<i64>, start: i64, seconds: u64| {
        if seconds == 0 {
            return;
        }
        // Minute starts m with start <= m < start + seconds, inside [base, to).
        let first = ((start + 59).div_euclid(60) * 60).max(base);
        let last = ((start + seconds as i64 - 1).div_euclid(60) * 60).min(to - 1);
        if first > last {
            return;
        }
        if let Some(v) = diff.get_mut(index_of(first)) {
            *v += 1;
        }
        if let Some(v) = diff.get_mut(index_of(last) + 1) {
            *v -= 1;
        }
    };
    for a in attendances {
        add_span(&mut viewers, a.joined_at, a.view_seconds);
        add_span(&mut engaged, a.engaged_from, a.engaged_seconds);
        for (kind, t) in a.reaction_times() {
            if t >= from && t < to {
                if let Some(r) = reactions
                    .get_mut(index_of(t))
                    .and_then(|row| row.get_mut(kind))
                {
                    *r += 1;
                }
            }
        }
    }
    let mut data = Vec::new();
    let (mut present, mut engaged_now) = (0i64, 0i64);
    for i in 0..minutes {
        present += viewers.get(i).copied().unwrap_or(0);
        engaged_now += engaged.get(i).copied().unwrap_or(0);
        let minute_reactions = reactions.get(i).copied().unwrap_or([0; 5]);
        if present > 0 || minute_reactions.iter().any(|r| *r > 0) {
            data.push(TimelineMinute {
                position: base + i as i64 * 60,
                viewers: present.max(0) as u64,
                engaged: engaged_now.max(0) as u64,
                reactions: minute_reactions,
            });
        }
    }
    if data.is_empty() {
        return data;
    }
    let (fill_from, fill_to) = fill_minutes(from, to);
    let have: HashSet<i64> = data.iter().map(|m| m.position).collect();
    let mut position = fill_from;
    while position <= fill_to {
        if !have.contains(&position) {
            data.push(TimelineMinute {
                position,
                viewers: 0,
                engaged: 0,
                reactions: [0; 5],
            });
        }
        position += 60;
    }
    data.sort_by_key(|m| m.position);
    data
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::OrgProfile;
    use crate::report_kind::{Filters, ReportKind};

    const END: i64 = 1_767_225_600;

    #[test]
    fn activities_carry_6001_figures_exactly() {
        let org = Org::new(OrgProfile::demo(), 5, Some(END));
        let day = END / DAY - 3;
        let sessions = org.day_sessions(day);
        let s = sessions.first().unwrap();
        let rows = org.rows(
            ReportKind::Attendees,
            s.start,
            s.start + 1,
            &Filters {
                cue_point_ids: vec![s.cue_point_id.clone()],
                ..Filters::default()
            },
            usize::MAX,
        );
        let people = org.session_activities(s);
        assert_eq!(rows.len(), people.len());
        for (row, p) in rows.iter().zip(&people) {
            assert_eq!(row[2], p.user_id);
            assert_eq!(row[6], crate::php_float(p.live_view_minutes()));
            assert_eq!(row[7], crate::php_float(p.engaged_ratio()));
            assert!(
                p.joined_at >= s.start
                    && p.joined_at + p.view_seconds as i64 <= s.end.max(s.start + 60)
            );
        }
    }

    #[test]
    fn timeline_counts_people_at_minute_starts_and_fills() {
        let org = Org::new(OrgProfile::demo(), 5, Some(END));
        let s = org.day_sessions(END / DAY - 3).into_iter().next().unwrap();
        let people = org.session_activities(&s);
        let rows = timeline(&people, s.start, s.end);
        let (lo, hi) = fill_minutes(s.start, s.end);
        assert!(rows.first().unwrap().position <= lo);
        assert!(rows.last().unwrap().position >= hi);
        for m in &rows {
            let by_hand = people.iter().filter(|p| p.present_at(m.position)).count() as u64;
            if m.position >= s.start.div_euclid(60) * 60 && m.position < s.end {
                assert_eq!(m.viewers, by_hand, "{}", m.position);
            }
        }
        assert!(timeline(&[], s.start, s.end).is_empty());
    }
}
