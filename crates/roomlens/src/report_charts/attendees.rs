//! Attendees' charts, counting people (a person is a user ID, else an e-mail, else a name, as the
//! summary counts them): their participation time, their engagement rate in ten 10% steps (the
//! summary's own distribution), and their roles. It formats no table and draws nothing itself.

use super::{bars_size, Drawn, COLUMNS_SIZE};
use crate::analytics::{summarize_attendees, AttendeesSummary};
use crate::reports::AttendeeRow;
use crate::wording::counted;
use roomlens_charts::{
    distribution_bars, ranked_bars, DistributionBucket, DistributionInput, RankedBarsInput,
    RankedItem, RankedValue, Theme,
};
use std::collections::HashMap;

/// Roles with a bar of their own; the rest are added up as "Others".
const TOP_ROLES: usize = 10;

/// Participation time's buckets: the upper bound in minutes (exclusive) and the label.
const MINUTES: [(f64, &str); 7] = [
    (5.0, "Under 5 min"),
    (15.0, "5–15 min"),
    (30.0, "15–30 min"),
    (60.0, "30–60 min"),
    (120.0, "1–2 h"),
    (240.0, "2–4 h"),
    (f64::INFINITY, "4 h or more"),
];

pub(super) fn charts(rows: &[&AttendeeRow], theme: &Theme) -> Vec<Drawn> {
    charts_of(&summarize_attendees(rows.iter().copied()), theme)
}

/// The charts of the rows `summary` sums up.
pub(super) fn charts_of(summary: &AttendeesSummary, theme: &Theme) -> Vec<Drawn> {
    vec![
        participation(summary, theme),
        engagement(summary, theme),
        roles(summary, theme),
    ]
}

fn participation(summary: &AttendeesSummary, theme: &Theme) -> Drawn {
    let mut counts = [0u64; MINUTES.len()];
    for user in &summary.users {
        let bucket = MINUTES
            .iter()
            .position(|(upper, _)| user.total_minutes < *upper)
            .unwrap_or(MINUTES.len() - 1);
        if let Some(c) = counts.get_mut(bucket) {
            *c += 1;
        }
    }
    let input = DistributionInput {
        title: "People by participation time".to_owned(),
        bucket_axis_title: "Participation time, all their sessions added up".to_owned(),
        count_axis_title: "People".to_owned(),
        buckets: if summary.users.is_empty() {
            Vec::new()
        } else {
            MINUTES
                .iter()
                .zip(counts)
                .map(|((_, label), count)| DistributionBucket {
                    label: (*label).to_owned(),
                    count: count as f64,
                })
                .collect()
        },
    };
    (
        "participation-time",
        COLUMNS_SIZE,
        distribution_bars(&input, theme, COLUMNS_SIZE),
    )
}

fn engagement(summary: &AttendeesSummary, theme: &Theme) -> Drawn {
    let distribution = &summary.engagement_distribution;
    let any = distribution.buckets.iter().any(|b| b.users > 0);
    let input = DistributionInput {
        title: "People by engagement rate".to_owned(),
        bucket_axis_title: "Engagement rate (average over their minutes)".to_owned(),
        count_axis_title: "People".to_owned(),
        buckets: if any {
            distribution
                .buckets
                .iter()
                .map(|b| DistributionBucket {
                    label: format!("{}–{}%", b.from_percent, b.to_percent),
                    count: b.users as f64,
                })
                .collect()
        } else {
            Vec::new()
        },
    };
    let mut drawn = distribution_bars(&input, theme, COLUMNS_SIZE);
    if let (Ok(chart), true) = (&mut drawn, any && distribution.unknown > 0) {
        chart.alt.note = Some(format!(
            "{} no engagement rate and {} not counted.",
            counted(distribution.unknown, "person has", "people have"),
            if distribution.unknown == 1 {
                "is"
            } else {
                "are"
            }
        ));
    }
    ("engagement-rate", COLUMNS_SIZE, drawn)
}

fn roles(summary: &AttendeesSummary, theme: &Theme) -> Drawn {
    let mut per_role: HashMap<&str, u64> = HashMap::new();
    for user in &summary.users {
        let role = user.role.trim();
        *per_role
            .entry(if role.is_empty() {
                "No role given"
            } else {
                role
            })
            .or_default() += 1;
    }
    let mut ranked: Vec<(&str, u64)> = per_role.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let rest: Vec<(&str, u64)> = if ranked.len() > TOP_ROLES {
        ranked.split_off(TOP_ROLES)
    } else {
        Vec::new()
    };
    let share = |n: u64| {
        let all = summary.users.len().max(1) as f64;
        format!("{:.1}% of people", n as f64 * 100.0 / all)
    };
    let mut items: Vec<RankedItem> = ranked
        .iter()
        .map(|(role, n)| RankedItem {
            label: (*role).to_owned(),
            value: *n as f64,
            extra: share(*n),
        })
        .collect();
    if !rest.is_empty() {
        let n = rest.iter().map(|(_, n)| n).sum();
        items.push(RankedItem {
            label: format!("Others ({})", counted(rest.len() as u64, "role", "roles")),
            value: n as f64,
            extra: share(n),
        });
    }
    let size = bars_size(items.len());
    let input = RankedBarsInput {
        title: "People per role".to_owned(),
        label_heading: "Role".to_owned(),
        value_heading: "People".to_owned(),
        value: RankedValue::Count,
        extra_heading: Some("Share".to_owned()),
        items,
    };
    ("people-per-role", size, ranked_bars(&input, theme, size))
}
