//! Attachments of any type (§C8.3, §C8.4): which uploads are images, how any other file's name is
//! sanitised into the tail of its stored name, and how a stored file is served (inline or as a
//! download, with which type).
use unicode_normalization::UnicodeNormalization;

use super::messages::{is_python_whitespace, lowercase_extension, ImageKind, UploadError};

/// The longest sanitised name kept in a stored name. A stored name is `<32 hex>_<sanitised>`, so
/// this keeps every stored name (153 bytes at most) within every file system's 255-byte limit, with
/// room for the `.<name>.partial` of a write in progress.
pub const MAX_SANITISED_NAME_CHARS: usize = 120;

/// An extension longer than this is not kept whole when a long name is cut (it is part of the name).
const MAX_KEPT_EXTENSION_CHARS: usize = 16;

/// How an upload is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoredAs {
    /// An image: `<32 hex>.<extension>`, with the upload's own lowercased extension (`jpeg` stays
    /// `jpeg`).
    Image { kind: ImageKind, extension: String },
    /// Any other file: `<32 hex>_<sanitised name>`.
    Download { name: String },
}

/// Decides how an upload named `filename` is stored. A name with an image extension must be that
/// image (its content is checked), so nothing but a real image is ever served inline; any other
/// name is accepted whatever its content, since it is only ever served as a download.
pub fn store_as(filename: &str, bytes: &[u8]) -> Result<StoredAs, UploadError> {
    match lowercase_extension(filename) {
        Some(extension) if ImageKind::from_extension(&extension).is_some() => {
            let kind = ImageKind::detect(filename, bytes)?;
            Ok(StoredAs::Image { kind, extension })
        }
        _ => Ok(StoredAs::Download { name: sanitise(filename) }),
    }
}

/// The reference's sanitising (§C8.3): fold to ASCII (NFKD, non-ASCII dropped), path separators
/// become spaces, whitespace-separated parts are joined with `_`, every character outside
/// `[A-Za-z0-9_.-]` is dropped (control characters too), leading and trailing `.` and `_` are
/// stripped; `file` plus the lowercased extension when nothing is left. Then cut to
/// [`MAX_SANITISED_NAME_CHARS`], keeping the extension.
pub fn sanitise(filename: &str) -> String {
    let folded: String =
        filename.nfkd().filter(char::is_ascii).map(|c| if c == '/' || c == '\\' { ' ' } else { c }).collect();
    let joined = folded.split(is_python_whitespace).filter(|part| !part.is_empty()).collect::<Vec<_>>().join("_");
    let kept: String = joined.chars().filter(|&c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')).collect();
    let name = kept.trim_matches(['.', '_']);
    if name.is_empty() {
        return fallback_name(filename);
    }
    shorten(name)
}

/// `file` plus the upload's lowercased extension, as far as that extension is itself a safe name
/// (an extension of other letters, like `.日本`, is dropped).
fn fallback_name(filename: &str) -> String {
    let extension: String = lowercase_extension(filename)
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(MAX_KEPT_EXTENSION_CHARS)
        .collect();
    if extension.is_empty() {
        "file".to_owned()
    } else {
        format!("file.{extension}")
    }
}

/// Cuts a sanitised name (ASCII only) to [`MAX_SANITISED_NAME_CHARS`], keeping a short extension,
/// and strips the `.` and `_` the cut may leave at the end.
fn shorten(name: &str) -> String {
    if name.len() <= MAX_SANITISED_NAME_CHARS {
        return name.to_owned();
    }
    let extension = name.rfind('.').map(|dot| &name[dot..]).filter(|ext| ext.len() <= MAX_KEPT_EXTENSION_CHARS + 1);
    let extension = extension.unwrap_or("");
    let stem = &name[..MAX_SANITISED_NAME_CHARS - extension.len()];
    format!("{}{extension}", stem.trim_end_matches(['.', '_']))
}

/// Whether `tail` could be what [`sanitise`] returns: the part of a stored name after `<32 hex>_`.
pub fn is_sanitised_name(tail: &str) -> bool {
    !tail.is_empty()
        && tail.len() <= MAX_SANITISED_NAME_CHARS
        && tail.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
        && !tail.starts_with(['.', '_'])
        && !tail.ends_with(['.', '_'])
}

/// The name a stored file is downloaded under (§C8.4): the stored name without its first 33
/// characters when it is longer than that and its 33rd is `_` (the sanitised original name);
/// otherwise the stored name itself.
pub fn download_name(stored: &str) -> &str {
    match stored.get(32..33) {
        Some("_") if stored.len() > 33 => &stored[33..],
        _ => stored,
    }
}

/// How a stored file is answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Served {
    pub content_type: String,
    /// The `Content-Disposition` value.
    pub disposition: String,
    /// Shown inline (an image) rather than downloaded.
    pub inline: bool,
}

/// How the stored file `stored` is served (§C8.4): an image inline under its stored name with its
/// image type, anything else as an attachment under its download name, with the type its
/// extension names (`application/octet-stream` when none; text types in UTF-8).
pub fn served_as(stored: &str) -> Served {
    let image = lowercase_extension(stored).as_deref().and_then(ImageKind::from_extension);
    if let (Some(kind), false) = (image, download_name(stored) != stored) {
        return Served {
            content_type: kind.content_type().to_owned(),
            disposition: format!("inline; filename={stored}"),
            inline: true,
        };
    }
    let download = download_name(stored);
    Served {
        content_type: content_type_of(download),
        disposition: format!("attachment; filename={download}"),
        inline: false,
    }
}

/// The type a download name's extension names.
fn content_type_of(name: &str) -> String {
    let guessed = mime_guess::from_path(name).first_or_octet_stream();
    if guessed.type_() == mime_guess::mime::TEXT && guessed.get_param(mime_guess::mime::CHARSET).is_none() {
        format!("{}; charset=utf-8", guessed.essence_str())
    } else {
        guessed.essence_str().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    const JPEG: &[u8] = &[0xff, 0xd8, 0xff, 0xe0, 0, 0x10, b'J', b'F', b'I', b'F'];

    #[test]
    fn the_reference_examples_sanitise_as_documented() {
        assert_eq!(sanitise("My Report (1).pdf"), "My_Report_1.pdf");
        assert_eq!(sanitise("ñ.txt"), "n.txt");
        assert_eq!(sanitise(".bashrc"), "bashrc");
    }

    #[test]
    fn path_separators_and_control_characters_never_survive() {
        assert_eq!(sanitise("../../etc/passwd"), "etc_passwd");
        assert_eq!(sanitise("..\\..\\boot.ini"), "boot.ini");
        assert_eq!(sanitise("a\u{0}b\u{7}c\r\n.txt"), "abc_.txt");
        assert_eq!(sanitise("tab\tseparated name.md"), "tab_separated_name.md");
        assert_eq!(sanitise("x\u{1f}y.txt"), "x_y.txt", "Python counts \\x1f as whitespace");
    }

    #[test]
    fn names_that_sanitise_to_nothing_become_file_with_the_extension() {
        assert_eq!(sanitise("..."), "file");
        assert_eq!(sanitise(""), "file");
        assert_eq!(sanitise("日本語"), "file");
        assert_eq!(sanitise("日本.日本"), "file", "an extension of other letters is dropped too");
        assert_eq!(sanitise("___.___"), "file");
    }

    #[test]
    fn long_names_are_cut_keeping_their_extension() {
        let long = format!("{}.tar.gz", "a".repeat(300));
        let cut = sanitise(&long);
        assert_eq!(cut.len(), MAX_SANITISED_NAME_CHARS);
        assert!(cut.ends_with("a.gz"), "{cut}");
        let no_extension = "b".repeat(500);
        assert_eq!(sanitise(&no_extension), "b".repeat(MAX_SANITISED_NAME_CHARS));
        let strange_extension = format!("c.{}", "d".repeat(200));
        assert_eq!(sanitise(&strange_extension).len(), MAX_SANITISED_NAME_CHARS);
    }

    #[test]
    fn images_keep_their_own_lowercased_extension_and_must_be_that_image() {
        assert_eq!(
            store_as("photo.JPEG", JPEG),
            Ok(StoredAs::Image { kind: ImageKind::Jpeg, extension: "jpeg".into() })
        );
        assert_eq!(store_as("Pic.JPG", JPEG), Ok(StoredAs::Image { kind: ImageKind::Jpeg, extension: "jpg".into() }));
        assert!(store_as("fake.png", b"<html>").is_err());
        assert!(store_as("png-as.jpg", PNG).is_err());
    }

    #[test]
    fn any_other_file_is_a_download_whatever_its_content() {
        assert_eq!(store_as("report.pdf", b"%PDF-1.4"), Ok(StoredAs::Download { name: "report.pdf".into() }));
        assert_eq!(store_as("page.html", b"<script>"), Ok(StoredAs::Download { name: "page.html".into() }));
        assert_eq!(store_as("image.svg", b"<svg>"), Ok(StoredAs::Download { name: "image.svg".into() }));
        assert_eq!(store_as("empty.txt", b""), Ok(StoredAs::Download { name: "empty.txt".into() }));
    }

    #[test]
    fn the_download_name_drops_the_random_prefix_only() {
        let hex = "0123456789abcdef0123456789abcdef";
        assert_eq!(download_name(&format!("{hex}_My_Report.pdf")), "My_Report.pdf");
        assert_eq!(download_name(&format!("{hex}.png")), format!("{hex}.png"));
        assert_eq!(download_name(&format!("{hex}_")), format!("{hex}_"));
        assert_eq!(download_name("short"), "short");
        assert_eq!(download_name("ü".repeat(20).as_str()), "ü".repeat(20), "never cuts inside a character");
    }

    #[test]
    fn images_are_inline_and_everything_else_an_attachment_with_its_type() {
        let hex = "0123456789abcdef0123456789abcdef";
        let image = served_as(&format!("{hex}.jpeg"));
        assert_eq!(image.content_type, "image/jpeg");
        assert_eq!(image.disposition, format!("inline; filename={hex}.jpeg"));
        assert!(image.inline);
        let pdf = served_as(&format!("{hex}_Report.pdf"));
        assert_eq!(pdf.content_type, "application/pdf");
        assert_eq!(pdf.disposition, "attachment; filename=Report.pdf");
        assert!(!pdf.inline);
        assert_eq!(served_as(&format!("{hex}_notes.txt")).content_type, "text/plain; charset=utf-8");
        assert_eq!(served_as(&format!("{hex}_page.html")).content_type, "text/html; charset=utf-8");
        assert_eq!(served_as(&format!("{hex}_file")).content_type, "application/octet-stream");
        // A download that happens to be named like an image is still a download.
        let png_named = served_as(&format!("{hex}_shot.png"));
        assert!(!png_named.inline);
        assert_eq!(png_named.disposition, "attachment; filename=shot.png");
    }

    proptest! {
        #[test]
        fn every_sanitised_name_is_a_valid_stored_tail(name in "\\PC{0,300}") {
            let sanitised = sanitise(&name);
            prop_assert!(is_sanitised_name(&sanitised), "{:?} -> {:?}", name, sanitised);
        }
    }
}
