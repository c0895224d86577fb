//! What a conversation costs, turn by turn: every request re-sends the whole history, so the input of turn k is
//! the system prompt, every earlier message and the new one, and the bill grows with the square of the turns.
//! Also the prompt-caching assumption, the context window and "start a fresh chat at turn N".
//!
//! Pure: std and serde only. Token arithmetic is exact (`u64`, saturating, never wrapping); `f64` is used for
//! money only. The conversation JSON is read in [`conversation`] and counted with a tokenizer in [`count`].

mod conversation;
mod count;
mod locate;

pub use conversation::{
    ChatFile, ChatMessage, ChatRole, ConversationError, Expected, ImagePart, MAX_MESSAGES,
    Uncounted, parse_conversation,
};
pub use count::{
    Counted, CountedMessage, Overheads, chat_conversation, count_conversation, framing_overheads,
    group_turns, image_tokens,
};

use crate::i18n::Words;

/// The summary a fresh chat starts with, in tokens, when none is given: a few paragraphs.
pub const DEFAULT_SUMMARY_TOKENS: u64 = 500;

/// The most turns a bill computes (a generated conversation or a file's turns).
pub const MAX_TURNS: usize = 100_000;

/// One request and its reply: what is new in this turn, in tokens (chat framing included).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Turn {
    /// The new input messages (the user's, tool results), framing included.
    pub user_tokens: u64,
    /// The reply, framing included; it is re-sent in every later turn.
    pub assistant_tokens: u64,
    /// Reasoning tokens of the reply: billed as output, never re-sent.
    pub reasoning_tokens: u64,
    /// Images and other non-text input of this turn, re-sent in every later turn. The hook for image token
    /// rules: today a fixed figure per image (see [`image_tokens`]).
    pub image_tokens: u64,
}

/// A conversation reduced to token counts.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Conversation {
    /// The system prompt (and anything before the first turn), sent once per request.
    pub system_tokens: u64,
    /// Tokens the chat template adds to every request to open the model's reply.
    pub priming_tokens: u64,
    /// The turns, in order.
    pub turns: Vec<Turn>,
}

impl Conversation {
    /// `turns` turns with `user` and `assistant` tokens each, after a system prompt of `system` tokens: the
    /// growth of the bill without typing. At most [`MAX_TURNS`] turns.
    pub fn generated(turns: usize, user: u64, assistant: u64, system: u64) -> Self {
        Self {
            system_tokens: system,
            priming_tokens: 0,
            turns: vec![
                Turn {
                    user_tokens: user,
                    assistant_tokens: assistant,
                    ..Turn::default()
                };
                turns.min(MAX_TURNS)
            ],
        }
    }
}

/// A model's prices (USD per 1M tokens) and context window, as the bill uses them.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct Rates {
    /// Input price, if known.
    pub input_per_1m: Option<f64>,
    /// Cached-input price, if the model has one.
    pub cached_input_per_1m: Option<f64>,
    /// Output price (reasoning included), if known.
    pub output_per_1m: Option<f64>,
    /// Context window in tokens; 0 means unknown (nothing is reported as not fitting).
    pub context_window: u64,
}

impl From<&super::Price> for Rates {
    fn from(p: &super::Price) -> Self {
        Self {
            input_per_1m: p.input_per_1m,
            cached_input_per_1m: p.cached_input_per_1m,
            output_per_1m: p.output_per_1m,
            context_window: p.context_window,
        }
    }
}

impl Rates {
    /// The cost in USD of one request; `None` when a price it needs is unknown.
    pub fn cost(&self, uncached: u64, cached: u64, output: u64) -> Option<f64> {
        let per = |tokens: u64, price: f64| tokens as f64 * price / 1e6;
        let input = self.input_per_1m?;
        let cached_price = self.cached_input_per_1m.unwrap_or(input);
        let out = if output == 0 {
            0.0
        } else {
            per(output, self.output_per_1m?)
        };
        Some(per(uncached, input) + per(cached, cached_price) + out)
    }
}

/// How to bill.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BillOptions {
    /// The "prompt caching hit" assumption: the prefix already sent in the previous request is billed at the
    /// cached-input price (only where the model has one).
    pub cache: bool,
    /// Also bill a fresh chat started at this turn (1-based, from 2 to the number of turns).
    pub fresh_at: Option<usize>,
    /// Tokens of the summary the fresh chat carries after the system prompt.
    pub summary_tokens: u64,
}

impl Default for BillOptions {
    fn default() -> Self {
        Self {
            cache: true,
            fresh_at: None,
            summary_tokens: DEFAULT_SUMMARY_TOKENS,
        }
    }
}

/// One turn of the bill.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct TurnBill {
    /// The turn, from 1.
    pub turn: usize,
    /// Every input token of the request: system, history, the new message, priming.
    pub input_tokens: u64,
    /// The part of `input_tokens` billed at the cached price (0 without caching).
    pub cached_tokens: u64,
    /// The reply.
    pub output_tokens: u64,
    /// The reply's reasoning (billed as output).
    pub reasoning_tokens: u64,
    /// Input, output and reasoning: what must fit in the context window.
    pub context_tokens: u64,
    /// `context_tokens` over the window (1 is full), if the window is known.
    pub context_fill: Option<f64>,
    /// Does the request fit in the context window?
    pub fits: bool,
    /// Input tokens of all turns so far.
    pub cumulative_input_tokens: u64,
    /// The request's cost in USD, if the prices are known.
    pub cost_usd: Option<f64>,
    /// The cost of all turns so far.
    pub cumulative_usd: Option<f64>,
}

/// A conversation's bill.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Bill {
    /// Was the cached-input price used (caching on, and the model has one)?
    pub caching: bool,
    /// Turn by turn.
    pub turns: Vec<TurnBill>,
    /// The first turn whose request does not fit in the context window.
    pub first_overflow: Option<usize>,
    /// Every input token billed.
    pub total_input_tokens: u64,
    /// The input tokens billed at the cached price.
    pub total_cached_tokens: u64,
    /// Output and reasoning tokens.
    pub total_output_tokens: u64,
    /// The whole conversation's cost in USD, if the prices are known.
    pub total_usd: Option<f64>,
}

/// The same conversation restarted at turn `at` with a summary.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Fresh {
    /// The turn the fresh chat starts at (1-based).
    pub at: usize,
    /// The summary's tokens.
    pub summary_tokens: u64,
    /// The bill with the fresh start.
    pub bill: Bill,
    /// Input tokens saved (negative when the summary costs more than the history it replaces).
    pub saved_input_tokens: i128,
    /// USD saved, if the prices are known.
    pub saved_usd: Option<f64>,
}

/// A bill and, if asked for, the fresh-chat comparison.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct BillReport {
    /// As the conversation is.
    pub bill: Bill,
    /// Restarted at a turn.
    pub fresh: Option<Fresh>,
}

/// Why a bill cannot be computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BillError {
    /// The fresh chat must start at a turn from 2 to the number of turns.
    FreshAtOutOfRange {
        /// The turn asked for.
        at: usize,
        /// Turns in the conversation.
        turns: usize,
    },
    /// More turns than [`MAX_TURNS`].
    TooManyTurns {
        /// Turns in the conversation.
        turns: usize,
        /// The cap.
        max: usize,
    },
}

impl crate::i18n::Worded for BillError {
    fn words(&self) -> Words {
        match self {
            Self::FreshAtOutOfRange { at, turns } => words!("ai.bill.err.fresh_at")
                .with("at", at)
                .with("turns", turns),
            Self::TooManyTurns { turns, max } => words!("ai.bill.err.too_many_turns")
                .with("turns", turns)
                .with("max", max),
        }
    }
}

/// English words, for the CLI.
impl std::fmt::Display for BillError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::i18n::Worded as _;
        self.words().fmt(f)
    }
}

impl std::error::Error for BillError {}

/// Bill a conversation turn by turn, and the fresh chat if `opts.fresh_at` is set.
///
/// ```
/// use tokenlens::ai::bill::{BillOptions, Conversation, Rates, bill};
/// // Three turns of 100 tokens asked and 200 answered: each request re-sends the history.
/// let conv = Conversation::generated(3, 100, 200, 0);
/// let report = bill(&conv, &Rates::default(), BillOptions::default()).unwrap();
/// let input: Vec<u64> = report.bill.turns.iter().map(|t| t.input_tokens).collect();
/// assert_eq!(input, [100, 400, 700]);
/// ```
pub fn bill(
    conv: &Conversation,
    rates: &Rates,
    opts: BillOptions,
) -> Result<BillReport, BillError> {
    let n = conv.turns.len();
    if n > MAX_TURNS {
        return Err(BillError::TooManyTurns {
            turns: n,
            max: MAX_TURNS,
        });
    }
    let caching = opts.cache && rates.cached_input_per_1m.is_some();
    let base = conv.system_tokens.saturating_add(conv.priming_tokens);
    let mut plain = Bill {
        caching,
        ..Bill::default()
    };
    walk(&mut plain, rates, base, &conv.turns, 0);
    let fresh = match opts.fresh_at {
        None => None,
        Some(at) if at < 2 || at > n => return Err(BillError::FreshAtOutOfRange { at, turns: n }),
        Some(at) => {
            let mut b = Bill {
                caching,
                ..Bill::default()
            };
            let (before, after) = conv.turns.split_at(at - 1);
            walk(&mut b, rates, base, before, 0);
            // The new chat shares only the system prompt with the last request of the old one.
            let fresh_base = base.saturating_add(opts.summary_tokens);
            walk(&mut b, rates, fresh_base, after, conv.system_tokens);
            let saved_usd = plain.total_usd.zip(b.total_usd).map(|(p, f)| p - f);
            Some(Fresh {
                at,
                summary_tokens: opts.summary_tokens,
                saved_input_tokens: i128::from(plain.total_input_tokens)
                    - i128::from(b.total_input_tokens),
                saved_usd,
                bill: b,
            })
        }
    };
    Ok(BillReport { bill: plain, fresh })
}

/// Append `turns` to `out` as one chat: every request sends `base` (system, priming, a summary), the history so
/// far and the new input. `shared` is the prefix this chat's first request has in common with the request before.
fn walk(out: &mut Bill, rates: &Rates, base: u64, turns: &[Turn], mut shared: u64) {
    let mut history: u64 = 0;
    for t in turns {
        let new_input = t.user_tokens.saturating_add(t.image_tokens);
        let input = base.saturating_add(history).saturating_add(new_input);
        let cached = if out.caching { shared.min(input) } else { 0 };
        let output = t.assistant_tokens.saturating_add(t.reasoning_tokens);
        let context = input.saturating_add(output);
        let window = rates.context_window;
        let fits = window == 0 || context <= window;
        let cost = rates.cost(input - cached, cached, output);
        let previous = out.turns.last();
        let cumulative_usd = match previous {
            None => cost,
            Some(p) => p.cumulative_usd.zip(cost).map(|(a, b)| a + b),
        };
        let turn = out.turns.len() + 1;
        out.total_input_tokens = out.total_input_tokens.saturating_add(input);
        out.total_cached_tokens = out.total_cached_tokens.saturating_add(cached);
        out.total_output_tokens = out.total_output_tokens.saturating_add(output);
        out.total_usd = cumulative_usd;
        if !fits && out.first_overflow.is_none() {
            out.first_overflow = Some(turn);
        }
        out.turns.push(TurnBill {
            turn,
            input_tokens: input,
            cached_tokens: cached,
            output_tokens: t.assistant_tokens,
            reasoning_tokens: t.reasoning_tokens,
            context_tokens: context,
            context_fill: (window > 0).then(|| context as f64 / window as f64),
            fits,
            cumulative_input_tokens: out.total_input_tokens,
            cost_usd: cost,
            cumulative_usd,
        });
        // This request is a prefix of the next one; the reply joins the history, its reasoning does not.
        shared = input;
        history = history
            .saturating_add(new_input)
            .saturating_add(t.assistant_tokens);
    }
}

/// The CSV header [`csv`] writes.
pub const CSV_HEADER: &str = "turn,input_tokens,cached_tokens,output_tokens,reasoning_tokens,context_tokens,fits,cost_usd,cumulative_usd,fresh_input_tokens,fresh_cached_tokens,fresh_cost_usd,fresh_cumulative_usd";

/// The report as CSV: the header, then one row per turn (the fresh columns empty without a fresh chat; an
/// unknown cost is an empty cell).
pub fn csv(report: &BillReport) -> String {
    use std::fmt::Write as _;
    let money = |v: Option<f64>| v.map_or_else(String::new, |v| format!("{v:.6}"));
    let mut out = String::with_capacity(64 * (report.bill.turns.len() + 1));
    out.push_str(CSV_HEADER);
    out.push('\n');
    for (i, t) in report.bill.turns.iter().enumerate() {
        let _ = write!(
            out,
            "{},{},{},{},{},{},{},{},{},",
            t.turn,
            t.input_tokens,
            t.cached_tokens,
            t.output_tokens,
            t.reasoning_tokens,
            t.context_tokens,
            t.fits,
            money(t.cost_usd),
            money(t.cumulative_usd)
        );
        if let Some(f) = report.fresh.as_ref().and_then(|f| f.bill.turns.get(i)) {
            let _ = write!(
                out,
                "{},{},{},{}",
                f.input_tokens,
                f.cached_tokens,
                money(f.cost_usd),
                money(f.cumulative_usd)
            );
        } else {
            out.push_str(",,,");
        }
        out.push('\n');
    }
    out
}

/// Dollars for a table cell: cents from $1 up, more digits below ($0.000125).
pub fn format_usd(v: f64) -> String {
    if !v.is_finite() {
        return "-".to_owned();
    }
    let a = v.abs();
    let sign = if v < 0.0 { "-" } else { "" };
    if a >= 1.0 || a == 0.0 {
        format!("{sign}${a:.2}")
    } else if a >= 0.01 {
        format!("{sign}${a:.4}")
    } else {
        format!("{sign}${a:.6}")
    }
}

#[cfg(test)]
mod tests;
