//! The five summary cards above the table, as the desktop command `report_summary` returns them:
//! figures from `analytics::summarize`, plus a few worked out here (sessions per attendee; the
//! Breakout rooms cards' duration, participants and engagement come straight from the rows), each
//! with a label and a worded second line. It does not format the values; the UI does that.

use crate::analytics::{summarize, AttendeesSummary, BreakoutsSummary, RoomDataSummary, Summary};
use crate::reports::{BreakoutRow, Report};
use crate::weighted_mean::WeightedMean;
use crate::wording;
use serde::Serialize;

/// How the UI shows a card's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CardFormat {
    Count,
    /// The value is a fraction 0..1.
    Percent,
    Minutes,
    Hours,
    Seconds,
    /// The value is `{ from, to }` in Unix seconds.
    DateSpan,
    Text,
}

/// A card's value: a number, a text, a span of time, or `null` when the report cannot tell.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum CardValue {
    Count(u64),
    Number(f64),
    Text(String),
    Span { from: i64, to: i64 },
    Missing,
}

/// One summary card, as the UI receives it from the `report_summary` and `user_sessions` commands.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Card {
    pub label: String,
    pub value: CardValue,
    pub format: CardFormat,
    /// The second line, already worded ("in 212 sessions").
    pub note: Option<String>,
}

impl Card {
    pub(crate) fn new(
        label: &str,
        value: CardValue,
        format: CardFormat,
        note: Option<String>,
    ) -> Self {
        Card {
            label: label.to_owned(),
            value,
            format,
            note,
        }
    }
}

pub(crate) fn number(x: Option<f64>) -> CardValue {
    x.filter(|x| x.is_finite())
        .map_or(CardValue::Missing, CardValue::Number)
}

/// The cards for `report`, in the order they are shown.
pub fn summary_cards(report: &Report) -> Vec<Card> {
    match (summarize(report), report) {
        (Summary::RoomData(s), _) => room_data_cards(&s),
        (Summary::Attendees(s), _) => attendee_cards(&s),
        (Summary::Breakouts(s), Report::Breakouts { rows, .. }) => breakout_cards(&s, rows),
        (Summary::Breakouts(s), _) => breakout_cards(&s, &[]),
    }
}

fn room_data_cards(s: &RoomDataSummary) -> Vec<Card> {
    use CardFormat::*;
    let span = match (s.first_session_start, s.last_session_end) {
        (Some(from), Some(to)) => CardValue::Span { from, to },
        _ => CardValue::Missing,
    };
    let breakouts = (s.breakout_sessions > 0).then(|| {
        format!(
            "; breakout rooms apart: {} in {}",
            wording::counted(s.breakout_sessions, "session", "sessions"),
            wording::counted(s.breakout_rooms, "room", "rooms")
        )
    });
    vec![
        Card::new(
            "Sessions",
            CardValue::Count(s.sessions),
            Count,
            Some(format!(
                "main-room sessions in {}{}",
                wording::counted(s.rooms, "room", "rooms"),
                breakouts.unwrap_or_default()
            )),
        ),
        Card::new(
            "Attendances",
            CardValue::Count(s.attendances),
            Count,
            Some(format!(
                "people × sessions: someone in 3 sessions counts 3 times{}",
                s.average_attendance_per_session
                    .map(|a| format!("; {} per session on average", wording::decimal(a)))
                    .unwrap_or_default()
            )),
        ),
        Card::new(
            "Average engagement",
            number(s.average_engagement),
            Percent,
            None,
        ),
        Card::new(
            "Session hours",
            number(Some(s.total_session_hours)),
            Hours,
            (s.sessions_without_duration > 0).then(|| {
                format!(
                    "not counting {} without a duration",
                    wording::counted(s.sessions_without_duration, "session", "sessions")
                )
            }),
        ),
        Card::new("Date span", span, DateSpan, None),
    ]
}

fn attendee_cards(s: &AttendeesSummary) -> Vec<Card> {
    use CardFormat::*;
    let attended: u64 = s.users.iter().map(|u| u.sessions_attended).sum();
    let most = s.users.iter().map(|u| u.sessions_attended).max();
    let per_attendee = (s.unique_users > 0)
        .then(|| (attended as f64 / s.unique_users as f64 * 10.0).round() / 10.0);
    vec![
        Card::new(
            "Unique attendees",
            CardValue::Count(s.unique_users),
            Count,
            Some(format!(
                "in {}",
                wording::counted(s.sessions, "session", "sessions")
            )),
        ),
        Card::new(
            "Participation time",
            number(Some(s.total_minutes)),
            Minutes,
            s.average_minutes_per_user
                .map(|m| format!("{} on average per attendee", wording::minutes(m))),
        ),
        Card::new(
            "Average engagement rate",
            number(s.average_engagement),
            Percent,
            None,
        ),
        Card::new(
            "Sessions per attendee",
            number(per_attendee),
            Count,
            most.map(|n| format!("up to {} for one attendee", wording::count(n))),
        ),
        Card::new("Rooms", CardValue::Count(s.rooms), Count, None),
    ]
}

fn breakout_cards(s: &BreakoutsSummary, rows: &[BreakoutRow]) -> Vec<Card> {
    use CardFormat::*;
    let mut engagement = WeightedMean::default();
    let (mut seconds, mut timed, mut participants, mut counted) = (0.0, 0u64, 0u64, 0u64);
    for row in rows {
        engagement.add(row.engagement_rate, row.participant_count.map(|p| p as f64));
        if let Some(d) = row.duration {
            seconds += d;
            timed += 1;
        }
        if let Some(p) = row.participant_count {
            participants = participants.saturating_add(p);
            counted += 1;
        }
    }
    let sessions: u64 = s.per_main_room.iter().map(|m| m.sessions).sum();
    vec![
        Card::new(
            "Breakout sessions",
            CardValue::Count(s.breakout_sessions),
            Count,
            (timed > 0).then(|| {
                format!(
                    "{} long on average",
                    wording::minutes(seconds / timed as f64 / 60.0)
                )
            }),
        ),
        Card::new(
            "Main rooms",
            CardValue::Count(s.main_rooms),
            Count,
            Some(format!(
                "in {}",
                wording::counted(sessions, "session", "sessions")
            )),
        ),
        Card::new(
            "Breakout rooms",
            CardValue::Count(s.breakout_rooms),
            Count,
            (s.main_rooms > 0).then(|| {
                format!(
                    "{} on average per main room",
                    wording::decimal(s.breakout_rooms as f64 / s.main_rooms as f64)
                )
            }),
        ),
        Card::new(
            "Participants",
            CardValue::Count(participants),
            Count,
            (counted > 0).then(|| {
                format!(
                    "{} on average per breakout session",
                    wording::decimal(participants as f64 / counted as f64)
                )
            }),
        ),
        Card::new(
            "Average engagement",
            number(engagement.value()),
            Percent,
            None,
        ),
    ]
}
