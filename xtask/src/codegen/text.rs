//! Rust literal helpers for emitted code.

/// A Rust string literal.
pub fn lit(s: &str) -> String {
    format!("{s:?}")
}

/// `///` doc comment lines (an empty string gives nothing).
pub fn doc(text: &str) -> String {
    let mut out = String::new();
    for line in text.split('\n') {
        if line.is_empty() {
            out.push_str("///\n");
        } else {
            out.push_str(&format!("/// {line}\n"));
        }
    }
    out
}
