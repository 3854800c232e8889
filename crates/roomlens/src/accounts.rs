//! The saved Kaltura accounts that the desktop app and the `roomlens` command line share: a name,
//! partner ID and service URL per account, kept in one JSON file written atomically. It never holds
//! the admin secret (that lives in `keychain`), and it never replaces a file it could not read.

use crate::atomic_file::write_atomically;
use crate::error::{Error, ErrorCode};
use crate::kaltura::ServiceUrl;
use serde::{Deserialize, Serialize};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The file name inside the configuration folder.
pub const ACCOUNTS_FILE: &str = "accounts.json";

/// The environment variable that moves the configuration folder (tests, portable setups).
pub const CONFIG_DIR_ENV: &str = "ROOMLENS_CONFIG_DIR";

const FORMAT_VERSION: u32 = 1;

/// One saved account. `id` is stable across renames; the keychain entry is keyed by
/// `partner_id` and `service_url` (see `keychain::account_key`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: String,
    pub name: String,
    pub partner_id: i64,
    pub service_url: String,
}

impl Account {
    /// The account's service URL, checked and in normal form.
    pub fn checked_service_url(&self) -> Result<ServiceUrl, Error> {
        ServiceUrl::parse(&self.service_url)
    }
}

/// The list of saved accounts, and which one is used when none is named.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountStore {
    pub accounts: Vec<Account>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selected: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct AccountsFile {
    version: u32,
    #[serde(flatten)]
    store: AccountStore,
}

/// Where Roomlens keeps its settings: `$ROOMLENS_CONFIG_DIR` when set; otherwise
/// `$XDG_CONFIG_HOME/roomlens` or `~/.config/roomlens` on Linux and other Unix systems,
/// `~/Library/Application Support/Roomlens` on macOS, `%APPDATA%\Roomlens` on Windows.
pub fn config_dir() -> Result<PathBuf, Error> {
    config_dir_from(&|name| std::env::var_os(name)).ok_or_else(|| {
        Error::new(
            ErrorCode::FileUnreadable,
            format!(
                "Roomlens could not find your settings folder (no home folder is set). \
                 Set {CONFIG_DIR_ENV} to a folder Roomlens may use."
            ),
        )
    })
}

/// `config_dir` with the environment passed in, so the rules can be tested without changing it.
fn config_dir_from(env: &dyn Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    let var = |name: &str| env(name).filter(|v| !v.is_empty());
    if let Some(dir) = var(CONFIG_DIR_ENV) {
        return Some(PathBuf::from(dir));
    }
    if cfg!(target_os = "macos") {
        var("HOME").map(|home| PathBuf::from(home).join("Library/Application Support/Roomlens"))
    } else if cfg!(target_os = "windows") {
        var("APPDATA").map(|appdata| PathBuf::from(appdata).join("Roomlens"))
    } else {
        var("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| var("HOME").map(|home| PathBuf::from(home).join(".config")))
            .map(|base| base.join("roomlens"))
    }
}

impl AccountStore {
    /// The accounts file in `config_dir()`.
    pub fn default_path() -> Result<PathBuf, Error> {
        Ok(config_dir()?.join(ACCOUNTS_FILE))
    }

    /// Reads the accounts file. A missing file is an empty list; a damaged one is an error that
    /// names the file, and the file is left as it is.
    pub fn load(path: &Path) -> Result<AccountStore, Error> {
        read_accounts_file(path).map_err(ReadFailure::into_error)
    }

    /// Writes the accounts file atomically, creating its folder if needed.
    pub fn save(&self, path: &Path) -> Result<(), Error> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                Error::new(
                    ErrorCode::FileWriteFailed,
                    format!(
                        "Roomlens could not create its settings folder {}.",
                        dir.display()
                    ),
                )
                .with_detail(e.to_string())
            })?;
        }
        let file = AccountsFile {
            version: FORMAT_VERSION,
            store: self.clone(),
        };
        let mut json = serde_json::to_vec_pretty(&file).map_err(|e| {
            Error::new(
                ErrorCode::FileWriteFailed,
                "Roomlens could not prepare its saved accounts.",
            )
            .with_detail(e.to_string())
        })?;
        json.push(b'\n');
        write_atomically(path, &json)
    }

    pub fn get(&self, id: &str) -> Option<&Account> {
        self.accounts.iter().find(|a| a.id == id)
    }

    /// The account for this partner on this service, if saved.
    pub fn find(&self, partner_id: i64, service_url: &ServiceUrl) -> Option<&Account> {
        self.accounts
            .iter()
            .find(|a| a.partner_id == partner_id && a.service_url == service_url.as_str())
    }

    /// The account used when none is named: the selected one, or the only one.
    pub fn selected_account(&self) -> Option<&Account> {
        match &self.selected {
            Some(id) => self.get(id),
            None if self.accounts.len() == 1 => self.accounts.first(),
            None => None,
        }
    }

    pub fn select(&mut self, id: &str) -> Result<(), Error> {
        if self.get(id).is_none() {
            return Err(unknown_account(id));
        }
        self.selected = Some(id.to_owned());
        Ok(())
    }

    /// Adds an account with a new id. The same partner on the same service can be saved once.
    pub fn add(
        &mut self,
        name: &str,
        partner_id: i64,
        service_url: &ServiceUrl,
    ) -> Result<Account, Error> {
        let account = Account {
            id: new_id()?,
            name: valid_name(name)?,
            partner_id: valid_partner_id(partner_id)?,
            service_url: service_url.as_str().to_owned(),
        };
        if let Some(existing) = self.find(partner_id, service_url) {
            return Err(already_saved(existing));
        }
        self.accounts.push(account.clone());
        Ok(account)
    }

    /// Replaces the account with the same id.
    pub fn update(&mut self, account: Account) -> Result<(), Error> {
        let name = valid_name(&account.name)?;
        valid_partner_id(account.partner_id)?;
        let service_url = account.checked_service_url()?.as_str().to_owned();
        let account = Account {
            name,
            service_url,
            ..account
        };
        if let Some(other) = self.accounts.iter().find(|a| {
            a.id != account.id
                && a.partner_id == account.partner_id
                && a.service_url == account.service_url
        }) {
            return Err(already_saved(other));
        }
        let slot = self
            .accounts
            .iter_mut()
            .find(|a| a.id == account.id)
            .ok_or_else(|| unknown_account(&account.id))?;
        *slot = account;
        Ok(())
    }

    /// Removes an account and returns it (the caller deletes its keychain entry).
    pub fn remove(&mut self, id: &str) -> Option<Account> {
        let index = self.accounts.iter().position(|a| a.id == id)?;
        if self.selected.as_deref() == Some(id) {
            self.selected = None;
        }
        Some(self.accounts.remove(index))
    }

    /// What a file must satisfy to be used: unique ids, valid fields, a selection that exists.
    fn check(&self) -> Result<(), String> {
        for (i, a) in self.accounts.iter().enumerate() {
            if a.id.is_empty() || a.partner_id <= 0 || a.checked_service_url().is_err() {
                return Err(format!(
                    "account {} is incomplete or has an invalid service URL",
                    i + 1
                ));
            }
            if self.accounts.iter().skip(i + 1).any(|b| b.id == a.id) {
                return Err(format!("account id {} appears twice", a.id));
            }
        }
        match &self.selected {
            Some(id) if self.get(id).is_none() => {
                Err(format!("the selected account {id} is not in the list"))
            }
            _ => Ok(()),
        }
    }
}

/// Why the accounts file could not be used; what to do differs (see `account_book`).
#[derive(Debug)]
pub enum ReadFailure {
    /// The file could not be read at all (permissions, a folder in its place).
    Unreadable(Error),
    /// The file is not a valid accounts file.
    Damaged(Error),
    /// A newer Roomlens wrote it; this one must not change it.
    Newer(Error),
}

impl ReadFailure {
    pub fn into_error(self) -> Error {
        match self {
            ReadFailure::Unreadable(e) | ReadFailure::Damaged(e) | ReadFailure::Newer(e) => e,
        }
    }
}

/// Reads the accounts file at `path`; a missing file is an empty list. Never changes the file.
pub fn read_accounts_file(path: &Path) -> Result<AccountStore, ReadFailure> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(AccountStore::default()),
        Err(e) => {
            return Err(ReadFailure::Unreadable(
                Error::new(
                    ErrorCode::FileUnreadable,
                    format!(
                        "Roomlens could not read its saved accounts in {}. Check that you may read this file.",
                        path.display()
                    ),
                )
                .with_detail(e.to_string()),
            ))
        }
    };
    let file: AccountsFile = serde_json::from_slice(&bytes)
        .map_err(|e| ReadFailure::Damaged(damaged(path, e.to_string())))?;
    if file.version > FORMAT_VERSION {
        return Err(ReadFailure::Newer(Error::new(
            ErrorCode::FileUnreadable,
            format!(
                "The saved accounts in {} were written by a newer version of Roomlens. \
                 Update Roomlens to use them.",
                path.display()
            ),
        )));
    }
    file.store
        .check()
        .map_err(|why| ReadFailure::Damaged(damaged(path, why)))?;
    Ok(file.store)
}

/// Opens (creating it if needed) a lock file in the settings folder, without changing its content.
pub fn open_lock_file(path: &Path) -> Result<std::fs::File, Error> {
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|e| settings_unwritable(path, &e))
}

/// The error when Roomlens cannot write in its settings folder (or a file in it) at `path`.
pub fn settings_unwritable(path: &Path, error: &std::io::Error) -> Error {
    Error::new(
        ErrorCode::FileWriteFailed,
        format!(
            "Roomlens could not use its settings folder at {}. Check that you may write there.",
            path.display()
        ),
    )
    .with_detail(error.to_string())
}

fn damaged(path: &Path, why: String) -> Error {
    Error::new(
        ErrorCode::FileUnreadable,
        format!(
            "The saved accounts file {} is damaged, so Roomlens left it untouched. \
             Move it aside (or fix it) and add your accounts again.",
            path.display()
        ),
    )
    .with_detail(why)
}

fn unknown_account(id: &str) -> Error {
    Error::new(
        ErrorCode::InvalidInput,
        format!("There is no saved account with id {id}."),
    )
}

fn already_saved(existing: &Account) -> Error {
    Error::new(
        ErrorCode::InvalidInput,
        format!(
            "Partner {} at {} is already saved as \"{}\".",
            existing.partner_id, existing.service_url, existing.name
        ),
    )
}

fn valid_name(name: &str) -> Result<String, Error> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            "Give the account a name.",
        ));
    }
    Ok(name.to_owned())
}

fn valid_partner_id(partner_id: i64) -> Result<i64, Error> {
    if partner_id <= 0 {
        return Err(Error::new(
            ErrorCode::InvalidPartnerId,
            "A partner ID is a positive number. Find yours in KMC → Settings → Integration Settings.",
        ));
    }
    Ok(partner_id)
}

fn new_id() -> Result<String, Error> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).map_err(|e| {
        Error::new(
            ErrorCode::FileWriteFailed,
            "Roomlens could not create an account id.",
        )
        .with_detail(e.to_string())
    })?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn us() -> ServiceUrl {
        ServiceUrl::us()
    }

    fn temp_dir() -> PathBuf {
        let mut r = [0u8; 8];
        getrandom::fill(&mut r).unwrap();
        let d = std::env::temp_dir().join(format!("roomlens-accounts-{}", u64::from_le_bytes(r)));
        fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn missing_file_is_an_empty_list() {
        let d = temp_dir();
        let store = AccountStore::load(&d.join("nothing-here.json")).unwrap();
        assert!(store.accounts.is_empty());
        assert!(store.selected_account().is_none());
        fs::remove_dir_all(d).unwrap();
    }

    #[test]
    fn save_then_load_gives_the_same_accounts_and_creates_the_folder() {
        let d = temp_dir();
        let path = d.join("nested/config/accounts.json");
        let mut store = AccountStore::default();
        let a = store.add("Acme EU", 12345, &ServiceUrl::eu()).unwrap();
        let b = store.add(" Acme US ", 777, &us()).unwrap();
        assert_eq!(b.name, "Acme US");
        store.select(&a.id).unwrap();
        store.save(&path).unwrap();
        let loaded = AccountStore::load(&path).unwrap();
        assert_eq!(loaded, store);
        assert_eq!(loaded.selected_account().unwrap().partner_id, 12345);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains("\"version\": 1"));
        fs::remove_dir_all(d).unwrap();
    }

    #[test]
    fn damaged_file_is_an_error_and_is_left_untouched() {
        let d = temp_dir();
        let path = d.join(ACCOUNTS_FILE);
        let bad_url = br#"{"version":1,"accounts":[{"id":"a","name":"A","partner_id":1,"service_url":"ftp://x"}]}"#;
        for bad in [
            &b"{\"version\":1,\"accounts\":[{\"id\":"[..],
            b"\xff\xfe garbage",
            b"[]",
            b"{\"version\":1,\"accounts\":[],\"selected\":\"x\"}",
            bad_url,
        ] {
            fs::write(&path, bad).unwrap();
            let e = AccountStore::load(&path).unwrap_err();
            assert_eq!(e.code, ErrorCode::FileUnreadable);
            assert!(e.message.contains("damaged"), "{}", e.message);
            assert_eq!(fs::read(&path).unwrap(), bad);
        }
        fs::remove_dir_all(d).unwrap();
    }

    #[test]
    fn newer_format_is_refused() {
        let d = temp_dir();
        let path = d.join(ACCOUNTS_FILE);
        fs::write(&path, b"{\"version\":2,\"accounts\":[]}").unwrap();
        assert!(AccountStore::load(&path)
            .unwrap_err()
            .message
            .contains("newer version"));
        fs::remove_dir_all(d).unwrap();
    }

    #[test]
    fn same_partner_and_service_is_saved_once() {
        let mut store = AccountStore::default();
        store.add("One", 5, &us()).unwrap();
        let e = store.add("Two", 5, &us()).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidInput);
        assert!(e.message.contains("\"One\""));
        store.add("Two", 5, &ServiceUrl::eu()).unwrap();
        assert_eq!(store.accounts.len(), 2);
    }

    #[test]
    fn invalid_fields_are_refused() {
        let mut store = AccountStore::default();
        assert_eq!(
            store.add("  ", 5, &us()).unwrap_err().code,
            ErrorCode::InvalidInput
        );
        assert_eq!(
            store.add("X", 0, &us()).unwrap_err().code,
            ErrorCode::InvalidPartnerId
        );
        assert!(store.accounts.is_empty());
    }

    #[test]
    fn update_renames_and_remove_clears_the_selection() {
        let mut store = AccountStore::default();
        let a = store.add("Old", 9, &us()).unwrap();
        let b = store.add("Other", 10, &us()).unwrap();
        store
            .update(Account {
                name: "New".into(),
                ..a.clone()
            })
            .unwrap();
        assert_eq!(store.get(&a.id).unwrap().name, "New");
        let clash = Account {
            partner_id: 10,
            ..a.clone()
        };
        assert_eq!(
            store.update(clash).unwrap_err().code,
            ErrorCode::InvalidInput
        );
        store.select(&a.id).unwrap();
        assert_eq!(store.remove(&a.id).unwrap().name, "New");
        assert!(store.selected.is_none());
        assert_eq!(store.selected_account().unwrap().id, b.id);
        assert!(store.remove(&a.id).is_none());
        assert_eq!(
            store.select("nope").unwrap_err().code,
            ErrorCode::InvalidInput
        );
    }

    #[test]
    fn config_dir_rules() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| OsString::from(v))
            }
        };
        let both = env(&[
            (CONFIG_DIR_ENV, "/tmp/rl"),
            ("HOME", "/home/a"),
            ("APPDATA", "C:/Users/a/AppData/Roaming"),
        ]);
        assert_eq!(config_dir_from(&both), Some(PathBuf::from("/tmp/rl")));
        assert_eq!(config_dir_from(&env(&[(CONFIG_DIR_ENV, "")])), None);
        if cfg!(target_os = "linux") {
            let xdg = env(&[("XDG_CONFIG_HOME", "/x/cfg"), ("HOME", "/home/a")]);
            assert_eq!(
                config_dir_from(&xdg),
                Some(PathBuf::from("/x/cfg/roomlens"))
            );
            let relative_xdg = env(&[("XDG_CONFIG_HOME", "cfg"), ("HOME", "/home/a")]);
            assert_eq!(
                config_dir_from(&relative_xdg),
                Some(PathBuf::from("/home/a/.config/roomlens"))
            );
        }
    }
}
