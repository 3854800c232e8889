//! The Room dashboard's reports (60001–60012, 70001) computed for one request: which header list
//! each report has (§8.5), its total values, its table rows (unpaged, in order) and its daily
//! graphs, from the sessions and recordings in the request's window. Numbers are written as PHP
//! writes them; joining with the delimiter, paging and the JSON shapes are `report_shapes`' job.

use std::collections::HashSet;

use crate::dashboard_data::{live_totals, merge_by_user, timeline, AttendeeActivity};
use crate::dashboard_params::{sort_number, DashboardRequest};
use crate::dashboard_truth::{audience, recording_figures};
use crate::names::{ENGAGED_STATES, IDLE_STATES};
use crate::org::Org;
use crate::php_format::php_float;
use crate::recordings::{Recording, RecordingView};
use crate::seeded::hash;

const DAY: i64 = 86_400;

pub const HIGHLIGHTS_TOTAL: &[&str] = &[
    "vod_avg_play_time",
    "combined_live_avg_play_time",
    "vod_live_avg_view_time",
];
pub const UNIQUE_USERS_TOTAL: &[&str] = &[
    "unique_vod_viewers",
    "unique_combined_live_viewers",
    "unique_vod_live_viewers",
];
pub const ENGAGEMENT_TOTAL: &[&str] = &[
    "combined_live_engaged_users_play_time_ratio",
    "download_attachment_unique_users",
    "count_download_attachment_clicked",
    "unique_combined_live_viewers",
    "reaction_clicked_unique_users",
    "count_reaction_clicked",
];
pub const TIMELINE_TABLE: &[&str] = &[
    "position",
    "combined_live_view_period_count",
    "combined_live_engaged_users_ratio",
    "reaction_clap_clicked",
    "reaction_heart_clicked",
    "reaction_think_clicked",
    "reaction_wow_clicked",
    "reaction_smile_clicked",
];
pub const TOP_RECORDING_TABLE: &[&str] = &[
    "entry_id",
    "entry_name",
    "count_plays",
    "count_loads",
    "sum_vod_view_period",
    "unique_viewers",
    "avg_completion_rate",
];
pub const TOP_RECORDING_TOTAL: &[&str] = &[
    "count_plays",
    "count_loads",
    "sum_vod_view_period",
    "unique_viewers",
    "avg_completion_rate",
];
pub const PLATFORMS_TABLE: &[&str] = &[
    "device",
    "unique_vod_viewers",
    "unique_combined_live_viewers",
];
pub const GEO_TOTAL: &[&str] = &["unique_vod_viewers", "unique_combined_live_viewers"];
pub const COUNTRY_TABLE: &[&str] = &[
    "object_id",
    "country",
    "coordinates",
    "unique_vod_viewers",
    "unique_combined_live_viewers",
];
pub const REGION_TABLE: &[&str] = &[
    "country",
    "region",
    "coordinates",
    "unique_vod_viewers",
    "unique_combined_live_viewers",
];
pub const CITY_TABLE: &[&str] = &[
    "country",
    "region",
    "city",
    "coordinates",
    "unique_vod_viewers",
    "unique_combined_live_viewers",
];
pub const USER_ENGAGEMENT_TABLE: &[&str] = &[
    "user_id",
    "user_name",
    "email",
    "title",
    "company",
    "country",
    "role",
    "industry",
    "live_view_time",
    "count_reaction_clicked",
    "count_raise_hand_clicked",
    "combined_live_engaged_users_play_time_ratio",
    "count_group_chat_messages_sent",
    "count_poll_answered",
    "count_q_and_a_threads",
    "count_download_attachment_clicked",
];
pub const USER_ENGAGEMENT_TOTAL: &[&str] = &[
    "live_view_time",
    "count_reaction_clicked",
    "count_raise_hand_clicked",
    "combined_live_engaged_users_play_time_ratio",
    "count_group_chat_messages_sent",
    "count_poll_answered",
    "count_q_and_a_threads",
    "count_download_attachment_clicked",
];
pub const ENGAGEMENT_LEVEL_TABLE: &[&str] = &["position", "user_engagement", "count_viewers"];
pub const VOD_USERS_TABLE: &[&str] = &[
    "name",
    "full_name",
    "count_plays",
    "sum_vod_view_period",
    "vod_avg_play_time",
    "count_loads",
    "avg_completion_rate",
];
pub const VOD_USERS_TOTAL: &[&str] = &[
    "count_plays",
    "sum_vod_view_period",
    "vod_avg_play_time",
    "count_loads",
    "avg_completion_rate",
];
pub const CNC_PARTICIPATION_TOTAL: &[&str] = &[
    "count_reaction_clicked",
    "reaction_clicked_unique_users",
    "count_cnc_group_message_sent",
    "unique_users_sent_group_message",
    "unique_users_answered_poll",
    "unique_users_q_and_a_thread",
    "q_and_a_threads_count",
    "unique_users_sent_private_message",
    "unique_logged_in_users",
];

/// A total: header-less (`{"objectType":"KalturaReportTotal"}`) or one value per header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TotalOut {
    Headerless,
    Values(&'static [&'static str], Vec<String>),
}

/// A table before paging: header-less, or a header with all its rows in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableOut {
    Headerless,
    Rows(&'static [&'static str], Vec<Vec<String>>),
}

/// One graph: its metric header and (x label, value) points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphOut {
    pub id: &'static str,
    pub points: Vec<(String, String)>,
}

/// Join reports always carry a header; simple ones lose it when there is no data (§8.3).
fn is_join(report_type: u32) -> bool {
    matches!(
        report_type,
        60001 | 60002 | 60003 | 60004 | 60006 | 60010 | 60013
    )
}

fn total_header(report_type: u32) -> Option<&'static [&'static str]> {
    Some(match report_type {
        60001 => HIGHLIGHTS_TOTAL,
        60002 => UNIQUE_USERS_TOTAL,
        60003 => ENGAGEMENT_TOTAL,
        60005 => TOP_RECORDING_TOTAL,
        60006..=60009 => GEO_TOTAL,
        60010 => USER_ENGAGEMENT_TOTAL,
        60012 => VOD_USERS_TOTAL,
        70001 => CNC_PARTICIPATION_TOTAL,
        _ => return None,
    })
}

fn table_header(report_type: u32) -> Option<&'static [&'static str]> {
    Some(match report_type {
        60004 => TIMELINE_TABLE,
        60005 => TOP_RECORDING_TABLE,
        60006 => PLATFORMS_TABLE,
        60007 => COUNTRY_TABLE,
        60008 => REGION_TABLE,
        60009 => CITY_TABLE,
        60010 => USER_ENGAGEMENT_TABLE,
        60011 => ENGAGEMENT_LEVEL_TABLE,
        60012 => VOD_USERS_TABLE,
        _ => return None,
    })
}

/// How many leading columns of a table are dimensions (the rest are metrics).
fn dimension_columns(report_type: u32) -> usize {
    match report_type {
        60005 | 60012 => 2,
        60007 | 60008 => 3,
        60009 => 4,
        60010 => 8,
        _ => 1,
    }
}

/// The data of one request's window.
struct Gathered {
    /// One per attendance (a person may attend two sessions).
    attendances: Vec<AttendeeActivity>,
    /// One per person.
    people: Vec<AttendeeActivity>,
    views: Vec<(Recording, RecordingView)>,
}

impl Gathered {
    fn played(&self) -> impl Iterator<Item = &RecordingView> {
        self.views.iter().map(|(_, v)| v).filter(|v| v.played)
    }

    fn vod_viewer_indices(&self) -> Vec<u64> {
        let mut seen = HashSet::new();
        self.played()
            .map(|v| v.user_index)
            .filter(|i| seen.insert(*i))
            .collect()
    }

    fn has_live(&self) -> bool {
        !self.attendances.is_empty()
    }
}

fn gather(org: &Org, req: &DashboardRequest, from: i64, to: i64) -> Gathered {
    let live_ids = if req.report_type == 70001 {
        &req.context_ids
    } else {
        &req.entry_ids
    };
    let mut attendances = org.live_activities(live_ids, from, to);
    let mut views = org.recording_views(&req.entry_ids, from, to);
    if let Some(users) = &req.user_ids {
        attendances.retain(|a| users.contains(&a.user_id));
        views.retain(|(_, v)| users.contains(&org.user(v.user_index).id));
    }
    Gathered {
        people: merge_by_user(attendances.clone()),
        attendances,
        views,
    }
}

fn count(n: u64) -> String {
    n.to_string()
}

fn ratio(numerator: f64, denominator: f64) -> f64 {
    if denominator == 0.0 {
        0.0
    } else {
        numerator / denominator
    }
}

/// The report's total over `[from, to)`.
fn total_in(org: &Org, req: &DashboardRequest, from: i64, to: i64) -> (TotalOut, bool) {
    let Some(header) = total_header(req.report_type) else {
        return (TotalOut::Headerless, false);
    };
    if matches!(req.report_type, 60008 | 60009) {
        return (
            TotalOut::Values(header, vec![String::new(); header.len()]),
            false,
        );
    }
    let g = gather(org, req, from, to);
    let live = live_totals(&g.people);
    let vod_viewers = g.vod_viewer_indices();
    let vod_seconds: u64 = g.played().map(|v| v.view_seconds).sum();
    let vod_minutes = vod_seconds as f64 / 60.0;
    let has_vod = !g.views.is_empty();
    let (values, has_data) = match req.report_type {
        60001 | 60002 => {
            let mut union: HashSet<String> = g.people.iter().map(|p| p.user_id.clone()).collect();
            union.extend(vod_viewers.iter().map(|i| org.user(*i).id));
            let values = if req.report_type == 60001 {
                vec![
                    php_float(ratio(vod_minutes, vod_viewers.len() as f64)),
                    php_float(live.avg_live_minutes),
                    php_float(ratio(
                        live.live_view_minutes + vod_minutes,
                        union.len() as f64,
                    )),
                ]
            } else {
                vec![
                    count(vod_viewers.len() as u64),
                    count(live.unique_viewers),
                    count(union.len() as u64),
                ]
            };
            (values, g.has_live() || has_vod)
        }
        60003 => (
            vec![
                php_float(live.engaged_play_time_ratio),
                count(live.download_users),
                count(live.downloads),
                count(live.unique_viewers),
                count(live.reaction_users),
                count(live.reactions),
            ],
            g.has_live(),
        ),
        60005 | 60012 => {
            let refs: Vec<&RecordingView> = g.views.iter().map(|(_, v)| v).collect();
            let figures = recording_figures(
                org,
                &Recording {
                    entry_id: String::new(),
                    name: String::new(),
                    room_id: String::new(),
                },
                &refs,
            );
            let values = if req.report_type == 60005 {
                vec![
                    count(figures.plays),
                    count(figures.loads),
                    php_float(figures.view_minutes),
                    count(figures.unique_viewers),
                    php_float(figures.avg_completion_rate),
                ]
            } else {
                vec![
                    count(figures.plays),
                    php_float(figures.view_minutes),
                    php_float(ratio(figures.view_minutes, figures.unique_viewers as f64)),
                    count(figures.loads),
                    php_float(figures.avg_completion_rate),
                ]
            };
            (values, has_vod)
        }
        60006 | 60007 => (
            vec![count(vod_viewers.len() as u64), count(live.unique_viewers)],
            g.has_live() || has_vod,
        ),
        60010 => (
            vec![
                php_float(live.live_view_minutes),
                count(live.reactions),
                count(live.raised_hands),
                php_float(live.engaged_play_time_ratio),
                count(live.group_messages),
                count(live.polls_answered),
                count(live.q_and_a_threads),
                count(live.downloads),
            ],
            g.has_live(),
        ),
        _ => (
            vec![
                count(live.reactions),
                count(live.reaction_users),
                count(live.group_messages),
                count(live.message_senders),
                count(live.poll_answerers),
                count(live.q_and_a_askers),
                count(live.q_and_a_threads),
                count(live.private_message_senders),
                count(live.logged_in_users),
            ],
            g.has_live(),
        ),
    };
    if !has_data && !is_join(req.report_type) {
        return (
            TotalOut::Values(header, vec![String::new(); header.len()]),
            false,
        );
    }
    (TotalOut::Values(header, values), has_data)
}

/// `report.getTotal`.
pub fn total(org: &Org, req: &DashboardRequest) -> TotalOut {
    total_in(org, req, req.from, req.to).0
}

/// `report.getTable`: every row, in order (paging is the caller's).
pub fn table(org: &Org, req: &DashboardRequest) -> TableOut {
    let Some(header) = table_header(req.report_type) else {
        return TableOut::Headerless;
    };
    let g = gather(org, req, req.from, req.to);
    let vod_viewers = g.vod_viewer_indices();
    let rows: Vec<Vec<String>> = match req.report_type {
        60004 => timeline(&g.attendances, req.from, req.to)
            .into_iter()
            .map(|m| {
                let mut row = vec![
                    m.position.to_string(),
                    count(m.viewers),
                    php_float(m.engaged_ratio()),
                ];
                row.extend(m.reactions.iter().map(|r| count(*r)));
                row
            })
            .collect(),
        60005 => {
            let mut rows = Vec::new();
            let mut ids: Vec<&Recording> = Vec::new();
            for (r, _) in &g.views {
                if !ids.iter().any(|known| known.entry_id == r.entry_id) {
                    ids.push(r);
                }
            }
            for r in ids {
                let refs: Vec<&RecordingView> = g
                    .views
                    .iter()
                    .filter(|(rec, _)| rec.entry_id == r.entry_id)
                    .map(|(_, v)| v)
                    .collect();
                let f = recording_figures(org, r, &refs);
                rows.push(vec![
                    f.entry_id,
                    f.name,
                    count(f.plays),
                    count(f.loads),
                    php_float(f.view_minutes),
                    count(f.unique_viewers),
                    php_float(f.avg_completion_rate),
                ]);
            }
            rows
        }
        60006 | 60007 => audience(org, &g.people, &vod_viewers, req.report_type == 60007)
            .into_iter()
            .map(|a| {
                let mut row = vec![a.key];
                if req.report_type == 60007 {
                    row.push(a.name);
                    row.push(a.coordinates);
                }
                row.push(count(a.vod_viewers));
                row.push(count(a.live_viewers));
                row
            })
            .collect(),
        60010 => g
            .people
            .iter()
            .map(|p| {
                vec![
                    p.user_id.clone(),
                    p.user_name.clone(),
                    p.email.clone(),
                    p.title.clone(),
                    p.company.clone(),
                    p.country.clone(),
                    p.role.clone(),
                    p.industry.clone(),
                    php_float(p.live_view_minutes()),
                    count(p.reaction_count()),
                    count(p.raised_hands),
                    php_float(p.engaged_ratio()),
                    count(p.group_messages),
                    count(p.polls_answered),
                    count(p.q_and_a_threads),
                    count(p.downloads),
                ]
            })
            .collect(),
        60011 => engagement_level_rows(org, &g.attendances, req.from, req.to),
        60012 => {
            let refs: Vec<&RecordingView> = g.views.iter().map(|(_, v)| v).collect();
            let blank = Recording {
                entry_id: String::new(),
                name: String::new(),
                room_id: String::new(),
            };
            recording_figures(org, &blank, &refs)
                .viewers
                .into_iter()
                .map(|v| {
                    vec![
                        v.user_id,
                        v.user_name,
                        count(v.plays),
                        php_float(v.view_minutes),
                        php_float(v.view_minutes),
                        count(v.loads),
                        php_float(v.avg_completion_rate),
                    ]
                })
                .collect()
        }
        _ => Vec::new(),
    };
    if rows.is_empty() && !is_join(req.report_type) {
        return TableOut::Headerless;
    }
    let rows = if matches!(req.report_type, 60004 | 60011) {
        rows
    } else {
        ordered(
            rows,
            header,
            dimension_columns(req.report_type),
            req.order.as_deref(),
        )
    };
    TableOut::Rows(header, rows)
}

/// `[+|-]<header>`, descending without a prefix; an unknown header or none sorts by the first
/// metric, descending. Stable, so ties keep the dimension order.
fn ordered(
    mut rows: Vec<Vec<String>>,
    header: &[&str],
    dimensions: usize,
    order: Option<&str>,
) -> Vec<Vec<String>> {
    let (ascending, name) = match order {
        Some(o) if o.starts_with('+') => (true, o.get(1..).unwrap_or("")),
        Some(o) if o.starts_with('-') => (false, o.get(1..).unwrap_or("")),
        Some(o) => (false, o),
        None => (false, ""),
    };
    let column = header
        .iter()
        .position(|h| *h == name)
        .filter(|i| *i >= dimensions)
        .unwrap_or(dimensions);
    let key = |row: &Vec<String>| sort_number(row.get(column).map_or("", String::as_str));
    rows.sort_by(|a, b| {
        let (x, y) = (key(a), key(b));
        let o = x.partial_cmp(&y).unwrap_or(std::cmp::Ordering::Equal);
        if ascending {
            o
        } else {
            o.reverse()
        }
    });
    rows
}

/// 60011: per minute, the listed users' engagement state, then `Offline` for the minutes of the
/// fill range nobody was there (only when there is a row at all).
fn engagement_level_rows(
    org: &Org,
    attendances: &[AttendeeActivity],
    from: i64,
    to: i64,
) -> Vec<Vec<String>> {
    let mut rows: Vec<(i64, String, u64)> = Vec::new();
    let base = from.div_euclid(60) * 60;
    for a in attendances {
        let first = ((a.joined_at + 59).div_euclid(60) * 60).max(base);
        let mut m = first;
        while m < to && a.present_at(m) {
            let h = hash(org.seed(), &[28, m as u64, a.joined_at as u64]);
            let list = if a.engaged_at(m) {
                ENGAGED_STATES
            } else {
                IDLE_STATES
            };
            let len = list.len().max(1) as u64;
            let state = list
                .get((h % len) as usize)
                .copied()
                .unwrap_or("TabFocused");
            rows.push((m, state.to_string(), 1));
            m += 60;
        }
    }
    if rows.is_empty() {
        return Vec::new();
    }
    let (fill_from, fill_to) = crate::dashboard_data::fill_minutes(from, to);
    let have: HashSet<i64> = rows.iter().map(|r| r.0).collect();
    let mut m = fill_from;
    while m <= fill_to {
        if !have.contains(&m) {
            rows.push((m, "Offline".to_string(), 0));
        }
        m += 60;
    }
    rows.sort_by_key(|r| r.0);
    rows.into_iter()
        .map(|(m, state, viewers)| vec![m.to_string(), state, count(viewers)])
        .collect()
}

/// `YYYYMMDD` of a day number (days since 1970-01-01).
fn yyyymmdd(day: i64) -> String {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}{m:02}{d:02}")
}

/// `report.getGraphs`: for each total metric (60012: all but the completion rate), one point
/// per day of the window in the filter's time zone; days without data are left out unless
/// `skipEmptyDates` is false.
pub fn graphs(org: &Org, req: &DashboardRequest) -> Vec<GraphOut> {
    let Some(header) = total_header(req.report_type) else {
        return Vec::new();
    };
    let metrics = if req.report_type == 60012 {
        header.get(..4).unwrap_or(header)
    } else {
        header
    };
    let mut out: Vec<GraphOut> = metrics
        .iter()
        .map(|id| GraphOut {
            id,
            points: Vec::new(),
        })
        .collect();
    if req.from >= req.to {
        return out;
    }
    let shift = req.time_zone_offset * 60;
    let first = (req.from - shift).div_euclid(DAY);
    let last = (req.to - 1 - shift).div_euclid(DAY);
    for day in first..=last {
        let from = (day * DAY + shift).max(req.from);
        let to = (day * DAY + DAY + shift).min(req.to);
        let (total, has_data) = total_in(org, req, from, to);
        if req.skip_empty_dates && !has_data {
            continue;
        }
        let values = match total {
            TotalOut::Values(_, v) => v,
            TotalOut::Headerless => Vec::new(),
        };
        for (i, graph) in out.iter_mut().enumerate() {
            let value = values
                .get(i)
                .filter(|v| !v.is_empty())
                .cloned()
                .unwrap_or_else(|| "0".to_string());
            graph.points.push((yyyymmdd(day), value));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_labels() {
        assert_eq!(yyyymmdd(0), "19700101");
        assert_eq!(yyyymmdd(19_782), "20240229");
    }

    #[test]
    fn order_sorts_metrics_and_falls_back_to_the_first() {
        let rows = vec![
            vec!["a".to_string(), "1".to_string(), "9".to_string()],
            vec!["b".to_string(), "3".to_string(), "2".to_string()],
        ];
        let h = &["d", "m1", "m2"];
        assert_eq!(ordered(rows.clone(), h, 1, None)[0][0], "b");
        assert_eq!(ordered(rows.clone(), h, 1, Some("m2"))[0][0], "a");
        assert_eq!(ordered(rows.clone(), h, 1, Some("+m2"))[0][0], "b");
        assert_eq!(ordered(rows, h, 1, Some("nope"))[0][0], "b");
    }
}
