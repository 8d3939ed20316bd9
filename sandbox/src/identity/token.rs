//! Host-signed identity tokens: `v1.<payload>.<signature>`, where the payload is the
//! base64url (no padding) JSON of [`Claims`] and the signature is the base64url HMAC-SHA256
//! of `v1.<payload>` under the host's key. Tokens are secrets: never logged, never echoed.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::digest::KeyInit;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use thiserror::Error;

use super::HostKeys;

type HmacSha256 = Hmac<Sha256>;

/// The version prefix of every token.
pub const VERSION: &str = "v1";

/// How far in the future `iat` may be (clock skew), in seconds.
pub const MAX_SKEW_S: i64 = 60;

/// The longest a token may live (`exp - iat`), in seconds: a day.
pub const MAX_LIFETIME_S: i64 = 86_400;

/// What a host asserts about its signed-in user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claims {
    /// The signing host, e.g. `wallet`.
    pub host: String,
    /// The host's opaque user id.
    pub sub: String,
    /// Issued at, seconds since the epoch.
    pub iat: i64,
    /// Expires at, seconds since the epoch.
    pub exp: i64,
    /// Attributes the user consented to share (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attrs: Option<Map<String, Value>>,
}

/// Why a token was refused. Messages are fixed: they never contain the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum TokenError {
    /// Not `v1.<payload>.<signature>` with a readable payload.
    #[error("the identity token is malformed")]
    Malformed,
    /// The payload names a host with no key here.
    #[error("the identity token names an unknown host")]
    UnknownHost,
    /// The signature does not match the host's key.
    #[error("the identity token signature is invalid")]
    BadSignature,
    /// `exp` is past.
    #[error("the identity token has expired")]
    Expired,
    /// `iat` is more than 60 s in the future.
    #[error("the identity token is not yet valid")]
    NotYetValid,
    /// `exp - iat` is more than [`MAX_LIFETIME_S`].
    #[error(
        "the identity token lives longer than 86400 s (`exp - iat`); sign tokens for a day at most"
    )]
    TooLong,
}

impl TokenError {
    /// The platform error code: `invalid_token`, `expired_token`, `unknown_host` or
    /// `token_lifetime_too_long`.
    pub fn code(self) -> &'static str {
        match self {
            TokenError::Expired => "expired_token",
            TokenError::TooLong => "token_lifetime_too_long",
            TokenError::UnknownHost => "unknown_host",
            TokenError::Malformed | TokenError::BadSignature | TokenError::NotYetValid => {
                "invalid_token"
            }
        }
    }
}

fn mac(key: &[u8], signed: &str) -> HmacSha256 {
    // RFC 2104's key block, built here so construction cannot fail: a key longer than the
    // 64-byte block is hashed first, a shorter one zero-padded (what `new_from_slice` does).
    let mut block = [0u8; 64];
    if key.len() > block.len() {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let mut mac = <HmacSha256 as KeyInit>::new(&block.into());
    mac.update(signed.as_bytes());
    mac
}

/// Signs `claims` as host `host` (which replaces `claims.host`) with `key`.
pub fn sign(host: &str, key: &[u8], claims: &Claims) -> String {
    let claims = Claims { host: host.to_string(), ..claims.clone() };
    // Strings, integers and an optional JSON object: serializing cannot fail; were it to, the
    // empty payload makes a token `verify` refuses as malformed.
    let json = serde_json::to_vec(&claims).unwrap_or_default();
    let signed = format!("{VERSION}.{}", URL_SAFE_NO_PAD.encode(json));
    let signature = URL_SAFE_NO_PAD.encode(mac(key, &signed).finalize().into_bytes());
    format!("{signed}.{signature}")
}

/// Verifies `token` against the host keys at `now` (seconds since the epoch).
pub fn verify(token: &str, keys: &HostKeys, now: i64) -> Result<Claims, TokenError> {
    let mut parts = token.split('.');
    let (Some(version), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(TokenError::Malformed);
    };
    if version != VERSION || payload.is_empty() || signature.is_empty() {
        return Err(TokenError::Malformed);
    }
    let json = URL_SAFE_NO_PAD.decode(payload).map_err(|_| TokenError::Malformed)?;
    let signature = URL_SAFE_NO_PAD.decode(signature).map_err(|_| TokenError::Malformed)?;
    let claims: Claims = serde_json::from_slice(&json).map_err(|_| TokenError::Malformed)?;
    if claims.sub.is_empty() || claims.host.is_empty() {
        return Err(TokenError::Malformed);
    }
    let key = keys.get(&claims.host).ok_or(TokenError::UnknownHost)?;
    let signed = &token[..VERSION.len() + 1 + payload.len()];
    mac(key, signed).verify_slice(&signature).map_err(|_| TokenError::BadSignature)?;
    if claims.iat > now.saturating_add(MAX_SKEW_S) {
        return Err(TokenError::NotYetValid);
    }
    if claims.exp.saturating_sub(claims.iat) > MAX_LIFETIME_S {
        return Err(TokenError::TooLong);
    }
    if claims.exp <= now {
        return Err(TokenError::Expired);
    }
    Ok(claims)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_key_block_is_hmacs_own_for_short_and_long_keys() {
        for key in [&b"k"[..], &[7u8; 64][..], &[9u8; 200][..]] {
            let mut reference = <HmacSha256 as Mac>::new_from_slice(key).unwrap();
            reference.update(b"v1.payload");
            assert_eq!(
                mac(key, "v1.payload").finalize().into_bytes(),
                reference.finalize().into_bytes()
            );
        }
    }

    use super::*;

    const NOW: i64 = 1_900_000_000;

    fn keys() -> HostKeys {
        HostKeys::dev()
    }

    fn key(host: &str) -> Vec<u8> {
        keys().get(host).expect("dev key").to_vec()
    }

    fn claims(sub: &str) -> Claims {
        Claims { host: "wallet".into(), sub: sub.into(), iat: NOW, exp: NOW + 600, attrs: None }
    }

    #[test]
    fn round_trip() {
        let mut c = claims("u-1");
        let mut attrs = Map::new();
        attrs.insert("name".into(), Value::String("张三".into()));
        c.attrs = Some(attrs);
        let token = sign("wallet", &key("wallet"), &c);
        assert!(token.starts_with("v1.") && !token.contains('='));
        assert_eq!(verify(&token, &keys(), NOW), Ok(c));
    }

    #[test]
    fn malformed() {
        let good = sign("wallet", &key("wallet"), &claims("u-1"));
        let (signed, sig) = good.rsplit_once('.').expect("dot");
        for bad in [
            "",
            "v1",
            "v1..",
            "v2.e30.AAAA",
            "v1.!!!.AAAA",
            "v1.e30.AAAA",
            &format!("{good}.x"),
            &format!("{signed}.{sig}=="),
        ] {
            assert_eq!(verify(bad, &keys(), NOW), Err(TokenError::Malformed), "{bad}");
        }
        assert_eq!(TokenError::Malformed.code(), "invalid_token");
    }

    #[test]
    fn unknown_host() {
        let token = sign("bank", &key("wallet"), &claims("u-1"));
        assert_eq!(verify(&token, &keys(), NOW), Err(TokenError::UnknownHost));
        assert_eq!(TokenError::UnknownHost.code(), "unknown_host");
    }

    #[test]
    fn bad_signature() {
        let other_key = sign("wallet", &key("microblog"), &claims("u-1"));
        assert_eq!(verify(&other_key, &keys(), NOW), Err(TokenError::BadSignature));
        let good = sign("wallet", &key("wallet"), &claims("u-1"));
        let forged_payload = sign("wallet", &key("wallet"), &claims("u-2"));
        let (_, sig) = good.rsplit_once('.').expect("dot");
        let (signed, _) = forged_payload.rsplit_once('.').expect("dot");
        let spliced = format!("{signed}.{sig}");
        assert_eq!(verify(&spliced, &keys(), NOW), Err(TokenError::BadSignature));
        assert_eq!(TokenError::BadSignature.code(), "invalid_token");
    }

    #[test]
    fn expired() {
        let token = sign("wallet", &key("wallet"), &claims("u-1"));
        assert_eq!(verify(&token, &keys(), NOW + 600), Err(TokenError::Expired));
        assert!(verify(&token, &keys(), NOW + 599).is_ok());
        assert_eq!(TokenError::Expired.code(), "expired_token");
    }

    #[test]
    fn too_long_lived() {
        let mut c = claims("u-1");
        c.exp = NOW + MAX_LIFETIME_S;
        assert!(verify(&sign("wallet", &key("wallet"), &c), &keys(), NOW).is_ok());
        c.exp += 1;
        let token = sign("wallet", &key("wallet"), &c);
        assert_eq!(verify(&token, &keys(), NOW), Err(TokenError::TooLong));
        assert_eq!(TokenError::TooLong.code(), "token_lifetime_too_long");
    }

    #[test]
    fn not_yet_valid() {
        let token = sign("wallet", &key("wallet"), &claims("u-1"));
        assert!(verify(&token, &keys(), NOW - 60).is_ok());
        assert_eq!(verify(&token, &keys(), NOW - 61), Err(TokenError::NotYetValid));
        assert_eq!(TokenError::NotYetValid.code(), "invalid_token");
    }
}
