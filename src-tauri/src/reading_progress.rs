//! How far reading one report file has got, as the page shows it, for Open CSV… and for drops
//! alike. It is only the message; `report_files` makes it.

use roomlens::reports::FileProgress;
use serde::Serialize;

/// How far reading one file has got, as the page shows it ("Reading march.csv — 45 MB of 150 MB").
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ReadingProgress {
    pub file_name: String,
    #[serde(flatten)]
    pub progress: FileProgress,
}
