//! Where `tokenlens ai` gets its tokenizer and its text: a bundled name or a tokenizer.json path, a file or stdin,
//! read as capped bytes and checked for UTF-8.

use std::io::{self, Read as _};
use std::path::{Path, PathBuf};

use super::MAX_AI_INPUT_BYTES;
use crate::ai::{Loaded, MODELS, Vocab, lookup};

/// Where a tokenizer comes from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) enum Source {
    Bundled(Vocab),
    File(PathBuf),
}

/// Resolve a name without loading anything: a bundled encoding, a model, or an existing file.
pub(super) fn source(name: &str) -> Result<Source, String> {
    if let Some((vocab, _model)) = lookup(name) {
        return Ok(Source::Bundled(vocab));
    }
    let path = Path::new(name);
    // Anything that exists and is not a folder is read (capped): a file, or a pipe such as `<(zcat tok.json.gz)`.
    if path.is_dir() {
        return Err(format!("{name}: is a directory, not a tokenizer.json file"));
    }
    if path.exists() {
        return Ok(Source::File(path.to_owned()));
    }
    // Something that looks like a path is reported as one, not as an unknown name.
    if name.contains(['/', '\\'])
        || Path::new(name)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        return Err(format!("{name}: no such file"));
    }
    let encodings: Vec<&str> = Vocab::ALL.iter().map(|v| v.name()).collect();
    let models: Vec<&str> = MODELS.iter().map(|m| m.id).collect();
    Err(format!(
        "unknown tokenizer {name:?}: not a bundled encoding, a model or a tokenizer.json file\n  encodings: {}\n  models: {}",
        encodings.join(", "),
        models.join(", ")
    ))
}

/// Load a tokenizer: decompress a bundled vocabulary or parse a tokenizer.json.
pub(super) fn load(source: &Source) -> Result<Loaded, String> {
    match source {
        Source::Bundled(vocab) => Loaded::bundled(*vocab).map_err(|e| e.to_string()),
        Source::File(path) => {
            let shown = path.display().to_string();
            let json = read_file(path)?;
            let name = path
                .file_name()
                .map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());
            Loaded::from_json(&json, None, name).map_err(|e| format!("{shown}: {e}"))
        }
    }
}

/// Read a text file, or standard input for `-` or nothing, as UTF-8.
pub(super) fn read_text(file: Option<&Path>) -> Result<String, String> {
    let (bytes, what) = match file {
        Some(path) if path != Path::new("-") => (read_file(path)?, path.display().to_string()),
        _ => {
            let what = "standard input".to_owned();
            (read_capped(io::stdin().lock(), &what)?, what)
        }
    };
    utf8(bytes, &what)
}

/// Read a whole file, capped like standard input.
pub(super) fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    let shown = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
    read_capped(file, &shown)
}

/// Read at most [`MAX_AI_INPUT_BYTES`]; more is an error, never a silent cut.
fn read_capped(reader: impl io::Read, what: &str) -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    reader
        .take(MAX_AI_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|e| format!("cannot read {what}: {e}"))?;
    if buf.len() > MAX_AI_INPUT_BYTES {
        return Err(format!(
            "{what} is larger than {} MiB, the most tokenlens reads; split it and process the parts",
            MAX_AI_INPUT_BYTES / (1024 * 1024)
        ));
    }
    Ok(buf)
}

/// Check UTF-8, naming the byte offset of the first bad byte.
fn utf8(bytes: Vec<u8>, what: &str) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let byte = e.as_bytes().get(at).copied().unwrap_or_default();
        format!(
            "{what} is not valid UTF-8: byte 0x{byte:02X} at offset {at} is not part of a character"
        )
    })
}
