//! Rules for the text and image parts of a send or an edit (§B10, §C3.6, §C8.3; decisions Q22, Q25
//! and the 16,000-character limit).

/// Longest message text, in characters (code points), after normalisation.
pub const MAX_TEXT_CHARS: usize = 16_000;

/// Python's `str.isspace()`, which decides what `strip()` removes in the reference: Rust's
/// `char::is_whitespace` plus the ASCII separators U+001C..=U+001F.
pub fn is_python_whitespace(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// The text is longer than [`MAX_TEXT_CHARS`]. Answer `413` with this error's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("text too long (max 16000 characters)")]
pub struct TextTooLong;

/// A send's `text` field: trailing whitespace removed, leading whitespace kept (indentation and
/// code survive). `None` when nothing is left; the send is then `400 empty` unless it has files.
pub fn normalize_send_text(raw: &str) -> Option<String> {
    let text = raw.trim_end_matches(is_python_whitespace);
    (!text.is_empty()).then(|| text.to_owned())
}

/// Refuses a text over the limit, counting characters as the limit's message says.
pub fn check_text_length(text: &str) -> Result<(), TextTooLong> {
    if text.chars().count() > MAX_TEXT_CHARS {
        Err(TextTooLong)
    } else {
        Ok(())
    }
}

/// [`normalize_send_text`] then [`check_text_length`]: the whole text rule of a send.
pub fn prepare_send_text(raw: &str) -> Result<Option<String>, TextTooLong> {
    let text = normalize_send_text(raw);
    if let Some(text) = &text {
        check_text_length(text)?;
    }
    Ok(text)
}

/// Why an edit's text was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EditTextError {
    /// `400 empty`: the reference accepted empty edits and left an invisible row (decision Q25).
    #[error("empty")]
    Empty,
    /// `413 text too long (max 16000 characters)`.
    #[error("text too long (max 16000 characters)")]
    TooLong,
}

/// An edit's `text` field (missing = `""`): trimmed on both sides, as in the reference.
pub fn normalize_edit_text(raw: &str) -> Result<String, EditTextError> {
    let text = raw.trim_matches(is_python_whitespace);
    if text.is_empty() {
        return Err(EditTextError::Empty);
    }
    check_text_length(text).map_err(|TextTooLong| EditTextError::TooLong)?;
    Ok(text.to_owned())
}

/// An image format accepted for uploads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImageKind {
    Png,
    Jpeg,
    Gif,
    Webp,
}

/// Why an upload is not an acceptable image.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UploadError {
    /// The file name's last extension is not `.jpg`, `.jpeg`, `.png`, `.gif` or `.webp`.
    #[error("unsupported file type")]
    UnsupportedExtension,
    /// The bytes are not a PNG, JPEG, GIF or WebP image at all.
    #[error("not an image")]
    NotAnImage,
    /// The bytes are an image, but of another format than the extension claims.
    #[error("file content does not match its extension")]
    ExtensionMismatch { claimed: ImageKind, actual: ImageKind },
}

impl ImageKind {
    /// Classifies an upload by its name AND its content (decision Q22, design §5): the extension
    /// must name an image format and the magic bytes must be that format, so a renamed HTML or SVG
    /// file is never served inline as an image.
    pub fn detect(filename: &str, bytes: &[u8]) -> Result<ImageKind, UploadError> {
        let claimed = lowercase_extension(filename)
            .as_deref()
            .and_then(ImageKind::from_extension)
            .ok_or(UploadError::UnsupportedExtension)?;
        let actual = ImageKind::sniff(bytes).ok_or(UploadError::NotAnImage)?;
        if actual == claimed {
            Ok(actual)
        } else {
            Err(UploadError::ExtensionMismatch { claimed, actual })
        }
    }

    /// The format for a lowercased extension without its dot (`jpg` and `jpeg` are both JPEG).
    pub fn from_extension(extension: &str) -> Option<ImageKind> {
        match extension {
            "png" => Some(ImageKind::Png),
            "jpg" | "jpeg" => Some(ImageKind::Jpeg),
            "gif" => Some(ImageKind::Gif),
            "webp" => Some(ImageKind::Webp),
            _ => None,
        }
    }

    /// The format the leading bytes announce, if any.
    pub fn sniff(bytes: &[u8]) -> Option<ImageKind> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(ImageKind::Png)
        } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
            Some(ImageKind::Jpeg)
        } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
            Some(ImageKind::Gif)
        } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
            Some(ImageKind::Webp)
        } else {
            None
        }
    }

    /// The canonical extension, without the dot (`jpg` for JPEG).
    pub fn extension(self) -> &'static str {
        match self {
            ImageKind::Png => "png",
            ImageKind::Jpeg => "jpg",
            ImageKind::Gif => "gif",
            ImageKind::Webp => "webp",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            ImageKind::Png => "image/png",
            ImageKind::Jpeg => "image/jpeg",
            ImageKind::Gif => "image/gif",
            ImageKind::Webp => "image/webp",
        }
    }
}

/// The last extension of an upload's file name, lowercased, without the dot, as Python's
/// `os.path.splitext(name)[1].lower()` finds it: leading dots of the base name do not start an
/// extension (`.png` has none), and `a.` has the empty one. `None` when there is no extension.
pub fn lowercase_extension(filename: &str) -> Option<String> {
    let base = filename.rsplit('/').next().unwrap_or(filename);
    let stem_start = base.len() - base.trim_start_matches('.').len();
    let dot = base[stem_start..].rfind('.')? + stem_start;
    Some(base[dot + 1..].to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    const JPEG: &[u8] = &[0xff, 0xd8, 0xff, 0xe0, 0, 0x10, b'J', b'F', b'I', b'F'];
    const GIF: &[u8] = b"GIF89a\x01\0\x01\0";
    const WEBP: &[u8] = b"RIFF\x24\0\0\0WEBPVP8 ";

    #[test]
    fn sends_drop_trailing_whitespace_but_keep_indentation() {
        assert_eq!(normalize_send_text("  code\n  block \n\t").unwrap(), "  code\n  block");
        assert_eq!(normalize_send_text("x\u{a0}\u{1f}"), Some("x".into()));
        assert_eq!(normalize_send_text(" \n\t\u{3000}"), None);
        assert_eq!(normalize_send_text(""), None);
    }

    #[test]
    fn texts_over_16000_characters_are_too_long() {
        let limit = "é".repeat(MAX_TEXT_CHARS);
        assert_eq!(check_text_length(&limit), Ok(()));
        assert_eq!(check_text_length(&format!("{limit}x")), Err(TextTooLong));
        assert_eq!(TextTooLong.to_string(), "text too long (max 16000 characters)");
        assert_eq!(prepare_send_text(&format!("{limit}   ")), Ok(Some(limit.clone())));
        assert_eq!(prepare_send_text(&format!(" {limit}")), Err(TextTooLong));
        assert_eq!(prepare_send_text("  "), Ok(None));
    }

    #[test]
    fn edits_are_trimmed_on_both_sides_and_must_not_be_empty() {
        assert_eq!(normalize_edit_text("  new text \n").unwrap(), "new text");
        assert_eq!(normalize_edit_text(" \t\n"), Err(EditTextError::Empty));
        assert_eq!(normalize_edit_text(""), Err(EditTextError::Empty));
        assert_eq!(EditTextError::Empty.to_string(), "empty");
        let long = "a".repeat(MAX_TEXT_CHARS + 1);
        assert_eq!(normalize_edit_text(&long), Err(EditTextError::TooLong));
        assert_eq!(EditTextError::TooLong.to_string(), "text too long (max 16000 characters)");
        let padded = format!("  {}  ", "a".repeat(MAX_TEXT_CHARS));
        assert_eq!(normalize_edit_text(&padded).unwrap().len(), MAX_TEXT_CHARS);
    }

    #[test]
    fn each_format_is_recognised_by_extension_and_content() {
        assert_eq!(ImageKind::detect("a.png", PNG), Ok(ImageKind::Png));
        assert_eq!(ImageKind::detect("Pic.JPG", JPEG), Ok(ImageKind::Jpeg));
        assert_eq!(ImageKind::detect("pic.jpeg", JPEG), Ok(ImageKind::Jpeg));
        assert_eq!(ImageKind::detect("anim.Gif", GIF), Ok(ImageKind::Gif));
        assert_eq!(ImageKind::detect("x.webp", WEBP), Ok(ImageKind::Webp));
        assert_eq!(ImageKind::detect("old.gif", b"GIF87a.."), Ok(ImageKind::Gif));
    }

    #[test]
    fn an_image_extension_on_other_content_is_refused() {
        assert_eq!(ImageKind::detect("evil.png", b"<html><script>"), Err(UploadError::NotAnImage));
        assert_eq!(ImageKind::detect("empty.jpg", b""), Err(UploadError::NotAnImage));
        assert_eq!(ImageKind::detect("short.webp", b"RIFF\0\0\0\0WEB"), Err(UploadError::NotAnImage));
        assert_eq!(ImageKind::detect("wav.webp", b"RIFF\0\0\0\0WAVEfmt "), Err(UploadError::NotAnImage));
        assert_eq!(
            ImageKind::detect("photo.jpg", PNG),
            Err(UploadError::ExtensionMismatch { claimed: ImageKind::Jpeg, actual: ImageKind::Png })
        );
    }

    #[test]
    fn other_extensions_are_refused_whatever_the_content() {
        for name in ["image.svg", "png", ".png", "a.png.exe", "a.", "noext", "a.png/b", "a.jpg "] {
            assert_eq!(ImageKind::detect(name, PNG), Err(UploadError::UnsupportedExtension), "{name:?}");
        }
        assert_eq!(ImageKind::detect("a.exe.png", PNG), Ok(ImageKind::Png));
        assert_eq!(ImageKind::detect("..png.png", PNG), Ok(ImageKind::Png));
    }

    #[test]
    fn extensions_follow_python_splitext() {
        assert_eq!(lowercase_extension("Report.PDF").as_deref(), Some("pdf"));
        assert_eq!(lowercase_extension("archive.tar.gz").as_deref(), Some("gz"));
        assert_eq!(lowercase_extension("a."), Some(String::new()));
        assert_eq!(lowercase_extension(".bashrc"), None);
        assert_eq!(lowercase_extension("..png"), None);
        assert_eq!(lowercase_extension("dir.d/file"), None);
        assert_eq!(lowercase_extension("noext"), None);
    }

    #[test]
    fn each_kind_names_its_extension_and_type() {
        for kind in [ImageKind::Png, ImageKind::Jpeg, ImageKind::Gif, ImageKind::Webp] {
            assert_eq!(ImageKind::from_extension(kind.extension()), Some(kind));
            assert!(kind.content_type().starts_with("image/"));
        }
        assert_eq!(ImageKind::Jpeg.content_type(), "image/jpeg");
    }

    proptest! {
        #[test]
        fn normalised_texts_are_fixed_points(raw in "\\PC{0,20}|[ \t\n\u{a0}\u{1c}a]{0,10}") {
            if let Some(sent) = normalize_send_text(&raw) {
                prop_assert_eq!(normalize_send_text(&sent), Some(sent.clone()));
                prop_assert!(raw.starts_with(&sent));
            }
            if let Ok(edited) = normalize_edit_text(&raw) {
                prop_assert_eq!(normalize_edit_text(&edited), Ok(edited.clone()));
                prop_assert!(raw.contains(&edited));
            }
        }

        #[test]
        fn bytes_without_a_known_signature_are_never_an_image(bytes in prop::collection::vec(any::<u8>(), 0..16)) {
            let kind = ImageKind::sniff(&bytes);
            let detected = ImageKind::detect("x.png", &bytes);
            prop_assert_eq!(detected.is_ok(), kind == Some(ImageKind::Png));
        }
    }
}
