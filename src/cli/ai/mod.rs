//! `tokenlens ai list|tokenize|count|decode|image|media|bill`: the AI tab's headless twin. Tokenizers are the bundled vocabularies
//! (by encoding name, model id or model name) or a Hugging Face tokenizer.json; input is read as bytes, capped and
//! checked for UTF-8. Imports the `ai` core only.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use serde::{Serialize, Serializer};

mod bill;
mod input;
mod list;
mod media;

use input::{Source, load, read_text, source};

use super::fail;
use crate::ai::{
    Counts, Decoded, EncodeOptions, Loaded, Model, Progress, Token, decode_ids, encode_text,
    hex_bytes, lookup,
};
use crate::i18n::{Lang, tr_in};

/// The largest input (text, ids or tokenizer.json) read, in bytes.
pub const MAX_AI_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// Arguments of `tokenlens ai`.
#[derive(Debug, Args)]
pub struct AiArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: AiCommand,
    /// Give up after this many seconds (loading and encoding together), with exit code 2; 0 waits forever. A
    /// user's tokenizer.json can be slow on some text even within the caps it is checked against.
    #[arg(long, global = true, default_value_t = DEFAULT_TIMEOUT_SECS, value_name = "SECONDS")]
    pub timeout: u64,
}

/// The default `--timeout`: far above what the bundled vocabularies need for the largest input (64 MiB in about
/// 20 s).
pub const DEFAULT_TIMEOUT_SECS: u64 = 120;

/// A `tokenlens ai` subcommand.
#[derive(Debug, Subcommand)]
pub enum AiCommand {
    /// List the bundled vocabularies and the models they tokenize for.
    List(ListArgs),
    /// Split text into tokens: ids, byte offsets, text and raw bytes.
    Tokenize(TokenizeArgs),
    /// Count the tokens of a text with one or more tokenizers.
    Count(CountArgs),
    /// Turn token ids back into text.
    Decode(DecodeArgs),
    /// An image's tokens and cost per model: each resize step, the tile or patch grid, and the rule's source.
    Image(media::ImageArgs),
    /// An audio file's or a video's tokens and cost per model, from its length.
    Media(media::MediaArgs),
    /// What a conversation (OpenAI Chat Completions JSON) costs, turn by turn.
    Bill(bill::BillArgs),
}

/// Arguments of `tokenlens ai list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Also load each vocabulary to report its size (takes a few seconds).
    #[arg(long)]
    pub sizes: bool,
    /// Print one JSON object instead of tables.
    #[arg(long)]
    pub json: bool,
}

/// The text argument of `tokenize` and `count`.
#[derive(Debug, Args)]
pub struct TextInput {
    /// The text file; `-` or nothing reads standard input.
    pub file: Option<PathBuf>,
    /// Special-token text in the input: `text` treats it as plain text, `parse` turns it into special tokens.
    #[arg(long, value_enum, default_value_t = Special::Text)]
    pub special: Special,
}

/// Arguments of `tokenlens ai tokenize`.
#[derive(Debug, Args)]
pub struct TokenizeArgs {
    /// An encoding name, model id or model name (see `tokenlens ai list`), or a path to a tokenizer.json.
    #[arg(long)]
    pub tokenizer: String,
    /// The text and how to read it.
    #[command(flatten)]
    pub input: TextInput,
    /// Print one JSON object instead of one line per token.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `tokenlens ai count`.
#[derive(Debug, Args)]
pub struct CountArgs {
    /// Tokenizers separated by commas (or the option repeated): names, model ids or tokenizer.json paths.
    #[arg(long, value_delimiter = ',', required = true)]
    pub tokenizer: Vec<String>,
    /// The text and how to read it.
    #[command(flatten)]
    pub input: TextInput,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `tokenlens ai decode`.
#[derive(Debug, Args)]
pub struct DecodeArgs {
    /// An encoding name, model id or model name, or a path to a tokenizer.json.
    #[arg(long)]
    pub tokenizer: String,
    /// Token ids, as separate arguments or one list such as "[1, 2, 3]"; `-` or nothing reads standard input.
    pub ids: Vec<String>,
    /// Print one JSON object instead of the text.
    #[arg(long)]
    pub json: bool,
}

/// What to do with special-token text in the input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Special {
    /// Plain text, like tiktoken's `encode_ordinary`.
    #[default]
    Text,
    /// Parse it into special tokens.
    Parse,
}

/// Run `tokenlens ai …`: exit 0 on success, 2 (with a message on stderr) when the input or tokenizer is unusable.
pub fn run(args: &AiArgs) -> i32 {
    watchdog(args.timeout);
    let result = match &args.command {
        AiCommand::List(a) => list::list(a),
        AiCommand::Tokenize(a) => tokenize(a),
        AiCommand::Count(a) => count(a),
        AiCommand::Decode(a) => decode(a),
        AiCommand::Image(a) => media::image(a),
        AiCommand::Media(a) => media::media(a),
        AiCommand::Bill(a) => bill::run(a),
    };
    result.unwrap_or_else(|e| fail(&e))
}

/// End the process with exit code 2 after `secs` seconds. A call into the tokenizer cannot be interrupted, so the
/// process is: this is the CLI's time budget.
fn watchdog(secs: u64) {
    if secs == 0 {
        return;
    }
    let _ = std::thread::Builder::new()
        .name("ai-timeout".to_owned())
        .spawn(move || {
            std::thread::sleep(std::time::Duration::from_secs(secs));
            super::out::eprint(format_args!(
                "tokenlens: gave up after {secs} s (--timeout {secs}): the tokenizer is too slow on this input; \
                 raise --timeout, or use 0 to wait without a limit\n"
            ));
            std::process::exit(2);
        });
}

/// Encode a whole text; BOS/EOS are left out (see [`Loaded::bos`]).
fn encode(loaded: &Loaded, text: &str, special: Special) -> Result<Vec<Token>, String> {
    let opts = EncodeOptions {
        special_as_text: special == Special::Text,
        add_special_tokens: false,
    };
    let tokens =
        encode_text(loaded, text, opts, &Progress::default()).map_err(|e| e.to_string())?;
    // Text the tokenizer left out is in neither the count nor the token list: say so, on standard error.
    let dropped = crate::ai::dropped(text, tokens.iter().map(Token::range));
    if let Some(first) = dropped.first {
        super::out::eprint(format_args!(
            "tokenlens: warning: {}: {} characters (not counting whitespace) are in no token; the first is {:?} at byte {}\n",
            loaded.name,
            dropped.chars,
            text.get(first.clone()).unwrap_or_default(),
            first.start
        ));
    }
    Ok(tokens)
}

/// Write to stdout through a buffer; a closed pipe (`| head`) ends quietly.
fn emit(f: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<i32, String> {
    emit_styled(super::out::Style::Text, f)
}

fn emit_styled(
    style: super::out::Style,
    f: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<i32, String> {
    let mut out = super::out::stdout(style);
    match f(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write the output: {e}"))
        }
        _ => Ok(0),
    }
}

/// Pretty JSON followed by a line feed.
fn emit_json(value: &impl Serialize) -> Result<i32, String> {
    emit_styled(super::out::Style::Json, |w| {
        serde_json::to_writer_pretty(&mut *w, value).map_err(io::Error::other)?;
        writeln!(w)
    })
}

/// A catalogue text in English: the CLI speaks English whatever the app's language.
fn en(key: &'static str) -> &'static str {
    tr_in(Lang::En, key)
}

/// The model a `--tokenizer` name picks, if it names one whose count is an estimate.
fn estimated(name: &str) -> Option<&'static Model> {
    lookup(name)
        .and_then(|(_, m)| m)
        .filter(|m| !m.count.is_exact())
}

/// The line that says a model's count is an estimate, and what counts for it.
fn estimate_line(m: &Model) -> String {
    words!("ai.estimate_note")
        .with("model", m.name)
        .with("vocab", m.vocab.name())
        .text_in(Lang::En)
}

/// The width of a table column: the longest cell or heading, plus two spaces.
fn column<'a>(cells: impl Iterator<Item = &'a str>, heading: &str) -> usize {
    cells
        .map(|c| c.chars().count())
        .chain(std::iter::once(heading.len()))
        .max()
        .unwrap_or(0)
        + 2
}

#[derive(Serialize)]
struct TokenizeOut<'a> {
    tokenizer: &'a str,
    count: usize,
    /// True when the tokenizer was picked by a model whose own vocabulary it stands in for.
    estimate: bool,
    bos: &'a [u32],
    eos: &'a [u32],
    tokens: TokensOut<'a>,
}

/// The token list, serialized one token at a time so a large text never holds every row in memory.
struct TokensOut<'a> {
    loaded: &'a Loaded,
    text: &'a str,
    tokens: &'a [Token],
}

#[derive(Serialize)]
struct TokenOut<'a> {
    id: u32,
    start: u32,
    end: u32,
    text: &'a str,
    bytes_hex: String,
    special: bool,
}

impl Serialize for TokensOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.tokens.iter().map(|t| TokenOut {
            id: t.id,
            start: t.start,
            end: t.end,
            text: self.text.get(t.range()).unwrap_or_default(),
            bytes_hex: token_hex(self.loaded, t.id),
            special: t.special,
        }))
    }
}

fn token_hex(loaded: &Loaded, id: u32) -> String {
    hex_bytes(&loaded.token_bytes(id).unwrap_or_default())
}

fn tokenize(args: &TokenizeArgs) -> Result<i32, String> {
    let source = source(&args.tokenizer)?;
    let text = read_text(args.input.file.as_deref())?;
    let loaded = load(&source)?;
    let tokens = encode(&loaded, &text, args.input.special)?;
    let estimate = estimated(&args.tokenizer);
    if args.json {
        emit_json(&TokenizeOut {
            tokenizer: &loaded.name,
            count: tokens.len(),
            estimate: estimate.is_some(),
            bos: &loaded.bos,
            eos: &loaded.eos,
            tokens: TokensOut {
                loaded: &loaded,
                text: &text,
                tokens: &tokens,
            },
        })
    } else {
        emit(|w| {
            tokenize_text(w, &loaded, &text, &tokens)?;
            match estimate {
                Some(m) => writeln!(w, "{}", estimate_line(m)),
                None => Ok(()),
            }
        })
    }
}

fn tokenize_text(
    w: &mut dyn Write,
    loaded: &Loaded,
    text: &str,
    tokens: &[Token],
) -> io::Result<()> {
    for t in tokens {
        writeln!(
            w,
            "{}\t{}..{}\t{}\t{}",
            t.id,
            t.start,
            t.end,
            escape(text.get(t.range()).unwrap_or_default()),
            token_hex(loaded, t.id)
        )?;
    }
    write!(w, "count: {} ({})", tokens.len(), loaded.name)?;
    if !loaded.bos.is_empty() || !loaded.eos.is_empty() {
        write!(
            w,
            "; not counted: bos {:?}, eos {:?}",
            loaded.bos, loaded.eos
        )?;
    }
    writeln!(w)
}

/// Make a token's text fit on one tab-separated line: line breaks, tabs, backslashes and other control
/// characters are escaped; everything else, spaces included, is kept.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || super::out::is_unsafe(c) => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    out
}

#[derive(Serialize)]
struct CountOut {
    characters: usize,
    bytes: usize,
    counts: Vec<CountRow>,
}

#[derive(Serialize)]
struct CountRow {
    name: String,
    encoding: String,
    count: usize,
    /// True when `name` is a model whose own vocabulary `encoding` stands in for.
    estimate: bool,
}

fn count(args: &CountArgs) -> Result<i32, String> {
    let mut sources = Vec::new();
    for name in &args.tokenizer {
        sources.push((name.trim().to_owned(), source(name.trim())?));
    }
    let text = read_text(args.input.file.as_deref())?;
    // Models sharing a vocabulary are counted once.
    let mut done: HashMap<Source, (String, usize)> = HashMap::new();
    let mut counts = Vec::new();
    for (name, source) in sources {
        let (encoding, count) = if let Some(known) = done.get(&source) {
            known.clone()
        } else {
            let loaded = load(&source)?;
            let counted = (
                loaded.name.clone(),
                encode(&loaded, &text, args.input.special)?.len(),
            );
            done.insert(source, counted.clone());
            counted
        };
        counts.push(CountRow {
            estimate: estimated(&name).is_some(),
            name,
            encoding,
            count,
        });
    }
    let totals = Counts::of(&text, 0);
    let out = CountOut {
        characters: totals.chars,
        bytes: totals.bytes,
        counts,
    };
    if args.json {
        emit_json(&out)
    } else {
        emit(|w| count_text(w, &out))
    }
}

fn count_text(w: &mut dyn Write, out: &CountOut) -> io::Result<()> {
    let nw = column(out.counts.iter().map(|c| c.name.as_str()), "TOKENIZER");
    let ew = column(out.counts.iter().map(|c| c.encoding.as_str()), "ENCODING");
    writeln!(w, "{:<nw$}{:<ew$}{:>8}", "TOKENIZER", "ENCODING", "TOKENS")?;
    for c in &out.counts {
        write!(w, "{:<nw$}{:<ew$}{:>8}", c.name, c.encoding, c.count)?;
        if c.estimate {
            write!(w, "  {}", list::count_word(true))?;
        }
        writeln!(w)?;
    }
    writeln!(w, "characters: {}   bytes: {}", out.characters, out.bytes)?;
    if out.counts.iter().any(|c| c.estimate) {
        writeln!(w, "{}", en(key!("ai.estimate_cli")))?;
    }
    Ok(())
}

#[derive(Serialize)]
struct DecodeOut {
    text: String,
    valid_utf8: bool,
    parts: Vec<PartOut>,
}

#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum PartOut {
    Text(String),
    BytesHex(String),
    Special(String),
}

fn decode(args: &DecodeArgs) -> Result<i32, String> {
    let source = source(&args.tokenizer)?;
    let input = if args.ids.is_empty() || args.ids == ["-"] {
        read_text(None)?
    } else {
        args.ids.join(" ")
    };
    let loaded = load(&source)?;
    let parts = decode_ids(&loaded, &input).map_err(|e| e.to_string())?;
    if args.json {
        emit_json(&decode_json(&parts))
    } else {
        emit(|w| writeln!(w, "{}", decode_text(&parts)))
    }
}

/// The decoded text with stray bytes as `<F0 9F>` and special tokens as they are spelled.
fn decode_text(parts: &[Decoded]) -> String {
    let mut out = String::new();
    for p in parts {
        match p {
            Decoded::Text(t) | Decoded::Special(t) => out.push_str(t),
            Decoded::Bytes(b) => {
                out.push('<');
                out.push_str(&hex_bytes(b));
                out.push('>');
            }
        }
    }
    out
}

/// The parts, and the whole text: exact when it is valid UTF-8, with `�` for stray bytes otherwise.
fn decode_json(parts: &[Decoded]) -> DecodeOut {
    let mut bytes = Vec::new();
    let mut valid_utf8 = true;
    let parts = parts
        .iter()
        .map(|p| match p {
            Decoded::Text(t) => {
                bytes.extend_from_slice(t.as_bytes());
                PartOut::Text(t.clone())
            }
            Decoded::Special(t) => {
                bytes.extend_from_slice(t.as_bytes());
                PartOut::Special(t.clone())
            }
            Decoded::Bytes(b) => {
                bytes.extend_from_slice(b);
                valid_utf8 = false;
                PartOut::BytesHex(hex_bytes(b))
            }
        })
        .collect();
    DecodeOut {
        text: String::from_utf8_lossy(&bytes).into_owned(),
        valid_utf8,
        parts,
    }
}
