//! Query parameters.
use super::request_error::RequestError;

/// Query parameters (`serde_urlencoded`; unknown keys are ignored; the first value of a key wins).
#[derive(Debug, Default)]
pub struct Query(Vec<(String, String)>);

impl Query {
    pub fn parse(raw: Option<&str>) -> Query {
        Query(raw.and_then(|q| serde_urlencoded::from_str(q).ok()).unwrap_or_default())
    }

    fn value(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// Query values are never stored, so a NUL in one is just a character (a search for it finds
    /// nothing).
    pub fn string(&self, name: &'static str) -> Result<Option<String>, RequestError> {
        Ok(self.value(name).map(str::to_owned))
    }

    pub fn int(&self, name: &'static str) -> Result<Option<i64>, RequestError> {
        self.value(name)
            .map(|v| {
                v.trim()
                    .parse()
                    .map_err(|_| RequestError::InvalidField { field: name, reason: "expected an integer".to_owned() })
            })
            .transpose()
    }

    pub fn number(&self, name: &'static str) -> Result<Option<f64>, RequestError> {
        self.value(name)
            .map(|v| {
                v.trim()
                    .parse()
                    .map_err(|_| RequestError::InvalidField { field: name, reason: "expected a number".to_owned() })
            })
            .transpose()
    }

    pub fn boolean(&self, name: &'static str) -> Result<Option<bool>, RequestError> {
        self.value(name)
            .map(|v| match v.trim().to_ascii_lowercase().as_str() {
                "true" | "1" | "on" | "yes" => Ok(true),
                "false" | "0" | "off" | "no" | "" => Ok(false),
                _ => Err(RequestError::InvalidField { field: name, reason: "expected a boolean".to_owned() }),
            })
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_ignores_unknown_keys() {
        let q = Query::parse(Some("after=NaN&x=1&after=2"));
        assert_eq!(q.string("after").unwrap().as_deref(), Some("NaN"));
        assert_eq!(q.string("nope").unwrap(), None);
    }
}
