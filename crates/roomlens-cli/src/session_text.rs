//! A session's dashboard as text for people: the room and session with local times and the zone
//! named, the viewers, minutes and engagement cards ("—" with the reason where Kaltura's figure is
//! undefined), recording plays, the busiest minute, the top attendees, countries and devices.
//! Wording only; every figure comes computed from the core.

use jiff::tz::TimeZone;
use jiff::Timestamp;
use roomlens::dashboard::SessionDashboard;
use roomlens::wording::{count, counted, decimal, minutes};
use std::fmt::Write;

/// How many attendees, countries and devices the text lists (`--json` has them all).
const TOP: usize = 10;

fn local(time: &str, zone: &TimeZone) -> String {
    time.parse::<Timestamp>().map_or_else(
        |_| time.to_owned(),
        |t| {
            t.to_zoned(zone.clone())
                .strftime("%Y-%m-%d %H:%M")
                .to_string()
        },
    )
}

fn pct(value: Option<f64>, why_missing: &str) -> String {
    value.map_or_else(
        || format!("— ({why_missing})"),
        |v| format!("{}%", decimal(v)),
    )
}

pub fn dashboard_text(d: &SessionDashboard, zone: &TimeZone) -> String {
    let mut out = String::new();
    let zone_name = zone.iana_name().unwrap_or("local time");
    let _ = writeln!(out, "{} ({})", d.room.name, d.room.id);
    let _ = writeln!(
        out,
        "Session {}: {} – {} ({zone_name}); {} of this room",
        d.session.id,
        local(&d.session.start, zone),
        local(&d.session.end, zone),
        counted(d.sessions.len() as u64, "session", "sessions"),
    );
    let v = &d.viewers;
    let _ = writeln!(out, "\nViewers");
    let _ = writeln!(
        out,
        "  Unique viewers   {}: live {} ({}), recording {} ({}), both {}",
        count(v.unique),
        count(v.live),
        pct(v.live_pct, "no viewers"),
        count(v.recording),
        pct(v.recording_pct, "no viewers"),
        pct(v.both_pct, "no viewers"),
    );
    let _ = writeln!(
        out,
        "  Minutes viewed   {} on average live, {} from the recording",
        minutes(d.minutes.live_avg),
        minutes(d.minutes.recording_avg),
    );
    let e = &d.engagement;
    let no_live = "no live viewers";
    let no_chat = "nobody was signed in to the chat";
    let _ = writeln!(out, "\nEngagement");
    let _ = writeln!(out, "  Live engagement rate  {}", pct(e.rate_pct, no_live));
    let _ = writeln!(
        out,
        "  Reactions             {} of viewers, {}",
        pct(e.reactions_pct, no_live),
        count(e.reactions)
    );
    let _ = writeln!(
        out,
        "  Group chat messages   {} of chat users, {}",
        pct(e.messages_pct, no_chat),
        count(e.messages)
    );
    let _ = writeln!(
        out,
        "  Polls answered        {} of chat users",
        pct(e.polls_pct, no_chat)
    );
    let _ = writeln!(
        out,
        "  Q&A threads           {} of chat users, {}",
        pct(e.questions_pct, no_chat),
        count(e.questions)
    );
    let _ = writeln!(
        out,
        "  Attachments           {} of viewers, {} downloads",
        pct(e.downloads_pct, no_live),
        count(e.downloads)
    );
    match d.recording_plays {
        Some(plays) => {
            let _ = writeln!(out, "  Recording plays       {}", count(plays));
        }
        None => {
            let _ = writeln!(
                out,
                "  Recording plays       — (this room has no recording)"
            );
        }
    }
    if let Some(peak) = d.timeline.iter().max_by_key(|m| m.viewers) {
        let _ = writeln!(
            out,
            "\nTimeline: {} minutes; most live viewers {} at {}",
            count(d.timeline.len() as u64),
            count(peak.viewers),
            local(&peak.time, zone),
        );
    }
    let _ = writeln!(
        out,
        "\nAttendees ({}; the {} with the most minutes)",
        count(d.attendees.len() as u64),
        TOP.min(d.attendees.len()),
    );
    if d.attendees_unlisted > 0 {
        let _ = writeln!(
            out,
            "  Kaltura lists at most 12,000 attendees: {} more attended (counted above, not listed).",
            count(d.attendees_unlisted)
        );
    }
    let mut by_minutes: Vec<_> = d.attendees.iter().collect();
    by_minutes.sort_by(|a, b| b.minutes.total_cmp(&a.minutes));
    for a in by_minutes.iter().take(TOP) {
        let _ = writeln!(
            out,
            "  {:<32} {:>12}  engagement {:>6}  reactions {}  messages {}",
            a.name,
            minutes(a.minutes),
            format!("{}%", decimal(a.engagement_pct)),
            count(a.reactions),
            count(a.messages),
        );
    }
    for (title, rows) in [
        (
            "Countries",
            d.countries
                .iter()
                .map(|c| (c.name.as_str(), c.live, c.recording))
                .collect::<Vec<_>>(),
        ),
        (
            "Devices",
            d.devices
                .iter()
                .map(|c| (c.device.as_str(), c.live, c.recording))
                .collect(),
        ),
    ] {
        let _ = writeln!(out, "\n{title} (live / recording viewers)");
        if rows.is_empty() {
            let _ = writeln!(out, "  none recorded");
        }
        for (name, live, recording) in rows.into_iter().take(TOP) {
            let _ = writeln!(
                out,
                "  {name:<32} {:>6} / {}",
                count(live),
                count(recording)
            );
        }
    }
    out
}
