//! Kaltura access: KS signing, the api_v3 client with its error mapping, retries and deadlines,
//! date ranges, and fetching the room reports completely in time windows. It does not parse
//! report CSVs (see `reports`) or summarise them (see `analytics`).

pub mod date_range;
pub(crate) mod errors;
pub mod ks;
pub mod service_url;

pub use date_range::{DateRange, DateRangeChoice};
pub use ks::sign_ks_v2;
pub use service_url::{Region, ServiceUrl};
