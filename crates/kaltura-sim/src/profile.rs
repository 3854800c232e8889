//! Sizes and shapes of a synthetic organisation: how many rooms, sessions a day, attendees a
//! session, how far back data goes, and the special days used to test the row cap. Plain data; the
//! generation itself is in `org`.

/// One day on which many sessions, spread across the whole day, together exceed the row cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BusyDay {
    /// Which day, counted back from the day of the data end (0 = that day).
    pub days_ago: u32,
    pub sessions: u32,
    pub attendees_per_session: u32,
}

/// One session at one instant with more attendees than the row cap (no time split can help).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HugeSession {
    pub days_ago: u32,
    /// Seconds after midnight UTC.
    pub start_second: u32,
    pub attendees: u32,
}

/// The day, counted back from the data end's day, that holds the Room dashboard's edge sessions
/// (`Org::edge_sessions`): one without chat users, one in the room with a recording, one longer
/// than eight hours and one attended by the people with hostile names. They are added to that
/// day's ordinary sessions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DashboardEdges {
    pub days_ago: u32,
}

/// One long, crowded session added to a day (for the dashboard benchmark): `attendees` people over
/// `minutes`, starting at `start_second` after midnight UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marathon {
    pub days_ago: u32,
    pub start_second: u32,
    pub minutes: u32,
    pub attendees: u32,
}

/// The shape of a synthetic organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgProfile {
    pub name: String,
    pub rooms: u32,
    /// The most breakout rooms a main room has (a session with breakouts uses 2 up to this).
    pub breakout_rooms_per_room: u32,
    /// Data exists from this many days before the data end up to the data end.
    pub history_days: u32,
    pub sessions_per_day: (u32, u32),
    pub attendees_per_session: (u32, u32),
    pub breakout_percent: u32,
    pub virtual_event_percent: u32,
    /// Distinct people; a session never holds more attendees than this.
    pub user_pool: u32,
    pub busy_day: Option<BusyDay>,
    pub huge_session: Option<HugeSession>,
    /// The first this-many rooms each have a recording (a VOD entry, the room's `redirectEntryId`).
    pub rooms_with_recording: u32,
    pub dashboard_edges: Option<DashboardEdges>,
    pub marathon: Option<Marathon>,
}

impl OrgProfile {
    /// Two rooms, one or two short sessions a day, a month of history: for quick tests.
    pub fn tiny() -> Self {
        OrgProfile {
            name: "tiny".into(),
            rooms: 2,
            breakout_rooms_per_room: 2,
            history_days: 30,
            sessions_per_day: (1, 2),
            attendees_per_session: (3, 8),
            breakout_percent: 50,
            virtual_event_percent: 50,
            user_pool: 40,
            busy_day: None,
            huge_session: None,
            rooms_with_recording: 1,
            dashboard_edges: None,
            marathon: None,
        }
    }

    /// A realistic organisation: eight rooms, a few sessions a day, 5–60 attendees each, over a
    /// year of history (a 30-day attendees report is a few thousand rows).
    pub fn demo() -> Self {
        OrgProfile {
            name: "demo".into(),
            rooms: 8,
            breakout_rooms_per_room: 4,
            history_days: 400,
            sessions_per_day: (2, 5),
            attendees_per_session: (5, 60),
            breakout_percent: 30,
            virtual_event_percent: 30,
            user_pool: 1500,
            busy_day: None,
            huge_session: None,
            rooms_with_recording: 1,
            dashboard_edges: Some(DashboardEdges { days_ago: 2 }),
            marathon: None,
        }
    }

    /// A year with more than 250,000 attendee rows, and one day (40 days before the data end) with
    /// 240 sessions of 500 attendees spread over the day: 120,000 rows, above the cap, splittable by time.
    pub fn year_large() -> Self {
        OrgProfile {
            name: "year-large".into(),
            rooms: 12,
            breakout_rooms_per_room: 4,
            history_days: 400,
            sessions_per_day: (6, 10),
            attendees_per_session: (40, 100),
            breakout_percent: 20,
            virtual_event_percent: 20,
            user_pool: 20_000,
            busy_day: Some(BusyDay {
                days_ago: 40,
                sessions: 240,
                attendees_per_session: 500,
            }),
            huge_session: None,
            rooms_with_recording: 1,
            dashboard_edges: None,
            marathon: None,
        }
    }

    /// A tiny organisation plus one session, 3 days before the data end at 14:00 UTC, with 120,000
    /// attendees: more than the cap at a single instant.
    pub fn single_huge_session() -> Self {
        OrgProfile {
            name: "single-huge-session".into(),
            user_pool: 130_000,
            huge_session: Some(HugeSession {
                days_ago: 3,
                start_second: 14 * 3600,
                attendees: 120_000,
            }),
            ..OrgProfile::tiny()
        }
    }

    /// About `attendee_rows_per_day` attendee rows every day for ten years: the knob for
    /// million-row reports and benchmarks.
    pub fn dense(attendee_rows_per_day: u32) -> Self {
        let sessions = (attendee_rows_per_day / 100).max(1);
        OrgProfile {
            name: "dense".into(),
            rooms: 20,
            breakout_rooms_per_room: 4,
            history_days: 3650,
            sessions_per_day: (sessions, sessions),
            attendees_per_session: (80, 120),
            breakout_percent: 20,
            virtual_event_percent: 20,
            user_pool: 50_000,
            busy_day: None,
            huge_session: None,
            rooms_with_recording: 1,
            dashboard_edges: None,
            marathon: None,
        }
    }

    /// The demo organisation with a larger pool of people and, the day before the data end, one
    /// session of 5,000 attendees over eight hours (from 08:00 UTC): the dashboard benchmark's
    /// busiest session (`Org::marathon_session`).
    pub fn demo_marathon() -> Self {
        OrgProfile {
            name: "demo-marathon".into(),
            user_pool: 6000,
            marathon: Some(Marathon {
                days_ago: 1,
                start_second: 8 * 3600,
                minutes: 480,
                attendees: 5000,
            }),
            ..OrgProfile::demo()
        }
    }

    /// The profile with this command-line name: `tiny`, `demo`, `demo-marathon`, `year-large`,
    /// `single-huge-session`, or `dense-<rows per day>`.
    pub fn by_name(name: &str) -> Option<Self> {
        match name {
            "tiny" => Some(Self::tiny()),
            "demo" => Some(Self::demo()),
            "year-large" | "year_large" => Some(Self::year_large()),
            "single-huge-session" | "single_huge_session" => Some(Self::single_huge_session()),
            "demo-marathon" | "demo_marathon" => Some(Self::demo_marathon()),
            other => other
                .strip_prefix("dense-")
                .and_then(|n| n.parse().ok())
                .map(Self::dense),
        }
    }
}
