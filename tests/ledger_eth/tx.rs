//! Raw signed transactions: the USDT and EIP-155 vectors, every type, high S and tampering.

use super::calldata::address_arg;
use super::*;

// ---- transactions ------------------------------------------------------------------------------------------

#[test]
fn usdt_eip1559_transfer() {
    let t = tx(USDT_TX);
    assert_eq!(t.tx_type, TxType::DynamicFee);
    assert_eq!(hex::encode(t.hash), USDT_HASH);
    assert_eq!(
        t.hash,
        oracle_keccak(&unhex(USDT_TX)),
        "hash is keccak(raw)"
    );
    assert_eq!(t.chain_id, Some(1));
    assert_eq!(t.nonce, 1961);
    assert_eq!(
        hex::encode(t.to.unwrap().0),
        "dac17f958d2ee523a2206206994597c13d831ec7"
    );
    assert_eq!(
        t.sender.address().map(|a| a.to_checksum().to_lowercase()),
        Some(USDT_FROM.to_owned())
    );
    assert_eq!(t.token.unwrap().symbol, "USDT");
    let c = t.calldata.as_ref().unwrap();
    assert_eq!(
        address_arg(&c.args[0].value).to_checksum(),
        "0xa29E963992597B21bcDCaa969d571984869C4FF5"
    );
    assert!(
        c.args[1].display.to_string().contains("610000 USDT"),
        "{}",
        c.args[1].display
    );
    assert!(t.value.is_zero());
    assert!(t.access_list.is_empty());
}

#[test]
fn eip155_worked_example() {
    let t = tx(EIP155_SIGNED);
    assert_eq!(t.tx_type, TxType::Legacy);
    assert_eq!(hex::encode(&t.signing_payload), EIP155_SIGNING_DATA);
    assert_eq!(hex::encode(t.signing_hash), EIP155_SIGNING_HASH);
    assert_eq!(t.chain_id, Some(1));
    assert_eq!((t.nonce, t.gas_limit), (9, 21000));
    assert_eq!(t.gas_price, Some(U256::from_u64(20_000_000_000)));
    assert_eq!(t.value, U256::from_u64(1_000_000_000_000_000_000));
    assert_eq!(t.to.unwrap().0, [0x35; 20]);
    assert!(t.data.is_empty());
    assert_eq!(t.v, U256::from_u64(37));
    assert_eq!(
        t.r.to_string(),
        "18515461264373351373200002665853028612451056578545711640558177340181847433846"
    );
    assert_eq!(
        t.s.to_string(),
        "46948507304638947509940763649030358759909902576025900602547168820602576006531"
    );
    assert_eq!(
        t.sender.address().unwrap().to_checksum(),
        oracle_address(&[0x46; 32])
    );
    assert_eq!(t.hash, oracle_keccak(&unhex(EIP155_SIGNED)));
    assert_eq!(
        hex::encode(t.hash),
        "33469b22e9f636356c4160a87eb19df52b7412e8eac32a4a55ffe88ea8350788"
    );
}

/// A tiny RLP encoder for building test transactions (independent of the decoder under test).
pub(super) fn enc(payload: &[u8], list: bool) -> Vec<u8> {
    let (short, long) = if list { (0xc0u8, 0xf7u8) } else { (0x80, 0xb7) };
    if !list && payload.len() == 1 && payload[0] < 0x80 {
        return payload.to_vec();
    }
    let mut out = if payload.len() < 56 {
        vec![short + payload.len() as u8]
    } else {
        let len = payload.len().to_be_bytes();
        let len: Vec<u8> = len.into_iter().skip_while(|&b| b == 0).collect();
        let mut h = vec![long + len.len() as u8];
        h.extend(len);
        h
    };
    out.extend_from_slice(payload);
    out
}

pub(super) fn int(v: u64) -> Vec<u8> {
    enc(
        &v.to_be_bytes()
            .into_iter()
            .skip_while(|&b| b == 0)
            .collect::<Vec<_>>(),
        false,
    )
}

pub(super) fn list(items: &[Vec<u8>]) -> Vec<u8> {
    enc(&items.concat(), true)
}

/// Sign `fields` as a typed transaction (or legacy pre-EIP-155 when `ty` is None) with k256.
pub(super) fn sign(ty: Option<u8>, fields: &[Vec<u8>], key: &[u8; 32]) -> Vec<u8> {
    let mut unsigned = ty.map(|t| vec![t]).unwrap_or_default();
    unsigned.extend(list(fields));
    let sk = SigningKey::from_bytes(key.into()).unwrap();
    let (sig, recid) = sk.sign_prehash_recoverable(&keccak256(&unsigned)).unwrap();
    let v = match ty {
        Some(_) => int(u64::from(recid.is_y_odd())),
        None => int(27 + u64::from(recid.is_y_odd())),
    };
    let trim = |b: &[u8]| {
        enc(
            &b.iter()
                .copied()
                .skip_while(|&x| x == 0)
                .collect::<Vec<_>>(),
            false,
        )
    };
    let bytes = sig.to_bytes();
    let mut all = fields.to_vec();
    all.extend([v, trim(&bytes[..32]), trim(&bytes[32..])]);
    let mut out = ty.map(|t| vec![t]).unwrap_or_default();
    out.extend(list(&all));
    out
}

pub(super) fn base_fields() -> Vec<Vec<u8>> {
    // nonce 9, 20 gwei, 21000 gas, to 0x35…35, 1 ether, no data: the EIP-155 example's fields.
    vec![
        int(9),
        int(20_000_000_000),
        int(21000),
        enc(&[0x35; 20], false),
        int(1_000_000_000_000_000_000),
        enc(&[], false),
    ]
}

#[test]
fn legacy_pre_eip155_eip2930_and_eip4844_transactions_recover() {
    let key = [0x46u8; 32];
    let who = oracle_address(&key);
    let raw = sign(None, &base_fields(), &key);
    let t = decode_transaction(&raw, None).unwrap();
    assert_eq!((t.tx_type, t.chain_id), (TxType::Legacy, None));
    assert_eq!(t.sender.address().unwrap().to_checksum(), who);

    let access = list(&[list(&[
        enc(&[0xaa; 20], false),
        list(&[enc(&[0x11; 32], false), enc(&[0x22; 32], false)]),
    ])]);
    let mut f2930 = vec![int(5)];
    f2930.extend(base_fields());
    f2930.push(access.clone());
    let t = decode_transaction(&sign(Some(1), &f2930, &key), None).unwrap();
    assert_eq!((t.tx_type, t.chain_id), (TxType::AccessList, Some(5)));
    assert_eq!(t.sender.address().unwrap().to_checksum(), who);
    assert_eq!(t.access_list.len(), 1);
    assert_eq!(t.access_list[0].address.0, [0xaa; 20]);
    assert_eq!(t.access_list[0].storage_keys, [[0x11; 32], [0x22; 32]]);
    assert!(
        t.parts
            .iter()
            .any(|p| p.name == "access_list[0].storage_keys[1]" && p.kind == SpanKind::LedgerHash)
    );

    let f4844 = vec![
        int(1),
        int(3),
        int(1_000_000_000),
        int(30_000_000_000),
        int(21000),
        enc(&[0x35; 20], false),
        int(0),
        enc(&[], false),
        access,
        int(7),
        list(&[enc(&[0x01; 32], false)]),
    ];
    let raw = sign(Some(3), &f4844, &key);
    let t = decode_transaction(&raw, None).unwrap();
    assert_eq!(t.tx_type, TxType::Blob);
    assert_eq!(t.sender.address().unwrap().to_checksum(), who);
    assert_eq!(t.blob_versioned_hashes, [[0x01; 32]]);
    assert_eq!(t.max_fee_per_blob_gas, Some(U256::from_u64(7)));
    // The network form wraps the signed transaction with blobs, commitments and proofs.
    let mut wrapped = vec![3];
    wrapped.extend(list(&[raw[1..].to_vec(), list(&[]), list(&[]), list(&[])]));
    assert_eq!(
        decode_transaction(&wrapped, None),
        Err(TxError::BlobNetworkForm)
    );
    assert!(matches!(
        decode_transaction(&[4, 0xc0], None),
        Err(TxError::UnsupportedType { ty: 4 })
    ));
}

/// The USDT transaction with s → n − s and the parity flipped: the malleated twin EIP-2 forbids.
pub(super) fn high_s_usdt() -> String {
    // n − s, from the oracle.
    let high = super::alloy()["secp256k1_n_minus_usdt_s"]
        .as_str()
        .unwrap()
        .to_owned();
    let body = &USDT_TX[..USDT_TX.len() - 64 - 2 - 64 - 2 - 2];
    assert_eq!(
        &USDT_TX[body.len()..body.len() + 2],
        "80",
        "y parity 0 in the original"
    );
    format!(
        "{body}01{}a0{high}",
        &USDT_TX[body.len() + 2..USDT_TX.len() - 64 - 2]
    )
}

#[test]
fn high_s_is_reported_invalid_and_tampering_changes_the_sender() {
    let t = tx(&high_s_usdt());
    let Sender::HighS { low_s_twin } = t.sender else {
        panic!("high S must be refused: {:?}", t.sender);
    };
    assert_eq!(
        low_s_twin.map(|a| a.to_checksum().to_lowercase()),
        Some(USDT_FROM.to_owned())
    );
    // Flip one byte of r: the sender is someone else, or nobody.
    let mut raw = unhex(USDT_TX);
    let r_at = raw.len() - 33 - 32;
    raw[r_at] ^= 0x01;
    let t = decode_transaction(&raw, None).unwrap();
    assert_ne!(
        t.sender.address().map(|a| a.to_checksum().to_lowercase()),
        Some(USDT_FROM.to_owned())
    );
}
