//! The account workflows the desktop app and the `roomlens` command line share: list, add, edit,
//! remove, sign in and sign out. Every change re-reads the accounts file under a file lock, so two
//! Roomlens processes never lose each other's accounts; keeps the keychain and the file in step (a
//! failure in one half undoes the other); and never overwrites a file it could not read. It does
//! not prompt, print or talk to Kaltura; the front ends and `kaltura` do.

use crate::accounts::{
    open_lock_file, read_accounts_file, settings_unwritable, Account, AccountStore, ReadFailure,
};
use crate::error::{Error, ErrorCode};
use crate::kaltura::{Credentials, ServiceUrl};
use crate::keychain;
use crate::secret::AdminSecret;
use std::fs::File;
use std::path::{Path, PathBuf};

/// Where admin secrets are kept: the OS keychain in the product (`OsKeychain`).
pub trait SecretStore: Send + Sync {
    fn store(
        &self,
        partner_id: i64,
        service_url: &ServiceUrl,
        secret: &AdminSecret,
    ) -> Result<(), Error>;
    /// `SecretNotFound` when none is saved.
    fn load(&self, partner_id: i64, service_url: &ServiceUrl) -> Result<AdminSecret, Error>;
    /// Deleting a secret that is not there succeeds.
    fn delete(&self, partner_id: i64, service_url: &ServiceUrl) -> Result<(), Error>;
}

/// The operating system's keychain (`keychain`).
#[derive(Debug, Clone, Copy, Default)]
pub struct OsKeychain;

impl SecretStore for OsKeychain {
    fn store(
        &self,
        partner_id: i64,
        service_url: &ServiceUrl,
        secret: &AdminSecret,
    ) -> Result<(), Error> {
        keychain::store_secret(partner_id, service_url, secret)
    }
    fn load(&self, partner_id: i64, service_url: &ServiceUrl) -> Result<AdminSecret, Error> {
        keychain::load_secret(partner_id, service_url)
    }
    fn delete(&self, partner_id: i64, service_url: &ServiceUrl) -> Result<(), Error> {
        keychain::delete_secret(partner_id, service_url)
    }
}

/// An account as the person typed it. `secret: None` when editing means "keep the saved secret".
pub struct AccountDraft {
    pub name: String,
    pub partner_id: i64,
    pub service_url: ServiceUrl,
    pub secret: Option<AdminSecret>,
}

/// A change that went through, and anything the person should know about the accounts file (a
/// damaged one kept aside).
#[derive(Debug)]
pub struct Changed<T> {
    pub value: T,
    pub notice: Option<String>,
}

/// The saved accounts in one accounts file, with their secrets in `secrets`.
pub struct AccountBook<S> {
    path: PathBuf,
    secrets: S,
}

impl<S: SecretStore> AccountBook<S> {
    pub fn new(path: PathBuf, secrets: S) -> Self {
        AccountBook { path, secrets }
    }

    /// The accounts file this book keeps.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The saved accounts as the file has them now. A damaged or newer file is an error, and the
    /// file is left as it is.
    pub fn list(&self) -> Result<AccountStore, Error> {
        read_accounts_file(&self.path).map_err(ReadFailure::into_error)
    }

    /// One saved account by id.
    pub fn account(&self, id: &str) -> Result<Account, Error> {
        self.list()?.get(id).cloned().ok_or_else(no_longer_saved)
    }

    /// A saved account and its credentials, the secret from the keychain (one read of the file).
    pub fn credentials(&self, id: &str) -> Result<(Account, Credentials), Error> {
        let account = self.account(id)?;
        let service_url = account.checked_service_url()?;
        let secret = self.secrets.load(account.partner_id, &service_url)?;
        let credentials = Credentials {
            partner_id: account.partner_id,
            secret,
            service_url,
        };
        Ok((account, credentials))
    }

    /// The saved secret of account `id`, to test a draft of it that names `partner_id` at
    /// `service_url`: refused when either differs from the saved account's, for the same reason
    /// `update` refuses (a saved secret only signs for what it was confirmed with).
    pub fn saved_secret_for(
        &self,
        id: &str,
        partner_id: i64,
        service_url: &ServiceUrl,
    ) -> Result<AdminSecret, Error> {
        let account = self.account(id)?;
        let saved_url = account.checked_service_url()?;
        if account.partner_id != partner_id || &saved_url != service_url {
            return Err(retype_secret());
        }
        self.secrets.load(partner_id, service_url)
    }

    /// Adds an account and saves its secret.
    pub fn add(&self, draft: AccountDraft) -> Result<Changed<Account>, Error> {
        let secret = draft
            .secret
            .ok_or_else(|| Error::new(ErrorCode::InvalidInput, "Enter the admin secret."))?;
        self.change(|store, secrets| {
            let account = store.add(&draft.name, draft.partner_id, &draft.service_url)?;
            let undo = secrets.replace(draft.partner_id, &draft.service_url, &secret)?;
            Ok((account, vec![undo]))
        })
    }

    /// Changes an account's name, partner or service URL, and its secret when a new one is given.
    /// A new partner or service URL needs the secret typed again: a saved secret only ever signs
    /// for the partner and host it was confirmed with.
    pub fn update(&self, id: &str, draft: AccountDraft) -> Result<Changed<Account>, Error> {
        self.change(|store, secrets| {
            let before = store.get(id).cloned().ok_or_else(no_longer_saved)?;
            let before_url = before.checked_service_url()?;
            let moved = before.partner_id != draft.partner_id || before_url != draft.service_url;
            if moved && draft.secret.is_none() {
                return Err(retype_secret());
            }
            let updated = Account {
                id: before.id.clone(),
                name: draft.name.clone(),
                partner_id: draft.partner_id,
                service_url: draft.service_url.as_str().to_owned(),
            };
            store.update(updated.clone())?;
            let mut undo = Vec::new();
            if let Some(secret) = &draft.secret {
                undo.push(secrets.replace(draft.partner_id, &draft.service_url, secret)?);
            }
            if moved {
                undo.push(secrets.remove(before.partner_id, &before_url)?);
            }
            Ok((store.get(id).cloned().unwrap_or(updated), undo))
        })
    }

    /// Removes an account and its secret.
    pub fn remove(&self, id: &str) -> Result<Changed<Account>, Error> {
        self.change(|store, secrets| {
            let account = store.remove(id).ok_or_else(no_longer_saved)?;
            let undo = secrets.remove(account.partner_id, &account.checked_service_url()?)?;
            Ok((account, vec![undo]))
        })
    }

    /// Signs in to a partner on a service (`roomlens login`): saves the secret, adds the account
    /// (named `name`, or "Partner N") or renames the saved one, and makes it the default.
    pub fn sign_in(
        &self,
        partner_id: i64,
        service_url: &ServiceUrl,
        name: Option<&str>,
        secret: &AdminSecret,
    ) -> Result<Changed<Account>, Error> {
        self.change(|store, secrets| {
            let account = match store.find(partner_id, service_url).cloned() {
                Some(mut saved) => {
                    if let Some(name) = name {
                        saved.name = name.to_owned();
                        store.update(saved.clone())?;
                    }
                    saved
                }
                None => {
                    let name = name
                        .map(str::to_owned)
                        .unwrap_or_else(|| format!("Partner {partner_id}"));
                    store.add(&name, partner_id, service_url)?
                }
            };
            store.select(&account.id)?;
            let undo = secrets.replace(partner_id, service_url, secret)?;
            Ok((
                store.get(&account.id).cloned().unwrap_or(account),
                vec![undo],
            ))
        })
    }

    /// Signs out of a partner on a service (`roomlens logout`): deletes its secret, and its
    /// account when one is saved. Returns the removed account, if any.
    pub fn sign_out(
        &self,
        partner_id: i64,
        service_url: &ServiceUrl,
    ) -> Result<Changed<Option<Account>>, Error> {
        self.change(|store, secrets| {
            let removed = store
                .find(partner_id, service_url)
                .map(|a| a.id.clone())
                .and_then(|id| store.remove(&id));
            let undo = secrets.remove(partner_id, service_url)?;
            Ok((removed, vec![undo]))
        })
    }

    /// Runs one change under the file lock: reads the file afresh, applies `edit` (which changes
    /// the keychain through `Secrets` and returns how to undo that), and writes the file. If the
    /// file cannot be written, the keychain changes are undone, last first.
    fn change<T>(
        &self,
        edit: impl FnOnce(&mut AccountStore, &Secrets<'_, S>) -> Result<(T, Vec<Undo>), Error>,
    ) -> Result<Changed<T>, Error> {
        let _lock = self.lock()?;
        let (mut store, notice) = self.read_for_change()?;
        let secrets = Secrets(&self.secrets);
        let (value, undo) = edit(&mut store, &secrets)?;
        if let Err(error) = store.save(&self.path) {
            for step in undo.into_iter().rev() {
                secrets.undo(step);
            }
            return Err(error);
        }
        Ok(Changed { value, notice })
    }

    /// The file as it is now, for a change. A damaged file is moved aside under a dated name (and
    /// the change starts from no accounts); a newer or unreadable one stops the change.
    fn read_for_change(&self) -> Result<(AccountStore, Option<String>), Error> {
        match read_accounts_file(&self.path) {
            Ok(store) => Ok((store, None)),
            Err(ReadFailure::Damaged(_)) => {
                let kept = keep_aside(&self.path)?;
                let notice = format!(
                    "Your saved accounts file was damaged, so Roomlens kept it as {} and started a new one.",
                    kept.display()
                );
                Ok((AccountStore::default(), Some(notice)))
            }
            Err(failure) => Err(failure.into_error()),
        }
    }

    /// Takes the lock that serialises changes across processes; it is released when dropped.
    fn lock(&self) -> Result<File, Error> {
        let lock_path = lock_path(&self.path);
        if let Some(dir) = lock_path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| settings_unwritable(dir, &e))?;
        }
        let file = open_lock_file(&lock_path)?;
        file.lock()
            .map_err(|e| settings_unwritable(&lock_path, &e))?;
        Ok(file)
    }
}

/// The keychain seen from inside a change: each write returns how to undo it.
struct Secrets<'a, S>(&'a S);

/// How to put one keychain entry back as it was.
struct Undo {
    partner_id: i64,
    service_url: ServiceUrl,
    previous: Option<AdminSecret>,
}

impl<S: SecretStore> Secrets<'_, S> {
    fn previous(
        &self,
        partner_id: i64,
        service_url: &ServiceUrl,
    ) -> Result<Option<AdminSecret>, Error> {
        match self.0.load(partner_id, service_url) {
            Ok(secret) => Ok(Some(secret)),
            Err(error) if error.code == ErrorCode::SecretNotFound => Ok(None),
            Err(error) => Err(error),
        }
    }

    /// Saves `secret`, remembering what was there.
    fn replace(
        &self,
        partner_id: i64,
        service_url: &ServiceUrl,
        secret: &AdminSecret,
    ) -> Result<Undo, Error> {
        let previous = self.previous(partner_id, service_url)?;
        self.0.store(partner_id, service_url, secret)?;
        Ok(Undo {
            partner_id,
            service_url: service_url.clone(),
            previous,
        })
    }

    /// Deletes the secret, remembering what was there.
    fn remove(&self, partner_id: i64, service_url: &ServiceUrl) -> Result<Undo, Error> {
        let previous = self.previous(partner_id, service_url)?;
        self.0.delete(partner_id, service_url)?;
        Ok(Undo {
            partner_id,
            service_url: service_url.clone(),
            previous,
        })
    }

    /// Best effort: the change is failing already, and its error is the one to report.
    fn undo(&self, step: Undo) {
        let _ = match &step.previous {
            Some(secret) => self.0.store(step.partner_id, &step.service_url, secret),
            None => self.0.delete(step.partner_id, &step.service_url),
        };
    }
}

fn lock_path(accounts_file: &Path) -> PathBuf {
    let mut name = accounts_file.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    accounts_file.with_file_name(name)
}

/// Renames a damaged accounts file to `accounts.damaged-<date>-<time>.json` beside it.
fn keep_aside(path: &Path) -> Result<PathBuf, Error> {
    let stamp = jiff::Zoned::now().strftime("%Y%m%d-%H%M%S").to_string();
    let stem = path
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let mut kept = path.with_file_name(format!("{stem}.damaged-{stamp}.json"));
    let mut n = 1;
    while kept.exists() {
        n += 1;
        kept = path.with_file_name(format!("{stem}.damaged-{stamp}-{n}.json"));
    }
    std::fs::rename(path, &kept).map_err(|e| {
        Error::new(
            ErrorCode::FileWriteFailed,
            format!(
                "Your saved accounts file {} is damaged and Roomlens could not move it aside, so nothing was \
                 changed. Move it away yourself and try again.",
                path.display()
            ),
        )
        .with_detail(e.to_string())
    })?;
    Ok(kept)
}

fn retype_secret() -> Error {
    Error::new(
        ErrorCode::InvalidInput,
        "Type the admin secret again: Roomlens uses a saved secret only with the partner ID and service URL \
         it was saved for.",
    )
}

fn no_longer_saved() -> Error {
    Error::new(
        ErrorCode::InvalidInput,
        "This account is no longer saved. Choose another account or add it again.",
    )
}

#[cfg(test)]
mod tests {
    //! The workflows against real files and an in-memory secret store that can be told to fail,
    //! to drive every rollback path. (The real keychain is exercised by the CLI's keychain tests.)

    use super::*;
    use crate::accounts::ACCOUNTS_FILE;
    use std::collections::HashMap;
    use std::sync::Mutex;

    type Key = (i64, String);

    #[derive(Default)]
    struct MemorySecrets {
        saved: Mutex<HashMap<Key, String>>,
        fail_store: Mutex<bool>,
        fail_delete: Mutex<bool>,
        /// Run when a secret is stored or deleted: lets a test break the disk in the middle of
        /// a change.
        on_store: Mutex<Option<Box<dyn FnOnce() + Send>>>,
        on_delete: Mutex<Option<Box<dyn FnOnce() + Send>>>,
    }

    fn key(partner_id: i64, url: &ServiceUrl) -> Key {
        (partner_id, url.as_str().to_owned())
    }

    fn refused() -> Error {
        Error::new(ErrorCode::KeychainUnavailable, "keychain refused")
    }

    impl SecretStore for MemorySecrets {
        fn store(
            &self,
            partner_id: i64,
            url: &ServiceUrl,
            secret: &AdminSecret,
        ) -> Result<(), Error> {
            if *self.fail_store.lock().unwrap() {
                return Err(refused());
            }
            self.saved
                .lock()
                .unwrap()
                .insert(key(partner_id, url), secret.expose_str().to_owned());
            if let Some(hook) = self.on_store.lock().unwrap().take() {
                hook();
            }
            Ok(())
        }
        fn load(&self, partner_id: i64, url: &ServiceUrl) -> Result<AdminSecret, Error> {
            self.saved
                .lock()
                .unwrap()
                .get(&key(partner_id, url))
                .and_then(|s| AdminSecret::new(s.clone()))
                .ok_or_else(|| Error::new(ErrorCode::SecretNotFound, "none"))
        }
        fn delete(&self, partner_id: i64, url: &ServiceUrl) -> Result<(), Error> {
            if *self.fail_delete.lock().unwrap() {
                return Err(refused());
            }
            self.saved.lock().unwrap().remove(&key(partner_id, url));
            if let Some(hook) = self.on_delete.lock().unwrap().take() {
                hook();
            }
            Ok(())
        }
    }

    impl MemorySecrets {
        fn get(&self, partner_id: i64, url: &ServiceUrl) -> Option<String> {
            self.saved
                .lock()
                .unwrap()
                .get(&key(partner_id, url))
                .cloned()
        }
    }

    struct Folder(PathBuf);

    impl Folder {
        fn new(name: &str) -> Folder {
            let mut r = [0u8; 6];
            getrandom::fill(&mut r).unwrap();
            let hex: String = r.iter().map(|b| format!("{b:02x}")).collect();
            let dir = std::env::temp_dir().join(format!("roomlens-book-{name}-{hex}"));
            std::fs::create_dir_all(&dir).unwrap();
            Folder(dir)
        }
        fn accounts(&self) -> PathBuf {
            self.0.join(ACCOUNTS_FILE)
        }
        fn book(&self) -> AccountBook<MemorySecrets> {
            AccountBook::new(self.accounts(), MemorySecrets::default())
        }
    }

    impl Drop for Folder {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn draft(name: &str, partner_id: i64, url: ServiceUrl, secret: Option<&str>) -> AccountDraft {
        AccountDraft {
            name: name.to_owned(),
            partner_id,
            service_url: url,
            secret: secret.map(|s| AdminSecret::new(s).unwrap()),
        }
    }

    /// Makes the next write of the accounts file fail: its folder becomes a file.
    fn break_the_folder(folder: &Path) -> Box<dyn FnOnce() + Send> {
        let folder = folder.to_path_buf();
        Box::new(move || {
            std::fs::remove_dir_all(&folder).unwrap();
            std::fs::write(&folder, b"not a folder").unwrap();
        })
    }

    #[test]
    fn add_edit_remove_keep_the_file_and_the_keychain_in_step() {
        let folder = Folder::new("steps");
        let book = folder.book();
        let added = book
            .add(draft("Acme", 11, ServiceUrl::us(), Some("s1")))
            .unwrap()
            .value;
        assert_eq!(book.list().unwrap().accounts, vec![added.clone()]);
        assert_eq!(
            book.secrets.get(11, &ServiceUrl::us()).as_deref(),
            Some("s1")
        );
        assert_eq!(
            book.credentials(&added.id).unwrap().1.secret.expose_str(),
            "s1"
        );

        let renamed = book
            .update(&added.id, draft("Acme US", 11, ServiceUrl::us(), None))
            .unwrap()
            .value;
        assert_eq!(renamed.name, "Acme US");
        assert_eq!(
            book.secrets.get(11, &ServiceUrl::us()).as_deref(),
            Some("s1"),
            "the secret stays"
        );

        let moved = book
            .update(
                &added.id,
                draft("Acme EU", 11, ServiceUrl::eu(), Some("s2")),
            )
            .unwrap()
            .value;
        assert_eq!(moved.service_url, ServiceUrl::eu().as_str());
        assert_eq!(
            book.secrets.get(11, &ServiceUrl::eu()).as_deref(),
            Some("s2")
        );
        assert_eq!(
            book.secrets.get(11, &ServiceUrl::us()),
            None,
            "the old entry goes"
        );

        book.remove(&added.id).unwrap();
        assert!(book.list().unwrap().accounts.is_empty());
        assert_eq!(book.secrets.get(11, &ServiceUrl::eu()), None);
    }

    #[test]
    fn a_new_service_url_or_partner_needs_the_secret_typed_again() {
        let folder = Folder::new("retype");
        let book = folder.book();
        let added = book
            .add(draft("Acme", 11, ServiceUrl::us(), Some("s1")))
            .unwrap()
            .value;
        for changed in [
            draft("Acme", 11, ServiceUrl::eu(), None),
            draft("Acme", 12, ServiceUrl::us(), None),
        ] {
            let error = book.update(&added.id, changed).unwrap_err();
            assert_eq!(error.code, ErrorCode::InvalidInput);
            assert!(
                error.message.contains("Type the admin secret again"),
                "{}",
                error.message
            );
        }
        assert_eq!(book.list().unwrap().accounts, vec![added.clone()]);
        assert_eq!(
            book.secrets.get(11, &ServiceUrl::us()).as_deref(),
            Some("s1")
        );
        assert_eq!(
            book.secrets.get(11, &ServiceUrl::eu()),
            None,
            "the secret never signs for the new host"
        );
        let test_elsewhere = book
            .saved_secret_for(&added.id, 11, &ServiceUrl::eu())
            .unwrap_err();
        assert!(test_elsewhere
            .message
            .contains("Type the admin secret again"));
        assert_eq!(
            book.saved_secret_for(&added.id, 11, &ServiceUrl::us())
                .unwrap()
                .expose_str(),
            "s1"
        );
    }

    #[test]
    fn a_keychain_that_refuses_leaves_the_file_as_it_was() {
        let folder = Folder::new("keychain-refuses");
        let book = folder.book();
        let kept = book
            .add(draft("Kept", 1, ServiceUrl::us(), Some("k")))
            .unwrap()
            .value;
        let file_before = std::fs::read(folder.accounts()).unwrap();

        *book.secrets.fail_store.lock().unwrap() = true;
        assert_eq!(
            book.add(draft("New", 2, ServiceUrl::us(), Some("n")))
                .unwrap_err()
                .code,
            ErrorCode::KeychainUnavailable
        );
        let edit = book.update(
            &kept.id,
            draft("Kept", 1, ServiceUrl::us(), Some("changed")),
        );
        assert_eq!(edit.unwrap_err().code, ErrorCode::KeychainUnavailable);
        *book.secrets.fail_store.lock().unwrap() = false;

        *book.secrets.fail_delete.lock().unwrap() = true;
        assert_eq!(
            book.remove(&kept.id).unwrap_err().code,
            ErrorCode::KeychainUnavailable
        );
        assert_eq!(
            std::fs::read(folder.accounts()).unwrap(),
            file_before,
            "the file is untouched"
        );
        assert_eq!(book.secrets.get(1, &ServiceUrl::us()).as_deref(), Some("k"));
        assert_eq!(book.secrets.get(2, &ServiceUrl::us()), None);
    }

    #[test]
    fn a_file_that_cannot_be_written_undoes_the_keychain_change() {
        // Add: the new secret is deleted again.
        let folder = Folder::new("add-undone");
        let book = folder.book();
        *book.secrets.on_store.lock().unwrap() = Some(break_the_folder(&folder.0));
        assert_eq!(
            book.add(draft("New", 2, ServiceUrl::us(), Some("n")))
                .unwrap_err()
                .code,
            ErrorCode::FileWriteFailed
        );
        assert_eq!(book.secrets.get(2, &ServiceUrl::us()), None);

        // Edit with a new secret: the old secret comes back.
        let folder = Folder::new("edit-undone");
        let book = folder.book();
        let saved = book
            .add(draft("Acme", 3, ServiceUrl::us(), Some("old")))
            .unwrap()
            .value;
        *book.secrets.on_store.lock().unwrap() = Some(break_the_folder(&folder.0));
        let error = book
            .update(&saved.id, draft("Acme", 3, ServiceUrl::us(), Some("new")))
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::FileWriteFailed);
        assert_eq!(
            book.secrets.get(3, &ServiceUrl::us()).as_deref(),
            Some("old")
        );

        // Edit to a new host: the new entry goes and the old one comes back.
        let folder = Folder::new("move-undone");
        let book = folder.book();
        let saved = book
            .add(draft("Acme", 4, ServiceUrl::us(), Some("us")))
            .unwrap()
            .value;
        *book.secrets.on_store.lock().unwrap() = Some(break_the_folder(&folder.0));
        let error = book
            .update(&saved.id, draft("Acme", 4, ServiceUrl::eu(), Some("eu")))
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::FileWriteFailed);
        assert_eq!(
            book.secrets.get(4, &ServiceUrl::us()).as_deref(),
            Some("us")
        );
        assert_eq!(book.secrets.get(4, &ServiceUrl::eu()), None);
    }

    #[test]
    fn a_removal_that_cannot_be_written_puts_the_secret_back() {
        let folder = Folder::new("remove-undone");
        let book = folder.book();
        let saved = book
            .add(draft("Acme", 5, ServiceUrl::us(), Some("keep-me")))
            .unwrap()
            .value;
        *book.secrets.on_delete.lock().unwrap() = Some(break_the_folder(&folder.0));
        assert_eq!(
            book.remove(&saved.id).unwrap_err().code,
            ErrorCode::FileWriteFailed
        );
        assert_eq!(
            book.secrets.get(5, &ServiceUrl::us()).as_deref(),
            Some("keep-me"),
            "the secret is back"
        );

        // Sign-out likewise.
        let folder = Folder::new("sign-out-undone");
        let book = folder.book();
        book.sign_in(
            6,
            &ServiceUrl::us(),
            None,
            &AdminSecret::new("six").unwrap(),
        )
        .unwrap();
        *book.secrets.on_delete.lock().unwrap() = Some(break_the_folder(&folder.0));
        assert_eq!(
            book.sign_out(6, &ServiceUrl::us()).unwrap_err().code,
            ErrorCode::FileWriteFailed
        );
        assert_eq!(
            book.secrets.get(6, &ServiceUrl::us()).as_deref(),
            Some("six")
        );
    }

    #[test]
    fn sign_in_adds_or_renames_and_selects_and_sign_out_removes() {
        let folder = Folder::new("sign-in");
        let book = folder.book();
        let secret = AdminSecret::new("s").unwrap();
        let first = book
            .sign_in(7, &ServiceUrl::us(), None, &secret)
            .unwrap()
            .value;
        assert_eq!(first.name, "Partner 7");
        let again = book
            .sign_in(7, &ServiceUrl::us(), Some("Seven"), &secret)
            .unwrap()
            .value;
        assert_eq!(
            (again.id.as_str(), again.name.as_str()),
            (first.id.as_str(), "Seven")
        );
        let store = book.list().unwrap();
        assert_eq!(store.accounts.len(), 1);
        assert_eq!(
            store.selected_account().map(|a| a.id.clone()),
            Some(first.id.clone())
        );

        let removed = book.sign_out(7, &ServiceUrl::us()).unwrap().value;
        assert_eq!(removed.map(|a| a.id), Some(first.id));
        assert!(book.list().unwrap().accounts.is_empty());
        assert_eq!(book.secrets.get(7, &ServiceUrl::us()), None);
        assert!(
            book.sign_out(7, &ServiceUrl::us()).unwrap().value.is_none(),
            "signing out twice is fine"
        );
    }

    #[test]
    fn a_damaged_file_is_kept_aside_and_said_so_and_a_newer_one_is_never_touched() {
        let folder = Folder::new("damaged");
        let book = folder.book();
        std::fs::write(folder.accounts(), b"{ this is not json").unwrap();
        assert!(book.list().is_err(), "listing reports the damage");
        assert_eq!(
            std::fs::read(folder.accounts()).unwrap(),
            b"{ this is not json",
            "and leaves the file"
        );

        let changed = book
            .add(draft("Fresh", 9, ServiceUrl::us(), Some("f")))
            .unwrap();
        let notice = changed.notice.expect("the person is told");
        let kept: Vec<_> = std::fs::read_dir(&folder.0)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with("accounts.damaged-") && name.ends_with(".json"))
            .collect();
        assert_eq!(kept.len(), 1, "one dated copy");
        assert!(notice.contains(&kept[0]), "{notice}");
        assert_eq!(
            std::fs::read(folder.0.join(&kept[0])).unwrap(),
            b"{ this is not json"
        );
        assert_eq!(book.list().unwrap().accounts.len(), 1);

        let newer = br#"{"version":99,"accounts":[]}"#;
        std::fs::write(folder.accounts(), newer).unwrap();
        let error = book
            .add(draft("Other", 10, ServiceUrl::us(), Some("o")))
            .unwrap_err();
        assert!(error.message.contains("newer version"), "{}", error.message);
        assert_eq!(std::fs::read(folder.accounts()).unwrap(), newer);
        assert_eq!(book.secrets.get(10, &ServiceUrl::us()), None);
    }

    #[test]
    fn changes_from_many_threads_all_land() {
        let folder = Folder::new("concurrent");
        let path = folder.accounts();
        let handles: Vec<_> = (1..=12)
            .map(|partner| {
                let path = path.clone();
                std::thread::spawn(move || {
                    let book = AccountBook::new(path, MemorySecrets::default());
                    book.add(draft(
                        &format!("P{partner}"),
                        partner,
                        ServiceUrl::us(),
                        Some("s"),
                    ))
                    .unwrap();
                })
            })
            .collect();
        for handle in handles {
            handle.join().unwrap();
        }
        let mut partners: Vec<i64> = folder
            .book()
            .list()
            .unwrap()
            .accounts
            .iter()
            .map(|a| a.partner_id)
            .collect();
        partners.sort_unstable();
        assert_eq!(partners, (1..=12).collect::<Vec<_>>());
    }
}
