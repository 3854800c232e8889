//! The three room reports, one table each (the shape is `schema`'s): Kaltura's raw columns in
//! the order Kaltura writes them (docs/kaltura-wire-format.md §5.3), their descriptive names, the
//! header spellings Roomlens reads them from, and what the page needs to show them. Adding a
//! report is writing one more table here (and its `ReportKind`). Nothing here reads data.

use super::kind::ReportKind;
use super::schema::{a, report_table, scaled, ColumnSpec, FilterName, ReportRow, ReportSpec};

const SESSION: &[super::schema::Alias] =
    &[a("cuepointid"), a("sessionid"), a("session"), a("cuepoint")];
const START: &[super::schema::Alias] = &[
    a("sessionstarttime"),
    a("starttime"),
    a("sessionstart"),
    a("start"),
    a("startedat"),
];
const END: &[super::schema::Alias] = &[
    a("sessionendtime"),
    a("endtime"),
    a("sessionend"),
    a("end"),
    a("endedat"),
];
const ROOM_ID: &[super::schema::Alias] = &[a("entryid"), a("roomid"), a("room"), a("roomentryid")];

report_table! {
    /// One row of Room data (6000): a session of a room, or of a breakout room (which has a
    /// main room ID).
    row RoomDataRow;
    spec {
        kind: ReportKind::RoomData,
        report_id: 6000,
        title: "Room data",
        slug: "room-data",
        row_noun: ("session", "sessions"),
        identity_words: "room ID or session ID",
        filters: &[
            (FilterName::RoomIds, "entry_ids"),
            (FilterName::VirtualEventIds, "virtual_event_ids"),
        ],
        default_sort: ("session_start_time", true),
        shown_first: &[
            "entry_name",
            "session_start_time",
            "session_end_time",
            "session_host_user_id",
            "meeting_view_period_unique_users",
            "meeting_engaged_play_time_ratio",
        ],
        person: &[],
    };
    columns {
        entry_id: Text, "Room ID", ROOM_ID, Identity;
        entry_name: Text, "Room name", &[a("entryname"), a("roomname"), a("roomtitle")],
            Searchable, Wide;
        parent_entry_id: Text, "Main room ID",
            &[a("parententryid"), a("mainroomid"), a("parentroomid"), a("parentid")];
        cue_point_id: Text, "Session ID", SESSION, Identity, Distinctive;
        session_start_time: Time, "Session start time", START, Distinctive;
        session_end_time: Time, "Session end time", END, Distinctive;
        session_host_user_id: Text, "Host", &[
            a("sessionhostuserid"),
            a("host"),
            a("hostid"),
            a("hostuserid"),
            a("sessionhost"),
            a("hostname"),
        ], Searchable;
        meeting_view_period_unique_users: Count, "Unique users", &[
            a("meetingviewperioduniqueusers"),
            a("uniqueusers"),
            a("uniqueparticipants"),
            a("users"),
            a("countofuniqueusers"),
            a("uniqueviewers"),
            a("liveuniqueviewers"),
        ], Distinctive;
        meeting_engaged_play_time_ratio: Ratio, "Engagement rate", &[
            a("meetingengagedplaytimeratio"),
            a("engagementrate"),
            a("engagement"),
            a("engagementratio"),
            a("sessionengagementrate"),
            a("liveengagementrate"),
        ], Distinctive;
    }
}

report_table! {
    /// One row of Attendees (6001): one person in one session.
    row AttendeeRow;
    spec {
        kind: ReportKind::Attendees,
        report_id: 6001,
        title: "Attendees",
        slug: "attendees",
        row_noun: ("attendee", "attendees"),
        identity_words: "user ID, e-mail or name",
        filters: &[
            (FilterName::RoomIds, "entry_ids"),
            (FilterName::UserIds, "user_ids"),
            (FilterName::SessionIds, "cue_point_ids"),
            (FilterName::VirtualEventIds, "virtual_event_ids"),
        ],
        default_sort: ("meeting_view_time", true),
        shown_first: &[
            "user_name",
            "user_email",
            "user_type",
            "meeting_view_time",
            "meeting_engaged_play_time_ratio",
            "user_id",
        ],
        person: &["user_id", "user_email", "user_name"],
    };
    columns {
        entry_id: Text, "Room ID", ROOM_ID, Distinctive;
        cue_point_id: Text, "Session ID", SESSION, Distinctive;
        user_id: Text, "User ID", &[a("userid"), a("user"), a("participantid"), a("attendeeid")],
            Searchable, Identity;
        user_name: Text, "User name", &[
            a("username"),
            a("name"),
            a("fullname"),
            a("displayname"),
            a("participantname"),
            a("attendeename"),
        ], Searchable, Identity, Wide;
        user_email: Text, "User email", &[
            a("useremail"),
            a("email"),
            a("emailaddress"),
            a("mail"),
            a("useremailaddress"),
        ], Searchable, Identity, Wide;
        user_type: Text, "User role",
            &[a("usertype"), a("userrole"), a("role"), a("type"), a("participanttype")];
        meeting_view_time: Minutes, "Participation time (minutes)", &[
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
        ], Distinctive;
        meeting_engaged_play_time_ratio: Ratio, "User engagement rate", &[
            a("meetingengagedplaytimeratio"),
            a("userengagementrate"),
            a("engagementrate"),
            a("engagement"),
            a("engagementratio"),
            a("liveengagementrate"),
        ], Distinctive;
    }
}

report_table! {
    /// One row of Breakout rooms (6002): one session of one breakout room.
    row BreakoutRow;
    spec {
        kind: ReportKind::Breakouts,
        report_id: 6002,
        title: "Breakout rooms",
        slug: "breakouts",
        row_noun: ("breakout session", "breakout sessions"),
        identity_words: "breakout room ID or session ID",
        filters: &[
            (FilterName::MainRoomIds, "parentEntryIds"),
            (FilterName::VirtualEventIds, "virtual_event_ids"),
        ],
        default_sort: ("session_start_time", true),
        shown_first: &[
            "parent_entry_name",
            "breakout_entry_name",
            "session_initiator",
            "session_start_time",
            "session_end_time",
            "duration",
            "participant_count",
            "engagement_rate",
        ],
        person: &[],
    };
    columns {
        parent_entry_id: Text, "Main room ID",
            &[a("parententryid"), a("mainroomid"), a("parentroomid")];
        parent_entry_name: Text, "Main room name",
            &[a("parententryname"), a("mainroomname"), a("parentroomname")], Searchable, Wide;
        breakout_entry_id: Text, "Breakout room ID",
            &[a("breakoutentryid"), a("breakoutroomid"), a("breakoutid")], Identity;
        breakout_entry_name: Text, "Breakout room name",
            &[a("breakoutentryname"), a("breakoutroomname"), a("breakoutname")], Searchable, Wide;
        cue_point_id: Text, "Session ID", SESSION, Identity, Distinctive;
        session_initiator: Text, "Host",
            &[a("sessioninitiator"), a("host"), a("initiator"), a("startedby")], Searchable;
        session_start_time: Time, "Session start time", START, Distinctive;
        session_end_time: Time, "Session end time", END, Distinctive;
        duration: Seconds, "Duration (seconds)", &[
            a("duration"),
            a("durationseconds"),
            a("durationsec"),
            a("durationinseconds"),
            a("sessionduration"),
            scaled("durationminutes", 60.0),
            scaled("durationinminutes", 60.0),
        ], Distinctive;
        participant_count: Count, "Participant count", &[
            a("participantcount"),
            a("participants"),
            a("participantscount"),
            a("numberofparticipants"),
            a("estimateduniqueviewers"),
            a("uniqueviewers"),
        ], Distinctive;
        engagement_rate: Ratio, "Engagement rate", &[
            a("engagementrate"),
            a("engagement"),
            a("meetingengagedplaytimeratio"),
            a("engagementratio"),
        ], Distinctive;
    }
}

impl ReportKind {
    /// The report's table: what it is and its columns.
    pub fn spec(self) -> &'static ReportSpec {
        match self {
            ReportKind::RoomData => RoomDataRow::SPEC,
            ReportKind::Attendees => AttendeeRow::SPEC,
            ReportKind::Breakouts => BreakoutRow::SPEC,
        }
    }

    /// Kaltura's report id for `report.getCsvFromStringParams`.
    pub fn report_id(self) -> u32 {
        self.spec().report_id
    }

    /// The name people see: "Room data", "Attendees", "Breakout rooms".
    pub fn title(self) -> &'static str {
        self.spec().title
    }

    /// The short name used on the command line and in file names.
    pub fn slug(self) -> &'static str {
        self.spec().slug
    }

    pub fn from_slug(s: &str) -> Option<Self> {
        ReportKind::ALL.into_iter().find(|k| k.slug() == s)
    }

    /// The report's columns in Kaltura's order.
    pub fn columns(self) -> &'static [ColumnSpec] {
        self.spec().columns
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_table_belongs_to_its_kind_and_names_real_columns() {
        for kind in ReportKind::ALL {
            let spec = kind.spec();
            assert_eq!(spec.kind, kind);
            assert_eq!(ReportKind::from_slug(spec.slug), Some(kind));
            let named = spec
                .shown_first
                .iter()
                .chain(spec.person)
                .chain([&spec.default_sort.0]);
            for raw in named {
                assert!(spec.position(raw).is_some(), "{kind:?}: {raw}");
            }
            assert!(spec
                .columns
                .iter()
                .any(|c| c.has(super::super::schema::Flag::Identity)));
            for c in spec.columns {
                assert!(
                    c.aliases
                        .iter()
                        .any(|a| a.name == super::super::header::normalise(c.raw)),
                    "{kind:?}: the raw header {} is read as itself",
                    c.raw
                );
                assert!(
                    c.aliases
                        .iter()
                        .any(|a| a.name == super::super::header::normalise(c.label)),
                    "{kind:?}: the descriptive header {} is read back",
                    c.label
                );
            }
        }
    }
}
