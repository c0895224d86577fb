//! The JSON report of an inspection, as `tokenlens ledger inspect --json` prints it: messages in English.

use serde_json::{Value, json};

use super::abi::Calldata;
use super::inspect::{Detail, Inspection, text_range};
use super::tx::Transaction;

/// One JSON object: `kind`, `valid`, `problem`, `text`, `fields` [{name, value, start, end}] (byte offsets into
/// `text`), plus keys by kind (see the CLI documentation).
pub fn report_json(ins: &Inspection) -> Value {
    let fields: Vec<Value> = ins
        .fields
        .iter()
        .map(|f| json!({"name": f.name, "value": f.value.to_string(), "start": f.byte_range.start, "end": f.byte_range.end}))
        .collect();
    let mut out = json!({
        "kind": ins.kind,
        "valid": ins.is_valid(),
        "problem": ins.problem().map(|p| p.to_string()),
        "text": ins.text.text(),
        "fields": fields,
    });
    let extra = match &ins.detail {
        Detail::Address(check) => json!({
            "address": check.address,
            "checksummed": check.address.to_checksum(),
            "checksum": check.checksum,
            "checksum_valid": match check.checksum {
                super::Checksum::None { .. } => Value::Null,
                super::Checksum::Valid => Value::Bool(true),
                super::Checksum::Invalid { .. } => Value::Bool(false),
            },
        }),
        Detail::Calldata(c) => calldata_json(c, 0),
        Detail::Transaction(tx) => tx_json(tx),
    };
    if let (Value::Object(out), Value::Object(extra)) = (&mut out, extra) {
        out.extend(extra);
    }
    out
}

/// `selector`, `function`, `standard` and `args` [{name, type, value, display, start, end}]; `base` is the byte
/// offset of the calldata in the decoded bytes.
fn calldata_json(c: &Calldata, base: usize) -> Value {
    let args: Vec<Value> = c
        .args
        .iter()
        .map(|a| {
            let r = text_range(&(a.byte_range.start + base..a.byte_range.end + base));
            json!({"name": a.name, "type": a.sol_type, "value": a.value.canonical(), "display": a.display.to_string(),
                   "start": r.start, "end": r.end})
        })
        .collect();
    json!({
        "selector": format!("0x{}", hex::encode(c.selector)),
        "function": c.function.map(|f| f.signature()),
        "standard": c.function.map(|f| f.standard),
        "args": args,
    })
}

fn tx_json(tx: &Transaction) -> Value {
    json!({
        "type": tx.tx_type.number(),
        "type_name": tx.tx_type.name(),
        "chain_id": tx.chain_id,
        "nonce": tx.nonce,
        "gas_price": tx.gas_price,
        "max_priority_fee_per_gas": tx.max_priority_fee_per_gas,
        "max_fee_per_gas": tx.max_fee_per_gas,
        "max_fee_per_blob_gas": tx.max_fee_per_blob_gas,
        "gas_limit": tx.gas_limit,
        "to": tx.to,
        "value": tx.value,
        "value_eth": super::format_units(tx.value, 18),
        "data": format!("0x{}", hex::encode(&tx.data)),
        "calldata": tx.calldata.as_ref().map(|c| calldata_json(c, tx.data_range.start)),
        "calldata_error": tx.calldata_error.as_ref().map(|e| e.to_string()),
        "token": tx.token.map(|t| json!({"symbol": t.symbol, "address": t.address, "decimals": t.decimals})),
        "access_list": tx.access_list,
        "blob_versioned_hashes": tx.blob_versioned_hashes.iter().map(|h| format!("0x{}", hex::encode(h))).collect::<Vec<_>>(),
        "v": tx.v,
        "r": tx.r,
        "s": tx.s,
        "signature": tx.sender,
        "from": tx.sender.address(),
        "signing_hash": format!("0x{}", hex::encode(tx.signing_hash)),
        "hash": format!("0x{}", hex::encode(tx.hash)),
    })
}
