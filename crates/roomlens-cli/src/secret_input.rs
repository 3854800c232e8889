//! Reading the admin secret for `roomlens login`: from a prompt that does not echo when standard
//! input is a terminal, otherwise from standard input (piped from a password manager or a file).
//! Never from a command-line argument, and never written back anywhere.

use roomlens::secret::AdminSecret;
use roomlens::{Error, ErrorCode};
use std::io::{IsTerminal, Read};

pub fn read_admin_secret(partner_id: i64) -> Result<AdminSecret, Error> {
    let stdin = std::io::stdin();
    let text = if stdin.is_terminal() {
        rpassword::prompt_password(format!(
            "Admin secret for partner {partner_id} (not shown): "
        ))
        .map_err(|e| unreadable().with_detail(e.to_string()))?
    } else {
        let mut text = String::new();
        stdin
            .lock()
            .read_to_string(&mut text)
            .map_err(|e| unreadable().with_detail(e.to_string()))?;
        text
    };
    let secret = AdminSecret::new(text).ok_or_else(|| {
        Error::new(
            ErrorCode::InvalidInput,
            "No admin secret was given. Type it at the prompt, or pipe it on standard input.",
        )
    })?;
    if secret.expose_str().contains(char::is_whitespace) {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            "The admin secret must be one line without spaces. Copy it again from KMC → Settings → Integration Settings.",
        ));
    }
    Ok(secret)
}

fn unreadable() -> Error {
    Error::new(
        ErrorCode::InvalidInput,
        "Roomlens could not read the admin secret from the terminal or standard input.",
    )
}
