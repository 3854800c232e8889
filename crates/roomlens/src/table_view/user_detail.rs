//! One attendee's drill-down, as the desktop command `user_sessions` returns it: who they are,
//! three cards and every session row of theirs in an Attendees report. The UI names the person by the table
//! row's `user_id`, or, when that is empty, its `user_email`, or else its `user_name`; the keys
//! of `analytics::user_key` work as well. It does not look at other report kinds.

use super::card_note::Note;
use super::card_value::{number, CardFormat, CardValue};
use super::cards::Card;
use super::cell::row_values;
use super::columns::{columns, ColumnInfo};
use super::CellValue;
use crate::analytics::{user_key, AttendeeFields, AttendeesAccumulator};
use crate::cancel::CancelToken;
use crate::error::{Error, ErrorCode};
use crate::reports::{AttendeeRow, Report, ReportKind, ReportRow, ReportRows};
use serde::Serialize;

/// What the desktop command `user_sessions` returns (src-tauri/src/commands/reports.rs).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct UserDetail {
    pub user_id: String,
    pub user_name: String,
    pub user_email: String,
    pub cards: Vec<Card>,
    /// Room ID, session ID, role, participation time, engagement rate, then the extra columns.
    pub columns: Vec<ColumnInfo>,
    /// Every row of the person, in report order, aligned with `columns`.
    pub rows: Vec<Vec<CellValue>>,
}

/// `user_detail` over rows wherever they are: of a report kept in the library, only the
/// person's rows are read into memory (the rows that any of the keys `user` may be).
pub fn user_detail_of(
    rows: &dyn ReportRows,
    user: &str,
    cancel: &CancelToken,
) -> Result<UserDetail, Error> {
    if let Some(report) = rows.held() {
        return user_detail(report, user);
    }
    if rows.kind() != ReportKind::Attendees {
        return user_detail(&Report::empty(rows.kind()), user);
    }
    let keys = candidates(user);
    // Only the columns that say who a row is are read to find the person's rows.
    let person: Vec<usize> = AttendeeRow::SPEC
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| AttendeeRow::SPEC.person.contains(&c.raw))
        .map(|(i, _)| i)
        .collect();
    let mut positions = Vec::new();
    rows.for_each_piece(Some(&person), cancel, &mut |start, piece| {
        if let Report::Attendees { rows, .. } = piece {
            positions.extend(
                rows.iter()
                    .enumerate()
                    .filter(|(_, r)| keys.iter().any(|k| user_key(r) == *k))
                    .map(|(i, _)| start + i),
            );
        }
        Ok(())
    })?;
    user_detail(&rows.rows_at(&positions)?, user)
}

/// The keys `user` may be: as given, an e-mail address, a name.
fn candidates(user: &str) -> [String; 3] {
    let trimmed = user.trim();
    [
        user.to_owned(),
        format!("email:{}", trimmed.to_lowercase()),
        format!("name:{trimmed}"),
    ]
}

/// The sessions of `user` in an Attendees `report` (see the module comment for what `user` is).
pub fn user_detail(report: &Report, user: &str) -> Result<UserDetail, Error> {
    let Report::Attendees { rows, .. } = report else {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            "Sessions per person are only available in an Attendees report. Fetch or open an Attendees report.",
        ));
    };
    let positions: Vec<usize> = if user.trim().is_empty() {
        Vec::new()
    } else {
        candidates(user)
            .iter()
            .map(|key| {
                rows.iter()
                    .enumerate()
                    .filter(|(_, r)| user_key(r) == *key)
                    .map(|(i, _)| i)
                    .collect::<Vec<_>>()
            })
            .find(|found| !found.is_empty())
            .unwrap_or_default()
    };
    if positions.is_empty() {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            "This person is not in the report. Fetch or open the report again and pick them from the table.",
        ));
    }
    let mut acc = AttendeesAccumulator::default();
    for r in positions.iter().filter_map(|&i| rows.get(i)) {
        acc.add(AttendeeFields::of(r));
    }
    let summary = acc.finish();
    let person = summary.users.into_iter().next();
    let all = columns(report);
    let shown: Vec<usize> = all
        .iter()
        .enumerate()
        // Every column but the ones naming the person, who is in the heading.
        .filter(|(_, c)| !AttendeeRow::SPEC.person.contains(&c.key.as_str()))
        .map(|(i, _)| i)
        .collect();
    let (sessions, minutes, engagement) = person.as_ref().map_or((0, 0.0, None), |p| {
        (p.sessions_attended, p.total_minutes, p.average_engagement)
    });
    let cards = vec![
        Card::new(
            "Sessions attended",
            CardValue::Count(sessions),
            CardFormat::Count,
            Some(
                Note::new()
                    .text("in ")
                    .counted(summary.rooms, "room", "rooms"),
            ),
        ),
        Card::new(
            "Participation time",
            number(Some(minutes)),
            CardFormat::Minutes,
            (sessions > 0).then(|| {
                Note::new()
                    .minutes(minutes / sessions as f64)
                    .text(" on average per session")
            }),
        ),
        Card::new(
            "Average engagement rate",
            number(engagement),
            CardFormat::Percent,
            None,
        ),
    ];
    Ok(UserDetail {
        user_id: person
            .as_ref()
            .map(|p| p.user_id.clone())
            .unwrap_or_default(),
        user_name: person.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
        user_email: person.as_ref().map(|p| p.email.clone()).unwrap_or_default(),
        cards,
        columns: shown.iter().filter_map(|&i| all.get(i).cloned()).collect(),
        rows: positions
            .iter()
            .map(|&row| row_values(report, row, &shown))
            .collect(),
    })
}
