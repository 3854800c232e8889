//! A session dashboard's tables as rows of text for saving as CSV: every attendee, the countries,
//! the devices and the minute timeline, with Kaltura's header names or descriptive ones. Numbers
//! are written as Rust writes them (what reads back unchanged), times RFC 3339 UTC. It writes no
//! file; `export::table_csv_bytes` makes the CSV.

use super::session_dashboard::SessionDashboard;
use crate::export::HeaderStyle;
use serde::Deserialize;

/// Which table of the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum SessionTable {
    Attendees,
    Countries,
    Devices,
    Timeline,
}

impl SessionTable {
    /// The file name's last part: "attendees".
    pub fn slug(self) -> &'static str {
        match self {
            SessionTable::Attendees => "attendees",
            SessionTable::Countries => "countries",
            SessionTable::Devices => "devices",
            SessionTable::Timeline => "timeline",
        }
    }
}

/// (raw, descriptive) header names.
type Headers = &'static [(&'static str, &'static str)];

const ATTENDEES: Headers = &[
    ("user_id", "User ID"),
    ("name", "Name"),
    ("email", "E-mail"),
    ("role", "Role"),
    ("company", "Company"),
    ("industry", "Industry"),
    ("country", "Country"),
    ("minutes", "Minutes viewed"),
    ("engagement_pct", "Live engagement (%)"),
    ("reactions", "Reactions"),
    ("raised_hands", "Raised hands"),
    ("messages", "Chat messages"),
    ("polls", "Polls answered"),
    ("questions", "Q&A threads"),
    ("downloads", "Downloads"),
];
const COUNTRIES: Headers = &[
    ("code", "Country code"),
    ("name", "Country"),
    ("live", "Live viewers"),
    ("recording", "Recording viewers"),
];
const DEVICES: Headers = &[
    ("device", "Device"),
    ("live", "Live viewers"),
    ("recording", "Recording viewers"),
];
const TIMELINE: Headers = &[
    ("time", "Minute (UTC)"),
    ("viewers", "Live viewers"),
    ("engagement_pct", "Live engagement (%)"),
    ("reactions", "Reactions"),
];

/// The header and rows of `table` in `d`.
pub fn session_table(
    d: &SessionDashboard,
    table: SessionTable,
    headers: HeaderStyle,
) -> (Vec<String>, Vec<Vec<String>>) {
    let names = match table {
        SessionTable::Attendees => ATTENDEES,
        SessionTable::Countries => COUNTRIES,
        SessionTable::Devices => DEVICES,
        SessionTable::Timeline => TIMELINE,
    };
    let header = names
        .iter()
        .map(|(raw, friendly)| match headers {
            HeaderStyle::Raw => (*raw).to_owned(),
            HeaderStyle::Friendly => (*friendly).to_owned(),
        })
        .collect();
    let rows = match table {
        SessionTable::Attendees => d
            .attendees
            .iter()
            .map(|a| {
                vec![
                    a.user_id.clone(),
                    a.name.clone(),
                    a.profile.email.clone(),
                    a.profile.role.clone(),
                    a.profile.company.clone(),
                    a.profile.industry.clone(),
                    a.profile.country.clone(),
                    a.minutes.to_string(),
                    a.engagement_pct.to_string(),
                    a.reactions.to_string(),
                    a.raised_hands.to_string(),
                    a.messages.to_string(),
                    a.polls.to_string(),
                    a.questions.to_string(),
                    a.downloads.to_string(),
                ]
            })
            .collect(),
        SessionTable::Countries => d
            .countries
            .iter()
            .map(|c| {
                vec![
                    c.code.clone(),
                    c.name.clone(),
                    c.live.to_string(),
                    c.recording.to_string(),
                ]
            })
            .collect(),
        SessionTable::Devices => d
            .devices
            .iter()
            .map(|c| {
                vec![
                    c.device.clone(),
                    c.live.to_string(),
                    c.recording.to_string(),
                ]
            })
            .collect(),
        SessionTable::Timeline => d
            .timeline
            .iter()
            .map(|m| {
                vec![
                    m.time.clone(),
                    m.viewers.to_string(),
                    m.engagement_pct.to_string(),
                    m.reactions.to_string(),
                ]
            })
            .collect(),
    };
    (header, rows)
}
