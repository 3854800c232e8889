//! Kaltura Session strings: signing (v1 and v2, for `session.start` and tests) and validating them
//! the way `kSessionBase::parseKS` does (docs/kaltura-wire-format.md §3.1, §3.3), against a
//! partner's list of admin secrets. Expiry is NOT judged here: the dispatcher checks it later, as
//! the server does (§4.2 step 7).

use crate::ks_crypto::{
    decrypt_zero_iv, encrypt_zero_padded, php_strict_base64, sha1_bytes, sha1_hex,
};
use base64::Engine;

/// The fields of a KS that passed its signature check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidKs {
    pub partner_id: i64,
    pub valid_until: i64,
    pub ks_type: i64,
    pub user_id: String,
    /// Privilege items as `name` or `name:value`, in KS order.
    pub privileges: Vec<String>,
}

impl ValidKs {
    /// Admin means type >= 1, as on the server.
    pub fn is_admin(&self) -> bool {
        self.ks_type >= 1
    }

    pub fn has_privilege(&self, item: &str) -> bool {
        self.privileges.iter().any(|p| p == item)
    }
}

/// Why a KS failed at the decoding/signature step (all map to INVALID_KS with the KS as KSID).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KsRejection {
    NotBase64,
    Malformed,
    UnknownPartner,
    BadSignature,
}

/// Decodes and checks a KS. `secrets_of` gives the admin secrets of a partner id (primary first),
/// or `None` when the partner does not exist.
pub fn validate<'a>(
    ks: &str,
    secrets_of: impl Fn(i64) -> Option<&'a [String]>,
) -> Result<ValidKs, KsRejection> {
    let normalised: String = ks
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    let decoded = php_strict_base64(&normalised).ok_or(KsRejection::NotBase64)?;
    if decoded.starts_with(b"v2|") {
        validate_v2(&decoded, secrets_of)
    } else {
        validate_v1(&decoded, secrets_of)
    }
}

fn validate_v2<'a>(
    decoded: &[u8],
    secrets_of: impl Fn(i64) -> Option<&'a [String]>,
) -> Result<ValidKs, KsRejection> {
    let rest = decoded.get(3..).ok_or(KsRejection::Malformed)?;
    let bar = rest
        .iter()
        .position(|b| *b == b'|')
        .ok_or(KsRejection::Malformed)?;
    let pid_text = std::str::from_utf8(rest.get(..bar).ok_or(KsRejection::Malformed)?)
        .map_err(|_| KsRejection::Malformed)?;
    let partner_id: i64 = pid_text.parse().map_err(|_| KsRejection::UnknownPartner)?;
    let cipher_text = rest.get(bar + 1..).ok_or(KsRejection::Malformed)?;
    let secrets = secrets_of(partner_id).ok_or(KsRejection::UnknownPartner)?;
    for secret in secrets {
        let Some(mut plain) = decrypt_zero_iv(secret, cipher_text) else {
            continue;
        };
        while plain.last() == Some(&0) {
            plain.pop();
        }
        if plain.len() < 20 {
            continue;
        }
        let (hash, body) = plain.split_at(20);
        if sha1_bytes(body) != hash {
            continue;
        }
        let fields = body.get(16..).unwrap_or(&[]);
        return Ok(fields_to_ks(partner_id, fields));
    }
    Err(KsRejection::BadSignature)
}

fn fields_to_ks(partner_id: i64, fields: &[u8]) -> ValidKs {
    let mut ks = ValidKs {
        partner_id,
        valid_until: 0,
        ks_type: 0,
        user_id: String::new(),
        privileges: Vec::new(),
    };
    let text = String::from_utf8_lossy(fields);
    for (key, value) in crate::params::parse_urlencoded(&text) {
        match key.as_str() {
            "_e" => ks.valid_until = crate::php_format::php_int_cast(&value),
            "_t" => ks.ks_type = crate::php_format::php_int_cast(&value),
            "_u" => ks.user_id = value,
            "_m" | "_d" => {}
            _ if value.is_empty() => ks.privileges.push(key),
            _ => ks.privileges.push(format!("{key}:{value}")),
        }
    }
    ks
}

fn validate_v1<'a>(
    decoded: &[u8],
    secrets_of: impl Fn(i64) -> Option<&'a [String]>,
) -> Result<ValidKs, KsRejection> {
    let text = std::str::from_utf8(decoded).map_err(|_| KsRejection::Malformed)?;
    let (hash, info) = text.split_once('|').ok_or(KsRejection::Malformed)?;
    let parts: Vec<&str> = info.split(';').collect();
    if parts.len() < 3 {
        return Err(KsRejection::Malformed);
    }
    let partner_id: i64 = parts
        .first()
        .and_then(|p| p.parse().ok())
        .ok_or(KsRejection::UnknownPartner)?;
    let secrets = secrets_of(partner_id).ok_or(KsRejection::UnknownPartner)?;
    let signed = secrets
        .iter()
        .any(|s| sha1_hex(format!("{s}{info}").as_bytes()) == hash);
    if !signed {
        return Err(KsRejection::BadSignature);
    }
    let part = |i: usize| parts.get(i).copied().unwrap_or("");
    Ok(ValidKs {
        partner_id,
        valid_until: crate::php_format::php_int_cast(part(2)),
        ks_type: crate::php_format::php_int_cast(part(3)),
        user_id: part(5).to_string(),
        privileges: part(6)
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect(),
    })
}

/// The inputs of a new KS.
#[derive(Debug, Clone)]
pub struct KsSpec<'a> {
    pub partner_id: i64,
    pub secret: &'a str,
    pub ks_type: i64,
    pub user_id: &'a str,
    pub privileges: &'a str,
    pub valid_until: i64,
}

/// A v2 KS, built as Kaltura's clients build it, with the given 16 random bytes.
pub fn sign_v2(spec: &KsSpec<'_>, random: [u8; 16]) -> String {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for item in spec
        .privileges
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let item = if item == "*" { "all:*" } else { item };
        let (k, v) = item.split_once(':').unwrap_or((item, ""));
        match pairs.iter_mut().find(|(key, _)| key == k) {
            Some(existing) => existing.1 = v.to_string(),
            None => pairs.push((k.to_string(), v.to_string())),
        }
    }
    pairs.push(("_e".into(), spec.valid_until.to_string()));
    pairs.push(("_t".into(), spec.ks_type.to_string()));
    pairs.push(("_u".into(), spec.user_id.to_string()));
    let fields = pairs
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                crate::params::form_encode(k),
                crate::params::form_encode(v)
            )
        })
        .collect::<Vec<_>>()
        .join("&");
    let mut body = random.to_vec();
    body.extend_from_slice(fields.as_bytes());
    let mut plain = sha1_bytes(&body).to_vec();
    plain.extend_from_slice(&body);
    let mut raw = format!("v2|{}|", spec.partner_id).into_bytes();
    raw.extend_from_slice(&encrypt_zero_padded(spec.secret, &plain));
    base64::engine::general_purpose::STANDARD
        .encode(raw)
        .replace('+', "-")
        .replace('/', "_")
}

/// A v1 KS with the seven fields the Python client writes.
pub fn sign_v1(spec: &KsSpec<'_>, rand: u32) -> String {
    let info = format!(
        "{pid};{pid};{e};{t};{rand};{u};{p}",
        pid = spec.partner_id,
        e = spec.valid_until,
        t = spec.ks_type,
        u = spec.user_id,
        p = spec.privileges
    );
    let signature = sha1_hex(format!("{}{}", spec.secret, info).as_bytes());
    base64::engine::general_purpose::STANDARD.encode(format!("{signature}|{info}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "abcdef0123456789abcdef0123456789";
    const V2: &str = "djJ8MTIzNDV82NZPVKMssS_eVG50kxLnsf3qBJGhH7EWjAY7sQJgxObAkM61Yn11jIRxfJmwhBrwfK-vl2DMhoTzeDB3GEp9a7fKFtsx7JthCh1R7wxBD-U0r5YuSbagSS2LbusMLcCF";
    const V1: &str = "MmJiM2FjYzhjZmU0Zjk2NzEwOWQ3NjA3ZDI0ODI0ZTkxNzAxYTc2ZHwxMjM0NTsxMjM0NTsyMDAwMDAwMDAwOzI7MDthZG1pbjtkaXNhYmxlZW50aXRsZW1lbnQ=";

    fn spec() -> KsSpec<'static> {
        KsSpec {
            partner_id: 12345,
            secret: SECRET,
            ks_type: 2,
            user_id: "admin",
            privileges: "disableentitlement",
            valid_until: 2_000_000_000,
        }
    }

    fn secrets(list: &'static [String]) -> impl Fn(i64) -> Option<&'static [String]> {
        move |pid| (pid == 12345).then_some(list)
    }

    #[test]
    fn signing_reproduces_the_reference_vectors() {
        assert_eq!(sign_v2(&spec(), [0u8; 16]), V2);
        assert_eq!(sign_v1(&spec(), 0), V1);
    }

    #[test]
    fn reference_vectors_validate_with_the_secret_anywhere_in_the_list() {
        let list: &'static [String] =
            Box::leak(vec!["wrongsecret".to_string(), SECRET.to_string()].into_boxed_slice());
        let expected = ValidKs {
            partner_id: 12345,
            valid_until: 2_000_000_000,
            ks_type: 2,
            user_id: "admin".into(),
            privileges: vec!["disableentitlement".into()],
        };
        assert_eq!(validate(V2, secrets(list)).unwrap(), expected);
        assert_eq!(validate(V1, secrets(list)).unwrap(), expected);
    }

    #[test]
    fn wrong_secret_unknown_partner_and_garbage_are_rejected() {
        let wrong: &'static [String] =
            Box::leak(vec!["wrongsecret".to_string()].into_boxed_slice());
        assert_eq!(validate(V2, secrets(wrong)), Err(KsRejection::BadSignature));
        assert_eq!(validate(V1, secrets(wrong)), Err(KsRejection::BadSignature));
        assert_eq!(validate(V2, |_| None), Err(KsRejection::UnknownPartner));
        assert_eq!(
            validate("not base64!", secrets(wrong)),
            Err(KsRejection::NotBase64)
        );
        assert_eq!(
            validate("djJ8OTk5fA", secrets(wrong)),
            Err(KsRejection::UnknownPartner)
        );
    }

    #[test]
    fn user_ks_with_role_round_trips() {
        let list: &'static [String] = Box::leak(vec![SECRET.to_string()].into_boxed_slice());
        let s = KsSpec {
            ks_type: 0,
            user_id: "viewer",
            privileges: "setrole:REPORT_VIEWER_ROLE, sview:*",
            ..spec()
        };
        let ks = validate(&sign_v2(&s, [7; 16]), secrets(list)).unwrap();
        assert!(!ks.is_admin());
        assert!(ks.has_privilege("setrole:REPORT_VIEWER_ROLE"));
        assert_eq!(ks.user_id, "viewer");
        let ks1 = validate(&sign_v1(&s, 42), secrets(list)).unwrap();
        assert!(ks1.has_privilege("setrole:REPORT_VIEWER_ROLE"));
    }
}
