//! Kaltura access: KS signing, the api_v3 client with its error mapping, retries and deadlines,
//! multirequests, the dashboard reports' reply objects, date ranges, and fetching the room
//! reports completely in time windows. It does not parse
//! report CSVs (see `reports`) or summarise them (see `analytics`).

pub mod client;
pub mod date_range;
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
pub use date_range::{DateRange, DateRangeChoice};
pub use fetch::{fetch_report, FetchOutcome, FetchProgress, FetchRequest};
pub use ks::sign_ks_v2;
pub use options::ClientOptions;
pub use report_params::ReportFilters;
pub use service_url::{Region, ServiceUrl};
