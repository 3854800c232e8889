//! The rollups asked of the library: its kept rows, each counted once, handed to the pure
//! rollups in `analytics` (`rollups`, `person_sessions`, `breakout_rollups`, `attention`). It adds
//! no figure of its own.

use super::Library;
use crate::analytics::attention::{attention, Attention};
use crate::analytics::breakout_rollups::{breakout_rollup, MainRoomBreakouts};
use crate::analytics::person_sessions::{person_sessions, PersonSession};
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

impl Library {
    /// Every kept session of one person (`PersonRollup::person`) within `scope`, newest first.
    pub fn person_sessions(
        &self,
        person: &str,
        scope: &RollupScope,
        cancel: &CancelToken,
    ) -> Result<Vec<PersonSession>, Error> {
        let sessions = self.kept_sessions(cancel)?;
        let attendances = self.kept_attendances(cancel)?;
        Ok(person_sessions(&attendances, &sessions, person, scope))
    }

    /// Each main room's sessions beside its breakout sessions within `scope`, most main-room
    /// participants first.
    pub fn breakout_rollup(
        &self,
        scope: &RollupScope,
        cancel: &CancelToken,
    ) -> Result<Vec<MainRoomBreakouts>, Error> {
        let sessions = self.kept_sessions(cancel)?;
        let breakouts = self.kept_breakouts(cancel)?;
        let attendances = self.kept_attendances(cancel)?;
        Ok(breakout_rollup(&sessions, &breakouts, &attendances, scope))
    }

    /// Sessions below their room's median and people whose engagement dropped, within `scope`.
    pub fn attention(&self, scope: &RollupScope, cancel: &CancelToken) -> Result<Attention, Error> {
        let sessions = self.kept_sessions(cancel)?;
        let attendances = self.kept_attendances(cancel)?;
        Ok(attention(&sessions, &attendances, scope))
    }
}
