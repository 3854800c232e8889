//! The three look-ups that identify a room and its sessions (§8.4), as result objects:
//! `baseentry.get` (a `KalturaRoomEntry` for a room or breakout room, a `KalturaMediaEntry` for a
//! recording, else ENTRY_ID_NOT_FOUND), `schedule_scheduleevent.list` (always empty: rooms are
//! virtual classrooms) and `cuepoint_cuepoint.list` (the room's session cue points, paged). No
//! permission checks; `dispatch` does those.

use crate::api_error::ApiError;
use crate::api_value::ApiValue;
use crate::org::Org;
use crate::params::{Param, Params};
use crate::php_format::php_int_cast;
use crate::recordings::RECORDING_SECONDS;

const DAY: i64 = 86_400;
/// Kaltura's default and largest list page.
const DEFAULT_PAGE_SIZE: i64 = 30;
const MAX_PAGE_SIZE: i64 = 500;

fn child<'a>(params: &'a Params, tree: &str, name: &str) -> Option<&'a str> {
    match params.get(tree)? {
        Param::Tree(children) => {
            children
                .iter()
                .find(|(k, _)| k == name)
                .and_then(|(_, v)| match v {
                    Param::Text(t) => Some(t.as_str()),
                    Param::Tree(_) => None,
                })
        }
        Param::Text(_) => None,
    }
}

fn text(s: &str) -> ApiValue {
    ApiValue::text(s)
}

/// `baseentry.get`.
pub fn base_entry_get(org: &Org, partner_id: i64, params: &Params) -> Result<ApiValue, ApiError> {
    let entry_id = params
        .text("entryId")
        .ok_or_else(|| ApiError::missing_mandatory_parameter("entryId"))?;
    let created = org.first_day() * DAY;
    for (index, room) in org.rooms().iter().enumerate() {
        let owner = org.user(index as u64).id;
        let common = |id: &str, name: &str| {
            vec![
                ("id", text(id)),
                ("name", text(name)),
                ("partnerId", ApiValue::Int(partner_id)),
                ("userId", text(&owner)),
                ("creatorId", text(&owner)),
                ("status", text("2")),
                ("type", text("room.room")),
                ("createdAt", ApiValue::Int(created + index as i64 * 3600)),
                ("updatedAt", ApiValue::Int(created + index as i64 * 3600)),
            ]
        };
        if room.entry_id == entry_id {
            let mut fields = common(&room.entry_id, &room.name);
            if let Some(recording) = org.recording_for_room(&room.entry_id) {
                fields.push(("redirectEntryId", text(&recording.entry_id)));
            }
            fields.push(("rootEntryId", text(&room.entry_id)));
            return Ok(ApiValue::Object("KalturaRoomEntry", fields));
        }
        if let Some(b) = room.breakouts.iter().find(|b| b.entry_id == entry_id) {
            let mut fields = common(&b.entry_id, &b.name);
            fields.push(("rootEntryId", text(&room.entry_id)));
            fields.push(("parentEntryId", text(&room.entry_id)));
            return Ok(ApiValue::Object("KalturaRoomEntry", fields));
        }
    }
    if let Some(recording) = org
        .recordings()
        .into_iter()
        .find(|r| r.entry_id == entry_id)
    {
        return Ok(ApiValue::Object(
            "KalturaMediaEntry",
            vec![
                ("id", text(&recording.entry_id)),
                ("name", text(&recording.name)),
                ("partnerId", ApiValue::Int(partner_id)),
                ("status", text("2")),
                ("type", text("1")),
                ("createdAt", ApiValue::Int(created)),
                ("updatedAt", ApiValue::Int(created)),
                ("rootEntryId", text(&recording.entry_id)),
                ("mediaType", ApiValue::Int(1)),
                ("duration", ApiValue::Int(RECORDING_SECONDS as i64)),
                ("msDuration", ApiValue::Int(RECORDING_SECONDS as i64 * 1000)),
            ],
        ));
    }
    Err(ApiError::entry_id_not_found(entry_id))
}

fn list_response(class: &'static str, objects: Vec<ApiValue>, total: usize) -> ApiValue {
    ApiValue::Object(
        class,
        vec![
            ("objects", ApiValue::Array(objects)),
            (
                "totalCount",
                ApiValue::Int(i64::try_from(total).unwrap_or(i64::MAX)),
            ),
        ],
    )
}

/// `schedule_scheduleevent.list`: rooms have no schedule events.
pub fn schedule_event_list() -> ApiValue {
    list_response("KalturaScheduleEventListResponse", Vec::new(), 0)
}

/// `cuepoint_cuepoint.list` with a session cue point filter: the rooms' cue points ending by
/// `endTimeLessThanOrEqual`, newest first (`+startTime` for oldest first), one page of them.
pub fn cue_point_list(org: &Org, partner_id: i64, params: &Params) -> ApiValue {
    let filter = |name| child(params, "filter", name);
    let room_ids: Vec<String> = match (filter("entryIdEqual"), filter("entryIdIn")) {
        (Some(id), _) => vec![id.to_string()],
        (None, Some(ids)) => ids
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        (None, None) => org.rooms().iter().map(|r| r.entry_id.clone()).collect(),
    };
    let type_ok = filter("cuePointTypeEqual").is_none_or(|t| t == "sessionCuePoint.Session");
    let ending_by = filter("endTimeLessThanOrEqual")
        .filter(|v| !v.is_empty())
        .map_or(i64::MAX, php_int_cast);
    let mut points = Vec::new();
    if type_ok {
        for room_id in &room_ids {
            for c in org.room_cue_points(room_id, ending_by) {
                points.push((room_id.clone(), c));
            }
        }
    }
    points.sort_by(|(ra, a), (rb, b)| (b.start, &b.id, rb).cmp(&(a.start, &a.id, ra)));
    if filter("orderBy") == Some("+startTime") {
        points.reverse();
    }
    let size = child(params, "pager", "pageSize")
        .map_or(DEFAULT_PAGE_SIZE, php_int_cast)
        .clamp(1, MAX_PAGE_SIZE);
    let index = child(params, "pager", "pageIndex")
        .map_or(1, php_int_cast)
        .max(1);
    let skip = usize::try_from(size.saturating_mul(index - 1)).unwrap_or(usize::MAX);
    let total = points.len();
    let objects = points
        .into_iter()
        .skip(skip)
        .take(usize::try_from(size).unwrap_or(30))
        .map(|(room_id, c)| {
            ApiValue::Object(
                "KalturaSessionCuePoint",
                vec![
                    ("id", text(&c.id)),
                    ("cuePointType", text("sessionCuePoint.Session")),
                    ("status", ApiValue::Int(1)),
                    ("entryId", text(&room_id)),
                    ("partnerId", ApiValue::Int(partner_id)),
                    ("createdAt", ApiValue::Int(c.start)),
                    ("updatedAt", ApiValue::Int(c.end)),
                    ("startTime", ApiValue::Int(c.start)),
                    ("endTime", ApiValue::Int(c.end)),
                    ("duration", ApiValue::Int(c.end - c.start)),
                ],
            )
        })
        .collect();
    list_response("KalturaCuePointListResponse", objects, total)
}
