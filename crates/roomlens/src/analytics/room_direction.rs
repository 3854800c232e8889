//! Which way each room's audience is going: its latest period's unique attendees against the
//! median of its earlier periods (the room's own usual), with its sessions and hours over the
//! range. Pure, over `room_trends`' rows (periods with no session are not rows, so they do not
//! pull the median down); it reads nothing and words nothing.

use super::attention::median;
use super::rollups::RoomPeriod;
use serde::Serialize;

/// Earlier periods a room needs before its latest one is compared with them.
pub const EARLIER_PERIODS_AT_LEAST: usize = 2;

/// One room's direction over the range.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct RoomDirection {
    pub room_id: String,
    pub name: String,
    /// Periods with at least one session.
    pub periods: u64,
    pub sessions: u64,
    pub hours: f64,
    /// The latest period with a session (its first day) and its unique attendees.
    pub latest_period: String,
    pub latest_attendees: u64,
    /// The median of the earlier periods' unique attendees; `None` with fewer than
    /// [`EARLIER_PERIODS_AT_LEAST`] earlier periods.
    pub usual_attendees: Option<f64>,
    /// `(latest − usual) / usual × 100`; `None` without a usual or when it is 0.
    pub change_pct: Option<f64>,
}

/// Each room in `periods` (as `room_trends` orders them: by room, oldest period first), the rooms
/// losing most of their audience first, then rooms without a comparison by name.
pub fn room_directions(periods: &[RoomPeriod]) -> Vec<RoomDirection> {
    let mut directions: Vec<RoomDirection> = Vec::new();
    for room in periods.chunk_by(|a, b| a.room_id == b.room_id) {
        let Some((latest, earlier)) = room.split_last() else {
            continue;
        };
        let earlier_attendees: Vec<f64> =
            earlier.iter().map(|p| p.unique_attendees as f64).collect();
        let usual = if earlier_attendees.len() >= EARLIER_PERIODS_AT_LEAST {
            median(&earlier_attendees)
        } else {
            None
        };
        let change_pct = usual
            .filter(|u| *u > 0.0)
            .map(|u| (latest.unique_attendees as f64 - u) / u * 100.0);
        directions.push(RoomDirection {
            room_id: latest.room_id.clone(),
            name: room
                .iter()
                .rev()
                .map(|p| p.name.as_str())
                .find(|n| !n.trim().is_empty())
                .unwrap_or_default()
                .to_owned(),
            periods: room.len() as u64,
            sessions: room.iter().map(|p| p.sessions).sum(),
            hours: room.iter().map(|p| p.hours).sum(),
            latest_period: latest.period.clone(),
            latest_attendees: latest.unique_attendees,
            usual_attendees: usual,
            change_pct,
        });
    }
    directions.sort_by(|a, b| match (a.change_pct, b.change_pct) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.name.cmp(&b.name).then_with(|| a.room_id.cmp(&b.room_id)),
    });
    directions
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(room: &str, day: &str, sessions: u64, people: u64) -> RoomPeriod {
        RoomPeriod {
            room_id: room.into(),
            name: format!("Room {room}"),
            period: day.into(),
            sessions,
            unique_attendees: people,
            hours: sessions as f64,
            engagement_pct: None,
        }
    }

    #[test]
    fn the_room_losing_most_comes_first() {
        let rows = [
            // a: usual median(10, 30) = 20, latest 5 → −75 %.
            period("a", "2026-03-02", 1, 10),
            period("a", "2026-03-09", 2, 30),
            period("a", "2026-03-16", 1, 5),
            // b: usual median(10, 10, 40) = 10, latest 12 → +20 %.
            period("b", "2026-03-02", 1, 10),
            period("b", "2026-03-09", 1, 10),
            period("b", "2026-03-16", 1, 40),
            period("b", "2026-03-23", 3, 12),
            // c: one earlier period is too few to compare.
            period("c", "2026-03-02", 1, 10),
            period("c", "2026-03-09", 1, 1),
        ];
        let got = room_directions(&rows);
        let ids: Vec<&str> = got.iter().map(|d| d.room_id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(got[0].usual_attendees, Some(20.0));
        assert!((got[0].change_pct.unwrap() + 75.0).abs() < 1e-9);
        assert_eq!(
            (got[0].sessions, got[0].periods, got[0].latest_attendees),
            (4, 3, 5)
        );
        assert!((got[1].change_pct.unwrap() - 20.0).abs() < 1e-9);
        assert_eq!(got[1].latest_period, "2026-03-23");
        assert_eq!((got[2].usual_attendees, got[2].change_pct), (None, None));
    }
}
