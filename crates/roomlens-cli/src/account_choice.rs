//! Which Kaltura account a command means, from `--partner-id`, `--region`/`--service-url` and the
//! saved accounts, and where its admin secret comes from (`ROOMLENS_ADMIN_SECRET`, else the
//! keychain). It does not talk to Kaltura and never prints the secret.

use crate::args::{AccountArgs, RegionArg};
use roomlens::accounts::AccountStore;
use roomlens::kaltura::{Credentials, ServiceUrl};
use roomlens::secret::AdminSecret;
use roomlens::{keychain, Error, ErrorCode};

/// The environment variable scripts use to pass the admin secret instead of the keychain.
pub const SECRET_ENV: &str = "ROOMLENS_ADMIN_SECRET";

/// A partner on a service.
#[derive(Debug, Clone)]
pub struct ChosenAccount {
    pub partner_id: i64,
    pub service_url: ServiceUrl,
}

/// The service URL the options name, if they name one.
fn explicit_service_url(args: &AccountArgs) -> Result<Option<ServiceUrl>, Error> {
    match (&args.service_url, args.region) {
        (Some(url), _) => ServiceUrl::parse(url).map(Some),
        (None, Some(RegionArg::Us)) => Ok(Some(ServiceUrl::us())),
        (None, Some(RegionArg::Eu)) => Ok(Some(ServiceUrl::eu())),
        (None, None) => Ok(None),
    }
}

/// The account the options name. With `--partner-id`, the service URL is the one given, else that
/// of a saved account of this partner, else the US region. Without it, the saved account is used
/// (the one `roomlens login` selected, or the only one); `None` when there is none.
pub fn choose(args: &AccountArgs, store: &AccountStore) -> Result<Option<ChosenAccount>, Error> {
    let explicit = explicit_service_url(args)?;
    let (partner_id, service_url) = match (args.partner_id, explicit) {
        (Some(partner_id), Some(url)) => (partner_id, url),
        (Some(partner_id), None) => {
            let selected = store
                .selected_account()
                .filter(|a| a.partner_id == partner_id);
            let saved =
                selected.or_else(|| store.accounts.iter().find(|a| a.partner_id == partner_id));
            match saved {
                Some(account) => (partner_id, account.checked_service_url()?),
                None => (partner_id, ServiceUrl::us()),
            }
        }
        (None, explicit) => match store.selected_account() {
            Some(account) => match explicit {
                Some(url) => (account.partner_id, url),
                None => (account.partner_id, account.checked_service_url()?),
            },
            None => return Ok(None),
        },
    };
    Ok(Some(ChosenAccount {
        partner_id,
        service_url,
    }))
}

/// Like `choose`, but an account is required.
pub fn require(args: &AccountArgs, store: &AccountStore) -> Result<ChosenAccount, Error> {
    choose(args, store)?.ok_or_else(|| {
        Error::new(
            ErrorCode::InvalidInput,
            if store.accounts.is_empty() {
                "No Kaltura account is saved. Run `roomlens login --partner-id <N>` first, or give --partner-id."
            } else {
                "Several Kaltura accounts are saved. Say which one with --partner-id (and --region or --service-url)."
            },
        )
    })
}

/// The credentials for an account: the secret from `ROOMLENS_ADMIN_SECRET` when set, otherwise
/// from the keychain.
pub fn credentials(account: &ChosenAccount) -> Result<Credentials, Error> {
    let secret = match std::env::var(SECRET_ENV) {
        Ok(text) => AdminSecret::new(text).ok_or_else(|| {
            Error::new(ErrorCode::InvalidInput, format!("{SECRET_ENV} is set but empty. Put the admin secret in it, or unset it to use the keychain."))
        })?,
        Err(_) => keychain::load_secret(account.partner_id, &account.service_url).map_err(|e| {
            if e.code == ErrorCode::SecretNotFound {
                Error::new(
                    ErrorCode::SecretNotFound,
                    format!(
                        "No admin secret is saved for partner {} at {}. Run `roomlens login --partner-id {}`, or set {SECRET_ENV}.",
                        account.partner_id, account.service_url, account.partner_id
                    ),
                )
            } else {
                e
            }
        })?,
    };
    Ok(Credentials {
        partner_id: account.partner_id,
        secret,
        service_url: account.service_url.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(
        partner_id: Option<i64>,
        region: Option<RegionArg>,
        service_url: Option<&str>,
    ) -> AccountArgs {
        AccountArgs {
            partner_id,
            region,
            service_url: service_url.map(str::to_owned),
        }
    }

    #[test]
    fn nothing_saved_and_nothing_given_is_none() {
        let store = AccountStore::default();
        assert!(choose(&args(None, None, None), &store).unwrap().is_none());
        assert!(require(&args(None, None, None), &store)
            .unwrap_err()
            .message
            .contains("roomlens login"));
    }

    #[test]
    fn partner_alone_defaults_to_us_or_its_saved_service() {
        let mut store = AccountStore::default();
        let chosen = choose(&args(Some(7), None, None), &store).unwrap().unwrap();
        assert_eq!(chosen.service_url, ServiceUrl::us());
        store.add("EU", 7, &ServiceUrl::eu()).unwrap();
        let chosen = choose(&args(Some(7), None, None), &store).unwrap().unwrap();
        assert_eq!(chosen.service_url, ServiceUrl::eu());
    }

    #[test]
    fn saved_selection_is_used_and_region_overrides() {
        let mut store = AccountStore::default();
        let a = store.add("A", 1, &ServiceUrl::us()).unwrap();
        store.add("B", 2, &ServiceUrl::eu()).unwrap();
        assert!(choose(&args(None, None, None), &store).unwrap().is_none());
        store.select(&a.id).unwrap();
        let chosen = choose(&args(None, None, None), &store).unwrap().unwrap();
        assert_eq!(
            (chosen.partner_id, chosen.service_url.as_str()),
            (1, "https://www.kaltura.com")
        );
        let chosen = choose(&args(None, Some(RegionArg::Eu), None), &store)
            .unwrap()
            .unwrap();
        assert_eq!(chosen.service_url, ServiceUrl::eu());
        let chosen = choose(&args(Some(2), None, Some("http://127.0.0.1:9/")), &store)
            .unwrap()
            .unwrap();
        assert_eq!(chosen.service_url.as_str(), "http://127.0.0.1:9");
    }

    #[test]
    fn bad_service_url_is_an_error() {
        let e = choose(
            &args(Some(1), None, Some("http://example.com")),
            &AccountStore::default(),
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidServiceUrl);
    }
}
