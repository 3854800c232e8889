//! One attendee's engagement through a session, minute by minute, as Kaltura's heatmap shows it
//! (docs/kaltura-wire-format.md §8.6, report 60011): minutes before the session start dropped,
//! duplicate minutes merged preferring a present state and then an engaged one, the last point
//! dropped; each minute offline, present or engaged by Kaltura's rule. It draws nothing.

use super::figures::is_engaged_state;
use super::session_dashboard::SessionDashboard;
use super::session_reports::fetch_people_states;
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

/// The most people whose minutes one call asks for (the page asks for the rows in view).
pub const MAX_PEOPLE_PER_ASK: usize = 200;

/// One minute per character, for the page to paint: `0` offline, `1` present, `2` engaged.
pub fn minutes_code(minutes: &[MinuteState]) -> String {
    minutes
        .iter()
        .map(|m| match m {
            MinuteState::Offline => '0',
            MinuteState::Present => '1',
            MinuteState::Engaged => '2',
        })
        .collect()
}

/// Fetches the heatmap of each of `user_ids` in the session of `dashboard`, in that order, in
/// as few multirequests as Kaltura allows.
pub async fn fetch_people_heatmaps(
    client: &KalturaClient,
    dashboard: &SessionDashboard,
    user_ids: &[String],
    cancel: &CancelToken,
) -> Result<Vec<Vec<MinuteState>>, Error> {
    let window = dashboard.window.as_ref().ok_or_else(|| {
        Error::new(
            ErrorCode::InvalidInput,
            "Load the session again to see its attendees' minutes.",
        )
    })?;
    if user_ids.len() > MAX_PEOPLE_PER_ASK {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            format!("Ask for at most {MAX_PEOPLE_PER_ASK} people's minutes at a time."),
        ));
    }
    let start = dashboard
        .session
        .start
        .parse::<jiff::Timestamp>()
        .map_or(window.from, |t| t.as_second());
    let people = fetch_people_states(client, window, user_ids, cancel).await?;
    Ok(people
        .iter()
        .map(|states| heatmap_minutes(states, start))
        .collect())
}

/// Fetches `user_id`'s heatmap in the session of `dashboard`.
pub async fn fetch_person_heatmap(
    client: &KalturaClient,
    dashboard: &SessionDashboard,
    user_id: &str,
    cancel: &CancelToken,
) -> Result<Vec<MinuteState>, Error> {
    let mut people =
        fetch_people_heatmaps(client, dashboard, &[user_id.to_owned()], cancel).await?;
    Ok(people.pop().unwrap_or_default())
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
        assert_eq!(
            minutes_code(&[
                MinuteState::Offline,
                MinuteState::Present,
                MinuteState::Engaged
            ]),
            "012"
        );
    }
}
