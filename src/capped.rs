//! Reads capped as the bytes arrive. Devices and pipes report a size of 0, so a size check before reading proves
//! nothing: `/dev/zero` would be read until memory runs out. Every read of user data goes through here.

use std::io::Read;
use std::path::Path;

/// Why a capped read failed.
#[derive(Debug)]
pub enum CappedError {
    /// Opening or reading failed.
    Io(std::io::Error),
    /// More than this many bytes arrived.
    TooLarge(u64),
}

/// Read all of `r`, but at most `limit` bytes: one byte more is [`CappedError::TooLarge`], and nothing past it is
/// read.
pub fn read_to_end(r: impl Read, limit: u64) -> Result<Vec<u8>, CappedError> {
    let mut buf = Vec::new();
    r.take(limit.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(CappedError::Io)?;
    if buf.len() as u64 > limit {
        return Err(CappedError::TooLarge(limit));
    }
    Ok(buf)
}

/// Read the file at `path`, at most `limit` bytes.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, CappedError> {
    let file = std::fs::File::open(path).map_err(CappedError::Io)?;
    read_to_end(file, limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endless_stream_stops_one_byte_past_the_cap() {
        let endless = std::io::repeat(0);
        assert!(matches!(
            read_to_end(endless, 1000),
            Err(CappedError::TooLarge(1000))
        ));
        assert_eq!(read_to_end(&[1_u8, 2, 3][..], 3).ok(), Some(vec![1, 2, 3]));
        assert!(matches!(
            read_to_end(&[1_u8, 2, 3][..], 2),
            Err(CappedError::TooLarge(2))
        ));
    }
}
