//! The five summary cards above the table, as the desktop command `report_summary` returns them:
//! figures from `analytics::summarize`, plus a few worked out here (sessions per attendee; the
//! Breakout rooms cards' duration, participants and engagement come straight from the rows), each
//! with a label and a worded second line. It does not format the values; the UI does that.

use super::card_note::Note;
use super::card_value::{number, CardFormat, CardValue};
use crate::analytics::{
    summarize, summarize_attendees_of, AttendeesSummary, BreakoutsSummary, RoomDataSummary, Summary,
};
use crate::cancel::CancelToken;
use crate::error::Error;
use crate::reports::{with_whole, BreakoutRow, Report, ReportKind, ReportRows};
use crate::weighted_mean::WeightedMean;
use serde::Serialize;

/// One summary card, as the UI receives it from the `report_summary` and `user_sessions` commands.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Card {
    pub label: String,
    pub value: CardValue,
    pub format: CardFormat,
    /// The second line ("in 212 sessions"), its figures kept for the page to format.
    pub note: Option<Note>,
}

impl Card {
    pub(crate) fn new(
        label: &str,
        value: CardValue,
        format: CardFormat,
        note: Option<Note>,
    ) -> Self {
        Card {
            label: label.to_owned(),
            value,
            format,
            note,
        }
    }
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

/// The cards for `rows` wherever they are: an Attendees report kept in the library is summed up
/// piece by piece; the others (one row per session) are put together first.
pub fn summary_cards_of(rows: &dyn ReportRows, cancel: &CancelToken) -> Result<Vec<Card>, Error> {
    if rows.kind() == ReportKind::Attendees {
        return Ok(attendee_cards(&summarize_attendees_of(rows, None, cancel)?));
    }
    with_whole(rows, cancel, |report| Ok(summary_cards(report)))
}

fn room_data_cards(s: &RoomDataSummary) -> Vec<Card> {
    use CardFormat::*;
    let span = match (s.first_session_start, s.last_session_end) {
        (Some(from), Some(to)) => CardValue::Span { from, to },
        _ => CardValue::Missing,
    };
    let mut sessions_note = Note::new()
        .text("main-room sessions in ")
        .counted(s.rooms, "room", "rooms");
    if s.breakout_sessions > 0 {
        sessions_note = sessions_note
            .text("; breakout rooms apart: ")
            .counted(s.breakout_sessions, "session", "sessions")
            .text(" in ")
            .counted(s.breakout_rooms, "room", "rooms");
    }
    let mut attendances_note =
        Note::words("people × sessions: someone in 3 sessions counts 3 times");
    if let Some(average) = s.average_attendance_per_session {
        attendances_note = attendances_note
            .text("; ")
            .decimal(average)
            .text(" per session on average");
    }
    vec![
        Card::new(
            "Sessions",
            CardValue::Count(s.sessions),
            Count,
            Some(sessions_note),
        ),
        Card::new(
            "Attendances",
            CardValue::Count(s.attendances),
            Count,
            Some(attendances_note),
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
                Note::new()
                    .text("not counting ")
                    .counted(s.sessions_without_duration, "session", "sessions")
                    .text(" without a duration")
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
            Some(
                Note::new()
                    .text("in ")
                    .counted(s.sessions, "session", "sessions"),
            ),
        ),
        Card::new(
            "Participation time",
            number(Some(s.total_minutes)),
            Minutes,
            s.average_minutes_per_user
                .map(|m| Note::new().minutes(m).text(" on average per attendee")),
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
            most.map(|n| {
                Note::new()
                    .text("up to ")
                    .count(n)
                    .text(" for one attendee")
            }),
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
                Note::new()
                    .minutes(seconds / timed as f64 / 60.0)
                    .text(" long on average")
            }),
        ),
        Card::new(
            "Main rooms",
            CardValue::Count(s.main_rooms),
            Count,
            Some(
                Note::new()
                    .text("in ")
                    .counted(sessions, "session", "sessions"),
            ),
        ),
        Card::new(
            "Breakout rooms",
            CardValue::Count(s.breakout_rooms),
            Count,
            (s.main_rooms > 0).then(|| {
                Note::new()
                    .decimal(s.breakout_rooms as f64 / s.main_rooms as f64)
                    .text(" on average per main room")
            }),
        ),
        Card::new(
            "Participants",
            CardValue::Count(participants),
            Count,
            (counted > 0).then(|| {
                Note::new()
                    .decimal(participants as f64 / counted as f64)
                    .text(" on average per breakout session")
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
