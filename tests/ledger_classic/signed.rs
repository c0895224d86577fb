//! The Signed page (anders94/public-private-key-demo): decimal keys, the ASCII-hex prehash, high-S signatures,
//! tampering, and re-signing an edited row. Expected values are Anders' shipped keys and signatures and
//! docs/research/ledger.md §4.2.

use k256::ecdsa::signature::hazmat::PrehashVerifier;
use k256::ecdsa::{Signature, VerifyingKey};
use sha2::{Digest, Sha256};
use tokenlens::ledger::classic::{
    CLASSIC_KEYS, ClassicError, Difficulty, Page, TxRow, check_chain, classic_prehash, hash,
    preset, public_key_from_decimal, row_message, sign_classic_row, verify_classic_row,
};

const K1_PUB: &str = "04fe1be031bc7a54d900ff062911bc4f7ba0edb39e4280268e490b79e347e3b8b0019c252aad7536ef7caeb061d558cac2eaec43ff670d76a521bec77c35751310";
const K1_PRIV: &str =
    "89748812996622962620075194817648462841549619153527947845403038873886846903432";
const B2_TX0_SIG: &str = "3046022100cf33ee8c696edd0b0c291a259e0a03ea2491f8febd396244e309d175bc8b6b7c022100a85b8b15e037ac42d9f2545e568d2433ede51e59f4bbfd4179f285fac1a10f66";

fn all_rows() -> Vec<TxRow> {
    preset(Page::Signed)
        .into_iter()
        .flat_map(|b| b.rows)
        .collect()
}

#[test]
fn decimal_private_keys_give_anders_public_keys() {
    assert_eq!(
        public_key_from_decimal(K1_PRIV).unwrap(),
        K1_PUB,
        "research §4.2"
    );
    // The 12 pairs of the page's comment.
    for (private, public) in CLASSIC_KEYS {
        assert_eq!(public_key_from_decimal(private).unwrap(), public);
    }
    assert_eq!(
        public_key_from_decimal("12a"),
        Err(ClassicError::NotDecimal { at: 2 })
    );
    assert_eq!(
        public_key_from_decimal("0"),
        Err(ClassicError::KeyOutOfRange)
    );
    // The group order n itself is out of range; 2^256 overflows.
    let n = "115792089237316195423570985008687907852837564279074904382605163141518161494337";
    assert_eq!(public_key_from_decimal(n), Err(ClassicError::KeyOutOfRange));
    let two_256 = "115792089237316195423570985008687907853269984665640564039457584007913129639936";
    assert_eq!(
        public_key_from_decimal(two_256),
        Err(ClassicError::KeyOutOfRange)
    );
}

#[test]
fn block2_tx0_verifies_only_under_the_ascii_prehash_and_after_normalizing_s() {
    let row = preset(Page::Signed)[1].rows[0].clone();
    assert_eq!(row.sig, B2_TX0_SIG);
    let message = row_message(&row);
    assert_eq!(
        message,
        format!(
            "10.00{K1_PUB}{}1",
            "04cc17dc129331c1cbb9c32cf4dc2dde4a5144e26c09b7430685c227176aeed05c74cf9d581da9d872cff53e67a8b28c53dfcf197dc4148e476eff4c3abfb3eebd"
        )
    );
    let verdict = verify_classic_row(&row);
    assert!(verdict.valid, "{:?}", verdict.problem);
    assert!(verdict.high_s);
    assert_eq!(verdict.prehash.len(), 32);
    assert!(verdict.digest_hex.starts_with(&verdict.prehash));

    // The same check by hand with k256: the raw digest fails, the un-normalized signature fails.
    let key = VerifyingKey::from_sec1_bytes(&hex::decode(K1_PUB).unwrap()).unwrap();
    let sig = Signature::from_der(&hex::decode(B2_TX0_SIG).unwrap()).unwrap();
    let low = sig.normalize_s().expect("S is high");
    let ascii_prehash = classic_prehash(&message);
    let hex_digest = hex::encode(Sha256::digest(message.as_bytes()));
    assert_eq!(&ascii_prehash[..], &hex_digest.as_bytes()[..32]);
    assert!(key.verify_prehash(&ascii_prehash, &low).is_ok());
    assert!(
        key.verify_prehash(&ascii_prehash, &sig).is_err(),
        "k256 rejects high S"
    );
    let raw: [u8; 32] = Sha256::digest(message.as_bytes()).into();
    assert!(
        key.verify_prehash(&raw, &low).is_err(),
        "not a signature over the digest"
    );
}

#[test]
fn all_fourteen_signatures_verify_and_eight_are_high_s() {
    let rows = all_rows();
    assert_eq!(rows.len(), 14);
    let verdicts: Vec<_> = rows.iter().map(verify_classic_row).collect();
    assert!(verdicts.iter().all(|v| v.valid), "{verdicts:?}");
    assert_eq!(verdicts.iter().filter(|v| v.high_s).count(), 8);
    let reports = check_chain(
        &preset(Page::Signed),
        Page::Signed,
        &Difficulty::for_page(Page::Signed),
    );
    assert!(reports.iter().all(|r| r.all_good()));
    assert_eq!(reports.iter().map(|r| r.rows.len()).sum::<usize>(), 14);
}

#[test]
fn editing_amount_seq_or_one_signature_byte_breaks_the_row_and_the_hash() {
    let chain = preset(Page::Signed);
    for (b, block) in chain.iter().enumerate() {
        let original = hash(block, Page::Signed);
        for r in 0..block.rows.len() {
            let mut edits: Vec<(&str, TxRow)> = Vec::new();
            let mut amount = block.rows[r].clone();
            amount.value = "1000.00".into();
            edits.push(("amount", amount));
            let mut seq = block.rows[r].clone();
            seq.seq = "3".into();
            edits.push(("seq", seq));
            let mut to = block.rows[r].clone();
            to.to = CLASSIC_KEYS[8].1.into();
            edits.push(("to", to));
            // Flip one byte of s (the last byte), keeping the DER valid.
            let mut sig = block.rows[r].clone();
            let mut bytes = hex::decode(&sig.sig).unwrap();
            *bytes.last_mut().unwrap() ^= 0x01;
            sig.sig = hex::encode(bytes);
            edits.push(("sig", sig));
            for (what, row) in edits {
                let verdict = verify_classic_row(&row);
                assert!(!verdict.valid, "block {} row {r}: edited {what}", b + 1);
                assert!(verdict.problem.is_some());
                let mut edited = block.clone();
                edited.rows[r] = row;
                assert_ne!(hash(&edited, Page::Signed), original, "{what} is hashed");
            }
        }
    }
    let problem = |edit: fn(&mut TxRow)| {
        let mut row = all_rows()[0].clone();
        edit(&mut row);
        verify_classic_row(&row)
            .problem
            .map(|e| e.to_string())
            .unwrap_or_default()
    };
    assert!(problem(|r| r.sig = "zz".into()).contains("sig: not hex"));
    assert!(problem(|r| r.sig = "3000".into()).contains("DER"));
    assert!(problem(|r| r.from = "04abcd".into()).contains("public key"));
}

#[test]
fn an_edited_row_can_be_re_signed_deterministically() {
    let mut row = preset(Page::Signed)[1].rows[0].clone();
    row.value = "12.00".into();
    assert!(!verify_classic_row(&row).valid);
    let sig = sign_classic_row(&row, K1_PRIV).unwrap();
    assert_eq!(
        sign_classic_row(&row, K1_PRIV).unwrap(),
        sig,
        "RFC 6979 is deterministic"
    );
    row.sig = sig;
    let verdict = verify_classic_row(&row);
    assert!(verdict.valid && !verdict.high_s, "{verdict:?}");
    // Signed by the wrong key: the row names K1 as payer.
    row.sig = sign_classic_row(&row, CLASSIC_KEYS[1].0).unwrap();
    assert!(!verify_classic_row(&row).valid);
}

#[test]
fn re_signing_reproduces_anders_signatures_up_to_s_normalization() {
    // elliptic signs with RFC 6979 too, over the same 32 bytes, so k256 gives the same (r, s) modulo the sign of s.
    for row in all_rows() {
        let private = CLASSIC_KEYS.iter().find(|k| k.1 == row.from).unwrap().0;
        let ours =
            Signature::from_der(&hex::decode(sign_classic_row(&row, private).unwrap()).unwrap())
                .unwrap();
        let theirs = Signature::from_der(&hex::decode(&row.sig).unwrap()).unwrap();
        assert_eq!(ours, theirs.normalize_s().unwrap_or(theirs), "{}", row.sig);
    }
}
