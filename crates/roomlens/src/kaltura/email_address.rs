//! An e-mail address typed by a person, checked for the usual `name@example.com` form before
//! Kaltura is asked to send anything there, with a plain sentence saying what to fix. It does not
//! check that the address exists or accepts mail, and it never repeats the address in a message.

use crate::error::{Error, ErrorCode};

/// The longest address mail systems carry (RFC 5321's path limit less its brackets).
const MAX_ADDRESS: usize = 254;
/// The longest part before the `@`.
const MAX_LOCAL_PART: usize = 64;
/// The longest part of a domain between dots.
const MAX_LABEL: usize = 63;

const ASK: &str = "Type the e-mail address the report should go to, such as name@example.com.";

fn refuse(problem: &str) -> Error {
    Error::new(ErrorCode::InvalidInput, format!("{problem} {ASK}"))
}

/// `typed` without surrounding spaces, if it has the usual form of one e-mail address.
pub(crate) fn checked_email_address(typed: &str) -> Result<String, Error> {
    let address = typed.trim();
    if address.is_empty() {
        return Err(Error::new(ErrorCode::InvalidInput, ASK));
    }
    if address.chars().count() > MAX_ADDRESS {
        return Err(refuse(
            "That e-mail address is longer than any real one (254 characters at most).",
        ));
    }
    let ats = address.matches('@').count();
    if ats == 0 {
        return Err(refuse(
            "The e-mail address needs an @ between the name and the domain.",
        ));
    }
    if ats > 1 || address.contains([',', ';']) {
        return Err(refuse("Reports go to one e-mail address at a time."));
    }
    if address.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(refuse("An e-mail address has no spaces in it."));
    }
    let (local, domain) = address.split_once('@').unwrap_or((address, ""));
    if local.is_empty() {
        return Err(refuse("The e-mail address needs a name before the @."));
    }
    if !is_local_part(local) {
        return Err(refuse(
            "The part before the @ is not how e-mail addresses are written.",
        ));
    }
    if !is_domain(domain) {
        return Err(refuse(
            "The part after the @ must be a domain, such as example.com.",
        ));
    }
    Ok(address.to_owned())
}

/// Letters, digits and the usual `.!#$%&'*+-/=?^_`{|}~` marks, without a dot at either end or
/// two dots in a row. (Quoted local parts are legal but so rare that they are refused.)
fn is_local_part(local: &str) -> bool {
    local.chars().count() <= MAX_LOCAL_PART
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c))
}

/// Two or more dot-separated labels of letters, digits and inner hyphens; the last one is not
/// all digits and has at least two characters.
fn is_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    let last = labels.last().copied().unwrap_or("");
    labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.chars().count() <= MAX_LABEL
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && last.chars().count() >= 2
        && !last.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usual_addresses_pass_trimmed() {
        for (typed, kept) in [
            ("ann@example.com", "ann@example.com"),
            (
                "  Ann.Lee+rooms@mail.example.co.uk \n",
                "Ann.Lee+rooms@mail.example.co.uk",
            ),
            ("o'brien@example.ie", "o'brien@example.ie"),
            ("jörg@bücher.de", "jörg@bücher.de"),
            ("x@xn--bcher-kva.de", "x@xn--bcher-kva.de"),
        ] {
            assert_eq!(checked_email_address(typed).unwrap(), kept);
        }
    }

    #[test]
    fn an_empty_box_asks_for_the_address() {
        for typed in ["", "   ", "\t\n"] {
            let error = checked_email_address(typed).unwrap_err();
            assert_eq!(error.code, ErrorCode::InvalidInput);
            assert_eq!(
                error.message,
                "Type the e-mail address the report should go to, such as name@example.com."
            );
        }
    }

    #[test]
    fn malformed_addresses_say_what_to_fix_without_repeating_them() {
        let cases = [
            ("ann.example.com", "needs an @"),
            ("ann@example.com, bob@example.com", "one e-mail address"),
            ("ann@example.com;bob@example.com", "one e-mail address"),
            ("ann@@example.com", "one e-mail address"),
            ("ann lee@example.com", "no spaces"),
            ("ann@exa\u{7}mple.com", "no spaces"),
            ("@example.com", "name before the @"),
            (".ann@example.com", "before the @"),
            ("ann..lee@example.com", "before the @"),
            ("ann(x)@example.com", "before the @"),
            ("ann@", "must be a domain"),
            ("ann@localhost", "must be a domain"),
            ("ann@example.", "must be a domain"),
            ("ann@-example.com", "must be a domain"),
            ("ann@exa_mple.com", "must be a domain"),
            ("ann@10.0.0.1", "must be a domain"),
            ("ann@example.c", "must be a domain"),
        ];
        for (typed, expected) in cases {
            let error = checked_email_address(typed).unwrap_err();
            assert_eq!(error.code, ErrorCode::InvalidInput, "{typed:?}");
            assert!(
                error.message.contains(expected),
                "{typed:?}: {}",
                error.message
            );
            assert!(error.message.ends_with("such as name@example.com."));
            if !ASK.contains(typed.trim()) {
                assert!(!error.message.contains(typed.trim()), "{typed:?}");
            }
        }
        let long = format!("{}@example.com", "a".repeat(250));
        assert!(checked_email_address(&long)
            .unwrap_err()
            .message
            .contains("254 characters"));
        let long_local = format!("{}@example.com", "a".repeat(65));
        assert!(checked_email_address(&long_local).is_err());
    }
}
