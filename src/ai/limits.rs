//! Caps on what a user's tokenizer.json may ask for, checked before the `tokenizers` crate sees the file: the
//! number of added tokens (loading them is superlinear), the regular expressions of normalizers, pre-tokenizers and
//! decoders (a look-around that can match an unbounded length makes encoding quadratic; backreferences and nested
//! repetition make it exponential), and the size a Precompiled charsmap claims (an allocation sized by the file).
//! The bundled vocabularies are trusted and not checked. Pure: std, serde, base64 and `fancy_regex`'s parser.

use base64::Engine as _;
use fancy_regex::Expr;
use serde::Deserialize;
use serde_json::Value;

use super::AiError;
use super::info::EntryCount;

/// The most added tokens a user's tokenizer.json may have. Loading them costs more than linear time in their
/// number (100,000 took 17 s); the largest real vocabularies add a few thousand.
pub const MAX_ADDED_TOKENS: usize = 20_000;

/// The longest regular expression, in bytes, in a user's tokenizer.json (the bundled ones are under 400).
pub const MAX_PATTERN_BYTES: usize = 1024;

/// The most characters a look-around in a user's regular expression may look at. The GPT-2 family's `(?!\S)`
/// looks at one; a look-ahead that can scan to the end of the text is run at every position, which is quadratic.
pub const MAX_LOOK_AROUND_CHARS: usize = 32;

/// The largest `max_input_chars_per_word` a user's WordPiece model may set. WordPiece tries every shorter piece
/// at every start, hashing each, so a word costs up to the cube of its length; BERT sets 100.
pub const MAX_WORD_CHARS: usize = 200;

#[derive(Deserialize)]
struct ModelHead {
    #[serde(default)]
    max_input_chars_per_word: Option<u64>,
}

#[derive(Deserialize)]
struct Head {
    #[serde(default)]
    model: Option<ModelHead>,
    #[serde(default)]
    normalizer: Option<Value>,
    #[serde(default)]
    pre_tokenizer: Option<Value>,
    #[serde(default)]
    decoder: Option<Value>,
    #[serde(default)]
    added_tokens: EntryCount,
}

/// Check a user's tokenizer.json against the caps. A file that does not parse passes: the loader reports it.
pub fn check_user(json: &[u8]) -> Result<(), AiError> {
    let Ok(head) = serde_json::from_slice::<Head>(json) else {
        return Ok(());
    };
    if head.added_tokens.0 > MAX_ADDED_TOKENS {
        return Err(AiError::TooManyAddedTokens {
            count: head.added_tokens.0,
            max: MAX_ADDED_TOKENS,
        });
    }
    if let Some(value) = head.model.and_then(|m| m.max_input_chars_per_word)
        && value > MAX_WORD_CHARS as u64
    {
        return Err(AiError::WordLimitTooHigh {
            value,
            max: MAX_WORD_CHARS,
        });
    }
    for part in [&head.normalizer, &head.pre_tokenizer, &head.decoder]
        .into_iter()
        .flatten()
    {
        check_value(part)?;
    }
    Ok(())
}

/// Every `{"Regex": …}` pattern and every Precompiled charsmap inside a component, at any depth (Sequence).
fn check_value(value: &Value) -> Result<(), AiError> {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(pattern)) = map.get("Regex") {
                check_pattern(pattern)?;
            }
            if map.get("type").and_then(Value::as_str) == Some("Precompiled")
                && let Some(Value::String(b64)) = map.get("precompiled_charsmap")
            {
                check_charsmap(b64)?;
            }
            map.values().try_for_each(check_value)
        }
        Value::Array(items) => items.iter().try_for_each(check_value),
        _ => Ok(()),
    }
}

/// The charsmap starts with the trie's size in bytes (u32, little-endian), and the crate allocates that much before
/// reading it: the size must fit in the data that follows, and the trie must hold at least its root.
fn check_charsmap(b64: &str) -> Result<(), AiError> {
    // The loader decodes with base64 0.13, which accepts missing or extra padding: decode as leniently here, so
    // that no charsmap reaches it unchecked (found by the `tokenizer_json` fuzz target: an unpadded charsmap
    // claiming a 5.8 GB trie aborted the process). What even this cannot decode is refused.
    let lenient = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );
    let bytes = lenient
        .decode(b64)
        .map_err(|e| AiError::Parse(format!("the Precompiled charsmap is not base64: {e}")))?;
    let claimed = bytes
        .first_chunk::<4>()
        .map(|b| u32::from_le_bytes(*b) as usize);
    match claimed {
        Some(trie) if trie >= 4 && trie <= bytes.len() - 4 => Ok(()),
        _ => Err(AiError::BadCharsmap {
            len: bytes.len(),
            trie: claimed.unwrap_or(0),
        }),
    }
}

/// A regular expression that a user's tokenizer.json may use: short, no backreference, no repetition of a
/// repetition, and look-arounds that look at a bounded, small number of characters.
fn check_pattern(pattern: &str) -> Result<(), AiError> {
    let shown = || shorten(pattern);
    if pattern.len() > MAX_PATTERN_BYTES {
        return Err(AiError::PatternTooLong {
            len: pattern.len(),
            max: MAX_PATTERN_BYTES,
        });
    }
    // A pattern that does not parse is left to the loader, which reports it.
    let Ok(tree) = Expr::parse_tree(pattern) else {
        return Ok(());
    };
    walk(&tree.expr).map_err(|problem| match problem {
        Problem::LookAround => AiError::PatternLookAround {
            pattern: shown(),
            max: MAX_LOOK_AROUND_CHARS,
        },
        Problem::Backreference => AiError::PatternBackreference(shown()),
        Problem::NestedRepetition => AiError::PatternNestedRepetition(shown()),
    })
}

enum Problem {
    LookAround,
    Backreference,
    NestedRepetition,
}

/// Check `expr` and everything inside it.
fn walk(expr: &Expr) -> Result<(), Problem> {
    match expr {
        Expr::Backref(_) | Expr::BackrefExistsCondition(_) => Err(Problem::Backreference),
        Expr::LookAround(body, _) => {
            if max_chars(body).is_none_or(|n| n > MAX_LOOK_AROUND_CHARS) {
                return Err(Problem::LookAround);
            }
            walk(body)
        }
        Expr::Repeat { child, hi, .. } => {
            // `(a+)+`: an unbounded repetition of something that can itself match any length.
            if *hi == usize::MAX && max_chars(child).is_none() {
                return Err(Problem::NestedRepetition);
            }
            walk(child)
        }
        Expr::Concat(children) | Expr::Alt(children) => children.iter().try_for_each(walk),
        Expr::Group(inner) | Expr::AtomicGroup(inner) => walk(inner),
        Expr::Conditional {
            condition,
            true_branch,
            false_branch,
        } => {
            walk(condition)?;
            walk(true_branch)?;
            walk(false_branch)
        }
        _ => Ok(()),
    }
}

/// The most characters `expr` can match, or `None` if it is unbounded.
fn max_chars(expr: &Expr) -> Option<usize> {
    match expr {
        Expr::Empty
        | Expr::Assertion(_)
        | Expr::LookAround(..)
        | Expr::KeepOut
        | Expr::ContinueFromPreviousMatchEnd
        | Expr::BackrefExistsCondition(_) => Some(0),
        Expr::Any { .. } => Some(1),
        Expr::Literal { val, .. } => Some(val.chars().count()),
        Expr::Delegate { size, .. } => Some((*size).max(1)),
        Expr::Concat(children) => children
            .iter()
            .try_fold(0usize, |sum, c| Some(sum.saturating_add(max_chars(c)?))),
        Expr::Alt(children) => children
            .iter()
            .try_fold(0usize, |most, c| Some(most.max(max_chars(c)?))),
        Expr::Group(inner) | Expr::AtomicGroup(inner) => max_chars(inner),
        Expr::Repeat { child, hi, .. } => {
            if *hi == usize::MAX {
                None
            } else {
                Some(max_chars(child)?.saturating_mul(*hi))
            }
        }
        Expr::Backref(_) => None,
        Expr::Conditional {
            condition,
            true_branch,
            false_branch,
        } => Some(
            max_chars(condition)?
                .saturating_add(max_chars(true_branch)?.max(max_chars(false_branch)?)),
        ),
    }
}

/// The pattern as shown in a message: quoted, and cut after 80 characters.
fn shorten(pattern: &str) -> String {
    let mut cut: String = pattern.chars().take(80).collect();
    if cut.len() < pattern.len() {
        cut.push('…');
    }
    format!("{cut:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gpt2_family_patterns_pass() {
        for p in [
            r"'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s",
            r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+",
            r"(?<=a)b|\w+(?=\s{1,3}x)",
        ] {
            assert_eq!(check_pattern(p), Ok(()), "{p}");
        }
    }

    #[test]
    fn costly_patterns_are_refused() {
        assert!(matches!(
            check_pattern("(?=(a+)+c)"),
            Err(AiError::PatternLookAround { .. })
        ));
        assert!(matches!(
            check_pattern("x(?=.*y)"),
            Err(AiError::PatternLookAround { .. })
        ));
        assert!(matches!(
            check_pattern("(?=a{1,1000})"),
            Err(AiError::PatternLookAround { .. })
        ));
        assert!(matches!(
            check_pattern(r"(a)\1"),
            Err(AiError::PatternBackreference(_))
        ));
        assert!(matches!(
            check_pattern("(ab+)+c"),
            Err(AiError::PatternNestedRepetition(_))
        ));
        assert!(matches!(
            check_pattern(&"a".repeat(MAX_PATTERN_BYTES + 1)),
            Err(AiError::PatternTooLong { .. })
        ));
    }
}
