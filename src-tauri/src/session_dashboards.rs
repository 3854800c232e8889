//! The session dashboards loaded in this run, kept in memory by account, room and session so that
//! going back to a session shows it again without asking Kaltura (the library will keep them on
//! disk). Only the newest few are kept. It does not fetch; the rooms commands do.

use crate::mutex::lock;
use roomlens::dashboard::SessionDashboard;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

/// How many dashboards stay in memory (a 5,000-attendee session is about a megabyte).
const KEEP: usize = 20;

/// Which dashboard: the account, the room, and the session asked for (`None`: the newest).
pub type DashboardKey = (String, String, Option<String>);

#[derive(Default)]
pub struct SessionDashboards {
    kept: Mutex<VecDeque<(DashboardKey, Arc<SessionDashboard>)>>,
}

impl SessionDashboards {
    pub fn get(&self, key: &DashboardKey) -> Option<Arc<SessionDashboard>> {
        lock(&self.kept)
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, d)| Arc::clone(d))
    }

    /// Keeps `dashboard` under `key`, and under its session's own id, forgetting the oldest.
    pub fn keep(&self, key: DashboardKey, dashboard: Arc<SessionDashboard>) {
        let mut kept = lock(&self.kept);
        let own = (
            key.0.clone(),
            key.1.clone(),
            Some(dashboard.session.id.clone()),
        );
        for k in [key, own] {
            kept.retain(|(old, _)| old != &k);
            kept.push_back((k, Arc::clone(&dashboard)));
        }
        while kept.len() > KEEP {
            kept.pop_front();
        }
    }
}
