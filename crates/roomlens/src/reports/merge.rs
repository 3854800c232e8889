//! Joining the reports of consecutive time windows into one report without duplicates: rows with
//! the same key are combined (attendees: view time summed, engagement weighted by view time; room
//! data and breakouts: earliest start, latest end, largest head count, engagement weighted by head
//! count). Rows without a complete key are kept as they are. It does not fetch or read anything.

use super::kind::ReportKind;
use super::rows::Report;
use super::tables::{AttendeeRow, BreakoutRow, RoomDataRow};
use super::text::Text;
use crate::fast_hash::{process_hash, FastHashMap};
use crate::weighted_mean::WeightedMean;
use std::collections::HashMap;

/// Joins `parts` (reports of `kind`, one per time window, in time order) into one report: a
/// [`ReportMerger`] fed every part in turn.
///
/// Keys: room data `entry_id + cue_point_id`; attendees `entry_id + cue_point_id + user_id`;
/// breakouts `breakout_entry_id + cue_point_id`. A key with an empty part is no key. Text fields
/// take the first non-empty value in part order. Engagement is a weighted mean (weights: view
/// minutes for attendees, unique users for room data, participants for breakouts); when no row
/// has a positive weight it is the plain mean. Breakout duration is the longest reported.
/// Extra columns are joined by name in first-seen order; a part without a column gets "".
/// Parts of another kind than `kind` are ignored. Output order: room data and breakouts by start
/// time (unknown last) then key; attendees by key.
pub fn merge_windows(kind: ReportKind, parts: Vec<Report>) -> Report {
    let mut merger = ReportMerger::new(kind);
    for part in parts {
        merger.add(PreparedPart::new(part));
    }
    merger.finish()
}

/// One window's report made ready for [`ReportMerger::add`]: its rows put in output order (a
/// stable sort, so rows with the same key keep their order) and their keys hashed. This is the
/// share of merging that does not depend on the other windows, so a fetch does it on any thread
/// as soon as the window has been read; it also lets the final sort find long sorted runs.
pub struct PreparedPart {
    report: Report,
    key_hashes: Vec<Option<u64>>,
}

impl PreparedPart {
    pub fn new(mut report: Report) -> Self {
        let key_hashes = match &mut report {
            Report::RoomData { rows, .. } => prepare_rows(rows),
            Report::Attendees { rows, .. } => prepare_rows(rows),
            Report::Breakouts { rows, .. } => prepare_rows(rows),
        };
        PreparedPart { report, key_hashes }
    }

    /// The report, rows in output order.
    pub fn into_report(self) -> Report {
        self.report
    }
}

fn prepare_rows<R: Mergeable>(rows: &mut [R]) -> Vec<Option<u64>> {
    rows.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    rows.iter().map(|row| row.key().map(key_hash)).collect()
}

/// Joins windows one at a time, in time order, so a fetch can merge the windows it has while it
/// waits for the rest; [`merge_windows`] describes the rules. Only `finish` (engagement means and
/// the final ordering) is left for the end.
pub struct ReportMerger(ByKind);

enum ByKind {
    RoomData(Merger<RoomDataRow>),
    Attendees(Merger<AttendeeRow>),
    Breakouts(Merger<BreakoutRow>),
}

impl ReportMerger {
    pub fn new(kind: ReportKind) -> Self {
        ReportMerger(match kind {
            ReportKind::RoomData => ByKind::RoomData(Merger::default()),
            ReportKind::Attendees => ByKind::Attendees(Merger::default()),
            ReportKind::Breakouts => ByKind::Breakouts(Merger::default()),
        })
    }

    /// Adds the next window; a part of another kind is ignored.
    pub fn add(&mut self, part: PreparedPart) {
        let PreparedPart { report, key_hashes } = part;
        match (&mut self.0, report) {
            (
                ByKind::RoomData(m),
                Report::RoomData {
                    rows,
                    extra_columns,
                },
            ) => m.add_part(rows, &extra_columns, key_hashes),
            (
                ByKind::Attendees(m),
                Report::Attendees {
                    rows,
                    extra_columns,
                },
            ) => m.add_part(rows, &extra_columns, key_hashes),
            (
                ByKind::Breakouts(m),
                Report::Breakouts {
                    rows,
                    extra_columns,
                },
            ) => m.add_part(rows, &extra_columns, key_hashes),
            _ => {}
        }
    }

    /// The joined report, in output order.
    pub fn finish(self) -> Report {
        match self.0 {
            ByKind::RoomData(m) => {
                let (rows, extra_columns) = m.finish();
                Report::RoomData {
                    rows,
                    extra_columns,
                }
            }
            ByKind::Attendees(m) => {
                let (rows, extra_columns) = m.finish();
                Report::Attendees {
                    rows,
                    extra_columns,
                }
            }
            ByKind::Breakouts(m) => {
                let (rows, extra_columns) = m.finish();
                Report::Breakouts {
                    rows,
                    extra_columns,
                }
            }
        }
    }
}

/// Adds the part's extra column names missing from `all` (a name used twice in one part counts
/// twice) and returns, for each of the part's columns, its position in `all`.
fn join_columns(all: &mut Vec<String>, part_columns: &[String]) -> Vec<usize> {
    let mut seen_here: HashMap<&str, usize> = HashMap::new();
    for name in part_columns {
        let n = seen_here.entry(name.as_str()).or_insert(0);
        *n += 1;
        if all.iter().filter(|c| *c == name).count() < *n {
            all.push(name.clone());
        }
    }
    let mut used = vec![false; all.len()];
    part_columns
        .iter()
        .map(|name| {
            let position = all
                .iter()
                .enumerate()
                .position(|(i, c)| c == name && !used.get(i).copied().unwrap_or(true))
                .unwrap_or(0);
            if let Some(u) = used.get_mut(position) {
                *u = true;
            }
            position
        })
        .collect()
}

/// Puts a row's extra values where `remap` says, in a list `width` long.
fn realign<R: Mergeable>(row: &mut R, remap: &[usize], width: usize) {
    let old = std::mem::take(row.extra_mut());
    let mut new = vec![Text::default(); width];
    for (value, &to) in old.into_iter().zip(remap) {
        if let Some(slot) = new.get_mut(to) {
            *slot = value;
        }
    }
    *row.extra_mut() = new;
}

/// No further row with the same key hash.
const END_OF_CHAIN: u32 = u32::MAX;

/// What merging needs of a row type.
trait Mergeable: Sized + Default {
    /// The key's parts (the third is "" for two-part keys); `None` when a part is empty.
    fn key(&self) -> Option<(&str, &str, &str)>;
    /// Output order: start time (unknown last; 0 when the report has none), then key.
    fn sort_key(&self) -> (i64, &str, &str, &str);
    fn extra_mut(&mut self) -> &mut Vec<Text>;
    fn ratio_and_weight(&self) -> (Option<f64>, Option<f64>);
    fn set_ratio(&mut self, ratio: Option<f64>);
    /// Folds `other` (same key) into `self`, except the ratio.
    fn absorb(&mut self, other: Self);
}

fn key_hash(key: (&str, &str, &str)) -> u64 {
    process_hash(&key)
}

/// Rows combined so far. Keys are found through their hash and a chain of rows sharing it, so
/// no key is copied.
struct Merger<R: Mergeable> {
    rows: Vec<R>,
    engagement: Vec<WeightedMean>,
    first_with_hash: FastHashMap<u64, u32>,
    next_with_same_hash: Vec<u32>,
    extra_columns: Vec<String>,
}

impl<R: Mergeable> Default for Merger<R> {
    fn default() -> Self {
        Merger {
            rows: Vec::new(),
            engagement: Vec::new(),
            first_with_hash: FastHashMap::default(),
            next_with_same_hash: Vec::new(),
            extra_columns: Vec::new(),
        }
    }
}

impl<R: Mergeable> Merger<R> {
    fn add_part(&mut self, rows: Vec<R>, part_columns: &[String], key_hashes: Vec<Option<u64>>) {
        let remap = join_columns(&mut self.extra_columns, part_columns);
        let width = self.extra_columns.len();
        let aligned = remap.len() == width && remap.iter().enumerate().all(|(i, &to)| i == to);
        self.rows.reserve(rows.len());
        for (mut row, hash) in rows.into_iter().zip(key_hashes) {
            if !aligned {
                realign(&mut row, &remap, width);
            }
            self.add(row, hash);
        }
    }

    fn add(&mut self, row: R, hash: Option<u64>) {
        let (ratio, weight) = row.ratio_and_weight();
        let Some(hash) = hash else {
            self.push(row, ratio, weight, END_OF_CHAIN);
            return;
        };
        let mut at = self
            .first_with_hash
            .get(&hash)
            .copied()
            .unwrap_or(END_OF_CHAIN);
        while at != END_OF_CHAIN {
            let i = at as usize;
            if let (Some(existing), Some(e)) = (self.rows.get_mut(i), self.engagement.get_mut(i)) {
                if existing.key() == row.key() {
                    existing.absorb(row);
                    e.add(ratio, weight);
                    return;
                }
            }
            at = self
                .next_with_same_hash
                .get(i)
                .copied()
                .unwrap_or(END_OF_CHAIN);
        }
        let index = self.rows.len() as u32;
        let next = self
            .first_with_hash
            .insert(hash, index)
            .unwrap_or(END_OF_CHAIN);
        self.push(row, ratio, weight, next);
    }

    fn push(&mut self, row: R, ratio: Option<f64>, weight: Option<f64>, next: u32) {
        let mut e = WeightedMean::default();
        e.add(ratio, weight);
        self.rows.push(row);
        self.engagement.push(e);
        self.next_with_same_hash.push(next);
    }

    /// Sets the engagement means, gives every row the full list of extra columns, and orders the
    /// rows. Rows are large, so positions are sorted and the rows then moved once, in place.
    fn finish(self) -> (Vec<R>, Vec<String>) {
        let Merger {
            mut rows,
            engagement,
            extra_columns,
            ..
        } = self;
        let width = extra_columns.len();
        for (row, e) in rows.iter_mut().zip(engagement) {
            row.set_ratio(e.value());
            let extra = row.extra_mut();
            if extra.len() < width {
                extra.resize(width, Text::default());
            }
        }
        let mut order: Vec<usize> = (0..rows.len()).collect();
        order.sort_by(|&a, &b| match (rows.get(a), rows.get(b)) {
            (Some(x), Some(y)) => x.sort_key().cmp(&y.sort_key()),
            _ => std::cmp::Ordering::Equal,
        });
        permute_in_place(&mut rows, &mut order);
        (rows, extra_columns)
    }
}

/// Reorders `items` so that position k holds what was at `order[k]`, by swapping along the
/// permutation's cycles; `order` is used up (every entry ends as its own position).
fn permute_in_place<T>(items: &mut [T], order: &mut [usize]) {
    for start in 0..order.len() {
        let mut k = start;
        while let Some(slot) = order.get_mut(k) {
            let source = std::mem::replace(slot, k);
            if source == start || source == k || source >= items.len() {
                break;
            }
            items.swap(k, source);
            k = source;
        }
    }
}

fn fill_text(into: &mut Text, from: Text) {
    if into.is_empty() {
        *into = from;
    }
}

fn fill_extra(into: &mut Vec<Text>, from: Vec<Text>) {
    if into.len() < from.len() {
        into.resize(from.len(), Text::default());
    }
    for (slot, value) in into.iter_mut().zip(from) {
        fill_text(slot, value);
    }
}

fn complete<'a>(a: &'a str, b: &'a str, c: &'a str) -> Option<(&'a str, &'a str, &'a str)> {
    (!a.is_empty() && !b.is_empty()).then_some((a, b, c))
}

fn min_time(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    a.into_iter().chain(b).min()
}

fn max_time(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    a.into_iter().chain(b).max()
}

fn sum(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (None, None) => None,
        (x, y) => Some(x.unwrap_or(0.0) + y.unwrap_or(0.0)),
    }
}

impl Mergeable for RoomDataRow {
    fn key(&self) -> Option<(&str, &str, &str)> {
        complete(&self.entry_id, &self.cue_point_id, "")
    }
    fn sort_key(&self) -> (i64, &str, &str, &str) {
        (
            self.session_start_time.unwrap_or(i64::MAX),
            &self.entry_id,
            &self.cue_point_id,
            "",
        )
    }
    fn extra_mut(&mut self) -> &mut Vec<Text> {
        &mut self.extra
    }
    fn ratio_and_weight(&self) -> (Option<f64>, Option<f64>) {
        (
            self.meeting_engaged_play_time_ratio,
            self.meeting_view_period_unique_users.map(|u| u as f64),
        )
    }
    fn set_ratio(&mut self, ratio: Option<f64>) {
        self.meeting_engaged_play_time_ratio = ratio;
    }
    fn absorb(&mut self, other: Self) {
        fill_text(&mut self.entry_name, other.entry_name);
        fill_text(&mut self.parent_entry_id, other.parent_entry_id);
        fill_text(&mut self.session_host_user_id, other.session_host_user_id);
        self.session_start_time = min_time(self.session_start_time, other.session_start_time);
        self.session_end_time = max_time(self.session_end_time, other.session_end_time);
        self.meeting_view_period_unique_users = self
            .meeting_view_period_unique_users
            .into_iter()
            .chain(other.meeting_view_period_unique_users)
            .max();
        fill_extra(&mut self.extra, other.extra);
    }
}

impl Mergeable for AttendeeRow {
    fn key(&self) -> Option<(&str, &str, &str)> {
        complete(&self.entry_id, &self.cue_point_id, &self.user_id)
            .filter(|_| !self.user_id.is_empty())
    }
    fn sort_key(&self) -> (i64, &str, &str, &str) {
        (0, &self.entry_id, &self.cue_point_id, &self.user_id)
    }
    fn extra_mut(&mut self) -> &mut Vec<Text> {
        &mut self.extra
    }
    fn ratio_and_weight(&self) -> (Option<f64>, Option<f64>) {
        (self.meeting_engaged_play_time_ratio, self.meeting_view_time)
    }
    fn set_ratio(&mut self, ratio: Option<f64>) {
        self.meeting_engaged_play_time_ratio = ratio;
    }
    fn absorb(&mut self, other: Self) {
        fill_text(&mut self.user_name, other.user_name);
        fill_text(&mut self.user_email, other.user_email);
        fill_text(&mut self.user_type, other.user_type);
        self.meeting_view_time = sum(self.meeting_view_time, other.meeting_view_time);
        fill_extra(&mut self.extra, other.extra);
    }
}

impl Mergeable for BreakoutRow {
    fn key(&self) -> Option<(&str, &str, &str)> {
        complete(&self.breakout_entry_id, &self.cue_point_id, "")
    }
    fn sort_key(&self) -> (i64, &str, &str, &str) {
        (
            self.session_start_time.unwrap_or(i64::MAX),
            &self.breakout_entry_id,
            &self.cue_point_id,
            "",
        )
    }
    fn extra_mut(&mut self) -> &mut Vec<Text> {
        &mut self.extra
    }
    fn ratio_and_weight(&self) -> (Option<f64>, Option<f64>) {
        (
            self.engagement_rate,
            self.participant_count.map(|p| p as f64),
        )
    }
    fn set_ratio(&mut self, ratio: Option<f64>) {
        self.engagement_rate = ratio;
    }
    fn absorb(&mut self, other: Self) {
        fill_text(&mut self.parent_entry_id, other.parent_entry_id);
        fill_text(&mut self.parent_entry_name, other.parent_entry_name);
        fill_text(&mut self.breakout_entry_name, other.breakout_entry_name);
        fill_text(&mut self.session_initiator, other.session_initiator);
        self.session_start_time = min_time(self.session_start_time, other.session_start_time);
        self.session_end_time = max_time(self.session_end_time, other.session_end_time);
        self.duration = match (self.duration, other.duration) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        self.participant_count = self
            .participant_count
            .into_iter()
            .chain(other.participant_count)
            .max();
        fill_extra(&mut self.extra, other.extra);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attendee(
        entry: &str,
        session: &str,
        user: &str,
        minutes: Option<f64>,
        ratio: Option<f64>,
    ) -> AttendeeRow {
        AttendeeRow {
            entry_id: entry.into(),
            cue_point_id: session.into(),
            user_id: user.into(),
            meeting_view_time: minutes,
            meeting_engaged_play_time_ratio: ratio,
            ..Default::default()
        }
    }

    fn attendees(rows: Vec<AttendeeRow>, extra_columns: Vec<&str>) -> Report {
        Report::Attendees {
            rows,
            extra_columns: extra_columns.into_iter().map(String::from).collect(),
        }
    }

    #[test]
    fn attendees_across_windows_are_combined_and_nothing_is_lost() {
        let mut named = attendee("r1", "s1", "u1", Some(30.0), Some(0.5));
        named.user_name = "Ana".into();
        let first = attendees(
            vec![named, attendee("r1", "s1", "u2", Some(10.0), None)],
            vec![],
        );
        let second = attendees(
            vec![
                attendee("r1", "s1", "u1", Some(10.0), Some(1.0)),
                attendee("r1", "s2", "u1", None, None),
                attendee("r1", "s2", "", Some(3.0), None),
            ],
            vec![],
        );
        let merged = merge_windows(ReportKind::Attendees, vec![first, second]);
        let Report::Attendees { rows, .. } = merged else {
            panic!()
        };
        assert_eq!(rows.len(), 4);
        let u1 = &rows[0];
        assert_eq!(
            (u1.user_id.as_str(), u1.cue_point_id.as_str()),
            ("u1", "s1")
        );
        assert_eq!(u1.user_name, "Ana");
        assert_eq!(u1.meeting_view_time, Some(40.0));
        assert_eq!(
            u1.meeting_engaged_play_time_ratio,
            Some((0.5 * 30.0 + 1.0 * 10.0) / 40.0)
        );
        assert_eq!(rows[1].user_id, "u2");
        assert_eq!(
            (rows[2].cue_point_id.as_str(), rows[2].user_id.as_str()),
            ("s2", "")
        );
        assert_eq!(rows[2].meeting_view_time, Some(3.0));
        assert_eq!(
            (rows[3].cue_point_id.as_str(), rows[3].user_id.as_str()),
            ("s2", "u1")
        );
        assert_eq!(rows[3].meeting_view_time, None);
    }

    #[test]
    fn room_data_takes_the_widest_span_and_largest_count() {
        let row = |start, end, users, ratio| RoomDataRow {
            entry_id: "r1".into(),
            cue_point_id: "s1".into(),
            session_start_time: start,
            session_end_time: end,
            meeting_view_period_unique_users: users,
            meeting_engaged_play_time_ratio: ratio,
            ..Default::default()
        };
        let a = Report::RoomData {
            rows: vec![row(Some(100), Some(200), Some(3), Some(0.2))],
            extra_columns: vec![],
        };
        let b = Report::RoomData {
            rows: vec![row(Some(150), Some(300), Some(1), Some(0.6))],
            extra_columns: vec![],
        };
        let Report::RoomData { rows, .. } = merge_windows(ReportKind::RoomData, vec![a, b]) else {
            panic!()
        };
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].session_start_time, Some(100));
        assert_eq!(rows[0].session_end_time, Some(300));
        assert_eq!(rows[0].meeting_view_period_unique_users, Some(3));
        assert_eq!(
            rows[0].meeting_engaged_play_time_ratio,
            Some((0.2 * 3.0 + 0.6) / 4.0)
        );
    }

    #[test]
    fn breakouts_are_ordered_by_start_and_keep_the_longest_duration() {
        let row = |id: &str, start, duration| BreakoutRow {
            breakout_entry_id: id.into(),
            cue_point_id: "s".into(),
            session_start_time: start,
            duration,
            engagement_rate: Some(0.5),
            ..Default::default()
        };
        let a = Report::Breakouts {
            rows: vec![row("b2", Some(50), Some(60.0)), row("b1", None, None)],
            extra_columns: vec![],
        };
        let b = Report::Breakouts {
            rows: vec![row("b2", Some(40), Some(90.0))],
            extra_columns: vec![],
        };
        let Report::Breakouts { rows, .. } = merge_windows(ReportKind::Breakouts, vec![a, b])
        else {
            panic!()
        };
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].breakout_entry_id, "b2");
        assert_eq!(rows[0].session_start_time, Some(40));
        assert_eq!(rows[0].duration, Some(90.0));
        assert_eq!(rows[0].engagement_rate, Some(0.5));
        assert_eq!(rows[1].breakout_entry_id, "b1");
    }

    #[test]
    fn extra_columns_are_joined_by_name() {
        let mut a = attendee("r", "s", "u1", None, None);
        a.extra = vec!["x1".into()];
        let mut b = attendee("r", "s", "u2", None, None);
        b.extra = vec!["y2".into(), "x2".into()];
        let merged = merge_windows(
            ReportKind::Attendees,
            vec![
                attendees(vec![a], vec!["x"]),
                attendees(vec![b], vec!["y", "x"]),
            ],
        );
        let Report::Attendees {
            rows,
            extra_columns,
        } = merged
        else {
            panic!()
        };
        assert_eq!(extra_columns, vec!["x".to_owned(), "y".to_owned()]);
        assert_eq!(rows[0].extra, vec!["x1".to_owned(), String::new()]);
        assert_eq!(rows[1].extra, vec!["x2".to_owned(), "y2".to_owned()]);
    }

    #[test]
    fn windows_added_one_at_a_time_widen_the_extra_columns() {
        let mut first = attendee("r", "s", "u1", Some(5.0), Some(1.0));
        first.user_name = "Ana".into();
        let mut again = attendee("r", "s", "u1", Some(5.0), Some(0.0));
        again.user_name = "Other".into();
        again.extra = vec!["late".into()];
        let mut merger = ReportMerger::new(ReportKind::Attendees);
        merger.add(PreparedPart::new(attendees(vec![first], vec![])));
        merger.add(PreparedPart::new(attendees(
            vec![again, attendee("r", "s", "u0", None, None)],
            vec!["x"],
        )));
        merger.add(PreparedPart::new(attendees(vec![], vec!["y"])));
        let Report::Attendees {
            rows,
            extra_columns,
        } = merger.finish()
        else {
            panic!()
        };
        assert_eq!(extra_columns, vec!["x".to_owned(), "y".to_owned()]);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].user_id, "u0");
        assert_eq!(rows[0].extra, vec![String::new(), String::new()]);
        assert_eq!(rows[1].user_name, "Ana");
        assert_eq!(rows[1].meeting_view_time, Some(10.0));
        assert_eq!(rows[1].meeting_engaged_play_time_ratio, Some(0.5));
        assert_eq!(rows[1].extra, vec!["late".to_owned(), String::new()]);
    }

    #[test]
    fn a_part_is_ordered_without_changing_which_repeated_row_comes_first() {
        let named = |user: &str, name: &str| AttendeeRow {
            user_name: name.into(),
            ..attendee("r", "s", user, None, None)
        };
        let part = attendees(
            vec![
                named("u2", "Zed"),
                named("u1", ""),
                named("u1", "Bob"),
                named("u1", "Ana"),
            ],
            vec![],
        );
        let prepared = PreparedPart::new(part);
        let Report::Attendees { rows, .. } = &prepared.report else {
            panic!()
        };
        let order: Vec<(&str, &str)> = rows
            .iter()
            .map(|r| (r.user_id.as_str(), r.user_name.as_str()))
            .collect();
        assert_eq!(
            order,
            vec![("u1", ""), ("u1", "Bob"), ("u1", "Ana"), ("u2", "Zed")]
        );
        let Report::Attendees { rows, .. } =
            merge_windows(ReportKind::Attendees, vec![prepared.report])
        else {
            panic!()
        };
        assert_eq!(rows[0].user_name, "Bob");
    }

    #[test]
    fn permuting_in_place_follows_every_cycle() {
        for order in [
            vec![],
            vec![0],
            vec![1, 0],
            vec![0, 1, 2],
            vec![2, 0, 1],
            vec![1, 2, 0, 4, 3],
            vec![3, 0, 4, 1, 2, 5],
        ] {
            let mut items: Vec<usize> = (0..order.len()).map(|i| i * 10).collect();
            let expected: Vec<usize> = order.iter().map(|&i| i * 10).collect();
            let mut used = order.clone();
            permute_in_place(&mut items, &mut used);
            assert_eq!(items, expected, "order {order:?}");
        }
    }

    #[test]
    fn no_parts_give_an_empty_report_of_the_kind() {
        assert_eq!(
            merge_windows(ReportKind::Breakouts, vec![]),
            Report::empty(ReportKind::Breakouts)
        );
    }
}
