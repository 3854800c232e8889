//! Charts of the library's room rollups (`analytics::rollups::room_trends`): one room's unique
//! attendees and engagement per week or month as a trend line, and the rooms with the most
//! unique attendees side by side as small multiples on one scale. It fills the periods between
//! the first and the last given and labels them; it reads no library and rolls nothing up.

use crate::analytics::rollups::{RoomPeriod, TrendPeriod};
use crate::chart_view::{chart_view, ChartView};
use crate::error::{Error, ErrorCode};
use crate::wording::counted;
use jiff::civil::Date;
use jiff::ToSpan;
use roomlens_charts::{
    small_multiples, trend_lines, Chart, ChartError, Size, SmallMultiplesInput, SmallPanel, Theme,
    ThemeKind, TrendLinesInput, TrendScale, TrendSeries, MAX_PANELS,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The size of a room's trend chart.
pub const TREND_SIZE: Size = Size {
    width: 720,
    height: 360,
};

/// The most rooms [`top_rooms_chart`] draws, whatever it is asked for.
pub const MAX_TOP_ROOMS: usize = MAX_PANELS;

/// The most periods a chart spans (about 23 years of weeks); a longer span is an input error.
pub const MAX_PERIODS: usize = 1200;

/// The size of the top rooms chart for `rooms` panels: three panels to a row, 150 pixels a row.
pub fn top_rooms_size(rooms: usize) -> Size {
    let rows = u32::try_from(rooms.clamp(1, MAX_TOP_ROOMS).div_ceil(3)).unwrap_or(4);
    Size::new(720, 110 + 150 * rows)
}

/// One room's unique attendees (a line against the left axis) and engagement rate (a line
/// against a 0–100 % axis on the right) per week or month, from the room's first period in
/// `periods` to its last. A period in between without sessions counts 0 attendees and has no
/// engagement rate (a break in that line). A room without periods gives a "No data" chart.
pub fn room_trend_chart(
    periods: &[RoomPeriod],
    room_id: &str,
    period: TrendPeriod,
    zone_name: &str,
    theme: ThemeKind,
) -> Result<ChartView, Error> {
    let mut by_start: BTreeMap<Date, PeriodTotals> = BTreeMap::new();
    let mut name = RoomName::default();
    for p in periods.iter().filter(|p| p.room_id == room_id) {
        let start = period_start(&p.period, period)?;
        name.offer(start, &p.name);
        by_start.entry(start).or_default().add(p);
    }
    let starts = filled_starts(by_start.keys().copied(), period)?;
    let name = name.or(room_id);
    let noun = noun(period);
    let single_year = single_year(&starts);
    let title = match (period, single_year) {
        (TrendPeriod::Week, Some(year)) => {
            format!("{name}: unique attendees and engagement per week, {year}")
        }
        _ => format!("{name}: unique attendees and engagement per {noun}"),
    };
    let empty = PeriodTotals::default();
    let totals: Vec<&PeriodTotals> = starts
        .iter()
        .map(|s| by_start.get(s).unwrap_or(&empty))
        .collect();
    let input = TrendLinesInput {
        title,
        period_axis_title: period_axis_title(period, zone_name),
        count_axis_title: "Unique attendees (people)".to_owned(),
        percent_axis_title: "Engagement rate (%)".to_owned(),
        periods: labels(&starts, period),
        series: vec![
            TrendSeries {
                name: "Unique attendees".to_owned(),
                scale: TrendScale::Count,
                values: totals.iter().map(|t| t.attendees as f64).collect(),
            },
            TrendSeries {
                name: "Engagement rate".to_owned(),
                scale: TrendScale::Percent,
                values: totals
                    .iter()
                    .map(|t| t.engagement().unwrap_or(f64::NAN))
                    .collect(),
            },
        ],
    };
    let mut chart = drawn(trend_lines(&input, &Theme::of(theme), TREND_SIZE))?;
    let quiet = starts.len() - by_start.len();
    if quiet > 0 {
        chart.alt.note = Some(format!(
            "{} without sessions {} 0 attendees and no engagement rate.",
            counted(quiet as u64, noun, &format!("{noun}s")),
            if quiet == 1 { "shows" } else { "show" }
        ));
    }
    Ok(chart_view(chart, TREND_SIZE, Vec::new()))
}

/// Small multiples of unique attendees per week or month for the `max_rooms` rooms (at most
/// [`MAX_TOP_ROOMS`]) with the most unique attendees added up over all of `periods` (ties by name,
/// then ID), most first, every room over the same periods: from the first period of any room to
/// the last, a room without sessions in a period counting 0 there.
pub fn top_rooms_chart(
    periods: &[RoomPeriod],
    period: TrendPeriod,
    zone_name: &str,
    theme: ThemeKind,
    max_rooms: usize,
) -> Result<ChartView, Error> {
    let mut rooms: HashMap<&str, RoomTotals> = HashMap::new();
    for p in periods {
        let start = period_start(&p.period, period)?;
        let room = rooms.entry(p.room_id.as_str()).or_default();
        room.name.offer(start, &p.name);
        room.total = room.total.saturating_add(p.unique_attendees);
        let at = room.per_period.entry(start).or_default();
        *at = at.saturating_add(p.unique_attendees);
    }
    let all_starts = rooms.values().flat_map(|r| r.per_period.keys().copied());
    let starts = filled_starts(all_starts, period)?;
    let mut ranked: Vec<(&str, String, &RoomTotals)> = rooms
        .iter()
        .map(|(id, r)| (*id, r.name.or(id), r))
        .collect();
    ranked.sort_by(|a, b| {
        b.2.total
            .cmp(&a.2.total)
            .then_with(|| a.1.cmp(&b.1))
            .then_with(|| a.0.cmp(b.0))
    });
    let shown = max_rooms.min(MAX_TOP_ROOMS);
    ranked.truncate(shown);
    let mut names_seen: HashMap<&str, usize> = HashMap::new();
    for (_, name, _) in &ranked {
        *names_seen.entry(name.as_str()).or_default() += 1;
    }
    let panels = ranked
        .iter()
        .map(|(id, name, room)| SmallPanel {
            // Two rooms of one name are told apart by their IDs.
            title: if names_seen.get(name.as_str()).copied().unwrap_or(0) > 1 {
                format!("{name} ({id})")
            } else {
                name.clone()
            },
            values: starts
                .iter()
                .map(|s| room.per_period.get(s).copied().unwrap_or(0) as f64)
                .collect(),
        })
        .collect::<Vec<_>>();
    let noun = noun(period);
    let rooms_shown = match panels.len() {
        1 => "The room with the most unique attendees".to_owned(),
        n => format!("Top {n} rooms by unique attendees"),
    };
    let title = match (period, single_year(&starts)) {
        (TrendPeriod::Week, Some(year)) => format!("{rooms_shown} per week, {year}"),
        _ => format!("{rooms_shown} per {noun}"),
    };
    let size = top_rooms_size(panels.len());
    let input = SmallMultiplesInput {
        title,
        panel_heading: "Room".to_owned(),
        period_axis_title: period_axis_title(period, zone_name),
        value_heading: "Unique attendees".to_owned(),
        periods: labels(&starts, period),
        panels,
    };
    let mut chart = drawn(small_multiples(&input, &Theme::of(theme), size))?;
    if !input.panels.is_empty() {
        let left_out = rooms.len() - input.panels.len();
        let mut note = format!(
            "Rooms ranked by unique attendees added up over the {}s shown; a {noun} without sessions counts 0.",
            noun
        );
        if left_out > 0 {
            note.push_str(&format!(
                " {} not shown.",
                counted(left_out as u64, "more room", "more rooms")
            ));
        }
        chart.alt.note = Some(note);
    }
    Ok(chart_view(chart, size, Vec::new()))
}

/// One room's figures in one period (several entries for one period add up).
#[derive(Default)]
struct PeriodTotals {
    attendees: u64,
    /// Engagement rates weighted by their entries' sessions.
    engagement_sum: f64,
    engagement_weight: f64,
}

impl PeriodTotals {
    fn add(&mut self, p: &RoomPeriod) {
        self.attendees = self.attendees.saturating_add(p.unique_attendees);
        if let Some(rate) = p.engagement_pct.filter(|r| r.is_finite()) {
            let weight = p.sessions.max(1) as f64;
            self.engagement_sum += rate * weight;
            self.engagement_weight += weight;
        }
    }

    fn engagement(&self) -> Option<f64> {
        (self.engagement_weight > 0.0).then(|| self.engagement_sum / self.engagement_weight)
    }
}

#[derive(Default)]
struct RoomTotals {
    name: RoomName,
    total: u64,
    per_period: BTreeMap<Date, u64>,
}

/// A room's name as its latest period with a name has it (rooms get renamed).
#[derive(Default)]
struct RoomName {
    latest: Option<(Date, String)>,
}

impl RoomName {
    fn offer(&mut self, start: Date, name: &str) {
        let name = name.trim();
        if name.is_empty() || self.latest.as_ref().is_some_and(|(at, _)| *at > start) {
            return;
        }
        self.latest = Some((start, name.to_owned()));
    }

    /// The name, or `id` for a room that has none.
    fn or(&self, id: &str) -> String {
        self.latest
            .as_ref()
            .map_or_else(|| id.to_owned(), |(_, name)| name.clone())
    }
}

fn noun(period: TrendPeriod) -> &'static str {
    match period {
        TrendPeriod::Week => "week",
        TrendPeriod::Month => "month",
    }
}

fn period_axis_title(period: TrendPeriod, zone_name: &str) -> String {
    let zone = match zone_name.trim() {
        "" => "local time",
        zone => zone,
    };
    match period {
        TrendPeriod::Week => format!("Week from Monday ({zone})"),
        TrendPeriod::Month => format!("Month ({zone})"),
    }
}

/// The first day of the period holding the `YYYY-MM-DD` date `text`.
fn period_start(text: &str, period: TrendPeriod) -> Result<Date, Error> {
    let date: Date = text.trim().parse().map_err(|_| {
        Error::new(
            ErrorCode::InvalidInput,
            "A period of this trend is not a date, so it cannot be charted.",
        )
        .with_detail(format!("period {text:?}"))
    })?;
    Ok(match period {
        TrendPeriod::Week => date
            .checked_sub(i64::from(date.weekday().to_monday_zero_offset()).days())
            .unwrap_or(date),
        TrendPeriod::Month => date.first_of_month(),
    })
}

/// Every period's first day from the earliest of `starts` to the latest.
fn filled_starts(
    starts: impl Iterator<Item = Date>,
    period: TrendPeriod,
) -> Result<Vec<Date>, Error> {
    let given: BTreeSet<Date> = starts.collect();
    let (Some(first), Some(last)) = (given.first().copied(), given.last().copied()) else {
        return Ok(Vec::new());
    };
    let step = match period {
        TrendPeriod::Week => 1.week(),
        TrendPeriod::Month => 1.month(),
    };
    let mut filled = Vec::new();
    let mut at = first;
    while at <= last {
        if filled.len() == MAX_PERIODS {
            return Err(Error::new(
                ErrorCode::InvalidInput,
                format!(
                    "This trend spans more than {MAX_PERIODS} {}s, too many to chart; choose a shorter range or longer periods.",
                    noun(period)
                ),
            )
            .with_detail(format!("{first} to {last}")));
        }
        filled.push(at);
        match at.checked_add(step) {
            Ok(next) => at = next,
            Err(_) => break,
        }
    }
    Ok(filled)
}

/// The year all of `starts` are in, when they are in one.
fn single_year(starts: &[Date]) -> Option<i16> {
    let first = starts.first()?.year();
    starts.iter().all(|s| s.year() == first).then_some(first)
}

/// "2 Mar" per week ("29 Dec 2025" when the weeks span years), "Mar 2026" per month.
fn labels(starts: &[Date], period: TrendPeriod) -> Vec<String> {
    let format = match (period, single_year(starts)) {
        (TrendPeriod::Week, Some(_)) => "%-d %b",
        (TrendPeriod::Week, None) => "%-d %b %Y",
        (TrendPeriod::Month, _) => "%b %Y",
    };
    starts
        .iter()
        .map(|s| s.strftime(format).to_string())
        .collect()
}

fn drawn(chart: Result<Chart, ChartError>) -> Result<Chart, Error> {
    chart.map_err(|e| {
        Error::new(ErrorCode::Internal, "Roomlens could not draw this chart.").with_detail(format!(
            "{}: {}",
            e.code(),
            e.message()
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn periods_are_filled_and_labelled() {
        let weeks = filled_starts(
            [date("2026-03-16"), date("2026-03-02")].into_iter(),
            TrendPeriod::Week,
        )
        .unwrap();
        assert_eq!(
            labels(&weeks, TrendPeriod::Week),
            ["2 Mar", "9 Mar", "16 Mar"]
        );
        let across = filled_starts(
            [date("2025-12-29"), date("2026-01-05")].into_iter(),
            TrendPeriod::Week,
        )
        .unwrap();
        assert_eq!(
            labels(&across, TrendPeriod::Week),
            ["29 Dec 2025", "5 Jan 2026"]
        );
        let months = filled_starts(
            [date("2025-11-01"), date("2026-02-01")].into_iter(),
            TrendPeriod::Month,
        )
        .unwrap();
        assert_eq!(
            labels(&months, TrendPeriod::Month),
            ["Nov 2025", "Dec 2025", "Jan 2026", "Feb 2026"]
        );
        assert!(filled_starts(std::iter::empty(), TrendPeriod::Month)
            .unwrap()
            .is_empty());
    }

    #[test]
    fn periods_snap_to_their_first_day_and_bad_dates_are_errors() {
        assert_eq!(
            period_start("2026-03-05", TrendPeriod::Week).unwrap(),
            date("2026-03-02")
        );
        assert_eq!(
            period_start("2026-03-05", TrendPeriod::Month).unwrap(),
            date("2026-03-01")
        );
        let error = period_start("March", TrendPeriod::Week).unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidInput);
    }

    #[test]
    fn very_long_spans_are_refused() {
        let error = filled_starts(
            [date("1900-01-01"), date("2026-01-05")].into_iter(),
            TrendPeriod::Week,
        )
        .unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidInput);
    }
}
