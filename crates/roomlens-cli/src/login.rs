//! `roomlens login` and `roomlens logout`: which partner the options mean, the secret read and
//! checked with Kaltura, then the core's account workflows (`roomlens::account_book`), the same
//! ones the desktop app uses. The secret is never printed and never written to a file.

use crate::account_choice;
use crate::args::{AccountArgs, LoginArgs};
use crate::exit_code;
use crate::secret_input::read_admin_secret;
use roomlens::account_book::{AccountBook, OsKeychain};
use roomlens::accounts::AccountStore;
use roomlens::cancel::CancelToken;
use roomlens::kaltura::{ClientOptions, Credentials, KalturaClient};
use roomlens::{Error, ErrorCode};

/// The saved accounts, with their secrets in the system keychain.
pub fn account_book() -> Result<AccountBook<OsKeychain>, Error> {
    Ok(AccountBook::new(AccountStore::default_path()?, OsKeychain))
}

pub async fn login(args: &LoginArgs, cancel: &CancelToken) -> Result<u8, Error> {
    let book = account_book()?;
    let chosen = account_choice::choose(&args.account, &book.list()?)?.ok_or_else(|| {
        Error::new(
            ErrorCode::InvalidInput,
            "Say which partner to sign in to with --partner-id <N>.",
        )
    })?;
    let secret = read_admin_secret(chosen.partner_id)?;

    if !args.no_verify {
        eprintln!(
            "Checking the admin secret with Kaltura at {}…",
            chosen.service_url
        );
        let credentials = Credentials {
            partner_id: chosen.partner_id,
            secret: secret.clone(),
            service_url: chosen.service_url.clone(),
        };
        KalturaClient::new(credentials, ClientOptions::default())?
            .test_connection(cancel)
            .await?;
    }
    let changed = book.sign_in(
        chosen.partner_id,
        &chosen.service_url,
        args.name.as_deref(),
        &secret,
    )?;
    if let Some(notice) = &changed.notice {
        eprintln!("{notice}");
    }
    eprintln!(
        "Saved the admin secret for partner {} at {} in the system keychain. \"{}\" is now the default account.",
        chosen.partner_id, chosen.service_url, changed.value.name
    );
    Ok(exit_code::OK)
}

pub fn logout(args: &AccountArgs) -> Result<u8, Error> {
    let book = account_book()?;
    let chosen = account_choice::require(args, &book.list()?)?;
    let changed = book.sign_out(chosen.partner_id, &chosen.service_url)?;
    if let Some(notice) = &changed.notice {
        eprintln!("{notice}");
    }
    eprintln!(
        "Deleted the admin secret for partner {} at {} from the system keychain.",
        chosen.partner_id, chosen.service_url
    );
    Ok(exit_code::OK)
}
