//! The byte-level pieces of Kaltura's KS (docs/kaltura-wire-format.md §3.1, §3.3): PHP's strict
//! base64 decoding, AES-128-CBC with a zero IV and zero padding, and the key derived from an admin
//! secret. No KS fields are interpreted here; see `ks`.

use aes::cipher::generic_array::GenericArray;
use aes::cipher::{BlockDecrypt, BlockEncrypt, KeyInit};
use aes::Aes128;
use sha1::{Digest, Sha1};

pub fn sha1_bytes(data: &[u8]) -> [u8; 20] {
    let mut hasher = Sha1::new();
    hasher.update(data);
    hasher.finalize().into()
}

pub fn sha1_hex(data: &[u8]) -> String {
    sha1_bytes(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// AES key = the first 16 bytes of the binary SHA-1 of the secret.
fn aes_for_secret(secret: &str) -> Aes128 {
    let digest = sha1_bytes(secret.as_bytes());
    let mut key = [0u8; 16];
    key.copy_from_slice(&digest[..16]);
    Aes128::new(GenericArray::from_slice(&key))
}

/// AES-128-CBC, zero IV, input zero-padded to a multiple of 16 (none added when already aligned).
pub fn encrypt_zero_padded(secret: &str, plain: &[u8]) -> Vec<u8> {
    let cipher = aes_for_secret(secret);
    let mut data = plain.to_vec();
    while !data.len().is_multiple_of(16) {
        data.push(0);
    }
    let mut prev = [0u8; 16];
    for chunk in data.chunks_mut(16) {
        for (b, p) in chunk.iter_mut().zip(prev.iter()) {
            *b ^= p;
        }
        let block = GenericArray::from_mut_slice(chunk);
        cipher.encrypt_block(block);
        prev.copy_from_slice(chunk);
    }
    data
}

/// The inverse of [`encrypt_zero_padded`]; `None` when the length is not a multiple of 16.
/// Padding is left in place (the caller strips trailing zeros as the server does).
pub fn decrypt_zero_iv(secret: &str, cipher_text: &[u8]) -> Option<Vec<u8>> {
    if cipher_text.is_empty() || !cipher_text.len().is_multiple_of(16) {
        return None;
    }
    let cipher = aes_for_secret(secret);
    let mut out = cipher_text.to_vec();
    let mut prev = [0u8; 16];
    for chunk in out.chunks_mut(16) {
        let mut this = [0u8; 16];
        this.copy_from_slice(chunk);
        cipher.decrypt_block(GenericArray::from_mut_slice(chunk));
        for (b, p) in chunk.iter_mut().zip(prev.iter()) {
            *b ^= p;
        }
        prev = this;
    }
    Some(out)
}

/// PHP `base64_decode($s, true)`: whitespace is skipped, any other character outside the alphabet
/// fails, nothing may follow `=` padding, at most two `=`, and missing padding is accepted.
pub fn php_strict_base64(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    let mut count = 0usize;
    let mut padding = 0usize;
    for &c in s.as_bytes() {
        if c == b'=' {
            padding += 1;
            continue;
        }
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b' ' | b'\t' | b'\r' | b'\n' => continue,
            _ => return None,
        };
        if padding > 0 {
            return None;
        }
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        count += 1;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xFF) as u8);
        }
    }
    if count % 4 == 1 {
        return None;
    }
    if padding > 0 && (padding > 2 || !(count + padding).is_multiple_of(4)) {
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    #[test]
    fn key_matches_the_reference() {
        let digest = sha1_bytes(b"abcdef0123456789abcdef0123456789");
        let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, "47784580758b20256793a484ce89c74d");
    }

    #[test]
    fn cbc_round_trips() {
        let plain = b"hello world, this is longer than one block";
        let c = encrypt_zero_padded("secret", plain);
        assert_eq!(c.len(), 48);
        let p = decrypt_zero_iv("secret", &c).unwrap();
        assert_eq!(&p[..plain.len()], plain);
        assert!(p[plain.len()..].iter().all(|b| *b == 0));
        assert!(decrypt_zero_iv("secret", &c[..47]).is_none());
    }

    #[test]
    fn strict_base64_follows_php() {
        let e = base64::engine::general_purpose::STANDARD;
        for data in [&b""[..], b"a", b"ab", b"abc", b"abcd", b"\xff\x00\x10"] {
            let enc = e.encode(data);
            assert_eq!(php_strict_base64(&enc).unwrap(), data);
            assert_eq!(php_strict_base64(enc.trim_end_matches('=')).unwrap(), data);
        }
        assert!(php_strict_base64("ab$c").is_none());
        assert!(php_strict_base64("abcde").is_none());
        assert!(php_strict_base64("YQ==YQ").is_none());
        assert!(php_strict_base64("YQ===").is_none());
        assert_eq!(php_strict_base64("Y Q = =").unwrap(), b"a");
    }
}
