//! What the person chose in Settings and expects kept (the export defaults, the appearance), saved in
//! settings.json in the settings folder as soon as it changes, with a plain error if that fails.
//! Unlike the last view (`ui_state`), it is typed and checked; an unreadable file counts as none
//! (the page then uses the defaults) and is replaced at the next save. It knows nothing about windows or accounts.

use roomlens::atomic_file::write_atomically;
use roomlens::export::{Delimiter, HeaderStyle};
use roomlens::{Error, ErrorCode};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The starting choices of every "Save as CSV" sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ExportDefaults {
    pub headers: HeaderStyle,
    pub bom: bool,
    pub delimiter: Delimiter,
}

impl Default for ExportDefaults {
    fn default() -> Self {
        ExportDefaults {
            headers: HeaderStyle::Friendly,
            bom: true,
            delimiter: Delimiter::Comma,
        }
    }
}

/// Light or dark: as the system is set, or always one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Appearance {
    #[default]
    System,
    Light,
    Dark,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct Settings {
    #[serde(default)]
    pub export: ExportDefaults,
    #[serde(default)]
    pub appearance: Appearance,
}

/// The saved settings, or `None` when there are none (or the file cannot be used).
pub fn load_saved(path: &Path) -> Option<Settings> {
    std::fs::read(path)
        .ok()
        .filter(|bytes| bytes.len() <= 64 * 1024)
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
}

pub fn save(path: &Path, settings: &Settings) -> Result<(), Error> {
    let mut bytes = serde_json::to_vec_pretty(settings).map_err(|e| {
        Error::new(
            ErrorCode::Internal,
            "Roomlens could not save your settings.",
        )
        .with_detail(e.to_string())
    })?;
    bytes.push(b'\n');
    write_atomically(path, &bytes).map_err(|e| {
        Error::new(
            ErrorCode::FileWriteFailed,
            format!(
                "Roomlens could not save your settings in {}. They apply until Roomlens closes. \
                 Check that you may write in that folder.",
                path.display()
            ),
        )
        .with_detail(e.detail.unwrap_or(e.message))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(name: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("roomlens-settings-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn saved_settings_come_back_and_bad_files_count_as_none() {
        let dir = folder("round-trip");
        let path = dir.join("settings.json");
        assert_eq!(load_saved(&path), None);
        let chosen = Settings {
            export: ExportDefaults {
                headers: HeaderStyle::Raw,
                bom: false,
                delimiter: Delimiter::Semicolon,
            },
            appearance: Appearance::Dark,
        };
        save(&path, &chosen).unwrap();
        assert_eq!(load_saved(&path), Some(chosen));
        std::fs::write(
            &path,
            br#"{"export":{"headers":"raw","bom":false,"delimiter":"tab"}}"#,
        )
        .unwrap();
        assert_eq!(
            load_saved(&path).map(|s| s.appearance),
            Some(Appearance::System),
            "settings saved before the appearance choice existed follow the system"
        );
        std::fs::write(&path, b"{ not json").unwrap();
        assert_eq!(load_saved(&path), None);
        std::fs::write(
            &path,
            br#"{"export":{"headers":"loud","bom":true,"delimiter":"comma"}}"#,
        )
        .unwrap();
        assert_eq!(load_saved(&path), None, "unknown values are refused");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_failed_save_says_so_plainly() {
        let dir = folder("fails");
        let path = dir.join("missing-folder").join("settings.json");
        let error = save(&path, &Settings::default()).unwrap_err();
        assert_eq!(error.code, ErrorCode::FileWriteFailed);
        assert!(error.message.contains("could not save your settings"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
