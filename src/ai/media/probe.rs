//! Image sizes from file headers, and a capped preview decode: a 100,000 × 100,000 PNG header is counted from its
//! header and refused for a preview, never allocated. The `image` crate reads the formats; its decoders run behind
//! `catch_unwind` (`ai::guard`).

use std::io::Cursor;

use image::{ImageFormat, ImageReader, Limits};

use super::Size;
use crate::i18n::{Worded, Words};

/// The longest side of a preview (px); larger images are scaled down to it for display.
pub const MAX_PREVIEW_SIDE: u32 = 2048;

/// The most pixels an image may have to be decoded for a preview (64 megapixels: 256 MB as RGBA).
pub const MAX_PREVIEW_PIXELS: u64 = 64_000_000;

/// The formats users bring.
const FORMATS: [ImageFormat; 4] = [
    ImageFormat::Png,
    ImageFormat::Jpeg,
    ImageFormat::WebP,
    ImageFormat::Gif,
];

/// What an image file's header says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImageInfo {
    /// PNG, JPEG, WebP or GIF.
    pub format: &'static str,
    /// Its size (a GIF's logical screen: the first frame is what models read).
    pub size: Size,
}

/// A decoded, display-sized copy of an image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preview {
    /// The preview's size (at most [`MAX_PREVIEW_SIDE`] on the long side).
    pub size: Size,
    /// RGBA8 pixels, row by row.
    pub rgba: Vec<u8>,
}

/// Why an image could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImageError {
    /// Not PNG, JPEG, WebP or GIF.
    UnknownFormat,
    /// The header is broken.
    BadHeader(String),
    /// Too many pixels to decode for a preview.
    TooLargeToPreview {
        /// Its size.
        size: Size,
        /// The cap.
        max: u64,
    },
    /// The pixels did not decode.
    Decode(String),
    /// The decoder panicked (with the panic's message).
    Crashed(String),
}

impl Worded for ImageError {
    fn words(&self) -> Words {
        match self {
            Self::UnknownFormat => words!("ai.media.err.format"),
            Self::BadHeader(e) => words!("ai.media.err.header").with("err", e),
            Self::TooLargeToPreview { size, max } => words!("ai.media.err.preview_too_large")
                .with("size", size)
                .with("mp", max / 1_000_000),
            Self::Decode(e) => words!("ai.media.err.decode").with("err", e),
            Self::Crashed(e) => words!("ai.media.err.crashed").with("err", e),
        }
    }
}

impl std::fmt::Display for ImageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.words().fmt(f)
    }
}

/// A reader over bytes in memory.
type Reader<'a> = ImageReader<Cursor<&'a [u8]>>;

fn reader(bytes: &[u8]) -> Result<(Reader<'_>, ImageFormat), ImageError> {
    let format = image::guess_format(bytes)
        .ok()
        .filter(|f| FORMATS.contains(f))
        .ok_or(ImageError::UnknownFormat)?;
    let mut r = ImageReader::new(Cursor::new(bytes));
    r.set_format(format);
    Ok((r, format))
}

fn format_name(f: ImageFormat) -> &'static str {
    match f {
        ImageFormat::Png => "PNG",
        ImageFormat::Jpeg => "JPEG",
        ImageFormat::WebP => "WebP",
        _ => "GIF",
    }
}

/// Is this the start of an image file the media view reads?
pub fn is_image(bytes: &[u8]) -> bool {
    image::guess_format(bytes).is_ok_and(|f| FORMATS.contains(&f))
}

/// The format and size from the header alone, without decoding pixels.
pub fn probe_image(bytes: &[u8]) -> Result<ImageInfo, ImageError> {
    let (r, format) = reader(bytes)?;
    let dims = crate::ai::guard::guarded(move || r.into_dimensions())
        .map_err(ImageError::Crashed)?
        .map_err(|e| ImageError::BadHeader(e.to_string()))?;
    Ok(ImageInfo {
        format: format_name(format),
        size: Size::new(dims.0, dims.1),
    })
}

/// Decode the image (a GIF's first frame) and scale it to at most [`MAX_PREVIEW_SIDE`], refusing more than
/// [`MAX_PREVIEW_PIXELS`] before any pixel buffer is allocated.
pub fn decode_preview(bytes: &[u8]) -> Result<Preview, ImageError> {
    let info = probe_image(bytes)?;
    if u64::from(info.size.w) * u64::from(info.size.h) > MAX_PREVIEW_PIXELS {
        return Err(ImageError::TooLargeToPreview {
            size: info.size,
            max: MAX_PREVIEW_PIXELS,
        });
    }
    let (mut r, _) = reader(bytes)?;
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_PREVIEW_PIXELS * 4 + (64 << 20));
    r.limits(limits);
    let image = crate::ai::guard::guarded(move || r.decode())
        .map_err(ImageError::Crashed)?
        .map_err(|e| ImageError::Decode(e.to_string()))?;
    let image = if image.width().max(image.height()) > MAX_PREVIEW_SIDE {
        image.thumbnail(MAX_PREVIEW_SIDE, MAX_PREVIEW_SIDE)
    } else {
        image
    };
    let rgba = image.into_rgba8();
    Ok(Preview {
        size: Size::new(rgba.width(), rgba.height()),
        rgba: rgba.into_raw(),
    })
}
