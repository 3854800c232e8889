//! Finding a room and its sessions as Kaltura's Room analytics page does
//! (docs/kaltura-wire-format.md §8.4): one multirequest of `baseentry.get`,
//! `schedule_scheduleevent.list` and `cuepoint_cuepoint.list` (session cue points, newest first),
//! and the live and recording entry ids derived from the entry. It fetches no figures.

use crate::error::{Error, ErrorCode};
use crate::kaltura::multirequest::{ApiCall, CallResult};
use serde_json::{json, Value};

/// A room, its sessions (newest first; sessions without a duration left out, as Kaltura's picker
/// does) and the entry ids its figures are asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct RoomSessions {
    pub id: String,
    pub name: String,
    pub sessions: Vec<SessionWindow>,
    /// The room, and the live entry it broadcasts through, if any.
    pub live_entry_ids: Vec<String>,
    /// The room's recording; empty when it has none.
    pub vod_entry_ids: Vec<String>,
}

/// One session of a room: its cue point id and Unix-seconds start and end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionWindow {
    pub id: String,
    pub start: i64,
    pub end: i64,
}

/// The three calls of the lookup, for sessions that ended by `now` (Unix seconds).
pub(crate) fn lookup_calls(room_id: &str, now: i64) -> Vec<ApiCall> {
    vec![
        ApiCall::new("baseentry", "get", json!({ "entryId": room_id })),
        ApiCall::new(
            "schedule_scheduleevent",
            "list",
            json!({ "filter": {
                "objectType": "KalturaEntryScheduleEventFilter",
                "templateEntryIdEqual": room_id,
            }}),
        ),
        ApiCall::new(
            "cuepoint_cuepoint",
            "list",
            json!({
                "filter": {
                    "objectType": "KalturaSessionCuePointFilter",
                    "orderBy": "-startTime",
                    "cuePointTypeEqual": "sessionCuePoint.Session",
                    "entryIdEqual": room_id,
                    "endTimeLessThanOrEqual": now,
                },
                "pager": { "objectType": "KalturaFilterPager", "pageSize": 500, "pageIndex": 1 },
            }),
        ),
    ]
}

/// Kaltura's ids look like `1_abcd1234`.
fn looks_like_entry_id(text: &str) -> bool {
    let mut parts = text.splitn(2, '_');
    let (Some(partner), Some(rest)) = (parts.next(), parts.next()) else {
        return false;
    };
    partner.len() == 1
        && partner.chars().all(|c| c.is_ascii_digit())
        && rest.len() == 8
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase())
}

fn text<'v>(value: &'v Value, name: &str) -> &'v str {
    value.get(name).and_then(Value::as_str).unwrap_or("")
}

fn seconds(value: &Value, name: &str) -> Option<i64> {
    let v = value.get(name)?;
    v.as_i64()
        .or_else(|| v.as_f64().map(|x| x as i64))
        .or_else(|| {
            v.as_str()
                .and_then(|s| s.trim().parse::<f64>().ok())
                .map(|x| x as i64)
        })
}

/// The lookup's three results as a room with its sessions. The first failed call's error wins,
/// as on Kaltura's page.
pub(crate) fn parse_lookup(room_id: &str, results: Vec<CallResult>) -> Result<RoomSessions, Error> {
    let mut results = results.into_iter();
    let (Some(entry), Some(schedule), Some(cue_points)) =
        (results.next(), results.next(), results.next())
    else {
        return Err(Error::new(
            ErrorCode::BadResponse,
            "Kaltura's answer about the room was incomplete. Try again.",
        ));
    };
    let (entry, schedule, cue_points) = (entry?, schedule?, cue_points?);
    let scheduled = schedule
        .get("objects")
        .and_then(Value::as_array)
        .is_some_and(|o| !o.is_empty());
    if scheduled {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            format!("{room_id} is a scheduled live event or webcast, not a room. Roomlens shows the dashboard of Kaltura Rooms."),
        ));
    }
    let id = match text(&entry, "id") {
        "" => room_id,
        id => id,
    };
    let mut live_entry_ids = vec![id.to_owned()];
    let broadcast = match text(&entry, "broadcastEntryId") {
        "" => text(&entry, "referenceId"),
        b => b,
    };
    if looks_like_entry_id(broadcast) && broadcast != id {
        live_entry_ids.push(broadcast.to_owned());
    }
    let vod_entry_ids: Vec<String> = [text(&entry, "redirectEntryId")]
        .into_iter()
        .filter(|v| looks_like_entry_id(v))
        .map(str::to_owned)
        .collect();
    let mut sessions: Vec<SessionWindow> = cue_points
        .get("objects")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .filter_map(|cue| {
            let start = seconds(cue, "startTime")?;
            let end = seconds(cue, "endTime")?;
            let duration = seconds(cue, "duration").unwrap_or(end - start);
            (duration > 0 && end > start && !text(cue, "id").is_empty()).then(|| SessionWindow {
                id: text(cue, "id").to_owned(),
                start,
                end,
            })
        })
        .collect();
    sessions.sort_by(|a, b| b.start.cmp(&a.start).then_with(|| a.id.cmp(&b.id)));
    Ok(RoomSessions {
        id: id.to_owned(),
        name: text(&entry, "name").to_owned(),
        sessions,
        live_entry_ids,
        vod_entry_ids,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_room_with_its_sessions_newest_first_and_its_recording() {
        let room = parse_lookup(
            "1_room0001",
            vec![
                Ok(json!({"id":"1_room0001","name":"Design <review>","redirectEntryId":"1_vod00001","objectType":"KalturaRoomEntry"})),
                Ok(json!({"objects":[],"totalCount":0})),
                Ok(json!({"objects":[
                    {"id":"1_cue00001","startTime":1000,"endTime":4600,"duration":3600},
                    {"id":"1_cue00002","startTime":9000,"endTime":9000,"duration":0},
                    {"id":"1_cue00003","startTime":"5000","endTime":"8600.5","duration":3600}
                ],"totalCount":3})),
            ],
        )
        .unwrap();
        assert_eq!(room.name, "Design <review>");
        let ids: Vec<&str> = room.sessions.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            ids,
            ["1_cue00003", "1_cue00001"],
            "newest first, no zero-length session"
        );
        assert_eq!(room.vod_entry_ids, ["1_vod00001"]);
        assert_eq!(room.live_entry_ids, ["1_room0001"]);
    }

    #[test]
    fn a_webcast_or_a_failed_call_is_an_error() {
        let webcast = parse_lookup(
            "1_live0001",
            vec![
                Ok(json!({"id":"1_live0001"})),
                Ok(json!({"objects":[{"startDate":1}]})),
                Ok(json!({"objects":[]})),
            ],
        );
        assert_eq!(webcast.unwrap_err().code, ErrorCode::InvalidInput);
        let missing = parse_lookup(
            "1_nope0001",
            vec![
                Err(Error::new(ErrorCode::EntryNotFound, "no such room")),
                Ok(json!({})),
                Ok(json!({})),
            ],
        );
        assert_eq!(missing.unwrap_err().code, ErrorCode::EntryNotFound);
        assert!(looks_like_entry_id("0_abcd1234"));
        assert!(!looks_like_entry_id("0_ABCD1234"));
        assert!(!looks_like_entry_id("x"));
    }
}
