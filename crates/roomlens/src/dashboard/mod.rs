//! The session dashboard of Kaltura's Room analytics: finding a room and its sessions, fetching
//! the dashboard reports of one session in a few multirequests, and computing every figure by
//! Kaltura's own formulas, and its charts (drawn by `roomlens-charts`). It keeps nothing on disk.

pub mod charts;
pub mod figures;
pub mod person_heatmap;
pub mod room_lookup;
pub mod rooms_seen;
pub mod session_dashboard;
pub mod session_pdf;
pub mod session_reports;
pub mod session_tables;

pub use room_lookup::{RoomSessions, SessionWindow};
pub use rooms_seen::{rooms_seen, rooms_seen_of, RoomSeen};
pub use session_dashboard::{fetch_session_dashboard, DashboardRequest, SessionDashboard};
