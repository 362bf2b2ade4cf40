//! Path templates: the segments of an operation's path and how a raw request path matches them.

/// One segment of a path template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg {
    Lit(&'static str),
    /// `{name}` with `type: string`: percent-decoded, non-empty, no `/`.
    Str,
    /// `{name}` with `type: integer`: ASCII digits only, fits an `i64`.
    Int,
}

#[derive(Debug, Clone)]
enum PathValue {
    Str(String),
    Int(i64),
}

/// The path parameters of a matched route, in path order.
#[derive(Debug, Clone)]
pub struct PathParams(Vec<PathValue>);

impl PathParams {
    pub fn string(&self, index: usize) -> String {
        match self.0.get(index) {
            Some(PathValue::Str(s)) => s.clone(),
            Some(PathValue::Int(i)) => i.to_string(),
            None => String::new(),
        }
    }

    pub fn int(&self, index: usize) -> i64 {
        match self.0.get(index) {
            Some(PathValue::Int(i)) => *i,
            Some(PathValue::Str(s)) => s.parse().unwrap_or_default(),
            None => 0,
        }
    }
}

/// Matches a raw request path against a template; `None` means "not this route".
pub fn match_path(pattern: &[Seg], path: &str) -> Option<PathParams> {
    let mut segments = path.strip_prefix('/')?.split('/');
    let mut params = Vec::new();
    for seg in pattern {
        let raw = segments.next()?;
        match seg {
            Seg::Lit(lit) => {
                if raw != *lit {
                    return None;
                }
            }
            Seg::Str => {
                let decoded = percent_encoding::percent_decode_str(raw).decode_utf8().ok()?;
                if decoded.is_empty() || decoded.contains(['/', '\0']) {
                    return None;
                }
                params.push(PathValue::Str(decoded.into_owned()));
            }
            Seg::Int => {
                if raw.is_empty() || !raw.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                params.push(PathValue::Int(raw.parse().ok()?));
            }
        }
    }
    if segments.next().is_some() {
        return None;
    }
    Some(PathParams(params))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_match_exactly() {
        const P: &[Seg] = &[Seg::Lit("message"), Seg::Int];
        assert_eq!(match_path(P, "/message/42").unwrap().int(0), 42);
        assert!(match_path(P, "/message/-1").is_none());
        assert!(match_path(P, "/message/+1").is_none());
        assert!(match_path(P, "/message/4x").is_none());
        assert!(match_path(P, "/message/99999999999999999999").is_none());
        assert!(match_path(P, "/message/42/").is_none());
        assert!(match_path(P, "/message").is_none());
        const S: &[Seg] = &[Seg::Lit("messages"), Seg::Str];
        assert_eq!(match_path(S, "/messages/dm%3Aa%3Ab").unwrap().string(0), "dm:a:b");
        assert!(match_path(S, "/messages/a%2Fb").is_none());
        assert!(match_path(S, "/messages/").is_none());
    }

    #[test]
    fn no_path_value_holds_a_nul() {
        const S: &[Seg] = &[Seg::Lit("profile"), Seg::Str];
        assert!(match_path(S, "/profile/a%00b").is_none(), "no name holds a NUL: not found");
    }
}
