//! Saving and loading ledgers as readable JSON. Saves are atomic (temp file in the same folder, fsync, rename), so
//! a crash never leaves half a file; loads say exactly what is wrong and where, and never change the file.

use std::io::Write as _;
use std::path::Path;

use super::model::{Chain, FORMAT, FORMAT_V1};
use crate::i18n::{Worded, Words};

pub use super::bounded::{MAX_ACCOUNTS, MAX_BLOCKS, MAX_TRANSACTIONS};

/// Largest ledger file read (a 100k-transaction chain is about 40 MB).
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// Why a ledger could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// The file could not be read.
    Io {
        /// The path.
        path: String,
        /// The system's message.
        message: String,
    },
    /// The file is not JSON, or not a ledger.
    Json {
        /// What is wrong (serde's message, in English).
        message: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// The file names a format this version does not read.
    UnknownFormat {
        /// The format it names.
        found: String,
    },
    /// The current format without its genesis record.
    NoGenesis,
    /// The file is larger than [`MAX_FILE_BYTES`].
    TooBig {
        /// The path.
        path: String,
        /// The cap in bytes.
        max: u64,
    },
    /// The file is not UTF-8 text.
    NotUtf8 {
        /// The path.
        path: String,
        /// Byte offset of the first invalid byte.
        at: usize,
    },
}

impl Worded for LoadError {
    fn words(&self) -> Words {
        match self {
            Self::Io { path, message } => words!("ledger.load.io")
                .with("path", path)
                .with("message", message),
            Self::Json {
                message,
                line,
                column,
            } => words!("ledger.load.json")
                .with("message", message)
                .with("line", line)
                .with("column", column),
            Self::UnknownFormat { found } => words!("ledger.load.format")
                .with("found", format!("{found:?}"))
                .with("format", format!("{FORMAT:?}"))
                .with("old", format!("{FORMAT_V1:?}")),
            Self::NoGenesis => {
                words!("ledger.load.no_genesis").with("format", format!("{FORMAT:?}"))
            }
            Self::TooBig { path, max } => words!("ledger.load.too_big")
                .with("path", path)
                .with("max", max),
            Self::NotUtf8 { path, at } => words!("ledger.load.not_utf8")
                .with("path", path)
                .with("at", at),
        }
    }
}

/// English words, for logs and the CLI; the UI words the error in its language with [`Worded`].
impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.words().fmt(f)
    }
}

impl std::error::Error for LoadError {}

/// Why a ledger could not be saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// The path names no file.
    NotPath {
        /// The path.
        path: String,
    },
    /// Something other than a regular file is at the path.
    NotRegular {
        /// The path.
        path: String,
    },
    /// Writing, syncing or renaming failed.
    Failed {
        /// The path.
        path: String,
        /// The system's message.
        message: String,
    },
}

impl Worded for SaveError {
    fn words(&self) -> Words {
        match self {
            Self::NotPath { path } => words!("ledger.save.not_path").with("path", path),
            Self::NotRegular { path } => words!("ledger.save.not_regular").with("path", path),
            Self::Failed { path, message } => words!("ledger.save.failed")
                .with("path", path)
                .with("err", message),
        }
    }
}

/// English words, for logs and the CLI; the UI words the error in its language with [`Worded`].
impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.words().fmt(f)
    }
}

impl std::error::Error for SaveError {}

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
        return Err(LoadError::UnknownFormat {
            found: chain.format,
        });
    }
    if chain.format == FORMAT && chain.genesis.is_none() {
        return Err(LoadError::NoGenesis);
    }
    Ok(chain)
}

/// For a chain in the old format: a notice that its metadata (token definitions, account labels, difficulty) is
/// protected by nothing. `None` for the current format.
pub fn legacy_notice(chain: &Chain) -> Option<Words> {
    (!chain.metadata_protected()).then(|| {
        words!("ledger.load.legacy")
            .with("found", format!("{:?}", chain.format))
            .with("format", format!("{FORMAT:?}"))
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
            return Err(LoadError::TooBig {
                path: path.display().to_string(),
                max,
            });
        }
    };
    let text = String::from_utf8(bytes).map_err(|e| LoadError::NotUtf8 {
        path: path.display().to_string(),
        at: e.utf8_error().valid_up_to(),
    })?;
    from_json(&text)
}

/// Save atomically: write a temp file next to `path`, fsync it, rename it over `path`, fsync the folder.
pub fn save(chain: &Chain, path: &Path) -> Result<(), SaveError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| SaveError::NotPath {
            path: path.display().to_string(),
        })?;
    // The rename would replace whatever is at `path`: a FIFO, a symlink's target or (as root) a device node.
    // Only a regular file or a new path is written.
    if let Ok(meta) = std::fs::symlink_metadata(path)
        && !meta.file_type().is_file()
    {
        return Err(SaveError::NotRegular {
            path: path.display().to_string(),
        });
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
        SaveError::Failed {
            path: path.display().to_string(),
            message: e.to_string(),
        }
    })
}
