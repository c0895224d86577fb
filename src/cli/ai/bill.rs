//! `tokenlens ai bill`: what a conversation costs, turn by turn. Reads an OpenAI Chat Completions JSON (or a bare
//! messages array), counts it with the model's tokenizer and chat template, and prints the bill as a table,
//! `--json` or `--csv`. Imports the `ai` core only.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use super::input::read_text;
use super::{column, emit, emit_json};
use crate::ai::bill::{
    BillOptions, BillReport, Counted, DEFAULT_SUMMARY_TOKENS, Rates, bill, count_conversation, csv,
    format_usd, parse_conversation,
};
use crate::ai::{Loaded, Model, Price, Pricing, lookup};
use crate::cli::out::field;

/// Arguments of `tokenlens ai bill`.
#[derive(Debug, Args)]
pub struct BillArgs {
    /// The conversation JSON file; `-` or nothing reads standard input.
    pub file: Option<PathBuf>,
    /// The model (id or name, see `tokenlens ai list`); defaults to the conversation's `model`.
    #[arg(long)]
    pub model: Option<String>,
    /// Also bill a fresh chat started at this turn (from 2), carrying only the system prompt and a summary.
    #[arg(long, value_name = "N")]
    pub fresh_at: Option<usize>,
    /// The fresh chat's summary, in tokens.
    #[arg(long, value_name = "S", default_value_t = DEFAULT_SUMMARY_TOKENS)]
    pub summary_tokens: u64,
    /// Bill every input token at the full price (no prompt caching hits).
    #[arg(long)]
    pub no_cache: bool,
    /// Count each image as this many tokens; without it each image is counted with the model's image rule (its
    /// `width`, `height` and `detail` in the part), or reported as not counted where the rule needs a size the part
    /// does not give.
    #[arg(long, value_name = "TOKENS")]
    pub image_tokens: Option<u64>,
    /// Print one JSON object instead of a table.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV: a header and one row per turn.
    #[arg(long)]
    pub csv: bool,
}

#[derive(Serialize)]
struct BillOut<'a> {
    model: &'a str,
    model_name: &'a str,
    encoding: &'a str,
    price_source: &'a str,
    rates: Rates,
    cache_assumption: bool,
    #[serde(flatten)]
    counted: &'a Counted,
    #[serde(flatten)]
    report: &'a BillReport,
}

/// Run `tokenlens ai bill`.
pub fn run(args: &BillArgs) -> Result<i32, String> {
    let text = read_text(args.file.as_deref())?;
    let chat = parse_conversation(&text).map_err(|e| e.to_string())?;
    let model = resolve(args.model.as_deref(), chat.model.as_deref())?;
    let loaded = Loaded::bundled(model.vocab).map_err(|e| e.to_string())?;
    let media = crate::ai::media::MediaTable::bundled();
    let rule = media.image_rule(model.id).map(|r| &r.method);
    let counted = count_conversation(&loaded, model.chat, &chat, args.image_tokens, rule)
        .map_err(|e| e.to_string())?;
    if counted.conversation.turns.is_empty() {
        return Err(
            "the conversation has no turn: it needs a user or assistant message".to_owned(),
        );
    }
    let pricing = Pricing::bundled();
    let price = pricing.get(model.id);
    let rates = price.map(Rates::from).unwrap_or_default();
    let opts = BillOptions {
        cache: !args.no_cache,
        fresh_at: args.fresh_at,
        summary_tokens: args.summary_tokens,
    };
    let report = bill(&counted.conversation, &rates, opts).map_err(|e| e.to_string())?;
    if args.csv {
        let text = csv(&report);
        return emit(|w| w.write_all(text.as_bytes()));
    }
    let out = BillOut {
        model: model.id,
        model_name: model.name,
        encoding: model.vocab.name(),
        price_source: price.map_or("none", |p| p.source.as_str()),
        rates,
        cache_assumption: !args.no_cache,
        counted: &counted,
        report: &report,
    };
    if args.json {
        emit_json(&out)
    } else {
        emit(|w| table(w, &out, price, args))
    }
}

/// The model named on the command line, or else the conversation's, trying it without a dated suffix
/// (`gpt-4o-2024-08-06` is billed as `gpt-4o`).
fn resolve(flag: Option<&str>, from_file: Option<&str>) -> Result<&'static Model, String> {
    if let Some(name) = flag {
        return match lookup(name) {
            Some((_, Some(m))) => Ok(m),
            Some((vocab, None)) => Err(format!(
                "{:?} is an encoding, not a model: a bill needs a model's prices (see `tokenlens ai list`)",
                vocab.name()
            )),
            None => Err(format!("unknown model {name:?} (see `tokenlens ai list`)")),
        };
    }
    let Some(name) = from_file else {
        return Err("no model: pass --model NAME, or give the conversation a \"model\"".to_owned());
    };
    let mut candidate = name;
    loop {
        if let Some((_, Some(m))) = lookup(candidate) {
            return Ok(m);
        }
        match candidate.rsplit_once('-') {
            Some((head, _)) if !head.is_empty() => candidate = head,
            _ => {
                return Err(format!(
                    "the conversation's model {name:?} is not in the catalogue; pass --model NAME (see `tokenlens ai list`)"
                ));
            }
        }
    }
}

fn table(
    w: &mut dyn Write,
    out: &BillOut<'_>,
    price: Option<&Price>,
    args: &BillArgs,
) -> io::Result<()> {
    let r = &out.rates;
    let money = |v: Option<f64>| v.map_or_else(|| "-".to_owned(), format_usd);
    writeln!(
        w,
        "model: {} ({}) · {}",
        out.model_name, out.model, out.encoding
    )?;
    if price.is_some() {
        writeln!(
            w,
            "prices per 1M tokens: input {}, cached input {}, output {}; context window {} ({})",
            money(r.input_per_1m),
            money(r.cached_input_per_1m),
            money(r.output_per_1m),
            r.context_window,
            field(out.price_source)
        )?;
    } else {
        writeln!(w, "prices: none known for this model; tokens only")?;
    }
    let bill = &out.report.bill;
    if bill.caching {
        writeln!(
            w,
            "assumption: prompt caching hit: the prefix sent in the previous request is billed at the cached price (--no-cache turns it off)"
        )?;
    } else if args.no_cache {
        writeln!(w, "no prompt caching: every input token at the full price")?;
    } else {
        writeln!(
            w,
            "no cached-input price for this model: every input token at the full price"
        )?;
    }
    let conv = &out.counted.conversation;
    writeln!(
        w,
        "system prompt: {} tokens; the template adds {} tokens to every request",
        conv.system_tokens, conv.priming_tokens
    )?;
    writeln!(w)?;
    let heads = [
        "TURN",
        "INPUT",
        "CACHED",
        "OUTPUT",
        "REASONING",
        "CONTEXT",
        "FILL",
        "COST",
        "CUMULATIVE",
    ];
    let rows: Vec<[String; 9]> = bill
        .turns
        .iter()
        .map(|t| {
            [
                t.turn.to_string(),
                t.input_tokens.to_string(),
                t.cached_tokens.to_string(),
                t.output_tokens.to_string(),
                t.reasoning_tokens.to_string(),
                t.context_tokens.to_string(),
                t.context_fill
                    .map_or_else(|| "-".to_owned(), |f| format!("{:.1}%", f * 100.0)),
                money(t.cost_usd),
                money(t.cumulative_usd),
            ]
        })
        .collect();
    let widths: Vec<usize> = (0..heads.len())
        .map(|c| column(rows.iter().map(|r| r[c].as_str()), heads[c]))
        .collect();
    for (c, h) in heads.iter().enumerate() {
        write!(w, "{h:>width$}", width = widths[c])?;
    }
    writeln!(w)?;
    for row in &rows {
        for (c, cell) in row.iter().enumerate() {
            write!(w, "{cell:>width$}", width = widths[c])?;
        }
        writeln!(w)?;
    }
    writeln!(w)?;
    writeln!(
        w,
        "total: {} input tokens ({} cached), {} output tokens, {}",
        bill.total_input_tokens,
        bill.total_cached_tokens,
        bill.total_output_tokens,
        money(bill.total_usd)
    )?;
    match bill.first_overflow {
        Some(t) => writeln!(
            w,
            "turn {t} is the first that does not fit in the context window ({} tokens)",
            r.context_window
        )?,
        None if r.context_window > 0 => writeln!(w, "every turn fits in the context window")?,
        None => {}
    }
    if let Some(f) = &out.report.fresh {
        write!(
            w,
            "fresh chat at turn {} (summary {} tokens): {} input tokens, {} instead of {}; ",
            f.at,
            f.summary_tokens,
            f.bill.total_input_tokens,
            money(f.bill.total_usd),
            money(bill.total_usd),
        )?;
        if f.saved_input_tokens < 0 || f.saved_usd.is_some_and(|s| s < 0.0) {
            writeln!(
                w,
                "it costs {} more ({} more input tokens): the summary outweighs the history it drops",
                money(f.saved_usd.map(|s| -s)),
                -f.saved_input_tokens
            )?;
        } else {
            writeln!(
                w,
                "saves {} and {} input tokens",
                money(f.saved_usd),
                f.saved_input_tokens
            )?;
        }
    }
    let not = &out.counted.images_not_counted;
    if !not.is_empty() {
        let paths: Vec<&str> = not.iter().map(|p| p.path.as_str()).collect();
        writeln!(
            w,
            "not counted: {} image(s) ({}): the model's image rule needs its width and height; add them to the part, or pass --image-tokens N to count each as N tokens",
            not.len(),
            paths.join(", ")
        )?;
    }
    for p in &out.counted.parts_not_counted {
        writeln!(w, "not counted: a {:?} part at {}", p.kind, p.path)?;
    }
    Ok(())
}
