//! Room data's charts: sessions, and attendees, per day, week or month; average engagement of the
//! fifteen rooms with the most attendees (the rest as "Others"); how long sessions lasted. Main
//! sessions only: breakout sessions have their own report. It formats no table and draws nothing
//! itself (`roomlens-charts` does).

use super::periods::Periods;
use super::{bars_size, Drawn, COLUMNS_SIZE};
use crate::reports::RoomDataRow;
use crate::weighted_mean::WeightedMean;
use crate::wording::counted;
use jiff::tz::TimeZone;
use roomlens_charts::{
    distribution_bars, ranked_bars, series_columns, DistributionBucket, DistributionInput,
    RankedBarsInput, RankedItem, RankedValue, SeriesCategory, SeriesColumnsInput, Theme,
};
use std::collections::HashMap;

/// Rooms with a bar of their own in the engagement chart.
pub(crate) const TOP_ROOMS: usize = 15;

/// Session lengths' buckets: the upper bound in minutes (exclusive) and the label.
const LENGTHS: [(f64, &str); 6] = [
    (15.0, "Under 15 min"),
    (30.0, "15–30 min"),
    (60.0, "30–60 min"),
    (120.0, "1–2 h"),
    (240.0, "2–4 h"),
    (f64::INFINITY, "4 h or more"),
];

pub(super) fn charts(rows: &[&RoomDataRow], zone: &TimeZone, theme: &Theme) -> Vec<Drawn> {
    let main: Vec<&RoomDataRow> = rows
        .iter()
        .copied()
        .filter(|r| r.parent_entry_id.trim().is_empty())
        .collect();
    let breakouts = rows.len() - main.len();
    let breakout_note = (breakouts > 0).then(|| {
        format!(
            "{} not counted here (see the Breakout rooms report).",
            counted(
                breakouts as u64,
                "breakout session is",
                "breakout sessions are"
            )
        )
    });
    let [sessions, attendees] = per_period(&main, zone, theme);
    vec![
        with_note(sessions, breakout_note.clone()),
        with_note(attendees, breakout_note.clone()),
        with_note(engagement_per_room(&main, theme), breakout_note.clone()),
        with_note(session_lengths(&main, theme), breakout_note),
    ]
}

/// Adds `note` to a drawn chart's text alternative (after any note of its own).
fn with_note(mut drawn: Drawn, note: Option<String>) -> Drawn {
    if let (Ok(chart), Some(note)) = (&mut drawn.2, note) {
        chart.alt.note = Some(match chart.alt.note.take() {
            Some(own) => format!("{own} {note}"),
            None => note,
        });
    }
    drawn
}

/// Sessions and attendees per period: two charts, as their scales differ by a factor of tens.
fn per_period(rows: &[&RoomDataRow], zone: &TimeZone, theme: &Theme) -> [Drawn; 2] {
    let starts = rows.iter().filter_map(|r| r.session_start_time);
    let span = starts
        .clone()
        .min()
        .zip(starts.max())
        .and_then(|(first, last)| Periods::covering(first, last, zone));
    let noun = span.as_ref().map_or("day", |p| p.length.noun());
    let zone_name = zone.iana_name().unwrap_or("local time");
    let periods = span.as_ref().map_or(0, |p| p.labels.len());
    let (mut sessions, mut attendees) = (vec![0.0; periods], vec![0.0; periods]);
    let mut undated = 0u64;
    for row in rows {
        let at = row
            .session_start_time
            .zip(span.as_ref())
            .and_then(|(start, p)| p.index_of(start, zone));
        match at.and_then(|i| sessions.get_mut(i).zip(attendees.get_mut(i))) {
            Some((s, a)) => {
                *s += 1.0;
                *a += row.meeting_view_period_unique_users.unwrap_or(0) as f64;
            }
            None => undated += 1,
        }
    }
    let note = (periods > 0 && undated > 0).then(|| {
        format!(
            "{} no start time and {} not counted.",
            counted(undated, "session has", "sessions have"),
            if undated == 1 { "is" } else { "are" }
        )
    });
    let labels = span.map(|p| p.labels).unwrap_or_default();
    let chart = |key: &'static str, title: String, series: &str, values: Vec<f64>| {
        let input = SeriesColumnsInput {
            title,
            category_axis_title: format!("Session start, by {noun} ({zone_name})"),
            value_axis_title: series.to_owned(),
            series: vec![series.to_owned()],
            categories: labels
                .iter()
                .zip(values)
                .map(|(label, v)| SeriesCategory {
                    label: label.clone(),
                    values: vec![v],
                })
                .collect(),
        };
        with_note(
            (
                key,
                COLUMNS_SIZE,
                series_columns(&input, theme, COLUMNS_SIZE),
            ),
            note.clone(),
        )
    };
    [
        chart(
            "sessions-per-period",
            format!("Sessions per {noun}"),
            "Sessions",
            sessions,
        ),
        chart(
            "attendees-per-period",
            format!("Attendees per {noun} (each session's unique users, added up)"),
            "Attendees",
            attendees,
        ),
    ]
}

#[derive(Default)]
struct RoomTotals<'a> {
    name: &'a str,
    sessions: u64,
    attendees: u64,
    engagement: WeightedMean,
}

fn engagement_per_room(rows: &[&RoomDataRow], theme: &Theme) -> Drawn {
    let mut rooms: HashMap<&str, RoomTotals<'_>> = HashMap::new();
    for row in rows {
        let id = if row.entry_id.is_empty() {
            row.entry_name.as_str()
        } else {
            row.entry_id.as_str()
        };
        let room = rooms.entry(id).or_default();
        if room.name.is_empty() {
            room.name = row.entry_name.as_str();
        }
        room.sessions += 1;
        room.attendees = room
            .attendees
            .saturating_add(row.meeting_view_period_unique_users.unwrap_or(0));
        room.engagement.add(
            row.meeting_engaged_play_time_ratio,
            row.meeting_view_period_unique_users.map(|u| u as f64),
        );
    }
    let mut ranked: Vec<(&str, RoomTotals<'_>)> = rooms.into_iter().collect();
    ranked.sort_by(|(a_id, a), (b_id, b)| {
        b.attendees
            .cmp(&a.attendees)
            .then(b.sessions.cmp(&a.sessions))
            .then(a_id.cmp(b_id))
    });
    let rest: Vec<(&str, RoomTotals<'_>)> = if ranked.len() > TOP_ROOMS {
        ranked.split_off(TOP_ROOMS)
    } else {
        Vec::new()
    };
    ranked.sort_by(|(a_id, a), (b_id, b)| {
        let rate = |t: &RoomTotals<'_>| t.engagement.value().unwrap_or(-1.0);
        rate(b).total_cmp(&rate(a)).then(a_id.cmp(b_id))
    });
    let item = |label: String, t: &RoomTotals<'_>| RankedItem {
        label,
        value: t.engagement.value().map_or(f64::NAN, |r| r * 100.0),
        extra: format!(
            "{} · {}",
            counted(t.sessions, "session", "sessions"),
            counted(t.attendees, "attendee", "attendees")
        ),
    };
    let mut items: Vec<RankedItem> = ranked
        .iter()
        .map(|(id, t)| {
            item(
                if t.name.is_empty() {
                    (*id).to_owned()
                } else {
                    t.name.to_owned()
                },
                t,
            )
        })
        .collect();
    if !rest.is_empty() {
        let mut others = RoomTotals::default();
        for (_, t) in &rest {
            others.sessions += t.sessions;
            others.attendees = others.attendees.saturating_add(t.attendees);
            others.engagement.merge(&t.engagement);
        }
        items.push(item(
            format!("Others ({})", counted(rest.len() as u64, "room", "rooms")),
            &others,
        ));
    }
    let title = if rest.is_empty() {
        "Average engagement per room".to_owned()
    } else {
        format!("Average engagement of the {TOP_ROOMS} rooms with the most attendees")
    };
    let size = bars_size(items.len());
    let input = RankedBarsInput {
        title,
        label_heading: "Room".to_owned(),
        value_heading: "Average engagement rate (%)".to_owned(),
        value: RankedValue::Percent,
        extra_heading: Some("Sessions · attendees".to_owned()),
        items,
    };
    (
        "engagement-per-room",
        size,
        ranked_bars(&input, theme, size),
    )
}

fn session_lengths(rows: &[&RoomDataRow], theme: &Theme) -> Drawn {
    let mut counts = [0u64; LENGTHS.len()];
    let mut unknown = 0u64;
    for row in rows {
        let minutes = match (row.session_start_time, row.session_end_time) {
            (Some(start), Some(end)) if end >= start => (end - start) as f64 / 60.0,
            _ => {
                unknown += 1;
                continue;
            }
        };
        let bucket = LENGTHS
            .iter()
            .position(|(upper, _)| minutes < *upper)
            .unwrap_or(LENGTHS.len() - 1);
        if let Some(c) = counts.get_mut(bucket) {
            *c += 1;
        }
    }
    let dated = counts.iter().sum::<u64>() > 0;
    let input = DistributionInput {
        title: "How long sessions lasted".to_owned(),
        bucket_axis_title: "Session length".to_owned(),
        count_axis_title: "Sessions".to_owned(),
        buckets: if dated {
            LENGTHS
                .iter()
                .zip(counts)
                .map(|((_, label), count)| DistributionBucket {
                    label: (*label).to_owned(),
                    count: count as f64,
                })
                .collect()
        } else {
            Vec::new()
        },
    };
    let drawn = distribution_bars(&input, theme, COLUMNS_SIZE);
    let note = (dated && unknown > 0).then(|| {
        format!(
            "{} no start or end time and {} not counted.",
            counted(unknown, "session has", "sessions have"),
            if unknown == 1 { "is" } else { "are" }
        )
    });
    with_note(("session-lengths", COLUMNS_SIZE, drawn), note)
}
