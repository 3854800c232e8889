//! The session dashboards loaded in this run, kept in memory by account, room and session so that
//! going back to a session shows it again without asking Kaltura, each with where it came from:
//! Kaltura now, or the copy the library keeps on disk (`KeptCopy`: opened from the Library screen,
//! or shown because Kaltura could not be reached). Only the newest few are kept. It does not
//! fetch or read the library; the rooms and library commands do.

use crate::mutex::lock;
use roomlens::dashboard::SessionDashboard;
use roomlens::library::DashboardInfo;
use serde::Serialize;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

/// How many dashboards stay in memory (a 5,000-attendee session is about a megabyte).
const KEEP: usize = 20;

/// Which dashboard: the account, the room, and the session asked for (`None`: the newest).
pub type DashboardKey = (String, String, Option<String>);

/// Why a dashboard on screen is the library's copy rather than Kaltura's answer now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum KeptWhy {
    /// Kaltura could not be reached, so the Rooms screen showed the copy kept earlier.
    KalturaUnreachable,
    /// The person opened it from the Library screen; Kaltura is not asked.
    OpenedFromLibrary,
}

/// A dashboard shown from the library: which kept copy, from which account, fetched when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct KeptCopy {
    /// The library's id of the kept dashboard.
    pub id: i64,
    pub account_name: String,
    /// When it was fetched and kept, Unix seconds.
    pub fetched_at: i64,
    pub why: KeptWhy,
}

impl KeptCopy {
    pub fn of(info: &DashboardInfo, why: KeptWhy) -> KeptCopy {
        KeptCopy {
            id: info.id,
            account_name: info.account_name.clone(),
            fetched_at: info.fetched_at,
            why,
        }
    }
}

/// A dashboard in memory, and the library's copy it is when it is one.
#[derive(Clone)]
pub struct Loaded {
    pub dashboard: Arc<SessionDashboard>,
    pub kept: Option<KeptCopy>,
}

#[derive(Default)]
pub struct SessionDashboards {
    kept: Mutex<VecDeque<(DashboardKey, Loaded)>>,
}

impl SessionDashboards {
    pub fn get(&self, key: &DashboardKey) -> Option<Loaded> {
        lock(&self.kept)
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, loaded)| loaded.clone())
    }

    /// Keeps `loaded` under `key`, and under its session's own id, forgetting the oldest.
    pub fn keep(&self, key: DashboardKey, loaded: Loaded) {
        let mut kept = lock(&self.kept);
        let own = (
            key.0.clone(),
            key.1.clone(),
            Some(loaded.dashboard.session.id.clone()),
        );
        for k in [key, own] {
            kept.retain(|(old, _)| old != &k);
            kept.push_back((k, loaded.clone()));
        }
        while kept.len() > KEEP {
            kept.pop_front();
        }
    }

    /// Forgets every copy of library dashboard `id` (it was deleted from the library).
    pub fn forget_kept(&self, id: i64) {
        lock(&self.kept).retain(|(_, loaded)| loaded.kept.as_ref().is_none_or(|k| k.id != id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use roomlens::dashboard::session_dashboard::{
        Engagement, Minutes, RoomRef, SessionRef, Viewers,
    };

    fn dashboard(session: &str) -> Arc<SessionDashboard> {
        let session = SessionRef {
            id: session.into(),
            start: String::new(),
            end: String::new(),
        };
        Arc::new(SessionDashboard {
            room: RoomRef {
                id: "1_room".into(),
                name: "Room".into(),
            },
            sessions: vec![session.clone()],
            session,
            viewers: Viewers {
                unique: 0,
                live: 0,
                recording: 0,
                live_pct: None,
                recording_pct: None,
                both_pct: None,
            },
            minutes: Minutes {
                live_avg: 0.0,
                recording_avg: 0.0,
            },
            engagement: Engagement {
                rate_pct: None,
                reactions_pct: None,
                reactions: 0,
                downloads_pct: None,
                downloads: 0,
                messages_pct: None,
                messages: 0,
                questions_pct: None,
                questions: 0,
                polls_pct: None,
            },
            recording_plays: None,
            timeline: Vec::new(),
            attendees: Vec::new(),
            countries: Vec::new(),
            devices: Vec::new(),
            requests: 0,
            recording: None,
            window: None,
            attendees_unlisted: 0,
        })
    }

    fn key(account: &str, session: Option<&str>) -> DashboardKey {
        (account.into(), "1_room".into(), session.map(str::to_owned))
    }

    #[test]
    fn a_dashboard_is_found_by_the_key_asked_and_its_own_session_with_where_it_came_from() {
        let dashboards = SessionDashboards::default();
        let kept = KeptCopy {
            id: 7,
            account_name: "Training team".into(),
            fetched_at: 1_780_000_000,
            why: KeptWhy::OpenedFromLibrary,
        };
        dashboards.keep(
            key("library-7", Some("s1")),
            Loaded {
                dashboard: dashboard("s1"),
                kept: Some(kept.clone()),
            },
        );
        dashboards.keep(
            key("demo", None),
            Loaded {
                dashboard: dashboard("s2"),
                kept: None,
            },
        );
        let found = dashboards.get(&key("library-7", Some("s1"))).unwrap();
        assert_eq!(found.kept, Some(kept));
        assert!(dashboards
            .get(&key("demo", Some("s2")))
            .unwrap()
            .kept
            .is_none());
        assert!(
            dashboards.get(&key("demo", Some("s1"))).is_none(),
            "accounts apart"
        );

        dashboards.forget_kept(7);
        assert!(dashboards.get(&key("library-7", Some("s1"))).is_none());
        assert!(
            dashboards.get(&key("demo", None)).is_some(),
            "Kaltura's copies stay"
        );
    }
}
