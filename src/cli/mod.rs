//! The headless twin of each tab: `tokenlens jwt …`, `tokenlens ai …` and `tokenlens ledger …`, printing text or `--json`. Uses the
//! same cores as the UI.
//! Everything printed goes through [`out`], which escapes control and bidi characters.

/// `println!` through the escaping writer of [`out`].
macro_rules! outln {
    () => {
        $crate::cli::out::print(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::cli::out::print(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// `print!` through the escaping writer of [`out`].
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::cli::out::print(format_args!($($arg)*))
    };
}

mod ai;
mod detect;
mod jwt;
mod ledger;
pub mod out;

use clap::{Parser, Subcommand};

/// Command-line arguments. With no subcommand, the desktop app starts.
#[derive(Debug, Parser)]
#[command(
    name = "tokenlens",
    version,
    about = "Inspect session tokens (JWT), crypto tokens and AI tokens, offline."
)]
pub struct Cli {
    /// What to do; omit to open the app.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// A CLI subcommand.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Decode, verify and review a JWT / JWS / JWE.
    Jwt(jwt::JwtArgs),
    /// Tokenize, count and decode AI tokens with the bundled vocabularies or a tokenizer.json.
    Ai(ai::AiArgs),
    /// Build, verify and inspect signed, mined token ledgers and real Ethereum data.
    Ledger(ledger::LedgerArgs),
    /// Say what a pasted text is: a JWT/JWE, an Ethereum address, calldata or raw transaction, a tokenizer.json,
    /// a ledger file, or a prompt.
    Detect(detect::DetectArgs),
}

/// Run a subcommand and return the process exit code (0 ok, 1 decoded but not valid, 2 unusable or undecodable
/// input).
pub fn run(command: Command) -> i32 {
    match command {
        Command::Jwt(args) => jwt::run(&args),
        Command::Ai(args) => ai::run(&args),
        Command::Ledger(args) => ledger::run(&args),
        Command::Detect(args) => detect::run(&args),
    }
}

/// Read a positional argument, where `-` or nothing means standard input.
fn read_input(arg: Option<&str>) -> Result<String, String> {
    match arg {
        Some(text) if text != "-" => Ok(text.to_owned()),
        _ => {
            // Capped as it arrives; the size is checked before the UTF-8, so a cap that splits a character still
            // says "too large".
            let max = crate::session::MAX_INPUT_BYTES as u64;
            let bytes = crate::capped::read_to_end(std::io::stdin(), max).map_err(|e| match e {
                crate::capped::CappedError::TooLarge(max) => {
                    format!("standard input is larger than {max} bytes, the limit")
                }
                crate::capped::CappedError::Io(e) => format!("cannot read standard input: {e}"),
            })?;
            String::from_utf8(bytes).map_err(|e| {
                format!(
                    "standard input is not UTF-8 text (at byte {})",
                    e.utf8_error().valid_up_to()
                )
            })
        }
    }
}

fn fail(message: &str) -> i32 {
    out::eprint(format_args!("tokenlens: {message}\n"));
    2
}
