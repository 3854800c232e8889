//! One attendee's engagement through a session, minute by minute, as Kaltura's heatmap shows it
//! (docs/kaltura-wire-format.md §8.6, report 60011): minutes before the session start dropped,
//! duplicate minutes merged preferring a present state and then an engaged one, the last point
//! dropped; each minute offline, present or engaged by Kaltura's rule. It draws nothing.

use super::figures::is_engaged_state;
use super::session_dashboard::SessionDashboard;
use super::session_reports::fetch_person_states;
use crate::cancel::CancelToken;
use crate::error::{Error, ErrorCode};
use crate::kaltura::report_objects::ReportTable;
use crate::kaltura::KalturaClient;
use std::collections::BTreeMap;

/// A minute's state, as the heatmap colours it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MinuteState {
    Offline,
    Present,
    Engaged,
}

fn state_of(text: &str) -> MinuteState {
    if text.is_empty() || text.eq_ignore_ascii_case("offline") {
        MinuteState::Offline
    } else if is_engaged_state(text) {
        MinuteState::Engaged
    } else {
        MinuteState::Present
    }
}

/// The minutes of `states` from `session_start` on, merged and trimmed as Kaltura's page does.
pub fn heatmap_minutes(states: &ReportTable, session_start: i64) -> Vec<MinuteState> {
    let mut by_minute: BTreeMap<i64, MinuteState> = BTreeMap::new();
    for row in &states.rows {
        let position = states.number(row, "position") as i64;
        if position < session_start {
            continue;
        }
        let state = state_of(states.text(row, "user_engagement"));
        let slot = by_minute.entry(position).or_insert(state);
        // Present beats offline, engaged beats both.
        *slot = (*slot).max(state);
    }
    let mut minutes: Vec<MinuteState> = by_minute.into_values().collect();
    minutes.pop();
    minutes
}

/// Fetches `user_id`'s heatmap in the session of `dashboard`.
pub async fn fetch_person_heatmap(
    client: &KalturaClient,
    dashboard: &SessionDashboard,
    user_id: &str,
    cancel: &CancelToken,
) -> Result<Vec<MinuteState>, Error> {
    let window = dashboard.window.as_ref().ok_or_else(|| {
        Error::new(
            ErrorCode::InvalidInput,
            "Load the session again to see this person's minutes.",
        )
    })?;
    let start = dashboard
        .session
        .start
        .parse::<jiff::Timestamp>()
        .map_or(window.from, |t| t.as_second());
    let states = fetch_person_states(client, window, user_id, cancel).await?;
    Ok(heatmap_minutes(&states, start))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn kalturas_merging_and_trimming() {
        let table = ReportTable::parse(&json!({
            "header": "position|user_engagement|count_viewers",
            "data": "60|SoundOnTabFocused|1;120|Offline|0;120|TabFocused|1;180|Offline|0;180|CameraOn|1;240|TabFocused|1;300|Offline|0;",
            "totalCount": 7
        }))
        .unwrap();
        assert_eq!(
            heatmap_minutes(&table, 120),
            [
                MinuteState::Present,
                MinuteState::Engaged,
                MinuteState::Present
            ],
            "before the start dropped, duplicates merged, the last minute dropped"
        );
        assert!(heatmap_minutes(&ReportTable::default(), 0).is_empty());
    }
}
