//! Reading the PEM field: one public key (SPKI, PKCS#1) or certificate, or a certificate chain, from which the
//! leaf is used. Pure: pem, x509-cert and the key readers of `keys`.
//!
//! A chain is common: a server's `fullchain.pem` holds the leaf then its CAs. The leaf is the one certificate
//! that is not a CA (basicConstraints cA false or absent, RFC 5280 §4.2.1.9), wherever it stands. When no
//! certificate or several are leaves, the choice would be a guess, so the chain is refused with the subjects.

use spki::der::Decode as _;

use super::keys::{KeyError, MAX_KEY_TEXT_BYTES, PublicKey, parse_spki, rsa_from_pkcs1};

/// basicConstraints (RFC 5280 §4.2.1.9).
const OID_BASIC_CONSTRAINTS: &str = "2.5.29.19";

/// Subjects listed in an error, at most; the rest are counted.
const MAX_LISTED: usize = 8;

/// Characters of one subject shown, at most.
const MAX_SUBJECT_CHARS: usize = 160;

/// The key read from the PEM field, and which certificate of a chain it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PemKey {
    /// The public key.
    pub key: PublicKey,
    /// Set when the PEM held several certificates and the leaf was picked.
    pub leaf: Option<Leaf>,
}

/// The certificate picked from a chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leaf {
    /// Its subject (RFC 4514 text, shortened when very long).
    pub subject: String,
    /// Its place in the file, from 1.
    pub position: usize,
    /// How many certificates the file holds.
    pub count: usize,
}

/// Read the PEM field: a public key, a certificate, or a chain whose leaf is used.
pub fn read_pem(text: &str) -> Result<PemKey, KeyError> {
    if text.trim().is_empty() {
        return Err(KeyError::Empty);
    }
    if text.len() > MAX_KEY_TEXT_BYTES {
        return Err(KeyError::TooLarge {
            len: text.len(),
            max: MAX_KEY_TEXT_BYTES,
        });
    }
    let blocks = pem::parse_many(text.trim()).map_err(|e| KeyError::Pem(e.to_string()))?;
    let Some(first) = blocks.first() else {
        return Err(KeyError::Pem(pem::PemError::MissingBeginTag.to_string()));
    };
    if blocks.iter().any(|b| is_private_label(b.tag())) {
        return Err(KeyError::PrivateKey);
    }
    if blocks.len() == 1 {
        return single_block(first).map(|key| PemKey { key, leaf: None });
    }
    if blocks.iter().any(|b| b.tag() != "CERTIFICATE") {
        let labels: Vec<&str> = blocks.iter().map(pem::Pem::tag).collect();
        return Err(KeyError::PemSeveral {
            count: blocks.len(),
            labels: labels.join(", "),
        });
    }
    chain(&blocks)
}

fn is_private_label(label: &str) -> bool {
    matches!(
        label,
        "PRIVATE KEY" | "RSA PRIVATE KEY" | "EC PRIVATE KEY" | "ENCRYPTED PRIVATE KEY"
    )
}

fn single_block(block: &pem::Pem) -> Result<PublicKey, KeyError> {
    match block.tag() {
        "PUBLIC KEY" => parse_spki(block.contents()),
        "RSA PUBLIC KEY" => rsa_from_pkcs1(block.contents().to_vec()),
        "CERTIFICATE" => cert_key(&certificate(block.contents())?),
        other => Err(KeyError::PemLabel(other.to_owned())),
    }
}

fn certificate(der: &[u8]) -> Result<x509_cert::Certificate, KeyError> {
    x509_cert::Certificate::from_der(der).map_err(|e| KeyError::Der(e.to_string()))
}

fn cert_key(cert: &x509_cert::Certificate) -> Result<PublicKey, KeyError> {
    let spki = spki::der::Encode::to_der(&cert.tbs_certificate.subject_public_key_info)
        .map_err(|e| KeyError::Der(e.to_string()))?;
    parse_spki(&spki)
}

/// A CA certificate: basicConstraints present with cA true. An unreadable extension counts as a CA, so it is
/// never picked as the leaf.
fn is_ca(cert: &x509_cert::Certificate) -> bool {
    use x509_cert::ext::pkix::BasicConstraints;
    cert.tbs_certificate
        .extensions
        .iter()
        .flatten()
        .filter(|e| e.extn_id.to_string() == OID_BASIC_CONSTRAINTS)
        .any(|e| {
            !matches!(
                BasicConstraints::from_der(e.extn_value.as_bytes()),
                Ok(BasicConstraints { ca: false, .. })
            )
        })
}

fn subject(cert: &x509_cert::Certificate) -> String {
    let full = cert.tbs_certificate.subject.to_string();
    let mut chars = full.chars();
    let mut short: String = chars.by_ref().take(MAX_SUBJECT_CHARS).collect();
    if chars.next().is_some() {
        short.push('…');
    }
    if short.is_empty() {
        "(empty subject)".to_owned()
    } else {
        short
    }
}

fn chain(blocks: &[pem::Pem]) -> Result<PemKey, KeyError> {
    let certs = blocks
        .iter()
        .map(|b| certificate(b.contents()))
        .collect::<Result<Vec<_>, _>>()?;
    let leaves: Vec<usize> = (0..certs.len()).filter(|&i| !is_ca(&certs[i])).collect();
    if let [only] = leaves.as_slice() {
        let cert = &certs[*only];
        return Ok(PemKey {
            key: cert_key(cert)?,
            leaf: Some(Leaf {
                subject: subject(cert),
                position: only + 1,
                count: certs.len(),
            }),
        });
    }
    let mut listed: Vec<String> = certs
        .iter()
        .enumerate()
        .take(MAX_LISTED)
        .map(|(i, c)| {
            let ca = if is_ca(c) { " (CA)" } else { "" };
            format!("{}. {}{ca}", i + 1, subject(c))
        })
        .collect();
    if certs.len() > MAX_LISTED {
        listed.push(format!("+{}", certs.len() - MAX_LISTED));
    }
    Err(KeyError::CertChain {
        count: certs.len(),
        leaves: leaves.len(),
        subjects: listed.join("; "),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const CERT: &str = include_str!("../../assets/samples/keys/rsa_cert.pem");
    const SPKI: &str = include_str!("../../assets/samples/keys/rsa_public_spki.pem");

    #[test]
    fn one_block_reads_as_before() {
        assert!(read_pem(CERT).unwrap().leaf.is_none());
        assert!(read_pem(SPKI).unwrap().leaf.is_none());
        let private = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
        assert_eq!(read_pem(private), Err(KeyError::PrivateKey));
        assert_eq!(
            read_pem(&format!("{SPKI}{private}")),
            Err(KeyError::PrivateKey),
            "a private key anywhere in the file"
        );
    }

    #[test]
    fn mixed_blocks_and_ca_only_chains_are_refused() {
        assert!(matches!(
            read_pem(&format!("{SPKI}{CERT}")),
            Err(KeyError::PemSeveral { count: 2, .. })
        ));
        // The demo certificate is self-signed with cA true: two of them leave no leaf.
        let err = read_pem(&format!("{CERT}{CERT}")).unwrap_err();
        assert!(
            matches!(&err, KeyError::CertChain { count: 2, leaves: 0, subjects } if subjects.contains("CN=Token Lens demo (CA)")),
            "{err:?}"
        );
    }
}
