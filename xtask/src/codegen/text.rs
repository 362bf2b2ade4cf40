//! Rust literal helpers for emitted code.
use serde_json::Value;

/// A Rust string literal.
pub fn lit(s: &str) -> String {
    format!("{s:?}")
}

/// `Some("..")` or `None::<String>`.
pub fn opt_lit(s: Option<&str>) -> String {
    match s {
        Some(s) => format!("Some({})", lit(s)),
        None => "None::<String>".to_owned(),
    }
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
            let inner: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", lit(k), json_tokens(v)))
                .collect();
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
    for line in text.lines() {
        if line.is_empty() {
            out.push_str("///\n");
        } else {
            out.push_str(&format!("/// {line}\n"));
        }
    }
    out
}

/// `#[doc = ".."]` attributes, one per line: exact text (utoipa reads descriptions from these).
pub fn doc_attrs(text: &str) -> String {
    let mut out = String::new();
    for line in text.split('\n') {
        out.push_str(&format!("#[doc = {}]\n", lit(line)));
    }
    out
}
