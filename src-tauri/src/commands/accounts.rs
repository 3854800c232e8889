//! Account commands: list (Demo first), add, edit, remove, and test a connection — thin adapters
//! over the core's workflows (`roomlens::account_book`), the same ones `roomlens login` uses. The
//! form's fields are checked here; the secret goes straight into the OS keychain. Everything runs
//! off the main thread: a keychain unlock prompt must never freeze the window.

use crate::blocking_work::off_main_thread;
use crate::demo_account::{DEMO_ACCOUNT_ID, DEMO_ACCOUNT_NAME, DEMO_SERVICE_WORDS};
use crate::state::AppState;
use roomlens::account_book::AccountDraft as CheckedDraft;
use roomlens::accounts::Account;
use roomlens::cancel::CancelToken;
use roomlens::kaltura::{ClientOptions, Credentials, KalturaClient, Region, ServiceUrl};
use roomlens::secret::AdminSecret;
use roomlens::{Error, ErrorCode};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager};

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct AccountView {
    pub id: String,
    pub name: String,
    pub partner_id: i64,
    pub service_url: String,
    /// "us", "eu", "custom" or "demo".
    #[ts(type = "string")]
    pub region: &'static str,
    pub is_demo: bool,
}

/// An added or edited account, with what the person should know about the accounts file.
#[derive(Serialize, ts_rs::TS)]
pub struct SavedAccount {
    #[serde(flatten)]
    account: AccountView,
    notice: Option<String>,
}

/// What removing an account says back: only a notice, if any.
#[derive(Serialize, ts_rs::TS)]
pub struct Removed {
    notice: Option<String>,
}

/// The add/edit form. `secret: None` when editing means "keep the stored secret". The secret is an
/// `AdminSecret` from the moment it is read (blank text is none), so it is wiped when the draft is
/// dropped, whichever way the command ends.
#[derive(Deserialize, ts_rs::TS)]
pub struct AccountDraft {
    name: String,
    /// As typed: a number or its digits.
    #[ts(type = "number | string")]
    partner_id: serde_json::Value,
    /// "us", "eu" or "custom".
    region: String,
    custom_url: Option<String>,
    #[serde(default, deserialize_with = "secret_or_blank")]
    #[ts(optional, type = "string | null")]
    secret: Option<AdminSecret>,
}

fn secret_or_blank<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<AdminSecret>, D::Error> {
    let text: Option<String> = Option::deserialize(deserializer)?;
    Ok(text.and_then(AdminSecret::new))
}

fn invalid(message: &str) -> Error {
    Error::new(ErrorCode::InvalidInput, message)
}

impl AccountDraft {
    fn check(self) -> Result<CheckedDraft, Error> {
        let partner_id = match &self.partner_id {
            serde_json::Value::Number(n) => n.as_i64(),
            serde_json::Value::String(s) => s.trim().parse::<i64>().ok(),
            _ => None,
        }
        .filter(|id| *id > 0)
        .ok_or_else(|| invalid("The partner ID is a whole number, such as 1234567. You find it in KMC → Settings → Integration Settings."))?;
        let service_url = match self.region.as_str() {
            "us" => ServiceUrl::us(),
            "eu" => ServiceUrl::eu(),
            "custom" => ServiceUrl::parse(self.custom_url.as_deref().unwrap_or(""))?,
            _ => return Err(invalid("Choose a region: US, EU, or a custom service URL.")),
        };
        Ok(CheckedDraft {
            name: self.name,
            partner_id,
            service_url,
            secret: self.secret,
        })
    }
}

fn region_name(service_url: &ServiceUrl) -> &'static str {
    match service_url.region() {
        Region::Us => "us",
        Region::Eu => "eu",
        Region::Custom => "custom",
    }
}

fn view(account: &Account) -> AccountView {
    let region = account
        .checked_service_url()
        .map(|u| region_name(&u))
        .unwrap_or("custom");
    AccountView {
        id: account.id.clone(),
        name: account.name.clone(),
        partner_id: account.partner_id,
        service_url: account.service_url.clone(),
        region,
        is_demo: false,
    }
}

fn demo_view(state: &AppState) -> AccountView {
    AccountView {
        id: DEMO_ACCOUNT_ID.to_owned(),
        name: DEMO_ACCOUNT_NAME.to_owned(),
        partner_id: state.demo.partner_id(),
        service_url: DEMO_SERVICE_WORDS.to_owned(),
        region: "demo",
        is_demo: true,
    }
}

/// The Demo account and the saved ones, read from the accounts file now. When the file cannot be
/// read, the Demo account alone and why (the file is left as it is).
pub fn account_views(state: &AppState) -> (Vec<AccountView>, Option<Error>) {
    let mut views = vec![demo_view(state)];
    match state.accounts.list() {
        Ok(store) => {
            views.extend(store.accounts.iter().map(view));
            (views, None)
        }
        Err(error) => (views, Some(error)),
    }
}

fn demo_is_fixed() -> Error {
    invalid("The Demo account is built in and cannot be changed or removed.")
}

fn client(
    partner_id: i64,
    secret: AdminSecret,
    service_url: ServiceUrl,
) -> Result<KalturaClient, Error> {
    KalturaClient::new(
        Credentials {
            partner_id,
            secret,
            service_url,
        },
        ClientOptions::default(),
    )
}

/// A client for the account `id` (the Demo account, started on first use, or a saved one with its
/// secret from the keychain, read off the main thread), and the account's display name.
pub async fn client_for(app: &AppHandle, id: &str) -> Result<(KalturaClient, String), Error> {
    if id == DEMO_ACCOUNT_ID {
        let client = app.state::<AppState>().demo.client().await?;
        return Ok((client, DEMO_ACCOUNT_NAME.to_owned()));
    }
    let id = id.to_owned();
    off_main_thread(app, move |state| {
        let (account, credentials) = state.accounts.credentials(&id)?;
        Ok((
            KalturaClient::new(credentials, ClientOptions::default())?,
            account.name,
        ))
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_accounts(app: AppHandle) -> Result<Vec<AccountView>, Error> {
    off_main_thread(&app, |state| match account_views(state) {
        (views, None) => Ok(views),
        (_, Some(error)) => Err(error),
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn add_account(app: AppHandle, draft: AccountDraft) -> Result<SavedAccount, Error> {
    off_main_thread(&app, move |state| {
        let changed = state.accounts.add(draft.check()?)?;
        Ok(SavedAccount {
            account: view(&changed.value),
            notice: changed.notice,
        })
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn update_account(
    app: AppHandle,
    id: String,
    draft: AccountDraft,
) -> Result<SavedAccount, Error> {
    if id == DEMO_ACCOUNT_ID {
        return Err(demo_is_fixed());
    }
    off_main_thread(&app, move |state| {
        let changed = state.accounts.update(&id, draft.check()?)?;
        Ok(SavedAccount {
            account: view(&changed.value),
            notice: changed.notice,
        })
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn remove_account(app: AppHandle, id: String) -> Result<Removed, Error> {
    if id == DEMO_ACCOUNT_ID {
        return Err(demo_is_fixed());
    }
    off_main_thread(&app, move |state| {
        let changed = state.accounts.remove(&id)?;
        Ok(Removed {
            notice: changed.notice,
        })
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn test_connection(app: AppHandle, id: String) -> Result<(), Error> {
    let (client, _) = client_for(&app, &id).await?;
    client.test_connection(&CancelToken::new()).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn test_draft(
    app: AppHandle,
    draft: AccountDraft,
    id: Option<String>,
) -> Result<(), Error> {
    let draft = draft.check()?;
    let secret = match (draft.secret, id) {
        (Some(secret), _) => secret,
        (None, Some(id)) if id != DEMO_ACCOUNT_ID => {
            let (partner_id, service_url) = (draft.partner_id, draft.service_url.clone());
            off_main_thread(&app, move |state| {
                state
                    .accounts
                    .saved_secret_for(&id, partner_id, &service_url)
            })
            .await?
        }
        (None, _) => return Err(invalid("Enter the admin secret.")),
    };
    client(draft.partner_id, secret, draft.service_url)?
        .test_connection(&CancelToken::new())
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The draft as the page sends it, read the way Tauri reads command arguments.
    fn draft(
        partner_id: serde_json::Value,
        region: &str,
        custom_url: Option<&str>,
        secret: Option<&str>,
    ) -> AccountDraft {
        serde_json::from_value(json!({
            "name": "Training",
            "partner_id": partner_id,
            "region": region,
            "custom_url": custom_url,
            "secret": secret,
        }))
        .unwrap()
    }

    #[test]
    fn partner_ids_are_read_from_numbers_and_typed_text() {
        let checked = draft(json!(" 1234567 "), "us", None, Some("s"))
            .check()
            .unwrap();
        assert_eq!(checked.partner_id, 1_234_567);
        assert_eq!(checked.service_url, ServiceUrl::us());
        assert_eq!(
            draft(json!(42), "eu", None, None)
                .check()
                .unwrap()
                .service_url,
            ServiceUrl::eu()
        );
        for bad in [json!("12a"), json!(-5), json!(0), json!(1.5), json!(null)] {
            let error = draft(bad.clone(), "us", None, Some("s"))
                .check()
                .err()
                .unwrap();
            assert_eq!(error.code, ErrorCode::InvalidInput, "{bad}");
        }
    }

    #[test]
    fn regions_and_custom_urls_are_checked_by_the_core() {
        let local = draft(json!(1), "custom", Some("http://127.0.0.1:9"), None)
            .check()
            .unwrap();
        assert_eq!(region_name(&local.service_url), "custom");
        let plain_http = draft(json!(1), "custom", Some("http://kaltura.example.com"), None)
            .check()
            .err()
            .unwrap();
        assert_eq!(plain_http.code, ErrorCode::InvalidServiceUrl);
        let unknown = draft(json!(1), "mars", None, None).check().err().unwrap();
        assert_eq!(unknown.code, ErrorCode::InvalidInput);
    }

    #[test]
    fn a_blank_secret_means_none() {
        assert!(draft(json!(1), "us", None, Some("  \n"))
            .check()
            .unwrap()
            .secret
            .is_none());
        assert!(draft(json!(1), "us", None, Some(" abc "))
            .check()
            .unwrap()
            .secret
            .is_some());
        let without: AccountDraft = serde_json::from_value(
            json!({ "name": "T", "partner_id": 1, "region": "us", "custom_url": null }),
        )
        .unwrap();
        assert!(without.secret.is_none(), "no secret field is no secret");
    }
}
