//! Audio and video durations from file headers, never by decoding: MP4 movies from the movie header (`mp4`),
//! WebM and Matroska from the segment info (`matroska-demuxer`), audio files (WAV, MP3, FLAC, OGG, M4A) from their
//! stream headers (`lofty`; an MP3 without a Xing/VBRI header is estimated from its bitrate and length, as players
//! do). Each parser runs behind `catch_unwind` (`ai::guard`), quietly.

use std::io::{Read, Seek, SeekFrom};

use serde::Deserialize;

use crate::i18n::{Worded, Words};

/// Audio or video.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MediaKind {
    /// Sound only.
    Audio,
    /// Moving pictures (with or without sound).
    Video,
}

/// What a media file's headers say.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MediaInfo {
    /// Audio or video.
    pub kind: MediaKind,
    /// The container or codec family, for display.
    pub container: &'static str,
    /// Length in seconds.
    pub seconds: f64,
}

/// Why a media file's length could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MediaError {
    /// Not a format the headers can be read from.
    UnknownFormat,
    /// The headers are broken.
    BadHeader {
        /// The container.
        container: &'static str,
        /// The parser's message.
        err: String,
    },
    /// The headers give no length.
    NoDuration(&'static str),
    /// The parser panicked.
    Crashed(&'static str),
    /// Reading the file failed.
    Io(String),
}

impl Worded for MediaError {
    fn words(&self) -> Words {
        match self {
            Self::UnknownFormat => words!("ai.media.err.media_format"),
            Self::BadHeader { container, err } => words!("ai.media.err.media_header")
                .with("container", container)
                .with("err", err),
            Self::NoDuration(c) => words!("ai.media.err.no_duration").with("container", c),
            Self::Crashed(c) => words!("ai.media.err.media_crashed").with("container", c),
            Self::Io(e) => words!("ai.media.err.io").with("err", e),
        }
    }
}

impl std::fmt::Display for MediaError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.words().fmt(f)
    }
}

/// Does this start like a media file the headers can be read from?
pub fn is_media(head: &[u8]) -> bool {
    is_mp4(head) || is_matroska(head) || is_audio(head)
}

/// An audio file lofty knows, or an MP3 that starts with an ID3v2 tag (whose frames come after it).
fn is_audio(head: &[u8]) -> bool {
    head.starts_with(b"ID3") || lofty::file::FileType::from_buffer(head).is_some()
}

fn is_mp4(head: &[u8]) -> bool {
    head.get(4..8) == Some(b"ftyp")
}

fn is_matroska(head: &[u8]) -> bool {
    head.starts_with(&[0x1A, 0x45, 0xDF, 0xA3])
}

/// The kind and length of the media file `reader` holds (`len` bytes), from its headers.
pub fn probe_media<R: Read + Seek>(mut reader: R, len: u64) -> Result<MediaInfo, MediaError> {
    let mut head = [0u8; 64];
    let n = read_head(&mut reader, &mut head)?;
    let head = &head[..n];
    reader
        .seek(SeekFrom::Start(0))
        .map_err(|e| MediaError::Io(e.to_string()))?;
    if is_mp4(head) {
        return caught("MP4", move || mp4_info(reader, len));
    }
    if is_matroska(head) {
        return caught("Matroska", move || matroska_info(reader));
    }
    if is_audio(head) {
        return caught("audio", move || audio_info(reader));
    }
    Err(MediaError::UnknownFormat)
}

fn read_head<R: Read>(reader: &mut R, buf: &mut [u8]) -> Result<usize, MediaError> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(MediaError::Io(e.to_string())),
        }
    }
    Ok(filled)
}

fn caught(
    container: &'static str,
    f: impl FnOnce() -> Result<MediaInfo, MediaError>,
) -> Result<MediaInfo, MediaError> {
    crate::ai::guard::guarded(f).unwrap_or(Err(MediaError::Crashed(container)))
}

fn checked(
    container: &'static str,
    kind: MediaKind,
    seconds: f64,
) -> Result<MediaInfo, MediaError> {
    if seconds.is_finite() && seconds > 0.0 {
        Ok(MediaInfo {
            kind,
            container,
            seconds,
        })
    } else {
        Err(MediaError::NoDuration(container))
    }
}

fn mp4_info<R: Read + Seek>(reader: R, len: u64) -> Result<MediaInfo, MediaError> {
    let bad = |e: mp4::Error| MediaError::BadHeader {
        container: "MP4",
        err: e.to_string(),
    };
    let mp4 = mp4::Mp4Reader::read_header(reader, len).map_err(bad)?;
    let video = mp4
        .tracks()
        .values()
        .any(|t| matches!(t.track_type(), Ok(mp4::TrackType::Video)));
    let kind = if video {
        MediaKind::Video
    } else {
        MediaKind::Audio
    };
    let container = if video { "MP4" } else { "M4A" };
    checked(container, kind, mp4.duration().as_secs_f64())
}

fn matroska_info<R: Read + Seek>(reader: R) -> Result<MediaInfo, MediaError> {
    let file = matroska_demuxer::MatroskaFile::open(reader).map_err(|e| MediaError::BadHeader {
        container: "Matroska",
        err: e.to_string(),
    })?;
    let video = file
        .tracks()
        .iter()
        .any(|t| t.track_type() == matroska_demuxer::TrackType::Video);
    let webm = file.ebml_header().doc_type() == "webm";
    let container = if webm { "WebM" } else { "Matroska" };
    let info = file.info();
    let Some(duration) = info.duration() else {
        return Err(MediaError::NoDuration(container));
    };
    let seconds = duration * info.timestamp_scale().get() as f64 / 1e9;
    let kind = if video {
        MediaKind::Video
    } else {
        MediaKind::Audio
    };
    checked(container, kind, seconds)
}

fn audio_info<R: Read + Seek>(reader: R) -> Result<MediaInfo, MediaError> {
    use lofty::config::ParseOptions;
    use lofty::file::{AudioFile as _, FileType};
    let bad = |e: &dyn std::fmt::Display| MediaError::BadHeader {
        container: "audio",
        err: e.to_string(),
    };
    let probe = lofty::probe::Probe::new(std::io::BufReader::new(reader))
        .options(ParseOptions::new().read_tags(false).read_cover_art(false))
        .guess_file_type()
        .map_err(|e| bad(&e))?;
    let container = match probe.file_type() {
        Some(FileType::Wav) => "WAV",
        Some(FileType::Mpeg) => "MP3",
        Some(FileType::Flac) => "FLAC",
        Some(FileType::Vorbis) => "Ogg Vorbis",
        Some(FileType::Opus) => "Ogg Opus",
        Some(FileType::Speex) => "Ogg Speex",
        Some(FileType::Aac) => "AAC",
        Some(FileType::Aiff) => "AIFF",
        Some(FileType::Mp4) => "M4A",
        _ => "audio",
    };
    let file = probe.read().map_err(|e| MediaError::BadHeader {
        container,
        err: e.to_string(),
    })?;
    checked(
        container,
        MediaKind::Audio,
        file.properties().duration().as_secs_f64(),
    )
}
