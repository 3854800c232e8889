//! Kaltura access: KS signing, the api_v3 client with its error mapping, retries and deadlines,
//! multirequests, the dashboard reports' reply objects, date ranges, fetching the room reports
//! completely in time windows, and asking Kaltura to e-mail one. It does not parse
//! report CSVs (see `reports`) or summarise them (see `analytics`).

pub mod client;
pub mod date_range;
mod email_address;
pub mod email_export;
pub(crate) mod errors;
pub mod fetch;
pub mod ks;
pub mod multirequest;
pub mod options;
pub mod report_objects;
pub mod report_params;
mod retry;
pub mod service_url;
mod session;
mod transport;
mod windows;

pub use client::{Credentials, KalturaClient, CLIENT_TAG};
pub use date_range::{utc_offset_minutes, DateRange, DateRangeChoice};
pub use email_export::{send_report_by_email, EmailExportAccepted, EmailExportRequest};
pub use fetch::{fetch_report, FetchOutcome, FetchProgress, FetchRequest};
pub use ks::sign_ks_v2;
pub use options::ClientOptions;
pub use report_params::ReportFilters;
pub use service_url::{Region, ServiceUrl};
