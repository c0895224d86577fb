//! Findings about the key as entered: algorithm confusion (key text or key bytes as an HMAC secret, a public key
//! for an HS token), weak secrets, private keys given to verify with, the leaf picked from a certificate chain,
//! and a token kid that no key has. Part of `findings`; pure.

use serde_json::Value;

use super::alg::{Alg, Family};
use super::certs::{PemKey, read_pem};
use super::decode::{Decoded, SegmentKind};
use super::findings::{Add, Severity};
use super::jwk::JwkEntry;
use super::keys::{KeyError, KeyInput, ParsedKey, PublicKey, parse_key, secret_bytes};
use super::verify::jwk_name;
use crate::i18n::Words;

/// Common weak HMAC secrets, written for this app (tutorial defaults and placeholders).
const WEAK_SECRETS: &[&str] = &[
    "secret",
    "password",
    "123456",
    "changeme",
    "your-256-bit-secret",
    "your-secret-key",
    "secretkey",
    "jwt_secret",
    "jwtsecret",
    "mysecret",
    "supersecret",
    "test",
    "key",
    "admin",
    "qwerty",
    "default",
    "shhhhh",
    "keyboard cat",
];

pub(super) fn key_findings(alg: Option<Alg>, key: &KeyInput, add: &mut Add<'_>) {
    let keys: Vec<PublicKey> = match key {
        KeyInput::Secret { text, encoding } => {
            secret_findings(alg, secret_bytes(text, *encoding), add);
            return;
        }
        KeyInput::Pem(text) => match read_pem(text) {
            Ok(PemKey { key, leaf }) => {
                if let Some(leaf) = leaf {
                    add(
                        Severity::Info,
                        "pem_chain_leaf",
                        words!("find.pem_chain_leaf")
                            .with("count", leaf.count)
                            .with("n", leaf.position)
                            .with("subject", &leaf.subject),
                        None,
                    );
                }
                vec![key]
            }
            Err(KeyError::PrivateKey) => {
                add(
                    Severity::Warning,
                    "private_key",
                    words!("find.private_key"),
                    None,
                );
                return;
            }
            Err(_) => return,
        },
        KeyInput::Jwk(_) => {
            let Ok(ParsedKey::Jwks(entries)) = parse_key(key) else {
                return;
            };
            jwk_entry_findings(&entries, add);
            entries.into_iter().filter_map(|e| e.key.ok()).collect()
        }
    };
    if alg.is_some_and(|a| a.family() == Family::Hmac)
        && keys.iter().any(|k| k.family() != Family::Hmac)
    {
        add(
            Severity::Critical,
            "alg_confusion",
            words!("find.alg_confusion_hs_public"),
            None,
        );
    }
    for k in &keys {
        if let PublicKey::Rsa { bits, .. } = k
            && *bits < 2048
        {
            add(
                Severity::Warning,
                "weak_rsa_key",
                words!("find.weak_rsa_key").with("bits", bits),
                None,
            );
        }
    }
}

/// The secret field: key text or key bytes in disguise (algorithm confusion), a well-known or a short secret.
fn secret_findings(alg: Option<Alg>, bytes: Result<Vec<u8>, KeyError>, add: &mut Add<'_>) {
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(KeyError::PemAsSecret | KeyError::JwkAsSecret) => {
            add(
                Severity::Critical,
                "alg_confusion",
                words!("find.alg_confusion_secret"),
                None,
            );
            return;
        }
        Err(KeyError::KeyAsSecret(found)) => {
            add(
                Severity::Critical,
                "alg_confusion",
                words!("find.alg_confusion_decoded")
                    .with_words("what", Words::new(found.label_key())),
                None,
            );
            return;
        }
        Err(_) => return,
    };
    let need = alg
        .filter(|a| a.family() == Family::Hmac)
        .map_or(32, Alg::hash_bytes);
    if WEAK_SECRETS
        .iter()
        .any(|w| w.as_bytes().eq_ignore_ascii_case(&bytes))
    {
        add(
            Severity::Warning,
            "weak_secret",
            words!("find.weak_secret_common"),
            None,
        );
    } else if bytes.len() < need {
        let key = if bytes.len() == 1 {
            key!("find.weak_secret_short_one")
        } else {
            key!("find.weak_secret_short")
        };
        add(
            Severity::Warning,
            "weak_secret",
            Words::new(key).with("got", bytes.len()).with("need", need),
            None,
        );
    }
}

/// JWK entries refused for what they hold: private key material, or an `oct` key whose bytes are a public key.
fn jwk_entry_findings(entries: &[JwkEntry], add: &mut Add<'_>) {
    let private: Vec<Words> = entries
        .iter()
        .filter(|e| e.key == Err(KeyError::PrivateJwk))
        .map(jwk_name)
        .collect();
    if !private.is_empty() {
        add(
            Severity::Warning,
            "private_key",
            words!("find.private_jwk")
                .with_words("keys", Words::joined(private, key!("list.separator"))),
            None,
        );
    }
    for entry in entries {
        if let Err(KeyError::KeyAsSecret(found)) = &entry.key {
            add(
                Severity::Critical,
                "alg_confusion",
                words!("find.alg_confusion_oct")
                    .with_words("kid", jwk_name(entry))
                    .with_words("what", Words::new(found.label_key())),
                None,
            );
        }
    }
}

/// A token whose kid no key of the JWK field has: the key was chosen without it (see `verify`).
pub(super) fn kid_findings(decoded: &Decoded, key: &KeyInput, add: &mut Add<'_>) {
    let Some(kid) = decoded.header_value("kid").and_then(Value::as_str) else {
        return;
    };
    let (KeyInput::Jwk(_), Ok(ParsedKey::Jwks(entries))) = (key, parse_key(key)) else {
        return;
    };
    if entries.iter().any(|e| e.kid.as_deref() == Some(kid)) {
        return;
    }
    let message = match entries.as_slice() {
        [] => return,
        [only] => words!("find.kid_single_jwk")
            .with("kid", kid)
            .with_words("have", jwk_name(only)),
        _ => words!("find.kid_not_in_set").with("kid", kid),
    };
    let at = decoded
        .header
        .as_ref()
        .and_then(|h| h.scan.members.iter().find(|m| m.key == "kid"))
        .and_then(|m| {
            decoded.decoded_to_input(SegmentKind::Header, m.key_range.start..m.value_range.end)
        });
    add(Severity::Info, "kid_not_matched", message, at);
}
