//! Summary of an Attendees report (6001): unique users (a user in several sessions counts once),
//! per user sessions, minutes and engagement, the distribution of users by engagement, and the
//! drill-down to every session one user attended. Built incrementally so a file can be summarised
//! while it streams by. Pure: no I/O.

use super::interner::Interner;
use crate::cancel::CancelToken;
use crate::error::Error;
use crate::reports::{AttendeeRow, Report, ReportRows};
use crate::weighted_mean::WeightedMean;
use serde::Serialize;

/// Number of engagement buckets: 0–10 %, 10–20 %, …, 90–100 %.
pub const ENGAGEMENT_BUCKETS: usize = 10;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttendeesSummary {
    /// Rows summarised.
    pub rows: u64,
    pub unique_users: u64,
    /// Distinct sessions (room ID + session ID).
    pub sessions: u64,
    /// Distinct rooms.
    pub rooms: u64,
    /// Sum of everyone's participation, in minutes.
    pub total_minutes: f64,
    /// `total_minutes / unique_users`.
    pub average_minutes_per_user: Option<f64>,
    /// Mean engagement over all rows, weighted by each row's minutes (a user who stayed longer
    /// counts more); the plain mean if no row has minutes.
    pub average_engagement: Option<f64>,
    /// Users by their own average engagement.
    pub engagement_distribution: EngagementDistribution,
    /// One entry per unique user, most minutes first.
    pub users: Vec<UserSummary>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EngagementDistribution {
    /// `ENGAGEMENT_BUCKETS` buckets in order; 100 % falls in the last.
    pub buckets: Vec<EngagementBucket>,
    /// Users with no engagement figure at all.
    pub unknown: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EngagementBucket {
    /// Lower bound in percent (inclusive), e.g. 30.
    pub from_percent: u32,
    /// Upper bound in percent (exclusive, except 100).
    pub to_percent: u32,
    pub users: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UserSummary {
    /// What identifies the user: the user ID, or `email:<address>` / `name:<name>` when the
    /// report has no ID for them. Pass it to `user_sessions`.
    pub key: String,
    pub user_id: String,
    /// First non-empty name, e-mail and role seen for the user.
    pub name: String,
    pub email: String,
    pub role: String,
    /// Distinct sessions attended.
    pub sessions_attended: u64,
    pub total_minutes: f64,
    /// Weighted by minutes, as `AttendeesSummary::average_engagement`.
    pub average_engagement: Option<f64>,
}

/// What identifies the user of a row: user ID; else `email:` and the lower-cased address; else
/// `name:` and the name; else "" (an anonymous row).
pub fn user_key(row: &AttendeeRow) -> String {
    key_of(&row.user_id, &row.user_email, &row.user_name).into_owned()
}

/// `user_key` of a row's user ID, e-mail and name given apart (for rows not held as
/// `AttendeeRow`, such as the library's).
pub fn key_of<'a>(user_id: &'a str, email: &str, name: &str) -> std::borrow::Cow<'a, str> {
    if !user_id.is_empty() {
        std::borrow::Cow::Borrowed(user_id)
    } else if !email.trim().is_empty() {
        std::borrow::Cow::Owned(format!("email:{}", email.trim().to_lowercase()))
    } else if !name.trim().is_empty() {
        std::borrow::Cow::Owned(format!("name:{}", name.trim()))
    } else {
        std::borrow::Cow::Borrowed("")
    }
}

/// Every row of the user `user_key` (as in `UserSummary::key`), in report order.
pub fn user_sessions<'a>(rows: &'a [AttendeeRow], user_key: &str) -> Vec<&'a AttendeeRow> {
    rows.iter()
        .filter(|r| key_of(&r.user_id, &r.user_email, &r.user_name) == user_key)
        .collect()
}

/// The summary of `rows`: a report's, or any choice of them (the rows a search matched).
pub fn summarize_attendees<'a>(
    rows: impl IntoIterator<Item = &'a AttendeeRow>,
) -> AttendeesSummary {
    let mut acc = AttendeesAccumulator::default();
    for row in rows {
        acc.add(AttendeeFields::of(row));
    }
    acc.finish()
}

/// The summary of an Attendees report wherever its rows are (a kept one read a piece at a time),
/// of every row or of the rows at `chosen` (in report order, as a search gives them). Rows of
/// another kind count as none.
pub fn summarize_attendees_of(
    rows: &dyn ReportRows,
    chosen: Option<&[usize]>,
    cancel: &CancelToken,
) -> Result<AttendeesSummary, Error> {
    let mut acc = AttendeesAccumulator::default();
    // Each piece takes the chosen positions that fall in it.
    let mut next = 0;
    rows.for_each_piece(None, cancel, &mut |start, piece| {
        let Report::Attendees { rows: all, .. } = piece else {
            return Ok(());
        };
        match chosen {
            None => all.iter().for_each(|r| acc.add(AttendeeFields::of(r))),
            Some(positions) => {
                while let Some(&position) = positions.get(next) {
                    let Some(row) = position.checked_sub(start).and_then(|i| all.get(i)) else {
                        break;
                    };
                    acc.add(AttendeeFields::of(row));
                    next += 1;
                }
            }
        }
        Ok(())
    })?;
    Ok(acc.finish())
}

/// One attendee row, borrowed, as the accumulator needs it.
#[derive(Debug, Clone, Copy)]
pub struct AttendeeFields<'a> {
    pub entry_id: &'a str,
    pub cue_point_id: &'a str,
    pub user_id: &'a str,
    pub user_name: &'a str,
    pub user_email: &'a str,
    pub user_type: &'a str,
    pub meeting_view_time: Option<f64>,
    pub meeting_engaged_play_time_ratio: Option<f64>,
}

impl<'a> AttendeeFields<'a> {
    /// The fields of a report's row.
    pub fn of(row: &'a AttendeeRow) -> Self {
        AttendeeFields {
            entry_id: &row.entry_id,
            cue_point_id: &row.cue_point_id,
            user_id: &row.user_id,
            user_name: &row.user_name,
            user_email: &row.user_email,
            user_type: &row.user_type,
            meeting_view_time: row.meeting_view_time,
            meeting_engaged_play_time_ratio: row.meeting_engaged_play_time_ratio,
        }
    }
}

/// What changes with every row of a user, kept small and apart from the rarely touched text.
#[derive(Default)]
struct UserTotals {
    sessions_attended: u64,
    minutes: f64,
    engagement: WeightedMean,
    /// Which of `UserText`'s fields are still empty (bits `ID`, `NAME`, `EMAIL`, `ROLE`).
    missing: u8,
}

const ID: u8 = 1;
const NAME: u8 = 2;
const EMAIL: u8 = 4;
const ROLE: u8 = 8;

#[derive(Default)]
struct UserText {
    key: String,
    user_id: String,
    name: String,
    email: String,
    role: String,
}

/// Builds an `AttendeesSummary` row by row without keeping the rows; keys are interned so a
/// repeated user or session costs no allocation.
#[derive(Default)]
pub struct AttendeesAccumulator {
    rows: u64,
    users: Interner,
    totals: Vec<UserTotals>,
    texts: Vec<UserText>,
    /// (user, session) of every row; sorted and deduplicated at the end to count each user's
    /// distinct sessions (one flat list is kinder to the cache than a list per user).
    attendance: Vec<(u32, u32)>,
    sessions: Interner,
    rooms: Interner,
    total_minutes: f64,
    engagement: WeightedMean,
    /// The session key of the row being added and of the one before (reports list a session's
    /// attendees together, so most rows skip the session lookup).
    session_key: String,
    last_session_key: String,
    last_session: Option<u32>,
}

impl AttendeesAccumulator {
    pub fn add(&mut self, row: AttendeeFields<'_>) {
        self.rows += 1;
        self.total_minutes += row.meeting_view_time.unwrap_or(0.0);
        self.engagement
            .add(row.meeting_engaged_play_time_ratio, row.meeting_view_time);
        self.session_key.clear();
        self.session_key.push_str(row.entry_id);
        self.session_key.push('\u{1f}');
        self.session_key.push_str(row.cue_point_id);
        let session = match self.last_session {
            Some(s) if self.session_key == self.last_session_key => s,
            _ => {
                let (s, new) = self.sessions.intern(&self.session_key);
                if new && !row.entry_id.is_empty() {
                    self.rooms.intern(row.entry_id);
                }
                std::mem::swap(&mut self.session_key, &mut self.last_session_key);
                self.last_session = Some(s);
                s
            }
        };
        let key = key_of(row.user_id, row.user_email, row.user_name);
        let (user, new) = self.users.intern(&key);
        if new {
            self.totals.push(UserTotals {
                missing: ID | NAME | EMAIL | ROLE,
                ..UserTotals::default()
            });
            self.texts.push(UserText {
                key: key.into_owned(),
                ..UserText::default()
            });
        }
        self.attendance.push((user, session));
        let Some(t) = self.totals.get_mut(user as usize) else {
            return;
        };
        t.minutes += row.meeting_view_time.unwrap_or(0.0);
        t.engagement
            .add(row.meeting_engaged_play_time_ratio, row.meeting_view_time);
        if t.missing != 0 {
            if let Some(text) = self.texts.get_mut(user as usize) {
                for (bit, into, from) in [
                    (ID, &mut text.user_id, row.user_id),
                    (NAME, &mut text.name, row.user_name),
                    (EMAIL, &mut text.email, row.user_email),
                    (ROLE, &mut text.role, row.user_type),
                ] {
                    if t.missing & bit != 0 && !from.is_empty() {
                        from.clone_into(into);
                        t.missing &= !bit;
                    }
                }
            }
        }
    }

    pub fn finish(mut self) -> AttendeesSummary {
        self.attendance.sort_unstable();
        self.attendance.dedup();
        for &(user, _) in &self.attendance {
            if let Some(t) = self.totals.get_mut(user as usize) {
                t.sessions_attended += 1;
            }
        }
        let mut counts = [0u64; ENGAGEMENT_BUCKETS];
        let mut unknown = 0u64;
        let mut users: Vec<UserSummary> = self
            .totals
            .into_iter()
            .zip(self.texts)
            .map(|(t, text)| {
                let average_engagement = t.engagement.value();
                match average_engagement.and_then(|e| counts.get_mut(bucket_of(e))) {
                    Some(c) => *c += 1,
                    None => unknown += 1,
                }
                UserSummary {
                    key: text.key,
                    user_id: text.user_id,
                    name: text.name,
                    email: text.email,
                    role: text.role,
                    sessions_attended: t.sessions_attended,
                    total_minutes: t.minutes,
                    average_engagement,
                }
            })
            .collect();
        users.sort_by(|a, b| {
            b.total_minutes
                .total_cmp(&a.total_minutes)
                .then_with(|| a.key.cmp(&b.key))
        });
        let unique_users = users.len() as u64;
        let buckets = counts
            .iter()
            .enumerate()
            .map(|(i, &users)| EngagementBucket {
                from_percent: i as u32 * 10,
                to_percent: (i as u32 + 1) * 10,
                users,
            })
            .collect();
        AttendeesSummary {
            rows: self.rows,
            unique_users,
            sessions: self.sessions.len() as u64,
            rooms: self.rooms.len() as u64,
            total_minutes: self.total_minutes,
            average_minutes_per_user: (unique_users > 0)
                .then(|| self.total_minutes / unique_users as f64),
            average_engagement: self.engagement.value(),
            engagement_distribution: EngagementDistribution { buckets, unknown },
            users,
        }
    }
}

/// The bucket of a ratio 0..1: 0.0–0.1 → 0, …, 0.9–1.0 → 9 (1.0 included).
fn bucket_of(ratio: f64) -> usize {
    let tenths = (ratio * 10.0).floor();
    if tenths.is_nan() || tenths < 0.0 {
        0
    } else {
        (tenths as usize).min(ENGAGEMENT_BUCKETS - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(
        session: &str,
        id: &str,
        email: &str,
        name: &str,
        minutes: Option<f64>,
        ratio: Option<f64>,
    ) -> AttendeeRow {
        AttendeeRow {
            entry_id: "room".into(),
            cue_point_id: session.into(),
            user_id: id.into(),
            user_email: email.into(),
            user_name: name.into(),
            meeting_view_time: minutes,
            meeting_engaged_play_time_ratio: ratio,
            ..Default::default()
        }
    }

    #[test]
    fn hand_computed_summary() {
        let rows = vec![
            row("s1", "u1", "ana@x.org", "Ana", Some(30.0), Some(0.8)),
            row("s2", "u1", "", "", Some(10.0), Some(0.4)),
            row("s2", "u1", "", "", Some(5.0), None),
            row("s1", "", "Bob@X.org", "Bob", Some(20.0), Some(0.05)),
            row("s2", "", "bob@x.org", "", None, Some(1.0)),
            row("s1", "", "", "Cy", None, None),
        ];
        let s = summarize_attendees(&rows);
        assert_eq!(s.rows, 6);
        assert_eq!(s.unique_users, 3);
        assert_eq!(s.sessions, 2);
        assert_eq!(s.rooms, 1);
        assert_eq!(s.total_minutes, 65.0);
        assert_eq!(s.average_minutes_per_user, Some(65.0 / 3.0));
        assert_eq!(
            s.average_engagement,
            Some((0.8 * 30.0 + 0.4 * 10.0 + 0.05 * 20.0) / 60.0)
        );
        let ana = &s.users[0];
        assert_eq!(
            (ana.key.as_str(), ana.name.as_str(), ana.email.as_str()),
            ("u1", "Ana", "ana@x.org")
        );
        assert_eq!(ana.sessions_attended, 2);
        assert_eq!(ana.total_minutes, 45.0);
        assert_eq!(
            ana.average_engagement,
            Some((0.8 * 30.0 + 0.4 * 10.0) / 40.0)
        );
        let bob = &s.users[1];
        assert_eq!(bob.key, "email:bob@x.org");
        assert_eq!(bob.sessions_attended, 2);
        assert_eq!(bob.average_engagement, Some(0.05));
        let cy = &s.users[2];
        assert_eq!((cy.key.as_str(), cy.average_engagement), ("name:Cy", None));
        let counts: Vec<u64> = s
            .engagement_distribution
            .buckets
            .iter()
            .map(|b| b.users)
            .collect();
        assert_eq!(counts, vec![1, 0, 0, 0, 0, 0, 0, 1, 0, 0]);
        assert_eq!(s.engagement_distribution.unknown, 1);
        assert_eq!(user_sessions(&rows, "email:bob@x.org").len(), 2);
        assert_eq!(user_sessions(&rows, "u1").len(), 3);
    }

    #[test]
    fn bucket_edges() {
        assert_eq!(bucket_of(0.0), 0);
        assert_eq!(bucket_of(0.1), 1);
        assert_eq!(bucket_of(0.7), 7);
        assert_eq!(bucket_of(0.99), 9);
        assert_eq!(bucket_of(1.0), 9);
    }

    #[test]
    fn nothing_to_summarise() {
        let s = summarize_attendees(&[] as &[AttendeeRow]);
        assert_eq!(
            (
                s.unique_users,
                s.average_minutes_per_user,
                s.average_engagement
            ),
            (0, None, None)
        );
        assert_eq!(s.engagement_distribution.buckets.len(), ENGAGEMENT_BUCKETS);
    }
}
