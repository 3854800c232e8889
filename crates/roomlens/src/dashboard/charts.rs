//! A session dashboard's charts, drawn by `roomlens-charts` from the dashboard's figures: the
//! timeline (live viewers and engagement per minute, reactions as bars, times in the person's
//! zone) and the countries and devices bars, each as SVG with its text alternative and, for the
//! timeline, where each minute's points are; and a chart's bytes as an SVG or PNG file. It
//! computes no figure and writes no file.

use super::person_heatmap::MinuteState;
use super::session_dashboard::SessionDashboard;
use crate::chart_view::{chart_view, ChartPoint};
use crate::error::{Error, ErrorCode};
use jiff::tz::TimeZone;
use jiff::Timestamp;
use roomlens_charts::{
    breakdown_bars, engagement_heatmap, engagement_strip, recording_plays_per_day,
    session_timeline, BreakdownInput, BreakdownItem, BreakdownKind, ChartError, DayPlays,
    EngagementHeatmapInput, EngagementLevel, LocalDay, PersonEngagement, PlaysPerDayInput,
    SessionClock, Size, Theme, ThemeKind, TimelineInput, TimelineMinute,
};
use serde::Serialize;

pub use crate::chart_view::{chart_file_bytes, ChartView, ImageFormat, PNG_SCALE};

/// The charts of a session's dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct DashboardCharts {
    pub timeline: ChartView,
    pub countries: ChartView,
    pub devices: ChartView,
    /// Plays of the recording per day; `None` without a recording.
    pub recording_plays: Option<ChartView>,
}

const TIMELINE_SIZE: Size = Size {
    width: 960,
    height: 360,
};
const BARS_SIZE: Size = Size {
    width: 560,
    height: 360,
};
/// Countries and devices with a bar of their own; the rest are summed as "Others".
const TOP_ITEMS: usize = 8;

fn chart_error(error: &ChartError) -> Error {
    Error::new(
        ErrorCode::Internal,
        "Roomlens could not draw a chart of this session.",
    )
    .with_detail(format!("{}: {}", error.code(), error.message()))
}

const STRIP_SIZE: Size = Size {
    width: 720,
    height: 28,
};

fn theme(dark: bool) -> Theme {
    Theme::of(if dark {
        ThemeKind::Dark
    } else {
        ThemeKind::Light
    })
}

fn clock_at(start: Timestamp, zone: &TimeZone) -> SessionClock {
    SessionClock {
        start_unix_seconds: start.as_second(),
        utc_offset_minutes: zone.to_offset(start).seconds() / 60,
        zone_name: zone.iana_name().unwrap_or("local time").to_owned(),
    }
}

/// The clock of the session's own start (a person's minutes are counted from it).
fn session_clock(d: &SessionDashboard, zone: &TimeZone) -> SessionClock {
    let start = d
        .session
        .start
        .parse::<Timestamp>()
        .unwrap_or(Timestamp::UNIX_EPOCH);
    clock_at(start, zone)
}

fn level_of(minute: MinuteState) -> EngagementLevel {
    match minute {
        MinuteState::Offline => EngagementLevel::Offline,
        MinuteState::Present => EngagementLevel::Present,
        MinuteState::Engaged => EngagementLevel::Engaged,
    }
}

/// Height of one person's row in [`people_heatmap`]: tall enough for their name beside it.
const HEATMAP_ROW: u32 = 14;
/// The heatmap's title, axis and legend, beside its rows.
const HEATMAP_FRAME: u32 = 96;

/// Many attendees' minutes as rows (name at the left), from the session's start, in the light
/// theme: the PDF's compact heatmap. `people` pairs each name with their minutes.
pub fn people_heatmap(
    d: &SessionDashboard,
    people: &[(String, Vec<MinuteState>)],
    zone: &TimeZone,
) -> Result<ChartView, Error> {
    let rows = u32::try_from(people.len())
        .unwrap_or(u32::MAX)
        .clamp(1, 400);
    let size = Size {
        width: TIMELINE_SIZE.width,
        height: HEATMAP_FRAME + rows * HEATMAP_ROW,
    };
    let chart = engagement_heatmap(
        &EngagementHeatmapInput {
            clock: session_clock(d, zone),
            people: people
                .iter()
                .map(|(name, minutes)| PersonEngagement {
                    name: name.clone(),
                    levels: minutes.iter().map(|m| level_of(*m)).collect(),
                })
                .collect(),
        },
        &theme(false),
        size,
    )
    .map_err(|e| chart_error(&e))?;
    Ok(chart_view(chart, size, Vec::new()))
}

/// One attendee's engagement strip (darker = more engaged) from the session's start.
pub fn person_strip(
    d: &SessionDashboard,
    name: &str,
    minutes: &[MinuteState],
    zone: &TimeZone,
    dark: bool,
) -> Result<ChartView, Error> {
    let levels = minutes.iter().map(|m| level_of(*m)).collect();
    let chart = engagement_strip(
        &PersonEngagement {
            name: name.to_owned(),
            levels,
        },
        &session_clock(d, zone),
        &theme(dark),
        STRIP_SIZE,
    )
    .map_err(|e| chart_error(&e))?;
    Ok(chart_view(chart, STRIP_SIZE, Vec::new()))
}

/// Draws the charts of `d` for a person in `zone`, in the light or dark theme.
pub fn dashboard_charts(
    d: &SessionDashboard,
    zone: &TimeZone,
    dark: bool,
) -> Result<DashboardCharts, Error> {
    let theme = theme(dark);
    let first = d
        .timeline
        .first()
        .and_then(|m| m.time.parse::<Timestamp>().ok())
        .or_else(|| d.session.start.parse::<Timestamp>().ok())
        .unwrap_or(Timestamp::UNIX_EPOCH);
    let clock = clock_at(first, zone);
    let timeline = session_timeline(
        &TimelineInput {
            clock,
            minutes: d
                .timeline
                .iter()
                .map(|m| TimelineMinute {
                    live_viewers: m.viewers as f64,
                    engagement_rate_percent: m.engagement_pct,
                    reactions: m.reactions as f64,
                })
                .collect(),
        },
        &theme,
        TIMELINE_SIZE,
    )
    .map_err(|e| chart_error(&e))?;
    let points = timeline
        .points
        .iter()
        .map(|p| ChartPoint {
            x: p.x,
            y_viewers: p.y_viewers,
            y_engagement: p.y_engagement,
        })
        .collect();
    let bars = |kind: BreakdownKind, items: Vec<BreakdownItem>| {
        breakdown_bars(
            &BreakdownInput {
                kind,
                items,
                top_n: TOP_ITEMS,
            },
            &theme,
            BARS_SIZE,
        )
        .map(|chart| chart_view(chart, BARS_SIZE, Vec::new()))
        .map_err(|e| chart_error(&e))
    };
    let recording_plays = d
        .recording
        .as_ref()
        .map(|rec| {
            let days = rec
                .plays_per_day
                .iter()
                .filter_map(|(day, plays)| {
                    let (y, rest) = day.split_at_checked(4)?;
                    let (m, dd) = rest.split_at_checked(2)?;
                    Some(DayPlays {
                        day: LocalDay {
                            year: y.parse().ok()?,
                            month: m.parse().ok()?,
                            day: dd.get(..2)?.parse().ok()?,
                        },
                        plays: *plays as f64,
                    })
                })
                .collect();
            recording_plays_per_day(
                &PlaysPerDayInput {
                    zone_name: zone.iana_name().unwrap_or("local time").to_owned(),
                    days,
                },
                &theme,
                BARS_SIZE,
            )
            .map(|chart| chart_view(chart, BARS_SIZE, Vec::new()))
            .map_err(|e| chart_error(&e))
        })
        .transpose()?;
    Ok(DashboardCharts {
        recording_plays,
        timeline: chart_view(timeline.chart, TIMELINE_SIZE, points),
        countries: bars(
            BreakdownKind::Countries,
            d.countries
                .iter()
                .map(|c| BreakdownItem {
                    label: if c.name.is_empty() {
                        c.code.clone()
                    } else {
                        c.name.clone()
                    },
                    live_viewers: c.live as f64,
                    recording_viewers: c.recording as f64,
                })
                .collect(),
        )?,
        devices: bars(
            BreakdownKind::Devices,
            d.devices
                .iter()
                .map(|c| BreakdownItem {
                    label: c.device.clone(),
                    live_viewers: c.live as f64,
                    recording_viewers: c.recording as f64,
                })
                .collect(),
        )?,
    })
}
