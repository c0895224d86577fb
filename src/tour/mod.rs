//! The guided tour's story, one login, one payment and one prompt through the three meanings of "token": a demo
//! AI service issues you a signed pass (JWT) whose `sub` is your ledger address; you buy credits with a crypto token
//! in the ledger; a prompt's AI tokens are counted, priced and debited; then the payment and the pass are tampered
//! with and both checks fail.
//!
//! Pure: uses the session, ledger and ai cores and never the GUI crates. Every key is a published demo key from
//! assets/samples/tour/ (see its README), so the story is the same on every machine, offline.

mod steps;

use serde_json::Value;

use crate::ai::Price;
use crate::ledger::build::BuildError;
use crate::ledger::demo::demo_tokens;
use crate::ledger::genesis::seal_genesis;
use crate::ledger::keys::{KeyPair, demo_key};
use crate::ledger::model::{Account, Chain, FORMAT, FungibleInfo, Op};
use crate::ledger::peers::append_block;
use crate::session::{Alg, KeyInput, SignError, decode_b64url, encode_b64url, sign_token};

pub use steps::Step;

macro_rules! asset {
    ($path:literal) => {
        include_str!(concat!("../../assets/samples/tour/", $path))
    };
}

/// The demo service's ES256 signing key (PKCS#8 PEM). A published demo key, never a real credential.
pub const SERVICE_PRIVATE_PEM: &str = asset!("service_es256_private_pkcs8.pem");
/// The demo service's public key (SPKI PEM): anyone can verify the pass with it.
pub const SERVICE_PUBLIC_PEM: &str = asset!("service_es256_public_spki.pem");
const LEDGER_SEED: &str = asset!("ledger_seed.txt");
const PROMPT: &str = asset!("prompt.txt");

/// The model whose tokenizer counts the prompt and whose input price sets the debit.
pub const MODEL_ID: &str = "gpt-4o";
/// The pass's issuer (`iss`).
pub const ISSUER: &str = "Lens AI (demo service)";
/// The pass's audience (`aud`).
pub const AUDIENCE: &str = "lens-ai-api";
/// How long the pass lasts, in seconds.
pub const PASS_LIFETIME_SECS: i64 = 3600;
/// Decimals of the tour's coin: 1 LENS buys 1 USD of AI credit, so one raw unit is one micro-dollar.
pub const DECIMALS: u8 = 6;
/// What the issuer gives you in the first block: 20 LENS.
pub const START_BALANCE: u128 = 20_000_000;
/// What you pay the service for credits: 5 LENS.
pub const PAYMENT: u128 = 5_000_000;
/// What the tampered payment says: 0.05 LENS.
pub const TAMPERED_PAYMENT: u128 = 50_000;
/// Difficulty of the tour's blocks, in bits (about 65,000 hashes each, a blink).
pub const DIFFICULTY_BITS: u32 = 16;

/// Index of the payment block and of the debit block.
pub const PAYMENT_BLOCK: usize = 1;
/// Index of the debit block.
pub const DEBIT_BLOCK: usize = 2;

/// The prompt you run in step (c).
pub fn prompt() -> &'static str {
    PROMPT.trim_end()
}

/// The people and machines in the story, each with a demo key.
#[derive(Clone, Debug)]
pub struct Story {
    /// Issues the LENS coin and gives you your first 20.
    pub issuer: KeyPair,
    /// You: your ledger address is your pass's `sub`.
    pub user: KeyPair,
    /// The AI service: sells credits, runs prompts, signs passes (with its ES256 key, not this one).
    pub service: KeyPair,
    /// Someone who edits your pass to spend your credits.
    pub mallory: KeyPair,
}

impl Default for Story {
    fn default() -> Self {
        Self::new()
    }
}

impl Story {
    /// The story's cast, from the tour's ledger seed.
    pub fn new() -> Self {
        let seed = LEDGER_SEED.trim();
        Self {
            issuer: demo_key(seed, 0),
            user: demo_key(seed, 1),
            service: demo_key(seed, 2),
            mallory: demo_key(seed, 3),
        }
    }

    /// (a) The login pass: an ES256 JWT the service signs at `now` (Unix seconds), about you (`sub` = your
    /// address), valid for an hour.
    pub fn pass(&self, now: i64) -> Result<String, SignError> {
        let payload = serde_json::json!({
            "iss": ISSUER,
            "sub": self.user.address.to_checksum(),
            "aud": AUDIENCE,
            "iat": now,
            "exp": now + PASS_LIFETIME_SECS,
            "scope": "prompt:run credits:buy",
        });
        sign_token(
            r#"{"typ":"JWT","kid":"lens-ai-demo-1"}"#,
            &payload.to_string(),
            Some(Alg::ES256),
            &KeyInput::Pem(SERVICE_PRIVATE_PEM.to_owned()),
        )
    }

    /// (d) Mallory's edit of the pass: `sub` becomes her address; header and signature are kept.
    pub fn forged_pass(&self, pass: &str) -> Option<String> {
        replace_claim(pass, "sub", &self.mallory.address.to_checksum())
    }

    /// The key that verifies the pass: the service's public key.
    pub fn verification_key() -> KeyInput {
        KeyInput::Pem(SERVICE_PUBLIC_PEM.to_owned())
    }

    /// Accounts with labels, in key order.
    fn accounts(&self) -> Vec<Account> {
        [
            ("Issuer", &self.issuer),
            ("You", &self.user),
            ("Lens AI", &self.service),
            ("Mallory", &self.mallory),
        ]
        .into_iter()
        .enumerate()
        .map(|(i, (label, k))| Account {
            label: label.to_owned(),
            address: k.address,
            demo_key: u32::try_from(i).ok(),
        })
        .collect()
    }

    /// The ledger before you pay: one block in which the issuer gives you 20 LENS.
    pub fn genesis(&self) -> Result<Chain, BuildError> {
        let mut tokens = demo_tokens(self.issuer.address);
        tokens.erc20 = FungibleInfo {
            name: "Lens Coin (1 LENS = 1 USD of AI credit)".to_owned(),
            symbol: "LENS".to_owned(),
            decimals: DECIMALS,
        };
        let mut chain = Chain {
            format: FORMAT.to_owned(),
            name: "Guided tour".to_owned(),
            difficulty_bits: DIFFICULTY_BITS,
            tokens,
            accounts: self.accounts(),
            demo_key_seed: Some(LEDGER_SEED.trim().to_owned()),
            genesis: None,
            blocks: Vec::new(),
        };
        seal_genesis(&mut chain, &self.issuer)?;
        let mint = self.issuer.signed_tx(
            0,
            Op::Mint {
                to: self.user.address,
                amount: START_BALANCE,
            },
        )?;
        append_block(&mut chain, vec![mint])?;
        Ok(chain)
    }

    /// (b) `chain` plus the payment block: you send 5 LENS to the service, signed with your key and mined.
    pub fn with_payment(&self, chain: &Chain) -> Result<Chain, BuildError> {
        let pay = self.user.signed_tx(
            0,
            Op::Transfer {
                to: self.service.address,
                amount: PAYMENT,
            },
        )?;
        let mut chain = chain.clone();
        append_block(&mut chain, vec![pay])?;
        Ok(chain)
    }

    /// (c) `chain` plus the debit block: the service burns the credits the prompt used (`amount`, raw units).
    /// What it still holds is your credit left.
    pub fn with_debit(&self, chain: &Chain, amount: u128) -> Result<Chain, BuildError> {
        let debit = self.service.signed_tx(0, Op::Burn { amount })?;
        let mut chain = chain.clone();
        append_block(&mut chain, vec![debit])?;
        Ok(chain)
    }
}

/// (d) Change the payment's amount to 0.05 LENS, touching nothing else (no re-signing, no re-mining). Returns
/// whether the payment was found.
pub fn tamper_payment(chain: &mut Chain) -> bool {
    let Some(tx) = chain
        .blocks
        .get_mut(PAYMENT_BLOCK)
        .and_then(|b| b.txs.first_mut())
    else {
        return false;
    };
    let Op::Transfer { amount, .. } = &mut tx.op else {
        return false;
    };
    *amount = TAMPERED_PAYMENT;
    true
}

/// The debit in raw units (micro-LENS = micro-dollars) for `tokens` input tokens at `price`, rounded up so
/// every token is paid for. `None` when the model has no input price.
pub fn debit_amount(tokens: usize, price: &Price) -> Option<u128> {
    let per_1m = price.input_per_1m?;
    // USD = tokens × per_1m / 1e6, and one raw unit is 1e-6 USD.
    let raw = (tokens as f64 * per_1m).ceil();
    (raw.is_finite() && raw >= 0.0).then_some(raw as u128)
}

/// A compact JWS with one payload claim replaced; header and signature stay as they were.
fn replace_claim(token: &str, name: &str, value: &str) -> Option<String> {
    let mut parts = token.trim().split('.');
    let (header, payload, signature) = (parts.next()?, parts.next()?, parts.next()?);
    let bytes = decode_b64url(payload).ok()?;
    let mut json: Value = serde_json::from_slice(&bytes).ok()?;
    json.as_object_mut()?
        .insert(name.to_owned(), Value::String(value.to_owned()));
    let payload = encode_b64url(serde_json::to_string(&json).ok()?.as_bytes());
    Some(format!("{header}.{payload}.{signature}"))
}

/// A balance in LENS ("15", "4.999937").
pub fn lens(raw: u128) -> String {
    crate::ledger::types::format_amount(raw, DECIMALS)
}
