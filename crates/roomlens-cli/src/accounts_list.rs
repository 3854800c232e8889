//! `roomlens accounts`: the saved accounts, one per line for people or as JSON for scripts
//! (`--json`: name, partner_id and service_url of each). It never reads or prints a secret and
//! changes nothing; `login` and `logout` do.

use crate::args::AccountsArgs;
use crate::exit_code;
use crate::login::account_book;
use roomlens::accounts::{Account, AccountStore};
use roomlens::{Error, ErrorCode};
use serde::Serialize;

/// One account as `--json` prints it.
#[derive(Serialize)]
struct ListedAccount<'a> {
    name: &'a str,
    partner_id: i64,
    service_url: &'a str,
    default: bool,
}

pub fn accounts(args: &AccountsArgs) -> Result<u8, Error> {
    let store = account_book()?.list()?;
    let text = if args.json {
        as_json(&store)?
    } else {
        as_text(&store)
    };
    println!("{text}");
    Ok(exit_code::OK)
}

fn is_default(store: &AccountStore, account: &Account) -> bool {
    store.selected_account().is_some_and(|a| a.id == account.id)
}

fn as_json(store: &AccountStore) -> Result<String, Error> {
    let listed: Vec<ListedAccount<'_>> = store
        .accounts
        .iter()
        .map(|a| ListedAccount {
            name: &a.name,
            partner_id: a.partner_id,
            service_url: &a.service_url,
            default: is_default(store, a),
        })
        .collect();
    serde_json::to_string_pretty(&listed).map_err(|e| {
        Error::new(
            ErrorCode::Internal,
            "Roomlens could not write the list of accounts.",
        )
        .with_detail(e.to_string())
    })
}

fn as_text(store: &AccountStore) -> String {
    if store.accounts.is_empty() {
        return "No Kaltura account is saved. Add one with `roomlens login --partner-id <N>`."
            .to_owned();
    }
    let name_width = store
        .accounts
        .iter()
        .map(|a| a.name.chars().count())
        .max()
        .unwrap_or(0)
        .max(4);
    let mut lines = vec![format!(
        "  {:<name_width$}  {:>10}  SERVICE URL",
        "NAME", "PARTNER"
    )];
    for account in &store.accounts {
        let mark = if is_default(store, account) { "*" } else { " " };
        lines.push(format!(
            "{mark} {:<name_width$}  {:>10}  {}",
            account.name, account.partner_id, account.service_url
        ));
    }
    lines.push("(* the default account, used when a command names none)".to_owned());
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use roomlens::kaltura::ServiceUrl;

    fn store() -> AccountStore {
        let mut store = AccountStore::default();
        let eu = store.add("Acme EU", 12345, &ServiceUrl::eu()).unwrap();
        store.add("Acme \"US\"", 777, &ServiceUrl::us()).unwrap();
        store.select(&eu.id).unwrap();
        store
    }

    #[test]
    fn json_lists_name_partner_and_service_url_of_each() {
        let json: serde_json::Value = serde_json::from_str(&as_json(&store()).unwrap()).unwrap();
        assert_eq!(
            json,
            serde_json::json!([
                { "name": "Acme EU", "partner_id": 12345, "service_url": ServiceUrl::eu().as_str(), "default": true },
                { "name": "Acme \"US\"", "partner_id": 777, "service_url": ServiceUrl::us().as_str(), "default": false },
            ])
        );
        assert_eq!(as_json(&AccountStore::default()).unwrap(), "[]");
    }

    #[test]
    fn text_marks_the_default_and_says_when_there_is_none() {
        let text = as_text(&store());
        assert!(
            text.lines().nth(1).unwrap().starts_with("* Acme EU"),
            "{text}"
        );
        assert!(text.contains("777"));
        assert!(as_text(&AccountStore::default()).contains("roomlens login"));
    }
}
