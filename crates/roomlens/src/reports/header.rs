//! Recognising a report's header row: raw Kaltura names, the descriptive names Roomlens and the
//! Video Portal write, and common aliases, compared without case, spaces, underscores or
//! punctuation. Decides which report a header belongs to and where each column sits. It does not
//! read data rows.

use super::kind::ReportKind;
use super::schema::Flag;

/// Positions (in `kind.columns()`) of the columns with `flag`.
fn flagged(kind: ReportKind, flag: Flag) -> impl Iterator<Item = usize> {
    kind.columns()
        .iter()
        .enumerate()
        .filter(move |(_, c)| c.has(flag))
        .map(|(i, _)| i)
}

/// A header name reduced to lowercase letters and digits: "Participation time (minutes)",
/// "participation_time_minutes" and "ParticipationTimeMinutes" all become the same.
pub(crate) fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The known column a header name stands for, and its unit factor.
fn match_column(kind: ReportKind, normalised: &str) -> Option<(usize, f64)> {
    kind.columns()
        .iter()
        .enumerate()
        .find_map(|(index, column)| {
            column
                .aliases
                .iter()
                .find(|alias| alias.name == normalised)
                .map(|alias| (index, alias.scale))
        })
}

/// Where a known column sits in the file, and the factor to the report's unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Placement {
    pub position: usize,
    pub scale: f64,
}

/// How a header maps the file's columns onto a report.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Layout {
    pub kind: ReportKind,
    /// Number of columns the header names (trailing unnamed columns are not counted).
    pub width: usize,
    /// Per known column (in `kind.columns()` order), where it is in the file, if anywhere.
    pub known: Vec<Option<Placement>>,
    /// File positions of the columns the report does not know, in file order.
    pub extra_positions: Vec<usize>,
    /// Their names as written in the file.
    pub extra_columns: Vec<String>,
    /// Notes about the header itself, such as a column named twice.
    pub notes: Vec<String>,
}

impl Layout {
    /// Maps `names` (the header's cells) onto `kind`.
    pub fn new(kind: ReportKind, names: &[&str]) -> Layout {
        let width = names
            .iter()
            .rposition(|n| !n.trim().is_empty())
            .map_or(0, |last| last + 1);
        let mut known: Vec<Option<Placement>> = vec![None; kind.columns().len()];
        let mut extra_positions = Vec::new();
        let mut extra_columns = Vec::new();
        let mut notes = Vec::new();
        for (position, name) in names.iter().take(width).enumerate() {
            match match_column(kind, &normalise(name)) {
                Some((index, scale)) if matches!(known.get(index), Some(None)) => {
                    if let Some(slot) = known.get_mut(index) {
                        *slot = Some(Placement { position, scale });
                    }
                }
                Some(_) => {
                    notes.push(format!(
                        "the column {} appears more than once; only the first is read as such, the others are kept as extra columns",
                        super::value::quote_cell(name)
                    ));
                    extra_positions.push(position);
                    extra_columns.push((*name).to_owned());
                }
                None => {
                    extra_positions.push(position);
                    extra_columns.push((*name).to_owned());
                }
            }
        }
        Layout {
            kind,
            width,
            known,
            extra_positions,
            extra_columns,
            notes,
        }
    }

    /// Number of known columns present.
    pub fn matched(&self) -> usize {
        self.known.iter().filter(|p| p.is_some()).count()
    }

    fn has_any(&self, flag: Flag) -> bool {
        flagged(self.kind, flag).any(|c| matches!(self.known.get(c), Some(Some(_))))
    }

    /// Whether the header identifies rows of its kind at all.
    pub fn has_identity(&self) -> bool {
        self.has_any(Flag::Identity)
    }

    /// Whether this header plausibly is a report of its kind.
    pub fn is_plausible(&self) -> bool {
        self.matched() >= 3 && self.has_identity() && self.has_any(Flag::Distinctive)
    }
}

/// The report a header belongs to: the plausible kind matching the most columns; ties go to the
/// kind whose columns are more completely present. `None` when no kind is plausible or two are
/// equally good.
pub(crate) fn detect(names: &[&str]) -> Option<Layout> {
    let mut candidates: Vec<Layout> = ReportKind::ALL
        .iter()
        .map(|&k| Layout::new(k, names))
        .filter(Layout::is_plausible)
        .collect();
    candidates.sort_by(|x, y| {
        let share = |l: &Layout| l.matched() as f64 / l.kind.columns().len() as f64;
        y.matched()
            .cmp(&x.matched())
            .then(share(y).total_cmp(&share(x)))
    });
    let mut best = candidates.into_iter();
    let first = best.next()?;
    if let Some(second) = best.next() {
        let same_share = first.matched() * second.kind.columns().len()
            == second.matched() * first.kind.columns().len();
        if second.matched() == first.matched() && same_share {
            return None;
        }
    }
    Some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(kind: ReportKind, friendly: bool) -> Vec<&'static str> {
        kind.columns()
            .iter()
            .map(|c| if friendly { c.label } else { c.raw })
            .collect()
    }

    #[test]
    fn every_raw_and_friendly_header_detects_its_own_kind() {
        for kind in ReportKind::ALL {
            for friendly in [false, true] {
                let layout = detect(&names(kind, friendly)).unwrap();
                assert_eq!(layout.kind, kind);
                assert_eq!(
                    layout.matched(),
                    kind.columns().len(),
                    "{kind:?} friendly={friendly}"
                );
                assert!(layout.extra_columns.is_empty());
            }
        }
    }

    #[test]
    fn aliases_case_and_spacing_do_not_matter() {
        let layout = detect(&[
            "User ID",
            "userId",
            "E-mail",
            "Session ID",
            "Participation time",
        ])
        .unwrap();
        assert_eq!(layout.kind, ReportKind::Attendees);
        assert_eq!(
            layout.known[2],
            Some(Placement {
                position: 0,
                scale: 1.0
            })
        );
        assert_eq!(layout.extra_columns, vec!["userId".to_owned()]);
        assert_eq!(layout.notes.len(), 1);
        assert_eq!(layout.known[4].map(|p| p.position), Some(2));
        assert_eq!(layout.known[1].map(|p| p.position), Some(3));
    }

    #[test]
    fn names_from_kaltura_s_analytics_pages() {
        let layout = detect(&[
            "Name",
            "User ID",
            "Minutes viewed",
            "Live engagement rate",
            "Session ID",
        ])
        .unwrap();
        assert_eq!((layout.kind, layout.matched()), (ReportKind::Attendees, 5));
        let layout = detect(&[
            "Room entry ID",
            "Session ID",
            "Host name",
            "Count of unique users",
            "Session engagement rate",
        ])
        .unwrap();
        assert_eq!((layout.kind, layout.matched()), (ReportKind::RoomData, 5));
        let layout = detect(&[
            "Breakout room ID",
            "Session ID",
            "Session duration",
            "Estimated unique viewers",
        ])
        .unwrap();
        assert_eq!((layout.kind, layout.matched()), (ReportKind::Breakouts, 4));
    }

    #[test]
    fn a_plain_user_list_is_not_a_report() {
        assert!(detect(&["User ID", "Name", "Email", "Role"]).is_none());
        assert!(detect(&["a", "b", "c"]).is_none());
        assert!(detect(&[]).is_none());
    }

    #[test]
    fn units_named_in_the_header_are_converted() {
        let layout = detect(&["User ID", "Session ID", "Participation time (seconds)"]).unwrap();
        assert_eq!(layout.known[6].map(|p| p.scale), Some(1.0 / 60.0));
    }

    #[test]
    fn trailing_unnamed_columns_are_not_counted() {
        let layout = Layout::new(ReportKind::Attendees, &["user_id", "cue_point_id", "", " "]);
        assert_eq!(layout.width, 2);
        assert!(layout.extra_columns.is_empty());
    }
}
