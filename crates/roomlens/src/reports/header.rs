//! Recognising a report's header row: raw Kaltura names, the descriptive names Roomlens and the
//! Video Portal write, and common aliases, compared without case, spaces, underscores or
//! punctuation. Decides which report a header belongs to and where each column sits. It does not
//! read data rows.

use super::kind::ReportKind;

/// One accepted spelling of a column, already normalised, and the factor that turns its unit
/// into the report's unit (1 unless the name states another unit).
struct Alias {
    name: &'static str,
    scale: f64,
}

const fn a(name: &'static str) -> Alias {
    Alias { name, scale: 1.0 }
}

const fn scaled(name: &'static str, scale: f64) -> Alias {
    Alias { name, scale }
}

const START: &[Alias] = &[
    a("sessionstarttime"),
    a("starttime"),
    a("sessionstart"),
    a("start"),
    a("startedat"),
];
const END: &[Alias] = &[
    a("sessionendtime"),
    a("endtime"),
    a("sessionend"),
    a("end"),
    a("endedat"),
];
const SESSION: &[Alias] = &[a("cuepointid"), a("sessionid"), a("session"), a("cuepoint")];

const ROOM_DATA_ALIASES: &[&[Alias]] = &[
    &[a("entryid"), a("roomid"), a("room"), a("roomentryid")],
    &[a("entryname"), a("roomname"), a("roomtitle")],
    &[
        a("parententryid"),
        a("mainroomid"),
        a("parentroomid"),
        a("parentid"),
    ],
    SESSION,
    START,
    END,
    &[
        a("sessionhostuserid"),
        a("host"),
        a("hostid"),
        a("hostuserid"),
        a("sessionhost"),
        a("hostname"),
    ],
    &[
        a("meetingviewperioduniqueusers"),
        a("uniqueusers"),
        a("uniqueparticipants"),
        a("users"),
        a("countofuniqueusers"),
        a("uniqueviewers"),
        a("liveuniqueviewers"),
    ],
    &[
        a("meetingengagedplaytimeratio"),
        a("engagementrate"),
        a("engagement"),
        a("engagementratio"),
        a("sessionengagementrate"),
        a("liveengagementrate"),
    ],
];

const ATTENDEES_ALIASES: &[&[Alias]] = &[
    &[a("entryid"), a("roomid"), a("room"), a("roomentryid")],
    SESSION,
    &[a("userid"), a("user"), a("participantid"), a("attendeeid")],
    &[
        a("username"),
        a("name"),
        a("fullname"),
        a("displayname"),
        a("participantname"),
        a("attendeename"),
    ],
    &[
        a("useremail"),
        a("email"),
        a("emailaddress"),
        a("mail"),
        a("useremailaddress"),
    ],
    &[
        a("usertype"),
        a("userrole"),
        a("role"),
        a("type"),
        a("participanttype"),
    ],
    &[
        a("meetingviewtime"),
        a("participationtimeminutes"),
        a("participationtime"),
        a("viewtime"),
        a("viewtimeminutes"),
        a("minutes"),
        a("minutesviewed"),
        a("timespentminutes"),
        scaled("participationtimeseconds", 1.0 / 60.0),
        scaled("viewtimeseconds", 1.0 / 60.0),
        scaled("participationtimehours", 60.0),
    ],
    &[
        a("meetingengagedplaytimeratio"),
        a("userengagementrate"),
        a("engagementrate"),
        a("engagement"),
        a("engagementratio"),
        a("liveengagementrate"),
    ],
];

const BREAKOUTS_ALIASES: &[&[Alias]] = &[
    &[a("parententryid"), a("mainroomid"), a("parentroomid")],
    &[a("parententryname"), a("mainroomname"), a("parentroomname")],
    &[a("breakoutentryid"), a("breakoutroomid"), a("breakoutid")],
    &[
        a("breakoutentryname"),
        a("breakoutroomname"),
        a("breakoutname"),
    ],
    SESSION,
    &[
        a("sessioninitiator"),
        a("host"),
        a("initiator"),
        a("startedby"),
    ],
    START,
    END,
    &[
        a("duration"),
        a("durationseconds"),
        a("durationsec"),
        a("durationinseconds"),
        a("sessionduration"),
        scaled("durationminutes", 60.0),
        scaled("durationinminutes", 60.0),
    ],
    &[
        a("participantcount"),
        a("participants"),
        a("participantscount"),
        a("numberofparticipants"),
        a("estimateduniqueviewers"),
        a("uniqueviewers"),
    ],
    &[
        a("engagementrate"),
        a("engagement"),
        a("meetingengagedplaytimeratio"),
        a("engagementratio"),
    ],
];

fn aliases(kind: ReportKind) -> &'static [&'static [Alias]] {
    match kind {
        ReportKind::RoomData => ROOM_DATA_ALIASES,
        ReportKind::Attendees => ATTENDEES_ALIASES,
        ReportKind::Breakouts => BREAKOUTS_ALIASES,
    }
}

/// Columns of which at least one must be present, and filled in a row, to identify what a row
/// is about (indexes into `kind.columns()`).
pub(crate) fn identity_columns(kind: ReportKind) -> &'static [usize] {
    match kind {
        ReportKind::RoomData => &[0, 3],
        ReportKind::Attendees => &[2, 4, 3],
        ReportKind::Breakouts => &[2, 4],
    }
}

/// Columns of which at least one must be present for a header to count as this report rather
/// than, say, a plain user list.
fn report_columns(kind: ReportKind) -> &'static [usize] {
    match kind {
        ReportKind::RoomData => &[3, 4, 5, 7, 8],
        ReportKind::Attendees => &[0, 1, 6, 7],
        ReportKind::Breakouts => &[4, 6, 7, 8, 9, 10],
    }
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
    aliases(kind).iter().enumerate().find_map(|(index, names)| {
        names
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

    fn has_any(&self, columns: &[usize]) -> bool {
        columns
            .iter()
            .any(|&c| matches!(self.known.get(c), Some(Some(_))))
    }

    /// Whether the header identifies rows of its kind at all.
    pub fn has_identity(&self) -> bool {
        self.has_any(identity_columns(self.kind))
    }

    /// Whether this header plausibly is a report of its kind.
    pub fn is_plausible(&self) -> bool {
        self.matched() >= 3 && self.has_identity() && self.has_any(report_columns(self.kind))
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
            .map(|c| if friendly { c.friendly } else { c.raw })
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
