//! The genesis record: a ledger's metadata in three sections (settings: name, difficulty and demo key seed;
//! tokens: owner, names, symbols, decimals and what the real-world asset is; accounts: labels, addresses and demo
//! key indices), each hashed over canonical bytes, the three hashes signed by the token owner, and the record's
//! hash written as block 0's previous hash. Editing any meaningful field then breaks a named section's hash, the
//! owner's signature or block 0's link (and so every later block's), as editing a transaction breaks its signature.
//!
//! Labels are also checked against the demo keys they name: an account that says "demo key 1" must hold that
//! key's address.
//!
//! Pure: hashing and signatures only; reasons are catalogue keys with their values (`i18n::Words`).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use super::build::BuildError;
use super::keys::{KeyPair, demo_address, demo_key};
use super::model::{Account, Chain, FORMAT, Tokens};
use super::rules::{Rule, Violation};
use super::sigcheck::{SigJob, check as check_signature};
use super::types::{Address, H256, Sig};
use super::validate::short_hash;
use crate::i18n::Words;

/// Domain tag of the record hash (what the owner signs and what block 0 links to). It cannot be confused with a
/// transaction's signing bytes, which start with a length byte.
pub const RECORD_DOMAIN: &[u8] = b"tokenlens-genesis-v1";
const SETTINGS_DOMAIN: &[u8] = b"tokenlens-settings-v1";
const TOKENS_DOMAIN: &[u8] = b"tokenlens-tokens-v1";
const ACCOUNTS_DOMAIN: &[u8] = b"tokenlens-accounts-v1";

/// The owner's signed commitment to the metadata, saved as the file's `genesis` object.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Genesis {
    /// Hash of the settings section ([`settings_hash`]).
    pub settings: H256,
    /// Hash of the tokens section ([`tokens_hash`]).
    pub tokens: H256,
    /// Hash of the accounts section ([`accounts_hash`]).
    pub accounts: H256,
    /// The token owner's signature over [`Genesis::hash`].
    pub signature: Sig,
}

impl Genesis {
    /// The record's hash: what the owner signs and block 0's previous hash.
    pub fn hash(&self) -> H256 {
        record_hash(&self.settings, &self.tokens, &self.accounts)
    }
}

/// A part of the file outside the blocks, as problems name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Section {
    /// `name`, `difficulty_bits` and `demo_key_seed`.
    Settings,
    /// `tokens`: owner, names, symbols, decimals, the asset's description.
    Tokens,
    /// `accounts`: labels, addresses, demo key indices.
    Accounts,
    /// The `genesis` record itself: its hashes and signature.
    Genesis,
}

impl Section {
    /// The stable name (`tokens`), as the CLI's JSON writes it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Settings => "settings",
            Self::Tokens => "tokens",
            Self::Accounts => "accounts",
            Self::Genesis => "genesis",
        }
    }

    /// Catalogue key of its description for people.
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Settings => key!("ledger.section.settings"),
            Self::Tokens => key!("ledger.section.tokens"),
            Self::Accounts => key!("ledger.section.accounts"),
            Self::Genesis => key!("ledger.section.genesis"),
        }
    }
}

/// SHA-256 over length-prefixed canonical fields: strings as a 4-byte big-endian length and UTF-8, numbers
/// fixed-width big-endian, absent values as one 0 byte (present: 1 then the value).
struct Enc(Sha256);

impl Enc {
    fn new(domain: &[u8]) -> Self {
        let mut h = Sha256::new();
        h.update(domain);
        Self(h)
    }

    fn str(&mut self, s: &str) {
        self.0.update((s.len() as u32).to_be_bytes());
        self.0.update(s.as_bytes());
    }

    fn bytes(&mut self, b: &[u8]) {
        self.0.update(b);
    }

    fn finish(self) -> H256 {
        H256(self.0.finalize().into())
    }
}

/// Hash of the settings: the chain's name, its difficulty in bits and its demo key seed.
pub fn settings_hash(chain: &Chain) -> H256 {
    let mut e = Enc::new(SETTINGS_DOMAIN);
    e.str(&chain.name);
    e.bytes(&chain.difficulty_bits.to_be_bytes());
    match &chain.demo_key_seed {
        Some(seed) => {
            e.bytes(&[1]);
            e.str(seed);
        }
        None => e.bytes(&[0]),
    }
    e.finish()
}

/// Hash of the token definitions: the owner, then each token's name, symbol and decimals, and the real-world
/// asset's description.
pub fn tokens_hash(t: &Tokens) -> H256 {
    let mut e = Enc::new(TOKENS_DOMAIN);
    e.bytes(&t.owner.0);
    e.str(&t.erc20.name);
    e.str(&t.erc20.symbol);
    e.bytes(&[t.erc20.decimals]);
    e.str(&t.nft.name);
    e.str(&t.nft.symbol);
    e.str(&t.rwa.token.name);
    e.str(&t.rwa.token.symbol);
    e.bytes(&[t.rwa.token.decimals]);
    e.str(&t.rwa.asset);
    e.finish()
}

/// Hash of the accounts, in order: label, address and demo key index of each.
pub fn accounts_hash(accounts: &[Account]) -> H256 {
    let mut e = Enc::new(ACCOUNTS_DOMAIN);
    e.bytes(&(accounts.len() as u64).to_be_bytes());
    for a in accounts {
        e.str(&a.label);
        e.bytes(&a.address.0);
        match a.demo_key {
            Some(i) => {
                e.bytes(&[1]);
                e.bytes(&i.to_be_bytes());
            }
            None => e.bytes(&[0]),
        }
    }
    e.finish()
}

/// The three section hashes of the chain as it is now: settings, tokens, accounts.
pub fn section_hashes(chain: &Chain) -> [H256; 3] {
    [
        settings_hash(chain),
        tokens_hash(&chain.tokens),
        accounts_hash(&chain.accounts),
    ]
}

/// The record hash over three section hashes.
pub fn record_hash(settings: &H256, tokens: &H256, accounts: &H256) -> H256 {
    let mut h = Sha256::new();
    h.update(RECORD_DOMAIN);
    h.update(settings.0);
    h.update(tokens.0);
    h.update(accounts.0);
    H256(h.finalize().into())
}

/// Write the genesis record for the chain's metadata as it is now, signed by `owner` (the tokens' owner), and
/// mark the chain as the current format. Block 0's previous hash is not touched: relink from block 0
/// (`mine::relink`) and mine again when the chain has blocks.
pub fn seal_genesis(chain: &mut Chain, owner: &KeyPair) -> Result<(), BuildError> {
    if owner.address != chain.tokens.owner {
        return Err(BuildError::NotOwner {
            key: owner.address,
            owner: chain.tokens.owner,
        });
    }
    let [settings, tokens, accounts] = section_hashes(chain);
    let signature = owner.sign_digest(&record_hash(&settings, &tokens, &accounts))?;
    FORMAT.clone_into(&mut chain.format);
    chain.genesis = Some(Genesis {
        settings,
        tokens,
        accounts,
        signature,
    });
    Ok(())
}

/// The owner's key when it is a demo key of this chain (the owner's account names its index and the chain its
/// seed), so a teaching tool may sign as the issuer.
pub fn owner_demo_key(chain: &Chain) -> Option<KeyPair> {
    let seed = chain.demo_key_seed.as_deref()?;
    let index = chain
        .accounts
        .iter()
        .find(|a| a.address == chain.tokens.owner)?
        .demo_key?;
    let key = demo_key(seed, index);
    (key.address == chain.tokens.owner).then_some(key)
}

/// Addresses of demo keys already derived, for one seed (deriving costs a scalar multiplication).
#[derive(Default)]
pub struct DemoKeys {
    seed: Option<String>,
    addresses: HashMap<u32, Address>,
}

/// Past this many remembered demo addresses the memory is cleared.
const DEMO_MEMO_LIMIT: usize = 1 << 16;

impl DemoKeys {
    /// The address of demo key `index` of `seed`.
    fn address(&mut self, seed: &str, index: u32) -> Address {
        self.use_seed(seed);
        *self
            .addresses
            .entry(index)
            .or_insert_with(|| demo_address(seed, index))
    }

    fn use_seed(&mut self, seed: &str) {
        if self.seed.as_deref() != Some(seed) || self.addresses.len() >= DEMO_MEMO_LIMIT {
            self.seed = Some(seed.to_owned());
            self.addresses.clear();
        }
    }

    /// Derive the addresses of `indices` not yet known, on up to `threads` named threads ("ledger-demo-key-N"):
    /// a fresh validation of a chain with 1,000 labelled accounts would otherwise spend 80 ms on one core.
    fn prefetch(&mut self, seed: &str, indices: &[u32], threads: usize) {
        self.use_seed(seed);
        let mut missing: Vec<u32> = indices
            .iter()
            .copied()
            .filter(|i| !self.addresses.contains_key(i))
            .collect();
        missing.sort_unstable();
        missing.dedup();
        let threads = threads.clamp(1, 16);
        if threads == 1 || missing.len() < 64 {
            return;
        }
        let chunk = missing.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let handles: Vec<_> = missing
                .chunks(chunk)
                .enumerate()
                .filter_map(|(n, part)| {
                    std::thread::Builder::new()
                        .name(format!("ledger-demo-key-{n}"))
                        .spawn_scoped(scope, move || {
                            part.iter()
                                .map(|&i| (i, demo_address(seed, i)))
                                .collect::<Vec<_>>()
                        })
                        .ok()
                })
                .collect();
            // A part whose thread could not start or failed is derived later, one by one, by `address`.
            for handle in handles {
                if let Ok(found) = handle.join() {
                    self.addresses.extend(found);
                }
            }
        });
    }
}

/// Everything wrong with the metadata, each with the section it is in; demo keys are derived on up to `threads`
/// threads. Old-format chains have no record to check;
/// their demo keys are still checked.
pub fn check(chain: &Chain, demo: &mut DemoKeys, threads: usize) -> Vec<(Section, Violation)> {
    let mut out = Vec::new();
    if chain.metadata_protected() {
        check_record(chain, &mut out);
    }
    if let Some(seed) = chain.demo_key_seed.as_deref() {
        let indices: Vec<u32> = chain.accounts.iter().filter_map(|a| a.demo_key).collect();
        demo.prefetch(seed, &indices, threads);
    }
    check_demo_keys(chain, demo, &mut out);
    out
}

fn check_record(chain: &Chain, out: &mut Vec<(Section, Violation)>) {
    let Some(g) = &chain.genesis else {
        out.push((
            Section::Genesis,
            Violation::new(
                Rule::BadGenesis,
                words!("ledger.rule.genesis_missing").with("format", &chain.format),
            ),
        ));
        return;
    };
    let actual = section_hashes(chain);
    let stored = [g.settings, g.tokens, g.accounts];
    let sections = [Section::Settings, Section::Tokens, Section::Accounts];
    for ((section, actual), stored) in sections.into_iter().zip(actual).zip(stored) {
        if actual != stored {
            out.push((
                section,
                Violation::new(
                    Rule::MetadataChanged,
                    words!("ledger.rule.meta_changed")
                        .with_words("section", Words::new(section.label_key()))
                        .with("actual", short_hash(&actual))
                        .with("stored", short_hash(&stored)),
                ),
            ));
        }
    }
    let owner = chain.tokens.owner;
    let verdict = check_signature(&SigJob {
        digest: g.hash(),
        sig: g.signature,
        from: owner,
    });
    if let Some(reason) = verdict.reason(&owner) {
        out.push((
            Section::Genesis,
            Violation::new(
                Rule::BadGenesis,
                words!("ledger.rule.genesis_signature")
                    .with("owner", owner.short())
                    .with_words("reason", reason),
            ),
        ));
    }
}

fn check_demo_keys(chain: &Chain, demo: &mut DemoKeys, out: &mut Vec<(Section, Violation)>) {
    for a in &chain.accounts {
        let Some(index) = a.demo_key else {
            continue;
        };
        let Some(seed) = chain.demo_key_seed.as_deref() else {
            out.push((
                Section::Accounts,
                Violation::new(
                    Rule::DemoKeyMismatch,
                    words!("ledger.rule.demo_key_no_seed")
                        .with("label", format!("{:?}", a.label))
                        .with("index", index),
                ),
            ));
            continue;
        };
        let expected = demo.address(seed, index);
        if expected != a.address {
            out.push((
                Section::Accounts,
                Violation::new(
                    Rule::DemoKeyMismatch,
                    words!("ledger.rule.demo_key")
                        .with("label", format!("{:?}", a.label))
                        .with("address", a.address.short())
                        .with("index", index)
                        .with("expected", expected.short()),
                ),
            ));
        }
    }
}
