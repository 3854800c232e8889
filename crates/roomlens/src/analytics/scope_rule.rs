//! Whether a row falls in a `RollupScope`, for the rollups outside `rollups.rs` (person
//! drill-down, breakouts, attention): one room, and a session start in `[from, to)` (an undated
//! row is out as soon as either bound is set). The same rule `people` and `room_trends` apply; it
//! counts nothing itself.

use super::rollups::RollupScope;

/// Whether a row of `room_id` whose session starts at `start` is in `scope`.
pub(crate) fn in_scope(scope: &RollupScope, room_id: &str, start: Option<i64>) -> bool {
    if scope.room_id.as_deref().is_some_and(|r| r != room_id) {
        return false;
    }
    if scope.from.is_none() && scope.to.is_none() {
        return true;
    }
    start.is_some_and(|t| scope.from.is_none_or(|f| t >= f) && scope.to.is_none_or(|e| t < e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn room_and_half_open_dates() {
        let all = RollupScope::default();
        assert!(in_scope(&all, "r1", None));
        let room = RollupScope {
            room_id: Some("r1".into()),
            ..RollupScope::default()
        };
        assert!(in_scope(&room, "r1", None));
        assert!(!in_scope(&room, "r2", Some(5)));
        let dates = RollupScope {
            from: Some(10),
            to: Some(20),
            room_id: None,
        };
        assert!(!in_scope(&dates, "r1", None));
        assert!(in_scope(&dates, "r1", Some(10)));
        assert!(in_scope(&dates, "r1", Some(19)));
        assert!(!in_scope(&dates, "r1", Some(20)));
        assert!(!in_scope(&dates, "r1", Some(9)));
    }
}
