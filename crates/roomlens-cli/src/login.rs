//! `roomlens login` and `roomlens logout`: the admin secret into and out of the system keychain,
//! checked with Kaltura first, and the account remembered in (or removed from) the saved accounts.
//! The secret is never printed and never written to the accounts file.

use crate::account_choice;
use crate::args::{AccountArgs, LoginArgs};
use crate::exit_code;
use crate::secret_input::read_admin_secret;
use roomlens::accounts::AccountStore;
use roomlens::cancel::CancelToken;
use roomlens::kaltura::{ClientOptions, Credentials, KalturaClient};
use roomlens::{keychain, Error, ErrorCode};

pub async fn login(args: &LoginArgs, cancel: &CancelToken) -> Result<u8, Error> {
    let path = AccountStore::default_path()?;
    let mut store = AccountStore::load(&path)?;
    let chosen = account_choice::choose(&args.account, &store)?
        .ok_or_else(|| Error::new(ErrorCode::InvalidInput, "Say which partner to sign in to with --partner-id <N>."))?;
    let secret = read_admin_secret(chosen.partner_id)?;

    if !args.no_verify {
        eprintln!("Checking the admin secret with Kaltura at {}…", chosen.service_url);
        let credentials = Credentials {
            partner_id: chosen.partner_id,
            secret: secret.clone(),
            service_url: chosen.service_url.clone(),
        };
        KalturaClient::new(credentials, ClientOptions::default())?.test_connection(cancel).await?;
    }
    keychain::store_secret(chosen.partner_id, &chosen.service_url, &secret)?;

    let account = match chosen.saved {
        Some(mut saved) => {
            if let Some(name) = &args.name {
                saved.name = name.clone();
                store.update(saved.clone())?;
            }
            saved
        }
        None => {
            let name = args.name.clone().unwrap_or_else(|| format!("Partner {}", chosen.partner_id));
            store.add(&name, chosen.partner_id, &chosen.service_url)?
        }
    };
    store.select(&account.id)?;
    store.save(&path)?;
    eprintln!(
        "Saved the admin secret for partner {} at {} in the system keychain. \"{}\" is now the default account.",
        chosen.partner_id, chosen.service_url, account.name
    );
    Ok(exit_code::OK)
}

pub fn logout(args: &AccountArgs) -> Result<u8, Error> {
    let path = AccountStore::default_path()?;
    let mut store = AccountStore::load(&path)?;
    let chosen = account_choice::require(args, &store)?;
    keychain::delete_secret(chosen.partner_id, &chosen.service_url)?;
    if let Some(saved) = &chosen.saved {
        store.remove(&saved.id);
        store.save(&path)?;
    }
    eprintln!(
        "Deleted the admin secret for partner {} at {} from the system keychain.",
        chosen.partner_id, chosen.service_url
    );
    Ok(exit_code::OK)
}
