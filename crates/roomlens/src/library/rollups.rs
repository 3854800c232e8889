//! The rollups asked of the library: its kept rows, each counted once, handed to the pure
//! rollups in `analytics::rollups`. It adds no figure of its own.

use super::Library;
use crate::analytics::rollups::{
    people, room_trends, PeopleRollup, RollupScope, RoomPeriod, TrendPeriod,
};
use crate::cancel::CancelToken;
use crate::error::Error;
use jiff::tz::TimeZone;

impl Library {
    /// Every person across the kept attendees reports within `scope`, most minutes first.
    pub fn people(&self, scope: &RollupScope, cancel: &CancelToken) -> Result<PeopleRollup, Error> {
        Ok(people(&self.kept_attendances(cancel)?, scope))
    }

    /// Each main room per `period` in `zone` within `scope`.
    pub fn room_trends(
        &self,
        period: TrendPeriod,
        zone: &TimeZone,
        scope: &RollupScope,
        cancel: &CancelToken,
    ) -> Result<Vec<RoomPeriod>, Error> {
        let sessions = self.kept_sessions(cancel)?;
        let attendances = self.kept_attendances(cancel)?;
        Ok(room_trends(&sessions, &attendances, period, zone, scope))
    }
}
