//! Rust literal helpers for emitted code.
use serde_json::Value;

/// A Rust string literal.
pub fn lit(s: &str) -> String {
    format!("{s:?}")
}

thread_local! {
    static TEXTS: std::cell::RefCell<Option<Vec<String>>> = const { std::cell::RefCell::new(None) };
}

/// Starts collecting long strings (see `text_lit`) for one file.
pub fn begin_texts() {
    TEXTS.with(|t| *t.borrow_mut() = Some(Vec::new()));
}

/// A string expression: long texts become `TEXT[i]`, so that rustfmt can format the builder chains
/// around them (it gives up on lines it cannot fit).
pub fn text_lit(s: &str) -> String {
    TEXTS.with(|t| match t.borrow_mut().as_mut() {
        Some(texts) if s.len() > 40 || s.contains('\n') => {
            let index = match texts.iter().position(|x| x == s) {
                Some(index) => index,
                None => {
                    texts.push(s.to_owned());
                    texts.len() - 1
                }
            };
            format!("TEXT[{index}]")
        }
        _ => lit(s),
    })
}

/// Ends collecting: the `TEXT` table (empty string when nothing was collected).
pub fn end_texts() -> String {
    let texts = TEXTS.with(|t| t.borrow_mut().take()).unwrap_or_default();
    if texts.is_empty() {
        return String::new();
    }
    let mut out = String::from("\n/// Long texts of the spec, referenced by index.\nconst TEXT: &[&str] = &[\n");
    for text in texts {
        out.push_str(&lit(&text));
        out.push_str(",\n");
    }
    out.push_str("];\n");
    out
}

/// Tokens for `serde_json::json!(...)` that rebuild `value` exactly (numbers keep int/float kind).
pub fn json_tokens(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => {
            if n.is_f64() {
                let f = n.as_f64().unwrap_or(0.0);
                let s = format!("{f:?}");
                if s.contains('.') || s.contains('e') || s.contains("inf") || s.contains("NaN") {
                    s
                } else {
                    format!("{s}.0")
                }
            } else {
                n.to_string()
            }
        }
        Value::String(s) => lit(s),
        Value::Array(items) => {
            let inner: Vec<String> = items.iter().map(json_tokens).collect();
            format!("[{}]", inner.join(", "))
        }
        Value::Object(map) => {
            let inner: Vec<String> = map.iter().map(|(k, v)| format!("{}: {}", lit(k), json_tokens(v))).collect();
            format!("{{{}}}", inner.join(", "))
        }
    }
}

/// `serde_json::json!(...)` expression.
pub fn json_expr(value: &Value) -> String {
    format!("serde_json::json!({})", json_tokens(value))
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
