//! Saving and loading ledgers as readable JSON. Saves are atomic (temp file in the same folder, fsync, rename), so
//! a crash never leaves half a file; loads say exactly what is wrong and where, and never change the file.

use std::io::Write as _;
use std::path::Path;

use super::model::{Chain, FORMAT, FORMAT_V1};

pub use super::bounded::{MAX_ACCOUNTS, MAX_BLOCKS, MAX_TRANSACTIONS};

/// Largest ledger file read (a 100k-transaction chain is about 40 MB).
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// Why a ledger could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("{}", trf!("ledger.load.io", &[("path", path), ("message", message)]))]
    Io {
        /// The path.
        path: String,
        /// The system's message.
        message: String,
    },
    /// The file is not JSON, or not a ledger.
    #[error(
        "{}",
        trf!("ledger.load.json", &[("message", message), ("line", line), ("column", column)])
    )]
    Json {
        /// What is wrong.
        message: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// The file is JSON but not in our format.
    #[error("{0}")]
    Format(String),
}

/// The chain as pretty-printed JSON.
pub fn to_json(chain: &Chain) -> String {
    serde_json::to_string_pretty(chain).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// Read a chain from JSON text.
pub fn from_json(text: &str) -> Result<Chain, LoadError> {
    let chain: Chain = serde_json::from_str(text).map_err(|e| LoadError::Json {
        message: e
            .to_string()
            .split(" at line ")
            .next()
            .unwrap_or_default()
            .to_owned(),
        line: e.line(),
        column: e.column(),
    })?;
    if chain.format != FORMAT && chain.format != FORMAT_V1 {
        return Err(LoadError::Format(trf!(
            "ledger.load.format",
            &[
                ("found", &format!("{:?}", chain.format)),
                ("format", &format!("{FORMAT:?}")),
                ("old", &format!("{FORMAT_V1:?}")),
            ],
        )));
    }
    if chain.format == FORMAT && chain.genesis.is_none() {
        return Err(LoadError::Format(trf!(
            "ledger.load.no_genesis",
            &[("format", &format!("{FORMAT:?}"))],
        )));
    }
    Ok(chain)
}

/// For a chain in the old format: a notice that its metadata (token definitions, account labels, difficulty) is
/// protected by nothing. `None` for the current format.
pub fn legacy_notice(chain: &Chain) -> Option<String> {
    (!chain.metadata_protected()).then(|| {
        trf!(
            "ledger.load.legacy",
            &[
                ("found", &format!("{:?}", chain.format)),
                ("format", &format!("{FORMAT:?}")),
            ],
        )
    })
}

/// Load a chain from a file.
pub fn load(path: &Path) -> Result<Chain, LoadError> {
    let io = |e: std::io::Error| LoadError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    // Capped as it is read: a device or a pipe reports size 0 (`ledger verify /dev/zero` must stop).
    let bytes = match crate::capped::read_file(path, MAX_FILE_BYTES) {
        Ok(bytes) => bytes,
        Err(crate::capped::CappedError::Io(e)) => return Err(io(e)),
        Err(crate::capped::CappedError::TooLarge(max)) => {
            return Err(LoadError::Format(trf!(
                "ledger.load.too_big",
                &[("path", &path.display()), ("max", &max)],
            )));
        }
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        LoadError::Format(trf!(
            "ledger.load.not_utf8",
            &[
                ("path", &path.display()),
                ("at", &e.utf8_error().valid_up_to()),
            ],
        ))
    })?;
    from_json(&text)
}

/// Save atomically: write a temp file next to `path`, fsync it, rename it over `path`, fsync the folder.
pub fn save(chain: &Chain, path: &Path) -> Result<(), String> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| trf!("ledger.save.not_path", &[("path", &path.display())]))?;
    // The rename would replace whatever is at `path`: a FIFO, a symlink's target or (as root) a device node.
    // Only a regular file or a new path is written.
    if let Ok(meta) = std::fs::symlink_metadata(path)
        && !meta.file_type().is_file()
    {
        return Err(trf!(
            "ledger.save.not_regular",
            &[("path", &path.display())]
        ));
    }
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(to_json(chain).as_bytes())?;
        file.write_all(b"\n")?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)?;
        if let Ok(d) = std::fs::File::open(dir) {
            // Persist the rename itself; not every platform can fsync a folder, so failure here is not fatal.
            let _ = d.sync_all();
        }
        Ok(())
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        trf!(
            "ledger.save.failed",
            &[("path", &path.display()), ("err", &e)],
        )
    })
}
