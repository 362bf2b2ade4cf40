//! File previews (§C10 `GET /file_preview`): which attachments are text or code, and their first
//! lines.
use super::messages::lowercase_extension;

/// How many lines a preview shows (the original's number).
pub const PREVIEW_LINES: usize = 1000;

/// Extensions of the text and code files that are previewed; `language` is the extension itself.
const TEXT_EXTENSIONS: &[&str] = &[
    "bash",
    "bat",
    "c",
    "cc",
    "cfg",
    "clj",
    "cmake",
    "conf",
    "cpp",
    "cs",
    "css",
    "csv",
    "cxx",
    "dart",
    "diff",
    "el",
    "env",
    "erl",
    "ex",
    "exs",
    "fish",
    "go",
    "gradle",
    "graphql",
    "groovy",
    "h",
    "hh",
    "hpp",
    "hs",
    "htm",
    "html",
    "ini",
    "java",
    "jl",
    "js",
    "json",
    "jsonl",
    "jsx",
    "kt",
    "kts",
    "less",
    "lisp",
    "log",
    "lua",
    "m",
    "make",
    "markdown",
    "md",
    "mjs",
    "ml",
    "nim",
    "nix",
    "patch",
    "php",
    "pl",
    "pm",
    "properties",
    "proto",
    "ps1",
    "py",
    "r",
    "rb",
    "rs",
    "rst",
    "sass",
    "scala",
    "scss",
    "sh",
    "sql",
    "svelte",
    "swift",
    "tex",
    "tf",
    "toml",
    "ts",
    "tsv",
    "tsx",
    "txt",
    "vue",
    "xml",
    "yaml",
    "yml",
    "zig",
    "zsh",
];

/// The language of a download name that is previewed (its lowercased extension), or `None` for
/// every other file (images, documents, archives, names without an extension).
pub fn language_of(download_name: &str) -> Option<String> {
    lowercase_extension(download_name).filter(|extension| TEXT_EXTENSIONS.contains(&extension.as_str()))
}

/// A file named as text whose bytes are not text: a NUL byte, or not UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a text file")]
pub struct NotText;

/// The first lines of a text file and how many it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeLines {
    /// The first [`PREVIEW_LINES`] lines, joined with `\n` (a `\r` before a `\n` is dropped).
    pub code: String,
    pub total_lines: u64,
}

/// The preview of a whole (already bounded) file. Lines are counted as `str::lines` does: a final
/// newline does not start another line, and an empty file has none.
pub fn code_lines(bytes: &[u8]) -> Result<CodeLines, NotText> {
    if bytes.contains(&0) {
        return Err(NotText);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| NotText)?;
    let mut lines = text.lines();
    let code = lines.by_ref().take(PREVIEW_LINES).collect::<Vec<_>>().join("\n");
    let shown = text.lines().take(PREVIEW_LINES).count() as u64;
    Ok(CodeLines { code, total_lines: shown + lines.count() as u64 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_code_extensions_name_their_language() {
        assert_eq!(language_of("notes.TXT").as_deref(), Some("txt"));
        assert_eq!(language_of("main.rs").as_deref(), Some("rs"));
        assert_eq!(language_of("script.py").as_deref(), Some("py"));
        for other in ["photo.png", "report.pdf", "archive.tar.gz", "Makefile", "x.exe", ".bashrc"] {
            assert_eq!(language_of(other), None, "{other}");
        }
    }

    #[test]
    fn a_preview_shows_the_first_thousand_lines_and_counts_all() {
        let text: String = (1..=1500).map(|n| format!("line {n}\n")).collect();
        let preview = code_lines(text.as_bytes()).unwrap();
        assert_eq!(preview.total_lines, 1500);
        assert_eq!(preview.code.lines().count(), PREVIEW_LINES);
        assert!(preview.code.starts_with("line 1\nline 2\n"));
        assert!(preview.code.ends_with("line 1000"), "no newline after the last line shown");
    }

    #[test]
    fn short_and_empty_files_are_previewed_whole() {
        assert_eq!(code_lines(b"a\r\nb").unwrap(), CodeLines { code: "a\nb".into(), total_lines: 2 });
        assert_eq!(code_lines(b"one\n").unwrap(), CodeLines { code: "one".into(), total_lines: 1 });
        assert_eq!(code_lines(b"").unwrap(), CodeLines { code: String::new(), total_lines: 0 });
        assert_eq!(code_lines("¡olé!".as_bytes()).unwrap().code, "¡olé!");
    }

    #[test]
    fn binary_content_is_not_text() {
        assert_eq!(code_lines(b"\x89PNG\r\n\x1a\n\0\0"), Err(NotText));
        assert_eq!(code_lines(b"text\0with a nul"), Err(NotText));
        assert_eq!(code_lines(&[0xff, 0xfe, b'a']), Err(NotText));
    }
}
