//! KS v2 signing done locally, byte for byte as Kaltura's own clients do it
//! (docs/kaltura-wire-format.md §3.1): privilege fields, then `_e`, `_t`, `_u`, hashed with 16
//! random bytes, AES-128-CBC with a zero IV and zero padding, base64url with `=` kept. It does not
//! call `session.start`, cache sessions or decide lifetimes; `session` does that.

use crate::secret::AdminSecret;
use aes::cipher::{BlockEncrypt, KeyInit};
use aes::Aes128;
use base64::Engine;
use sha1::{Digest, Sha1};

/// KS type for an admin session (`KalturaSessionType::ADMIN`).
pub const KS_TYPE_ADMIN: u8 = 2;

/// The privileges Roomlens asks for: reports ignore entitlement, the look-ups of entries and cue
/// points need it switched off (docs/kaltura-wire-format.md §3.2).
pub const ROOMLENS_PRIVILEGES: &str = "disableentitlement";

/// Signs a KS v2 for `partner_id` with the admin secret. `expiry_unix` is absolute Unix seconds;
/// `random` is the 16 random bytes R. Deterministic for fixed inputs (see the test vector in
/// docs/kaltura-wire-format.md §3.5).
pub fn sign_ks_v2(
    partner_id: i64,
    secret: &AdminSecret,
    user_id: &str,
    ks_type: u8,
    privileges: &str,
    expiry_unix: i64,
    random: [u8; 16],
) -> String {
    let fields = ks_fields(user_id, ks_type, privileges, expiry_unix);

    let mut hasher = Sha1::new();
    hasher.update(random);
    hasher.update(fields.as_bytes());
    let digest = hasher.finalize();

    let mut plain = Vec::with_capacity(20 + 16 + fields.len() + 16);
    plain.extend_from_slice(&digest);
    plain.extend_from_slice(&random);
    plain.extend_from_slice(fields.as_bytes());
    let cipher_text = aes128_cbc_zero(&aes_key(secret), plain);

    let mut framed = format!("v2|{partner_id}|").into_bytes();
    framed.extend_from_slice(&cipher_text);
    base64::engine::general_purpose::STANDARD
        .encode(framed)
        .replace('+', "-")
        .replace('/', "_")
}

/// The URL-encoded field string F: one entry per privilege (split on `,`, trimmed, empties
/// skipped, `*` → `all:*`, split at the first `:`, a repeated key overwriting the earlier one in
/// place), then `_e`, `_t`, `_u` (always written, even empty).
fn ks_fields(user_id: &str, ks_type: u8, privileges: &str, expiry_unix: i64) -> String {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for item in privileges
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let item = if item == "*" { "all:*" } else { item };
        let (key, value) = match item.split_once(':') {
            Some((k, v)) => (k.to_owned(), v.to_owned()),
            None => (item.to_owned(), String::new()),
        };
        match pairs.iter_mut().find(|(k, _)| *k == key) {
            Some(existing) => existing.1 = value,
            None => pairs.push((key, value)),
        }
    }
    for reserved in ["_e", "_t", "_u"] {
        pairs.retain(|(k, _)| k != reserved);
    }
    pairs.push(("_e".to_owned(), expiry_unix.to_string()));
    pairs.push(("_t".to_owned(), ks_type.to_string()));
    pairs.push(("_u".to_owned(), user_id.to_owned()));

    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", form_urlencode(k), form_urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// `application/x-www-form-urlencoded` encoding as PHP's `http_build_query` does it: letters,
/// digits and `-._` stay, a space becomes `+`, everything else is `%XX` (upper-case hex).
fn form_urlencode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => {
                out.push(char::from(byte))
            }
            b' ' => out.push('+'),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

/// AES key: the first 16 bytes of the binary SHA-1 of the secret.
fn aes_key(secret: &AdminSecret) -> [u8; 16] {
    let digest = Sha1::digest(secret.expose_bytes());
    let mut key = [0u8; 16];
    // SHA-1 digests are 20 bytes; the zip stops after the key's 16.
    for (k, d) in key.iter_mut().zip(digest.iter()) {
        *k = *d;
    }
    key
}

/// AES-128-CBC with a zero IV; the input is padded with zero bytes to a multiple of 16 (nothing
/// added when it already is one), as Kaltura's `KCryptoWrapper` does. No PKCS#7.
fn aes128_cbc_zero(key: &[u8; 16], mut data: Vec<u8>) -> Vec<u8> {
    let remainder = data.len() % 16;
    if remainder != 0 {
        data.resize(data.len() + 16 - remainder, 0);
    }
    let cipher = Aes128::new(key.into());
    let mut previous = [0u8; 16];
    for chunk in data.chunks_exact_mut(16) {
        for (byte, prev) in chunk.iter_mut().zip(previous.iter()) {
            *byte ^= prev;
        }
        let block = aes::Block::from_mut_slice(chunk);
        cipher.encrypt_block(block);
        previous.copy_from_slice(chunk);
    }
    data
}

/// 16 random bytes from the OS for R. Falls back to time-derived bytes only if the OS source
/// fails, which keeps signing possible; R is not a secret, it only makes each KS unique.
pub fn random_bytes() -> [u8; 16] {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        bytes = nanos.to_le_bytes();
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vector_secret() -> AdminSecret {
        AdminSecret::new("abcdef0123456789abcdef0123456789").unwrap()
    }

    #[test]
    fn matches_the_documented_test_vector_byte_for_byte() {
        let ks = sign_ks_v2(
            12345,
            &vector_secret(),
            "admin",
            2,
            "disableentitlement",
            2_000_000_000,
            [0u8; 16],
        );
        assert_eq!(
            ks,
            "djJ8MTIzNDV82NZPVKMssS_eVG50kxLnsf3qBJGhH7EWjAY7sQJgxObAkM61Yn11jIRxfJmwhBrwfK-vl2DMhoTzeDB3GEp9a7fKFtsx7JthCh1R7wxBD-U0r5YuSbagSS2LbusMLcCF"
        );
    }

    #[test]
    fn intermediate_values_match_the_document() {
        let fields = ks_fields("admin", 2, "disableentitlement", 2_000_000_000);
        assert_eq!(fields, "disableentitlement=&_e=2000000000&_t=2&_u=admin");
        assert_eq!(fields.len(), 47);
        let key = aes_key(&vector_secret());
        let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, "47784580758b20256793a484ce89c74d");
    }

    #[test]
    fn empty_user_is_still_written() {
        assert_eq!(
            ks_fields("", 2, "disableentitlement", 5),
            "disableentitlement=&_e=5&_t=2&_u="
        );
    }

    #[test]
    fn privileges_follow_the_server_rules() {
        let fields = ks_fields("a b", 0, " sview:1, *, ,sview:2,setrole:X:Y", 7);
        assert_eq!(fields, "sview=2&all=%2A&setrole=X%3AY&_e=7&_t=0&_u=a+b");
    }

    #[test]
    fn ciphertext_is_padded_to_whole_blocks_and_base64url_keeps_padding() {
        let ks = sign_ks_v2(1, &vector_secret(), "", 2, "", 1, [7u8; 16]);
        assert!(!ks.contains('+') && !ks.contains('/'));
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(ks.replace('-', "+").replace('_', "/"))
            .unwrap();
        assert!(decoded.starts_with(b"v2|1|"));
        assert_eq!((decoded.len() - b"v2|1|".len()) % 16, 0);
    }

    #[test]
    fn random_bytes_differ_between_calls() {
        assert_ne!(random_bytes(), random_bytes());
    }
}
