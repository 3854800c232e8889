//! Breakout rooms' charts: participants and average engagement of each breakout room, listed by
//! main room (the main rooms with the most participants first, their breakout rooms after them);
//! past the first rooms the rest are added up as "Others". It formats no table and draws nothing
//! itself.

use super::{bars_size, Drawn};
use crate::reports::BreakoutRow;
use crate::weighted_mean::WeightedMean;
use crate::wording::counted;
use roomlens_charts::{ranked_bars, RankedBarsInput, RankedItem, RankedValue, Theme};
use std::collections::HashMap;

/// Breakout rooms with a bar of their own.
pub(crate) const TOP_BREAKOUTS: usize = 20;

#[derive(Default)]
struct Totals<'a> {
    name: &'a str,
    main_key: &'a str,
    sessions: u64,
    participants: u64,
    engagement: WeightedMean,
}

#[derive(Default)]
struct MainRoom<'a> {
    name: &'a str,
    participants: u64,
}

fn or_id<'a>(name: &'a str, id: &'a str) -> &'a str {
    if name.trim().is_empty() {
        id
    } else {
        name
    }
}

pub(super) fn charts(rows: &[&BreakoutRow], theme: &Theme) -> Vec<Drawn> {
    let mut rooms: HashMap<(&str, &str), Totals<'_>> = HashMap::new();
    let mut mains: HashMap<&str, MainRoom<'_>> = HashMap::new();
    for row in rows {
        let main_key = or_id(&row.parent_entry_id, &row.parent_entry_name);
        let key = or_id(&row.breakout_entry_id, &row.breakout_entry_name);
        let participants = row.participant_count.unwrap_or(0);
        let room = rooms.entry((main_key, key)).or_default();
        room.main_key = main_key;
        if room.name.is_empty() {
            room.name = or_id(&row.breakout_entry_name, &row.breakout_entry_id);
        }
        room.sessions += 1;
        room.participants = room.participants.saturating_add(participants);
        room.engagement
            .add(row.engagement_rate, row.participant_count.map(|p| p as f64));
        let main = mains.entry(main_key).or_default();
        if main.name.is_empty() {
            main.name = or_id(&row.parent_entry_name, &row.parent_entry_id);
        }
        main.participants = main.participants.saturating_add(participants);
    }
    let main_rank = |key: &str| mains.get(key).map_or(0, |m| m.participants);
    let mut ranked: Vec<((&str, &str), Totals<'_>)> = rooms.into_iter().collect();
    ranked.sort_by(|((a_main, a_key), a), ((b_main, b_key), b)| {
        main_rank(b_main)
            .cmp(&main_rank(a_main))
            .then(a_main.cmp(b_main))
            .then(b.participants.cmp(&a.participants))
            .then(a_key.cmp(b_key))
    });
    let rest = if ranked.len() > TOP_BREAKOUTS {
        ranked.split_off(TOP_BREAKOUTS)
    } else {
        Vec::new()
    };
    let label = |t: &Totals<'_>| {
        let main = mains.get(t.main_key).map_or("", |m| m.name);
        match (main.trim().is_empty(), t.name.trim().is_empty()) {
            (true, _) => t.name.to_owned(),
            (false, true) => format!("{main} › (no name)"),
            (false, false) => format!("{main} › {}", t.name),
        }
    };
    let mut others = Totals::default();
    for (_, t) in &rest {
        others.sessions += t.sessions;
        others.participants = others.participants.saturating_add(t.participants);
        others.engagement.merge(&t.engagement);
    }
    let others_label = format!(
        "Others ({})",
        counted(rest.len() as u64, "breakout room", "breakout rooms")
    );
    let items = |value: &dyn Fn(&Totals<'_>) -> f64| {
        let mut items: Vec<RankedItem> = ranked
            .iter()
            .map(|(_, t)| RankedItem {
                label: label(t),
                value: value(t),
                extra: counted(t.sessions, "session", "sessions"),
            })
            .collect();
        if !rest.is_empty() {
            items.push(RankedItem {
                label: others_label.clone(),
                value: value(&others),
                extra: counted(others.sessions, "session", "sessions"),
            });
        }
        items
    };
    let participants = items(&|t| t.participants as f64);
    let engagement = items(&|t| t.engagement.value().map_or(f64::NAN, |r| r * 100.0));
    let size = bars_size(participants.len());
    let chart = |key: &'static str, title: &str, heading: &str, value, items| {
        let input = RankedBarsInput {
            title: title.to_owned(),
            label_heading: "Main room › breakout room".to_owned(),
            value_heading: heading.to_owned(),
            value,
            extra_heading: Some("Sessions".to_owned()),
            items,
        };
        (key, size, ranked_bars(&input, theme, size))
    };
    vec![
        chart(
            "participants-per-breakout",
            "Participants per breakout room, by main room",
            "Participants (added up over sessions)",
            RankedValue::Count,
            participants,
        ),
        chart(
            "engagement-per-breakout",
            "Engagement per breakout room, by main room",
            "Average engagement rate (%)",
            RankedValue::Percent,
            engagement,
        ),
    ]
}
