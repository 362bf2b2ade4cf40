//! The typed accessors the generated adapters decode body fields with (form or JSON alike).
use super::body::{Body, UploadedFile};
use super::request_error::RequestError;

/// A decimal integer (optional sign), clamped to the range of `i64`; `None` when it is not one.
fn saturating_int(text: &str) -> Option<i64> {
    use std::num::IntErrorKind;
    match text.parse::<i64>() {
        Ok(value) => Some(value),
        Err(err) => match err.kind() {
            IntErrorKind::PosOverflow => Some(i64::MAX),
            IntErrorKind::NegOverflow => Some(i64::MIN),
            _ => None,
        },
    }
}

fn wrong_type(name: &str, expected: &str) -> RequestError {
    RequestError::MalformedBody(format!("{name} must be {expected}"))
}

/// Text input is never stored or searched with a NUL character: PostgreSQL cannot hold one in a
/// text column, and no name or message needs one.
fn text_value(name: &'static str, value: &str) -> Result<String, RequestError> {
    if value.contains('\0') {
        return Err(RequestError::InvalidField { field: name, reason: "must not contain NUL characters".to_owned() });
    }
    Ok(value.to_owned())
}

impl Body {
    fn form_value(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// A JSON field as sent. `null` is a value like any other: of the wrong type for every field
    /// that the contract does not mark nullable (those are read by [`Body::nullable_string`]).
    fn json_value(&self, name: &str) -> Option<&serde_json::Value> {
        self.json.as_ref()?.get(name)
    }

    /// A string field; JSON `null` is of the wrong type (400).
    pub fn string(&self, name: &'static str) -> Result<Option<String>, RequestError> {
        if self.json.is_some() {
            return match self.json_value(name) {
                None => Ok(None),
                Some(serde_json::Value::String(s)) => text_value(name, s).map(Some),
                Some(_) => Err(wrong_type(name, "a string")),
            };
        }
        self.form_value(name).map(|v| text_value(name, v)).transpose()
    }

    /// A nullable string field (`type: [string, "null"]`): `None` absent, `Some(None)` JSON `null`.
    pub fn nullable_string(&self, name: &'static str) -> Result<Option<Option<String>>, RequestError> {
        if let Some(json) = &self.json {
            return match json.get(name) {
                None => Ok(None),
                Some(serde_json::Value::Null) => Ok(Some(None)),
                Some(serde_json::Value::String(s)) => text_value(name, s).map(|s| Some(Some(s))),
                Some(_) => Err(wrong_type(name, "a string or null")),
            };
        }
        self.form_value(name).map(|v| text_value(name, v).map(Some)).transpose()
    }

    /// An integer field; a form value that does not parse is `InvalidField`.
    pub fn int(&self, name: &'static str) -> Result<Option<i64>, RequestError> {
        self.parsed(name, "an integer", serde_json::Value::as_i64)
    }

    /// An optional integer field: a form value that is empty or does not parse counts as absent
    /// (e.g. `reply_to_id`); JSON of the wrong type is still an error. An integer beyond the range
    /// of `int64` is still an integer (the reference reads it with Python's unbounded `int`): it is
    /// kept at the nearest end of the range, which names nothing, instead of counting as absent.
    pub fn lenient_int(&self, name: &'static str) -> Result<Option<i64>, RequestError> {
        if self.json.is_some() {
            return self.int(name);
        }
        Ok(self.form_value(name).and_then(|v| saturating_int(v.trim())))
    }

    pub fn number(&self, name: &'static str) -> Result<Option<f64>, RequestError> {
        self.parsed(name, "a number", serde_json::Value::as_f64)
    }

    /// A field of a parsable type: JSON must hold it as `from_json` reads it; a form value that does
    /// not parse is `InvalidField`.
    fn parsed<T: std::str::FromStr>(
        &self,
        name: &'static str,
        expected: &'static str,
        from_json: fn(&serde_json::Value) -> Option<T>,
    ) -> Result<Option<T>, RequestError> {
        if self.json.is_some() {
            return match self.json_value(name) {
                None => Ok(None),
                Some(v) => from_json(v).map(Some).ok_or_else(|| wrong_type(name, expected)),
            };
        }
        match self.form_value(name) {
            None => Ok(None),
            Some(v) => v
                .trim()
                .parse()
                .map(Some)
                .map_err(|_| RequestError::InvalidField { field: name, reason: format!("expected {expected}") }),
        }
    }

    pub fn boolean(&self, name: &'static str) -> Result<Option<bool>, RequestError> {
        if self.json.is_some() {
            return match self.json_value(name) {
                None => Ok(None),
                Some(v) => v.as_bool().map(Some).ok_or_else(|| wrong_type(name, "a boolean")),
            };
        }
        match self.form_value(name).map(|v| v.trim().to_ascii_lowercase()) {
            None => Ok(None),
            Some(v) => match v.as_str() {
                "true" | "1" | "on" | "yes" => Ok(Some(true)),
                "false" | "0" | "off" | "no" | "" => Ok(Some(false)),
                _ => Err(RequestError::InvalidField { field: name, reason: "expected a boolean".to_owned() }),
            },
        }
    }

    /// A list of strings: every value of a repeated form field, or a JSON array of strings.
    pub fn strings(&self, name: &'static str) -> Result<Vec<String>, RequestError> {
        if self.json.is_some() {
            return match self.json_value(name) {
                None => Ok(Vec::new()),
                Some(serde_json::Value::Array(items)) => items
                    .iter()
                    .map(|item| {
                        item.as_str()
                            .ok_or_else(|| wrong_type(name, "a list of strings"))
                            .and_then(|s| text_value(name, s))
                    })
                    .collect(),
                Some(_) => Err(wrong_type(name, "a list of strings")),
            };
        }
        self.fields.iter().filter(|(k, _)| k == name).map(|(_, v)| text_value(name, v)).collect()
    }

    /// The first file part of a field.
    pub fn file(&mut self, name: &'static str) -> Option<UploadedFile> {
        let index = self.files.iter().position(|f| f.field_name == name)?;
        Some(self.files.remove(index))
    }

    /// Every file part of a (repeated) field, in request order.
    pub fn files(&mut self, name: &'static str) -> Vec<UploadedFile> {
        let (taken, kept) = std::mem::take(&mut self.files).into_iter().partition(|f| f.field_name == name);
        self.files = kept;
        taken
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::http::request_error::require;

    #[test]
    fn text_with_a_nul_character_is_refused_wherever_it_comes_from() {
        fn refused<T>(result: Result<T, RequestError>) -> bool {
            matches!(result, Err(RequestError::InvalidField { field: "t", .. }))
        }
        let form = Body { fields: vec![("t".into(), "a\0b".into())], ..Body::default() };
        assert!(refused(form.string("t")));
        assert!(refused(form.nullable_string("t")));
        assert!(refused(form.strings("t")));
        let json = Body {
            json: Some(serde_json::json!({"t": ["ok", "a\u{0}"]}).as_object().unwrap().clone()),
            ..Body::default()
        };
        assert!(refused(json.strings("t")));
        let json =
            Body { json: Some(serde_json::json!({"t": "\u{0}"}).as_object().unwrap().clone()), ..Body::default() };
        assert!(refused(json.string("t")));
        assert!(refused(json.nullable_string("t")));
    }

    #[test]
    fn form_and_json_accessors() {
        let form = Body { fields: vec![("n".into(), " 7 ".into()), ("bad".into(), "x".into())], ..Body::default() };
        assert_eq!(form.int("n").unwrap(), Some(7));
        assert!(matches!(form.int("bad"), Err(RequestError::InvalidField { field: "bad", .. })));
        assert_eq!(form.lenient_int("bad").unwrap(), None);
        let huge = Body {
            fields: vec![
                ("up".into(), " 99999999999999999999 ".into()),
                ("down".into(), "-9223372036854775809".into()),
            ],
            ..Body::default()
        };
        assert_eq!(huge.lenient_int("up").unwrap(), Some(i64::MAX));
        assert_eq!(huge.lenient_int("down").unwrap(), Some(i64::MIN));
        let json = Body {
            json: Some(serde_json::json!({"s": 1, "l": ["a"], "z": null}).as_object().unwrap().clone()),
            ..Body::default()
        };
        assert_eq!(json.string("s").unwrap_err().to_string(), "invalid body: s must be a string");
        assert_eq!(json.strings("l").unwrap(), vec!["a".to_owned()]);
        assert_eq!(json.string("z").unwrap_err().to_string(), "invalid body: z must be a string");
        assert_eq!(json.string("missing").unwrap(), None);
        assert_eq!(json.nullable_string("z").unwrap(), Some(None));
        assert_eq!(json.nullable_string("missing").unwrap(), None);
        assert_eq!(require("x", None::<String>).unwrap_err(), RequestError::MissingField("x"));
    }
}
